import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Progress,
  Result,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { api, ApiError, newActionKey, unwrap } from '../api/client';
import { postFile, postFileAndSave } from '../api/upload';
import type { RegisterPreview, SurveyView } from '../api/types';
import { useAuth } from '../auth';
import { formatDate, formatLastDay, levelLabels } from '../labels';
import { searchByName } from '../search';
import { CommandError } from './dossier/command';
import { PaperBatches } from './PaperBatches';
import { fileButtonStyle } from '../components/file-button';

/** The largest register the server takes (apps/api/src/surveys/register-upload.ts). */
const MAX_REGISTER_BYTES = 8 * 1024 * 1024;
/** Ballot sheets per file at most (apps/api/src/surveys/ballot-sheets.ts). */
const MAX_SHEETS_PER_FILE = 500;

const statusLabels: Record<SurveyView['status'], string> = {
  open: 'Đang nhận phiếu',
  closed: 'Đã kết thúc, đã kiểm phiếu',
  posted: 'Đã kết thúc, đang niêm yết kết quả',
};

const percent = (permille: number) => `${(permille / 10).toLocaleString('vi-VN')}%`;

/** Per mille of a part, rounded down (as the server rounds for display). */
const permilleOf = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 1000) / whole) : 0);

const surveysKey = (dossierId: string) => ['surveys', dossierId];

/**
 * The Front's satisfaction survey of one dossier (Ban Thường trực UBMTTQ xã): open a round, import the household
 * register (preview first), follow participation per village while it runs (answers stay hidden), close it, and
 * read the result against the rule, which goes onto the dossier.
 */
export default function SurveyPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const dossier = useQuery({
    queryKey: ['dossier', id, null],
    queryFn: () => unwrap(api.GET('/api/v1/dossiers/{id}', { params: { path: { id } } })),
  });
  const surveys = useQuery({
    queryKey: surveysKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/dossiers/{id}/surveys', { params: { path: { id } } })),
    // Participation while the survey runs: refreshed without reloading.
    refetchInterval: (q) => (q.state.data?.at(-1)?.status === 'open' ? 10_000 : false),
  });
  if (dossier.isLoading || surveys.isLoading) return <Skeleton active />;
  if (!dossier.data || !surveys.data) {
    const e = dossier.error ?? surveys.error;
    return (
      <Result
        status={e instanceof ApiError && e.status === 403 ? '403' : '404'}
        title="Không mở được khảo sát của hồ sơ"
        subTitle={e instanceof Error ? e.message : undefined}
      />
    );
  }
  const d = dossier.data;
  const latest = surveys.data.at(-1);
  const takesResult = !!d.current && !d.survey;
  // Only the Front acts on a survey (the server refuses anyone else too); the commune and the levels above read it.
  const front = user?.role === 'front_officer';
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
        Lấy ý kiến sự hài lòng của người dân: {d.commune.name}
      </Typography.Title>
      <Typography.Paragraph>
        Hồ sơ {levelLabels[d.level]} năm {d.year}. <Link to={`/ho-so/${d.id}`}>Xem hồ sơ {d.code ?? ''}</Link>
      </Typography.Paragraph>
      {d.survey && (
        <Alert
          type="success"
          showIcon
          title={`Hồ sơ đã có kết quả lấy ý kiến: ${d.survey.satisfied}/${d.survey.formsCollected} phiếu hài lòng, thu về ${d.survey.formsCollected}/${d.survey.households} hộ.`}
          style={{ marginBottom: 16 }}
        />
      )}
      {!front && (
        <Alert
          type="info"
          showIcon
          title="Việc mở đợt lấy ý kiến, nhập danh sách hộ, in phiếu, nhập phiếu giấy và kết thúc khảo sát do cán bộ UBMTTQ xã thực hiện; anh/chị xem được tình hình và kết quả."
          style={{ marginBottom: 16 }}
        />
      )}
      {latest && <Round survey={latest} dossierId={d.id} front={front} role={user?.role} />}
      {!latest && !front && <Typography.Paragraph>Chưa mở đợt lấy ý kiến nào.</Typography.Paragraph>}
      {front && (!latest || latest.status !== 'open') && takesResult && (
        <OpenRound dossierId={d.id} round={(latest?.round ?? 0) + 1} />
      )}
    </div>
  );
}

