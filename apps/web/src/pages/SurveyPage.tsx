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
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { api, ApiError, newActionKey, unwrap } from '../api/client';
import { postFile } from '../api/upload';
import type { RegisterPreview, SurveyView } from '../api/types';
import { formatDate, levelLabels } from '../labels';
import { CommandError } from './dossier/command';
import { PaperBatches } from './PaperBatches';

/** The largest register the server takes (apps/api/src/surveys/register-upload.ts). */
const MAX_REGISTER_BYTES = 8 * 1024 * 1024;

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
      {latest && <Round survey={latest} dossierId={d.id} />}
      {(!latest || latest.status !== 'open') && takesResult && (
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

const Round = ({ survey: s, dossierId }: { survey: SurveyView; dossierId: string }) => (
  <Space direction="vertical" size="large" style={{ width: '100%', marginBottom: 24 }}>
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={`Đợt lấy ý kiến lần ${s.round}`}>
      <Descriptions.Item label="Tình trạng">
        <Tag color={s.status === 'open' ? 'blue' : 'green'}>{statusLabels[s.status]}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="Thời gian nhận phiếu">
        {formatDate(s.period.opensAt)} – {formatDate(s.period.closesAt)}
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
    {s.status === 'open' && !s.register && <RegisterImport survey={s} dossierId={dossierId} />}
    {s.status === 'open' && s.register && <BallotLink surveyId={s.surveyId} />}
    <Participation survey={s} />
    {s.status === 'open' && s.register && <PaperBatches survey={s} dossierId={dossierId} />}
    {s.status === 'open' ? <Close survey={s} dossierId={dossierId} /> : <Tally survey={s} />}
  </Space>
);

/** The register: choose a CSV or XLSX file, see every bad line (nothing applied), then import it. */
const RegisterImport = ({ survey, dossierId }: { survey: SurveyView; dossierId: string }) => {
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
    const ext = chosen.name.slice(chosen.name.lastIndexOf('.')).toLowerCase();
    if (ext !== '.csv' && ext !== '.xlsx') {
      setError(
        new ApiError(
          0,
          'FILE_TYPE',
          `Tệp "${chosen.name}" không đúng loại: chỉ nhận CSV hoặc Excel (.xlsx).`,
        ),
      );
      return;
    }
    if (chosen.size > MAX_REGISTER_BYTES) {
      setError(new ApiError(0, 'FILE_SIZE', `Tệp "${chosen.name}" lớn hơn 8 MB.`));
      return;
    }
    setFile(chosen);
    setPreview(await upload<RegisterPreview>('register/preview', chosen));
  };
  const apply = async () => {
    if (!file) return;
    const done = await upload<{ households: number }>('register', file);
    if (!done) return;
    message.success(`Đã nhập danh sách ${done.households.toLocaleString('vi-VN')} hộ`);
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
      {progress !== null && (
        <div role="status" style={{ marginTop: 8 }}>
          <Progress percent={progress} aria-label="Tiến độ tải tệp lên" />
          {progress === 100 && <span>Đang kiểm tra tệp…</span>}
        </div>
      )}
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
        Khảo sát cũng tự kết thúc khi hết hạn ({formatDate(survey.period.closesAt)}).
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
