import { Link } from 'react-router-dom';
import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { DossierView, ReturnReason } from '../../api/types';
import { DocumentLink, documentOf, EvidenceUpload, type UploadedDocument } from '../../components/Evidence';
import { SendButton, UploadsProvider } from '../../components/uploads';
import { formatDate, formatDateTime, vnd } from '../../labels';
import { useLedger } from '../construction-debt/shared';
import {
  CommandButton,
  CommandError,
  CountItem,
  DocumentItem,
  PlacesItem,
  PostingForm,
  useDossierCommand,
} from './command';
import { IndicatorSelfAssessment } from './Indicators';
import { PostingCommentForm, PostingCommentList } from './PostingComments';
import {
  assessmentOf,
  CriterionReasons,
  criteriaSetOf,
  indicatorSetOf,
  MET_OPTIONS,
  type DossierTabProps,
} from './shared';

/** The reasons of the return being answered now (supplementation step), else none. */
const openReasons = (dossier: DossierView): ReturnReason[] =>
  dossier.current?.step === 'supplementation' ? (dossier.rounds.at(-1)?.returned?.reasons ?? []) : [];

const reasonSubject = (r: ReturnReason): string =>
  r.criterion ? `tiêu chí ${r.criterion}` : r.document ? `tài liệu “${r.document}”` : 'hồ sơ';

interface Row {
  criterion: number;
  met: boolean | null;
  value: string;
  evidence: UploadedDocument[];
}