/** Opens a round: the default questions (the overall one and one per criterion), open until the chosen day. */
const OpenRound = ({ dossierId, round }: { dossierId: string; round: number }) => {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const open = useMutation({
    mutationFn: (closesOn: Dayjs) =>
      unwrap(
        api.POST('/api/v1/dossiers/{id}/surveys', {
          params: { path: { id: dossierId }, header: { 'Idempotency-Key': newActionKey() } },
          body: { period: { closesAt: closesOn.endOf('day').toISOString() } },
        }),
      ),
    onSuccess: () => {
      message.success('Đã mở đợt lấy ý kiến');
      void queryClient.invalidateQueries({ queryKey: surveysKey(dossierId) });
    },
  });
  return (
    <Card title={round > 1 ? `Mở đợt lấy ý kiến lần ${round}` : 'Mở đợt lấy ý kiến'}>
      <CommandError error={open.error} />
      <Typography.Paragraph>
        Phiếu gồm câu hỏi chung về kết quả xây dựng nông thôn mới của xã và một câu hỏi cho mỗi tiêu chí. Tỷ
        lệ hộ tham gia tối thiểu và ngưỡng hài lòng theo quy định áp dụng cho hồ sơ.
      </Typography.Paragraph>
      <Form
        layout="inline"
        initialValues={{ closesOn: dayjs().add(14, 'day') }}
        onFinish={(v: { closesOn: Dayjs }) => open.mutate(v.closesOn)}
      >
        <Form.Item
          name="closesOn"
          label="Hạn nhận phiếu (hết ngày)"
          rules={[{ required: true, message: 'Chọn hạn nhận phiếu' }]}
        >
          <DatePicker format="DD/MM/YYYY" disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          Mở đợt lấy ý kiến
        </Button>
      </Form>
    </Card>
  );
};

const Round = ({
  survey: s,
  dossierId,
  front,
  role,
}: {
  survey: SurveyView;
  dossierId: string;
  /** A Front officer of the commune: the one who acts. */
  front: boolean;
  role: string | undefined;
}) => {
  // The register file just imported: printing its sheets needs no second choice of the file.
  const [imported, setImported] = useState<File | null>(null);
  const running = s.status === 'open';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', marginBottom: 24 }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={`Đợt lấy ý kiến lần ${s.round}`}>
        <Descriptions.Item label="Tình trạng">
          <Tag color={s.status === 'open' ? 'blue' : 'green'}>{statusLabels[s.status]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="Thời gian nhận phiếu">
          {formatDate(s.period.opensAt)} – {formatLastDay(s.period.closesAt)}
        </Descriptions.Item>
        <Descriptions.Item label="Danh sách hộ">
          {s.register
            ? `${s.register.households.toLocaleString('vi-VN')} hộ, ${s.participation.perVillage.length} thôn`
            : 'Chưa nhập'}
        </Descriptions.Item>
        <Descriptions.Item label="Quy định">
          Tối thiểu {percent(s.participation.coverageMinimumPermille)} số hộ tham gia; đạt khi từ{' '}
          {percent(s.participation.satisfactionThresholdPermille)} số phiếu hài lòng
        </Descriptions.Item>
      </Descriptions>
      {front && running && !s.register && (
        <RegisterImport survey={s} dossierId={dossierId} onImported={setImported} />
      )}
      {running && s.register && (front || role === 'commune_officer') && <BallotLink surveyId={s.surveyId} />}
      {front && running && s.register && <BallotSheets survey={s} imported={imported} />}
      <Participation survey={s} />
      {front && running && s.register && <PaperBatches survey={s} dossierId={dossierId} />}
      {front && running && <Close survey={s} dossierId={dossierId} />}
      {!running && <Tally survey={s} />}
    </Space>
  );
};

/** Why a register file cannot be sent, or null: CSV or XLSX, at most 8 MB (the server checks again). */
const registerFileProblem = (file: File): ApiError | null => {
  const ext = file.name.slice(file.name.lastIndexOf('.')).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx')
    return new ApiError(
      0,
      'FILE_TYPE',
      `Tệp "${file.name}" không đúng loại: chỉ nhận CSV hoặc Excel (.xlsx).`,
    );
  if (file.size > MAX_REGISTER_BYTES) return new ApiError(0, 'FILE_SIZE', `Tệp "${file.name}" lớn hơn 8 MB.`);
  return null;
};

/** How far a file has gone up, and what the server does once it is all there. */
const UploadProgress = ({ progress, then }: { progress: number | null; then: string }) =>
  progress === null ? null : (
    <div role="status" style={{ marginTop: 8 }}>
      <Progress percent={progress} aria-label="Tiến độ tải tệp lên" />
      {progress === 100 && <span>{then}</span>}
    </div>
  );

/** The register: choose a CSV or XLSX file, see every bad line (nothing applied), then import it. */
const RegisterImport = ({
  survey,
  dossierId,
  onImported,
}: {
  survey: SurveyView;
  dossierId: string;
  onImported: (file: File) => void;
}) => {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<RegisterPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = async <T,>(what: 'register/preview' | 'register', chosen: File): Promise<T | null> => {
    setError(null);
    setProgress(0);
    try {
      return await postFile<T>(`/api/v1/surveys/${survey.surveyId}/${what}`, chosen, setProgress, {
        'Idempotency-Key': newActionKey(),
      });
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setProgress(null);
    }
  };
  const choose = async (chosen: File) => {
    setPreview(null);
    const problem = registerFileProblem(chosen);
    if (problem) return setError(problem);
    setFile(chosen);
    setPreview(await upload<RegisterPreview>('register/preview', chosen));
  };
  const apply = async () => {
    if (!file) return;
    const done = await upload<{ households: number }>('register', file);
    if (!done) return;
    message.success(`Đã nhập danh sách ${done.households.toLocaleString('vi-VN')} hộ`);
    onImported(file);
    void queryClient.invalidateQueries({ queryKey: surveysKey(dossierId) });
  };
  return (
    <Card title="Nhập danh sách hộ gia đình">
      <Typography.Paragraph>
        Tệp CSV hoặc Excel (.xlsx), hai cột: mã hộ, thôn (dòng tiêu đề «Mã hộ, Thôn» nếu có). Hệ thống kiểm
        tra toàn bộ tệp và liệt kê mọi dòng lỗi trước khi nhập; tệp còn lỗi thì không hộ nào được nhập.
      </Typography.Paragraph>
      <div role="group" aria-label="Tệp danh sách hộ">
        <Upload.Dragger
          accept=".csv,.xlsx"
          multiple={false}
          showUploadList={false}
          aria-label="Tệp danh sách hộ"
          beforeUpload={(chosen) => {
            void choose(chosen);
            return Upload.LIST_IGNORE;
          }}
        >
          <p style={{ fontSize: 16, margin: 0 }}>Kéo thả tệp vào đây, hoặc bấm để chọn tệp</p>
          <p style={{ color: '#595959', margin: 0 }}>CSV hoặc XLSX, tối đa 8 MB</p>
        </Upload.Dragger>
      </div>
      <UploadProgress progress={progress} then="Đang kiểm tra tệp…" />
      <div style={{ marginTop: 16 }}>
        <CommandError error={error} />
      </div>
      {preview && !preview.valid && file && (
        <>
          <Alert
            type="error"
            showIcon
            role="alert"
            title={`Tệp «${file.name}» có ${preview.totalErrors} dòng lỗi, chưa nhập hộ nào. Sửa các dòng dưới đây rồi chọn lại tệp.`}
            style={{ marginBottom: 16 }}
          />
          <Table
            size="small"
            rowKey={(r) => `${r.line}-${r.code}-${r.field ?? ''}`}
            dataSource={[...preview.errors]}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: 'Dòng', dataIndex: 'line', width: 90 },
              { title: 'Lỗi', dataIndex: 'message' },
            ]}
          />
        </>
      )}
      {preview?.valid && file && (
        <>
          <Alert
            type="success"
            showIcon
            role="status"
            title={`Tệp «${file.name}» hợp lệ: ${preview.households.toLocaleString('vi-VN')} hộ ở ${preview.villages.length} thôn.`}
            style={{ marginBottom: 16 }}
          />
          <Table
            size="small"
            rowKey="village"
            dataSource={[...preview.villages]}
            pagination={false}
            columns={[
              { title: 'Thôn', dataIndex: 'village' },
              { title: 'Số hộ', dataIndex: 'households' },
            ]}
            style={{ marginBottom: 16 }}
          />
          <Button type="primary" onClick={() => void apply()} disabled={progress !== null}>
            Nhập danh sách {preview.households.toLocaleString('vi-VN')} hộ
          </Button>
        </>
      )}
    </Card>
  );
};