/** Step 1: the self-assessment, criterion by criterion, each with its evidence. */
const SelfAssessment = ({ dossier, editable }: { dossier: DossierView; editable: boolean }) => {
  const set = criteriaSetOf(dossier);
  const criteria = set?.criteria ?? [];
  const last = assessmentOf(dossier);
  const [rows, setRows] = useState<Row[]>(() =>
    criteria.map((c) => {
      const a = last?.criteria.find((x) => x.criterion === c.number);
      return {
        criterion: c.number,
        met: a ? a.met : null,
        value: a?.value ?? '',
        evidence: (a?.evidence ?? []).map(documentOf),
      };
    }),
  );
  const [report, setReport] = useState<UploadedDocument[]>(last?.report ? [documentOf(last.report)] : []);
  const command = useDossierCommand(dossier.id, dossier.version);
  const missing = rows.filter((r) => r.met === null).length;
  // A criterion the commune says it meets needs its evidence (the server refuses it otherwise).
  const unproven = rows.filter((r) => r.met === true && r.evidence.length === 0).map((r) => r.criterion);
  const update = (n: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.criterion === n ? { ...r, ...patch } : r)));
  const reasons = openReasons(dossier);
  return (
    <div>
      <Typography.Paragraph>
        Bộ tiêu chí: {set?.source ?? dossier.criteriaSet?.document.title}. Với mỗi tiêu chí, chọn “Đạt” hoặc
        “Chưa đạt”, ghi kết quả thực hiện và đính kèm tài liệu minh chứng.
      </Typography.Paragraph>
      <ol aria-label="Các tiêu chí" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {criteria.map((c) => {
          const r = rows.find((x) => x.criterion === c.number)!;
          return (
            <li key={c.number} style={{ borderTop: '1px solid #d9d9d9', padding: '12px 0' }}>
              <Space wrap style={{ marginBottom: 8 }}>
                <strong>
                  Tiêu chí {c.number}. {c.name}
                </strong>
                {c.key && <Tag>Tiêu chí then chốt</Tag>}
                {r.evidence.length > 0 && <Tag color="blue">{r.evidence.length} minh chứng</Tag>}
              </Space>
              <CriterionReasons reasons={reasons} criterion={c.number} />
              {/* Three columns, one on a narrow screen (index.css). */}
              <div className="criterion-row">
                <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                  <legend style={{ fontSize: 14, marginBottom: 4 }}>
                    Kết quả tự đánh giá tiêu chí {c.number}
                  </legend>
                  <Radio.Group
                    disabled={!editable}
                    value={r.met}
                    onChange={(e) => update(c.number, { met: e.target.value as boolean })}
                    options={MET_OPTIONS}
                  />
                </fieldset>
                <div>
                  <label
                    htmlFor={`value-${c.number}`}
                    style={{ display: 'block', fontSize: 14, marginBottom: 4 }}
                  >
                    Kết quả thực hiện tiêu chí {c.number} (số liệu, mô tả)
                  </label>
                  <Input.TextArea
                    id={`value-${c.number}`}
                    disabled={!editable}
                    value={r.value}
                    maxLength={2000}
                    autoSize={{ minRows: 1 }}
                    onChange={(e) => update(c.number, { value: e.target.value })}
                  />
                </div>
                <div>
                  {editable ? (
                    <EvidenceUpload
                      compact
                      label={`Tài liệu minh chứng tiêu chí ${c.number}`}
                      value={r.evidence}
                      onChange={(evidence) => update(c.number, { evidence })}
                    />
                  ) : (
                    r.evidence.map((d) => <DocumentLink key={d.sha256} sha256={d.sha256} />)
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {editable && (
        <Card size="small" style={{ marginTop: 16 }} title="Báo cáo kết quả tự đánh giá (không bắt buộc)">
          <EvidenceUpload label="Báo cáo kết quả tự đánh giá" value={report} onChange={setReport} />
        </Card>
      )}
      {editable && (
        <div style={{ marginTop: 16 }}>
          <CommandError error={command.error} />
          {missing > 0 && (
            <Typography.Paragraph>
              Còn {missing} tiêu chí chưa chọn “Đạt” hoặc “Chưa đạt”.
            </Typography.Paragraph>
          )}
          {unproven.length > 0 && (
            <Typography.Paragraph>
              Tiêu chí tự đánh giá đạt cần ít nhất một tài liệu minh chứng; còn thiếu ở tiêu chí{' '}
              {unproven.join(', ')}.
            </Typography.Paragraph>
          )}
          <Space wrap>
            <CommandButton
              type="primary"
              disabled={missing > 0 || unproven.length > 0}
              command={command}
              request={{
                path: '/api/v1/dossiers/{id}/self-assessment',
                body: {
                  criteria: rows.map((r) => ({
                    criterion: r.criterion,
                    met: r.met,
                    value: r.value,
                    evidence: r.evidence.map((d) => d.sha256),
                  })),
                  ...(report[0] ? { report: report[0].sha256 } : {}),
                },
                success: 'Đã lưu kết quả tự đánh giá',
              }}
            >
              Lưu kết quả tự đánh giá
            </CommandButton>
            {last && (
              <Typography.Text type="secondary">Đã lưu {dossier.assessments.length} lần.</Typography.Text>
            )}
          </Space>
        </div>
      )}
    </div>
  );
};

/** Step 2: public posting of the draft report, residents' comments, closing. */
const PublicPosting = ({ dossier, editable }: { dossier: DossierView; editable: boolean }) => {
  const posting = dossier.postings.at(-1);
  const command = useDossierCommand(dossier.id, dossier.version);
  if (!posting) {
    if (!editable) return <Typography.Text>Chưa niêm yết.</Typography.Text>;
    return (
      <>
        <CommandError error={command.error} />
        <PostingForm<{ where: string[] }>
          command={command}
          path="/api/v1/dossiers/{id}/public-posting"
          success="Đã ghi nhận việc niêm yết công khai"
          fromLabel="Ngày bắt đầu niêm yết"
          submitLabel="Ghi nhận niêm yết"
          initialValues={{ where: ['Trụ sở UBND xã'] }}
          body={(v) => ({ where: v.where })}
        >
          <PlacesItem label="Nơi niêm yết" placeholder="Ví dụ: Trụ sở UBND xã, Nhà văn hóa thôn" />
        </PostingForm>
      </>
    );
  }
  return (
    <div>
      <Typography.Paragraph>
        Niêm yết từ ngày {formatDate(posting.from)} tại: {posting.where.join('; ')}.{' '}
        {posting.closedAt ? (
          <Tag color="green">Đã kết thúc ngày {formatDate(posting.closedAt)}</Tag>
        ) : (
          <Tag color="blue">Đang niêm yết</Tag>
        )}
      </Typography.Paragraph>
      <PostingCommentList comments={posting.comments} />
      <CommandError error={command.error} />
      {editable && !posting.closedAt && (
        <PostingCommentForm
          command={command}
          posting={posting}
          close={{
            path: '/api/v1/dossiers/{id}/public-posting/close',
            success: 'Đã kết thúc niêm yết',
            label: 'Kết thúc niêm yết',
          }}
        />
      )}
    </div>
  );
};

/** Step 3: the residents' satisfaction survey (recorded by the Front; shown to the commune). */
const Survey = ({ dossier, canRecord }: { dossier: DossierView; canRecord: boolean }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  const s = dossier.survey;
  if (s)
    return (
      <Typography.Paragraph>
        {s.satisfied}/{s.formsCollected} phiếu hài lòng ({Math.round(s.satisfactionRate * 1000) / 10}%), thu
        về {s.formsCollected}/{s.households} hộ.
      </Typography.Paragraph>
    );
  if (!canRecord)
    return (
      <Typography.Text>Ủy ban MTTQ xã chưa gửi kết quả lấy ý kiến sự hài lòng của người dân.</Typography.Text>
    );
  return (
    <>
      <Typography.Paragraph>
        <Link to={`/ho-so/${dossier.id}/khao-sat`}>
          Tổ chức lấy ý kiến các hộ (phiếu trực tuyến và danh sách hộ)
        </Link>
        , hoặc ghi kết quả đã tổng hợp:
      </Typography.Paragraph>
      <Form
        layout="inline"
        onFinish={(v) =>
          command.mutate({
            path: '/api/v1/dossiers/{id}/survey-result',
            body: v,
            success: 'Đã ghi kết quả lấy ý kiến',
          })
        }
      >
        <CommandError error={command.error} />
        <CountItem name="households" label="Số hộ" min={1} />
        <CountItem name="formsCollected" label="Số phiếu thu về" />
        <CountItem name="satisfied" label="Số phiếu hài lòng" />
        <Button type="primary" htmlType="submit" loading={command.isPending}>
          Ghi kết quả
        </Button>
      </Form>
    </>
  );
};

/** Step 4: the commune meeting's vote, with its minutes. */
const Meeting = ({ dossier, editable }: { dossier: DossierView; editable: boolean }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  const m = dossier.meeting;
  if (m)
    return (
      <Typography.Paragraph>
        {m.attendees} người dự họp; {m.votesFor} đồng ý, {m.votesAgainst} không đồng ý. Biên bản:{' '}
        <DocumentLink sha256={m.minutes} name="tải biên bản họp" />
      </Typography.Paragraph>
    );
  if (!editable) return <Typography.Text>Chưa họp.</Typography.Text>;
  return (
    <Form
      layout="vertical"
      onFinish={(v: {
        attendees: number;
        votesFor: number;
        votesAgainst: number;
        minutes: UploadedDocument[];
      }) =>
        command.mutate({
          path: '/api/v1/dossiers/{id}/commune-meeting',
          body: {
            attendees: v.attendees,
            votesFor: v.votesFor,
            votesAgainst: v.votesAgainst,
            minutes: v.minutes[0].sha256,
          },
          success: 'Đã ghi kết quả họp',
        })
      }
    >
      <CommandError error={command.error} />
      <Space wrap>
        <CountItem name="attendees" label="Số người dự họp" min={1} />
        <CountItem name="votesFor" label="Số phiếu đồng ý" />
        <CountItem name="votesAgainst" label="Số phiếu không đồng ý" />
      </Space>
      <DocumentItem name="minutes" label="Biên bản họp" />
      <SendButton type="primary" htmlType="submit" loading={command.isPending}>
        Ghi kết quả họp
      </SendButton>
    </Form>
  );
};

/** A document behind a condition: its number, date, issuer and the uploaded copy. */
interface Proof {
  number: string;
  issuedOn: string;
  issuer: string;
  year?: number;
  outstanding?: number;
  files: UploadedDocument[];
}
const emptyProof: Proof = { number: '', issuedOn: '', issuer: '', files: [] };
const proofComplete = (p: Proof) =>
  p.number.trim() !== '' && p.issuedOn !== '' && p.issuer.trim() !== '' && p.files.length > 0;
const proofBody = (p: Proof) => ({
  number: p.number.trim(),
  issuedOn: p.issuedOn,
  issuer: p.issuer.trim(),
  evidence: p.files.map((f) => f.sha256),
});

const ProofFields = ({
  legend,
  value,
  onChange,
  extra,
}: {
  legend: string;
  value: Proof;
  onChange: (p: Proof) => void;
  extra: 'year' | 'outstanding';
}) => (
  <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
    <legend style={{ fontSize: 15 }}>{legend}</legend>
    <Space wrap>
      <Input
        aria-label={`${legend}: số văn bản`}
        placeholder="Số văn bản"
        maxLength={100}
        value={value.number}
        onChange={(e) => onChange({ ...value, number: e.target.value })}
      />
      <DatePicker
        aria-label={`${legend}: ngày ban hành`}
        placeholder="Ngày ban hành"
        format="DD/MM/YYYY"
        value={value.issuedOn ? dayjs(value.issuedOn) : null}
        onChange={(d) => onChange({ ...value, issuedOn: d ? d.format('YYYY-MM-DD') : '' })}
      />
      <Input
        aria-label={`${legend}: cơ quan ban hành`}
        placeholder="Cơ quan ban hành"
        maxLength={200}
        value={value.issuer}
        onChange={(e) => onChange({ ...value, issuer: e.target.value })}
      />
      {extra === 'year' ? (
        <InputNumber
          aria-label={`${legend}: năm công nhận`}
          min={2000}
          max={2100}
          value={value.year}
          onChange={(n) => onChange({ ...value, year: n ?? undefined })}
        />
      ) : (
        <InputNumber
          aria-label={`${legend}: số nợ còn lại (đồng)`}
          min={0}
          value={value.outstanding}
          onChange={(n) => onChange({ ...value, outstanding: n ?? 0 })}
        />
      )}
    </Space>
    <EvidenceUpload label={legend} value={value.files} onChange={(files) => onChange({ ...value, files })} />
  </fieldset>
);

/** Step 5: submission, enabled once the checklist is complete. */
const Submission = ({ dossier, editable }: { dossier: DossierView; editable: boolean }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  const [evidence, setEvidence] = useState<UploadedDocument[]>([]);
  // Conditions 3 and 4 rest on documents (Decision 03/2024/QĐ-TTg), not on a yes/no answer.
  const [certificate, setCertificate] = useState<Proof>({ ...emptyProof, year: dossier.year });
  const [debt, setDebt] = useState<Proof>({ ...emptyProof, outstanding: 0 });
  const reasons = openReasons(dossier);
  const [answers, setAnswers] = useState<string[]>(() => reasons.map(() => ''));
  const resubmitting = dossier.current?.step === 'supplementation';
  // What changed, one line per reason: the review reads each answer beside the reason it answers.
  const changes = reasons
    .map((r, i) => `${reasonSubject(r)} (${r.text}): ${answers[i]?.trim() ?? ''}`)
    .join('\n');
  const posting = dossier.postings.at(-1);
  // The server refuses a submission while the commune's ledger owes (CONSTRUCTION_DEBT_IN_LEDGER): say so first.
  const owed = useLedger(dossier.commune.communeCode).data?.owedInAll.total;
  const indicators = indicatorSetOf(dossier);
  const { communePosting, communeMeeting } = dossier.procedure;
  const postingPeriod = `${communePosting.amount} ${communePosting.unit === 'working-days' ? 'ngày làm việc' : 'ngày'}`;
  const meetingThreshold = communeMeeting.threshold;
  const checklist = useMemo(
    () => [
      // What the server's submission requires (SubmitDossier), in the words of the dossier's own set and procedure.
      indicators
        ? {
            done: dossier.assessments.length > 0,
            text: `Đã kê khai giá trị từng chỉ tiêu kèm minh chứng (${indicators.source.decision})`,
          }
        : { done: dossier.assessments.length > 0, text: 'Đã tự đánh giá các tiêu chí' },
      {
        done: !!posting?.closedAt,
        text: `Đã niêm yết công khai (${postingPeriod}) và kết thúc niêm yết`,
      },
      { done: !!dossier.survey, text: 'Có kết quả lấy ý kiến sự hài lòng của người dân' },
      {
        done: !!dossier.meeting,
        text: `Đã họp, biểu quyết đề nghị xét công nhận (tỷ lệ tán thành từ ${Math.round(meetingThreshold * 100)}%)`,
      },
      {
        done: proofComplete(certificate),
        text: 'Đã có quyết định công nhận xã đạt tiêu chuẩn "An toàn về an ninh, trật tự" của năm',
      },
      {
        done: proofComplete(debt),
        text: 'Đã có văn bản xác nhận của cơ quan tài chính về nợ đọng xây dựng cơ bản',
      },
      {
        done: owed === 0,
        text:
          owed === undefined
            ? 'Đang đọc sổ theo dõi nợ đọng xây dựng cơ bản của xã'
            : owed === 0
              ? 'Sổ theo dõi nợ đọng xây dựng cơ bản của xã không còn khoản nợ nào'
              : `Sổ theo dõi nợ đọng xây dựng cơ bản của xã còn ${vnd(owed)} chưa trả (mục "Nợ đọng xây dựng cơ bản")`,
      },
      { done: evidence.length > 0, text: 'Đã đính kèm tài liệu của hồ sơ nộp' },
      ...(resubmitting
        ? [
            {
              done: reasons.every((_, i) => (answers[i] ?? '').trim().length > 0),
              text: 'Đã trả lời từng lý do trả lại',
            },
          ]
        : []),
    ],
    [
      dossier,
      posting,
      indicators,
      postingPeriod,
      meetingThreshold,
      certificate,
      debt,
      owed,
      evidence,
      resubmitting,
      reasons,
      answers,
    ],
  );
  const ready = checklist.every((c) => c.done);
  if (!editable)
    return (
      <Typography.Text>
        Hồ sơ đã nộp ngày {formatDateTime(dossier.rounds.at(-1)?.submittedAt)}.
      </Typography.Text>
    );
  return (
    <div>
      <Typography.Paragraph strong>
        Những việc cần hoàn thành trước khi nộp (quy trình: {dossier.procedure.title}):
      </Typography.Paragraph>
      <ul aria-label="Danh sách kiểm tra trước khi nộp" style={{ listStyle: 'none', paddingLeft: 0 }}>
        {checklist.map((c) => (
          <li key={c.text} style={{ marginBottom: 4 }}>
            <Checkbox checked={c.done} disabled aria-label={c.text} />{' '}
            <span style={{ color: c.done ? '#135200' : '#a8071a' }}>
              {c.done ? 'Đã xong' : 'Còn thiếu'}: {c.text}
            </span>
          </li>
        ))}
      </ul>
      <ProofFields
        legend='Quyết định công nhận xã đạt tiêu chuẩn "An toàn về an ninh, trật tự"'
        value={certificate}
        onChange={setCertificate}
        extra="year"
      />
      <ProofFields
        legend="Văn bản xác nhận của cơ quan tài chính về nợ đọng xây dựng cơ bản"
        value={debt}
        onChange={setDebt}
        extra="outstanding"
      />
      {resubmitting && (
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
          <legend style={{ fontSize: 15 }}>Nội dung đã bổ sung, hoàn thiện theo từng lý do trả lại</legend>
          {reasons.map((r, i) => (
            <div key={i} style={{ marginBottom: 8 }}>
              <label htmlFor={`answer-${i}`} style={{ display: 'block', marginBottom: 4 }}>
                Trả lời lý do trả lại {reasonSubject(r)}: {r.text}
              </label>
              <Input.TextArea
                id={`answer-${i}`}
                value={answers[i] ?? ''}
                onChange={(e) =>
                  setAnswers((a) => reasons.map((_, j) => (j === i ? e.target.value : (a[j] ?? ''))))
                }
                autoSize={{ minRows: 2 }}
                maxLength={Math.floor(9000 / Math.max(1, reasons.length))}
              />
            </div>
          ))}
        </fieldset>
      )}
      <div style={{ marginBottom: 4 }}>Tài liệu của hồ sơ nộp (tờ trình, báo cáo…)</div>
      <EvidenceUpload label="Tài liệu của hồ sơ nộp" value={evidence} onChange={setEvidence} />
      <div style={{ marginTop: 16 }}>
        <CommandError error={command.error} />
        <CommandButton
          type="primary"
          size="large"
          disabled={!ready}
          command={command}
          request={{
            path: resubmitting ? '/api/v1/dossiers/{id}/resubmission' : '/api/v1/dossiers/{id}/submission',
            body: {
              securityCertificate: { ...proofBody(certificate), year: certificate.year ?? dossier.year },
              debtConfirmation: { ...proofBody(debt), outstanding: debt.outstanding ?? 0 },
              documents: evidence.map((d) => d.sha256),
              ...(resubmitting ? { changes } : {}),
            },
            success: resubmitting ? 'Đã nộp lại hồ sơ' : 'Đã nộp hồ sơ',
          }}
        >
          {resubmitting ? 'Nộp lại hồ sơ' : 'Nộp hồ sơ'}
        </CommandButton>
        {!ready && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            Nút “Nộp hồ sơ” mở khi mọi mục trên đã xong.
          </Typography.Paragraph>
        )}
      </div>
    </div>
  );
};

/** The commune's work on its dossier, in the order of the procedure. */
export const Preparation = ({ dossier, role, readOnly }: DossierTabProps) => {
  const step = dossier.current?.step;
  const preparing = step === 'commune-preparation' || step === 'supplementation';
  const editable = !readOnly && preparing && role === 'commune_officer';
  const posting = dossier.postings.at(-1);
  const returned = dossier.rounds.at(-1)?.returned;
  const section = (n: number, title: string, done: boolean, body: React.ReactNode) => (
    <Card
      key={title}
      title={
        <Space>
          <span>
            {n}. {title}
          </span>
          {done ? <Tag color="green">Đã xong</Tag> : <Tag>Chưa xong</Tag>}
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      {/* A file on its way holds back its own section's buttons only, not the other steps'. */}
      <UploadsProvider>{body}</UploadsProvider>
    </Card>
  );
  return (
    <div>
      {returned && step === 'supplementation' && (
        <Alert
          type="warning"
          showIcon
          title="Hồ sơ bị trả lại để bổ sung"
          description={
            <ul style={{ margin: 0 }}>
              {returned.reasons.map((r, i) => (
                <li key={i}>
                  {r.criterion ? `Tiêu chí ${r.criterion}: ` : r.document ? `${r.document}: ` : ''}
                  {r.text}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {section(
        1,
        indicatorSetOf(dossier) ? 'Tự đánh giá theo từng chỉ tiêu' : 'Tự đánh giá các tiêu chí',
        dossier.assessments.length > 0,
        indicatorSetOf(dossier) ? (
          <IndicatorSelfAssessment dossier={dossier} editable={editable} reasons={openReasons(dossier)} />
        ) : (
          <SelfAssessment dossier={dossier} editable={editable} />
        ),
      )}
      {section(
        2,
        'Niêm yết công khai, lấy ý kiến góp ý',
        !!posting?.closedAt,
        <PublicPosting dossier={dossier} editable={editable} />,
      )}
      {section(
        3,
        'Lấy ý kiến sự hài lòng của người dân',
        !!dossier.survey,
        <Survey dossier={dossier} canRecord={!readOnly && preparing && role === 'front_officer'} />,
      )}
      {section(
        4,
        'Họp, biểu quyết đề nghị xét công nhận',
        !!dossier.meeting,
        <Meeting dossier={dossier} editable={editable} />,
      )}
      {section(
        5,
        resubmitting(step) ? 'Nộp lại hồ sơ' : 'Nộp hồ sơ',
        dossier.rounds.length > 0 && !preparing,
        <Submission dossier={dossier} editable={editable} />,
      )}
      {!readOnly && role === dossier.procedure.roles.withdraw && WITHDRAWABLE.includes(dossier.status) && (
        <Card title="Rút hồ sơ">
          <Withdrawal dossier={dossier} />
        </Card>
      )}
    </div>
  );
};

/** The statuses a dossier may be withdrawn in (the decider's rule): before the chairman's decision. */
const WITHDRAWABLE: readonly DossierView['status'][] = ['preparing', 'in-review', 'returned'];

/** The commune withdraws its dossier, stating why, after confirming: a withdrawn dossier goes no further. */
const Withdrawal = ({ dossier }: { dossier: DossierView }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  const { modal } = App.useApp();
  return (
    <div>
      <Typography.Paragraph>
        Xã rút hồ sơ khi không tiếp tục đề nghị xét công nhận. Hồ sơ đã rút thì không được xử lý tiếp.
      </Typography.Paragraph>
      <CommandError error={command.error} />
      <Form
        layout="vertical"
        onFinish={(v: { reason: string }) =>
          void modal.confirm({
            title: `Rút hồ sơ của ${dossier.commune.name}?`,
            content: 'Sau khi rút, hồ sơ không được xử lý tiếp.',
            okText: 'Đồng ý rút hồ sơ',
            okButtonProps: { danger: true },
            cancelText: 'Không rút',
            onOk: () =>
              command
                .mutateAsync({
                  path: '/api/v1/dossiers/{id}/withdrawal',
                  body: { reason: v.reason.trim() },
                  success: 'Đã rút hồ sơ',
                })
                .catch(() => undefined),
          })
        }
      >
        <Form.Item
          name="reason"
          label="Lý do rút hồ sơ"
          rules={[{ required: true, whitespace: true, message: 'Nhập lý do rút hồ sơ' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Button danger htmlType="submit" loading={command.isPending}>
          Rút hồ sơ
        </Button>
      </Form>
    </div>
  );
};

const resubmitting = (step: string | undefined) => step === 'supplementation';