/** Where residents answer: the public ballot page; each household's QR code adds its code after '#ma='. */
const BallotLink = ({ surveyId }: { surveyId: string }) => {
  const url = `${window.location.origin}/phieu/${surveyId}`;
  return (
    <Card title="Phiếu trực tuyến">
      <Typography.Paragraph>
        Người dân mở trang phiếu bằng điện thoại và nhập mã hộ in trên phiếu (mỗi hộ một phiếu, không cần tài
        khoản). Đường dẫn:{' '}
        <Typography.Text copyable={{ text: url, tooltips: ['Sao chép', 'Đã sao chép'] }} code>
          {url}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        Mã QR trên phiếu của từng hộ mở đường dẫn này kèm mã hộ: {url}#ma=&lt;mã hộ&gt;.
      </Typography.Paragraph>
    </Card>
  );
};

/**
 * Ballot sheets, one per household: the form above a cut line, the household's one-time code and its QR link
 * below (apps/api/src/surveys/ballot-sheets.ts says why). The system keeps no household code, so the sheets are
 * printed from the register file imported (the one just imported, or chosen again), by village or in parts.
 */
const BallotSheets = ({ survey, imported }: { survey: SurveyView; imported: File | null }) => {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(imported);
  const [village, setVillage] = useState('');
  const [part, setPart] = useState(1);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const villages = survey.register?.villages ?? [];
  const selected =
    village === ''
      ? (survey.register?.households ?? 0)
      : (villages.find((v) => v.village === village)?.households ?? 0);
  const parts = Math.max(1, Math.ceil(selected / MAX_SHEETS_PER_FILE));
  const print = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    const query = new URLSearchParams();
    if (village !== '') query.set('village', village);
    if (parts > 1) query.set('part', String(Math.min(part, parts)));
    const url = `/api/v1/surveys/${survey.surveyId}/ballot-sheets${query.size > 0 ? `?${query}` : ''}`;
    try {
      await postFileAndSave(url, file, setProgress, 'phieu-lay-y-kien.pdf');
      message.success('Đã tải tệp phiếu và mã hộ gia đình');
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Card title="Phiếu giấy và mã hộ gia đình">
      <Typography.Paragraph>
        Mỗi hộ một tờ: phần trên là phiếu lấy ý kiến (không ghi tên, không ghi mã hộ), phần dưới cắt rời ghi
        mã hộ dùng một lần và mã QR mở trang phiếu trực tuyến. Hộ trả lời trên giấy nộp phần mã hộ riêng, bỏ
        phiếu vào hòm phiếu của thôn, nên không phiếu nào gắn được với hộ. Hệ thống không lưu mã hộ, vì vậy
        phiếu được in từ chính tệp danh sách hộ đã nhập; tệp chỉ dùng để in, không được lưu. Mỗi tệp tối đa{' '}
        {MAX_SHEETS_PER_FILE} tờ.
      </Typography.Paragraph>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Upload
          accept=".csv,.xlsx"
          multiple={false}
          showUploadList={false}
          beforeUpload={(chosen) => {
            const problem = registerFileProblem(chosen);
            setError(problem);
            if (!problem) setFile(chosen);
            return Upload.LIST_IGNORE;
          }}
        >
          {/* Upload's own wrapper is the button: a button inside it would nest two controls. */}
          <span style={fileButtonStyle}>{file ? 'Chọn tệp khác' : 'Chọn tệp danh sách hộ đã nhập'}</span>
        </Upload>
        <span>{file ? `Tệp: ${file.name}` : 'Chưa chọn tệp'}</span>
      </Space>
      <Space wrap align="center">
        <Select
          aria-label="Thôn cần in phiếu"
          style={{ minWidth: 220 }}
          showSearch={searchByName}
          value={village}
          onChange={(v) => {
            setVillage(v);
            setPart(1);
          }}
          options={[
            { value: '', label: `Toàn xã (${survey.register?.households ?? 0} hộ)` },
            ...villages.map((v) => ({ value: v.village, label: `${v.village} (${v.households} hộ)` })),
          ]}
        />
        {parts > 1 && (
          <Select
            aria-label="Phần cần in"
            value={Math.min(part, parts)}
            onChange={setPart}
            options={Array.from({ length: parts }, (_, i) => ({
              value: i + 1,
              label: `Phần ${i + 1}/${parts}`,
            }))}
          />
        )}
        <Button type="primary" disabled={!file || progress !== null} onClick={() => void print()}>
          In phiếu và mã hộ gia đình
        </Button>
      </Space>
      <UploadProgress progress={progress} then="Đang tạo tệp PDF…" />
      <div style={{ marginTop: 16 }}>
        <CommandError error={error} />
      </div>
    </Card>
  );
};

/** Households that answered, overall and per village: never what they answered while the survey runs. */
const Participation = ({ survey: s }: { survey: SurveyView }) => {
  const p = s.participation;
  return (
    <Card title={s.status === 'open' ? 'Số hộ đã tham gia (cập nhật liên tục)' : 'Số hộ đã tham gia'}>
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic
          title="Hộ đã gửi phiếu"
          value={`${p.ballots.toLocaleString('vi-VN')}/${p.households.toLocaleString('vi-VN')}`}
        />
        <Statistic title="Tỷ lệ tham gia" value={percent(p.participationPermille)} />
        <Statistic title="Phiếu trực tuyến" value={p.online} />
        <Statistic title="Phiếu giấy" value={p.paper} />
      </Space>
      <Typography.Paragraph>
        {p.coverageMet
          ? `Đã đạt tỷ lệ tham gia tối thiểu ${percent(p.coverageMinimumPermille)}.`
          : `Chưa đạt tỷ lệ tham gia tối thiểu ${percent(p.coverageMinimumPermille)}.`}
      </Typography.Paragraph>
      {s.status === 'open' && (
        <Alert
          type="info"
          showIcon
          title="Ý kiến trả lời của các hộ chỉ được tổng hợp và hiển thị sau khi kết thúc khảo sát."
          style={{ marginBottom: 16 }}
        />
      )}
      <Table
        size="small"
        rowKey="village"
        dataSource={[...p.perVillage]}
        pagination={false}
        aria-label="Số hộ tham gia theo thôn"
        columns={[
          { title: 'Thôn', dataIndex: 'village' },
          { title: 'Số hộ', dataIndex: 'households' },
          { title: 'Hộ đã gửi phiếu', dataIndex: 'ballots' },
          {
            title: 'Tỷ lệ tham gia',
            key: 'rate',
            render: (_, v) => percent(permilleOf(v.ballots, v.households)),
          },
        ]}
      />
    </Card>
  );
};

/** Closing: the count, the result on the dossier, its public posting (one request, each step done once). */
const Close = ({ survey, dossierId }: { survey: SurveyView; dossierId: string }) => {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const close = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/surveys/{id}/close', {
          params: { path: { id: survey.surveyId }, header: { 'Idempotency-Key': newActionKey() } },
          body: {},
        }),
      ),
    onSuccess: (done) => {
      if (done.dossierError)
        message.warning(`Đã kiểm phiếu; hồ sơ chưa nhận kết quả: ${done.dossierError.message}`);
      else message.success('Đã kết thúc khảo sát, kiểm phiếu và ghi kết quả vào hồ sơ');
      void queryClient.invalidateQueries({ queryKey: surveysKey(dossierId) });
      void queryClient.invalidateQueries({ queryKey: ['dossier', dossierId] });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
    },
  });
  return (
    <Card title="Kết thúc khảo sát">
      <CommandError error={close.error} />
      <Typography.Paragraph>
        Khi kết thúc, hệ thống không nhận thêm phiếu, kiểm phiếu, ghi kết quả vào hồ sơ và niêm yết kết quả.
        Khảo sát cũng tự kết thúc khi hết hạn (hết ngày {formatLastDay(survey.period.closesAt)}).
      </Typography.Paragraph>
      <Button
        danger
        loading={close.isPending}
        onClick={() => {
          void modal.confirm({
            title: 'Kết thúc khảo sát và kiểm phiếu?',
            content: 'Sau khi kết thúc, các hộ không gửi phiếu được nữa.',
            okText: 'Kết thúc và kiểm phiếu',
            cancelText: 'Chưa kết thúc',
            onOk: () => close.mutateAsync().catch(() => undefined),
          });
        }}
      >
        Kết thúc khảo sát
      </Button>
    </Card>
  );
};

/** The result against the rule, question by question (shown once the survey is closed). */
const Tally = ({ survey: s }: { survey: SurveyView }) => {
  const t = s.tally;
  if (!t) return null;
  const questionText = new Map(
    [s.questions.overall, ...s.questions.criteria].map((q) => [q.id, q.text] as const),
  );
  const passed = t.coverageMet && t.thresholdMet;
  return (
    <Card title="Kết quả lấy ý kiến">
      <Alert
        type={passed ? 'success' : 'warning'}
        showIcon
        role="status"
        title={
          passed
            ? `Đạt yêu cầu: ${t.satisfied}/${t.ballots} phiếu hài lòng (${percent(t.satisfactionPermille)}), ${t.ballots}/${t.households} hộ tham gia (${percent(t.participationPermille)}).`
            : `Chưa đạt yêu cầu: ${t.satisfied}/${t.ballots} phiếu hài lòng (${percent(t.satisfactionPermille)}), ${t.ballots}/${t.households} hộ tham gia (${percent(t.participationPermille)}).`
        }
        description={
          t.ruleFailures?.length ? (
            <ul style={{ margin: 0 }}>
              {t.ruleFailures.map((f) => (
                <li key={f.message}>{f.message}</li>
              ))}
            </ul>
          ) : undefined
        }
        style={{ marginBottom: 16 }}
      />
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Tỷ lệ hộ tham gia">
          {percent(t.participationPermille)} (tối thiểu {percent(t.coverageMinimumPermille)}):{' '}
          {t.coverageMet ? 'đạt' : 'chưa đạt'}
        </Descriptions.Item>
        <Descriptions.Item label="Tỷ lệ hài lòng (câu hỏi chung)">
          {percent(t.satisfactionPermille)} (ngưỡng {percent(t.satisfactionThresholdPermille)}):{' '}
          {t.thresholdMet ? 'đạt' : 'chưa đạt'}
        </Descriptions.Item>
        {s.posting && (
          <Descriptions.Item label="Niêm yết kết quả">
            Từ {formatDate(s.posting.from)} đến {formatDate(s.posting.until)} tại{' '}
            {s.posting.places.join('; ')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table
        size="small"
        rowKey="question"
        dataSource={[...t.perQuestion]}
        pagination={false}
        aria-label="Kết quả từng câu hỏi"
        columns={[
          { title: 'Câu hỏi', key: 'text', render: (_, q) => questionText.get(q.question) ?? q.question },
          { title: 'Hài lòng', dataIndex: 'satisfied' },
          { title: 'Chưa hài lòng', dataIndex: 'notSatisfied' },
          { title: 'Không ý kiến', dataIndex: 'noAnswer' },
          {
            title: 'Tỷ lệ hài lòng',
            key: 'rate',
            render: (_, q) => (q.answered > 0 ? percent(q.satisfactionPermille) : '—'),
          },
        ]}
      />
    </Card>
  );
};
