import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { api, newActionKey, unwrap } from '../api/client';
import type { SurveyView } from '../api/types';
import { useAuth } from '../auth';
import { stackOnPhone } from '../components/stack-on-phone';
import { CommandError } from './dossier/command';

type Batch = SurveyView['batches'][number];
type Mismatch = Batch['mismatches'][number];
type CountField = 'satisfied' | 'notSatisfied' | 'noAnswer';

const COUNT_LABELS: Record<CountField, string> = {
  satisfied: 'hài lòng',
  notSatisfied: 'chưa hài lòng',
  noAnswer: 'không ý kiến',
};
const FIELDS = Object.keys(COUNT_LABELS) as CountField[];

const STATUS: Record<Batch['status'], { label: string; color: string }> = {
  'awaiting-second-entry': { label: 'Chờ cán bộ thứ hai nhập', color: 'gold' },
  disputed: { label: 'Hai lần nhập lệch nhau, chưa được tính', color: 'red' },
  accepted: { label: 'Hai lần nhập khớp, đã được tính', color: 'green' },
};

interface BatchForm {
  batchId: string;
  village: string;
  households: string;
  counts: Record<string, Record<CountField, number>>;
}

/**
 * Paper ballots of a village, entered twice: each Front officer types the batch (the households that handed in a
 * form and the totals per question); it counts once two officers' entries agree. A mismatch is shown figure by
 * figure, side by side, and resolved by a re-entry that agrees with the other officer's (or a third officer's).
 */
export const PaperBatches = ({ survey, dossierId }: { survey: SurveyView; dossierId: string }) => {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [form] = Form.useForm<BatchForm>();
  const formRef = useRef<HTMLDivElement>(null);
  const questions = [survey.questions.overall, ...survey.questions.criteria];
  const questionText = new Map(questions.map((q) => [q.id, q.text] as const));
  /** Who typed an entry: the officer's name (the account for entries without one), or "anh/chị" for one's own. */
  const who = (e: { enteredBy: string; enteredByName?: string }) =>
    e.enteredBy === user?.id ? 'anh/chị' : (e.enteredByName ?? e.enteredBy);
  const enter = useMutation({
    mutationFn: (v: BatchForm) =>
      unwrap(
        api.POST('/api/v1/surveys/{id}/paper-batches', {
          params: { path: { id: survey.surveyId }, header: { 'Idempotency-Key': newActionKey() } },
          body: {
            batchId: v.batchId.trim(),
            village: v.village,
            input: {
              mode: 'counts',
              households: v.households
                .split(/[\s,;]+/)
                .map((c) => c.trim())
                .filter((c) => c !== ''),
              counts: questions.map((q) => ({
                question: q.id,
                satisfied: v.counts?.[q.id]?.satisfied ?? 0,
                notSatisfied: v.counts?.[q.id]?.notSatisfied ?? 0,
                noAnswer: v.counts?.[q.id]?.noAnswer ?? 0,
              })),
            },
          },
        }),
      ),
    onSuccess: (_answer, v) => {
      message.success(`Đã ghi tập phiếu ${v.batchId}`);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['surveys', dossierId] });
    },
  });
  const reenter = (b: Batch) => {
    form.resetFields();
    form.setFieldsValue({ batchId: b.batchId, village: b.village });
    formRef.current?.scrollIntoView({ behavior: 'smooth' });
  };
  const differenceRows = (m: Mismatch) =>
    m.differences.map((d, i) =>
      d.field === 'households'
        ? {
            key: i,
            what: 'Mã hộ nộp phiếu',
            earlier: `${d.onlyInEarlier.count} mã hộ chỉ có ở lần nhập này`,
            later: `${d.onlyInLater.count} mã hộ chỉ có ở lần nhập này`,
          }
        : d.field === 'forms'
          ? { key: i, what: 'Số phiếu', earlier: String(d.earlier), later: String(d.later) }
          : {
              key: i,
              what: `${questionText.get(d.question) ?? d.question}: số phiếu ${COUNT_LABELS[d.field]}`,
              earlier: String(d.earlier),
              later: String(d.later),
            },
    );
  return (
    <Card title="Phiếu giấy (mỗi tập nhập hai lần)">
      <Typography.Paragraph>
        Mỗi tập phiếu giấy của thôn do hai cán bộ nhập độc lập; tập phiếu chỉ được tính khi hai lần nhập khớp
        nhau. Khi lệch, một trong hai cán bộ đối chiếu phiếu gốc và nhập lại (hoặc cán bộ thứ ba nhập).
      </Typography.Paragraph>
      <Table<Batch>
        size="small"
        rowKey="batchId"
        dataSource={[...survey.batches]}
        pagination={false}
        aria-label="Các tập phiếu giấy"
        locale={{ emptyText: <span style={{ color: '#262626' }}>Chưa có tập phiếu giấy nào.</span> }}
        {...stackOnPhone<Batch>([
          { title: 'Tập phiếu', dataIndex: 'batchId' },
          { title: 'Thôn', dataIndex: 'village' },
          {
            title: 'Tình trạng',
            key: 'status',
            render: (_, b) => <Tag color={STATUS[b.status].color}>{STATUS[b.status].label}</Tag>,
          },
          {
            title: 'Các lần nhập',
            key: 'entries',
            render: (_, b) =>
              b.entries.map((e) => `Lần ${e.entryNo}: ${who(e)} nhập ${e.forms} phiếu`).join('; '),
          },
          {
            title: '',
            key: 'action',
            rowActions: true,
            render: (_, b) =>
              b.status !== 'accepted' && (
                <Button size="small" onClick={() => reenter(b)}>
                  Nhập tập {b.batchId}
                </Button>
              ),
          },
        ])}
        expandable={{
          rowExpandable: (b) => b.mismatches.length > 0,
          defaultExpandAllRows: true,
          expandedRowRender: (b) =>
            b.mismatches.map((m) => (
              <Table
                key={`${m.earlier.entryNo}-${m.later.entryNo}`}
                size="small"
                pagination={false}
                aria-label={`Chỗ lệch của tập ${b.batchId}`}
                title={() => `Chỗ lệch giữa lần nhập ${m.earlier.entryNo} và lần nhập ${m.later.entryNo}`}
                dataSource={differenceRows(m)}
                {...stackOnPhone<ReturnType<typeof differenceRows>[number]>([
                  { title: 'Nội dung', dataIndex: 'what' },
                  { title: `Lần ${m.earlier.entryNo} — ${who(m.earlier)}`, dataIndex: 'earlier' },
                  { title: `Lần ${m.later.entryNo} — ${who(m.later)}`, dataIndex: 'later' },
                ])}
              />
            )),
        }}
        style={{ marginBottom: 24 }}
      />
      <div ref={formRef}>
        <Typography.Title level={3} style={{ fontSize: 18 }}>
          Nhập một tập phiếu
        </Typography.Title>
        <CommandError error={enter.error} />
        <Form<BatchForm> form={form} layout="vertical" onFinish={(v) => enter.mutate(v)}>
          <Form.Item
            name="batchId"
            label="Mã tập phiếu"
            extra="Hai cán bộ nhập cùng một mã tập phiếu"
            rules={[
              { required: true, whitespace: true, max: 100, message: 'Nhập mã tập phiếu (tối đa 100 ký tự)' },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="village" label="Thôn" rules={[{ required: true, message: 'Chọn thôn' }]}>
            <Select
              options={(survey.register?.villages ?? []).map((v) => ({ value: v.village, label: v.village }))}
            />
          </Form.Item>
          <Form.Item
            name="households"
            label="Mã các hộ đã nộp phiếu (mỗi mã một dòng)"
            rules={[{ required: true, whitespace: true, message: 'Nhập mã các hộ đã nộp phiếu' }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={questions}
            aria-label="Số phiếu theo từng câu hỏi"
            // On a phone each question over its three counts, each count under its name.
            {...stackOnPhone([
              { title: 'Câu hỏi', dataIndex: 'text' },
              ...FIELDS.map((field) => ({
                title: `Số phiếu ${COUNT_LABELS[field]}`,
                key: field,
                width: 130,
                render: (_: unknown, q: { id: string; text: string }) => (
                  <Form.Item name={['counts', q.id, field]} noStyle initialValue={0}>
                    <InputNumber
                      min={0}
                      max={100000}
                      aria-label={`${q.text}: số phiếu ${COUNT_LABELS[field]}`}
                    />
                  </Form.Item>
                ),
              })),
            ])}
            style={{ marginBottom: 16 }}
          />
          <Alert
            type="info"
            showIcon
            title="Ở mỗi câu hỏi, tổng số phiếu hài lòng, chưa hài lòng và không ý kiến bằng số hộ đã nộp phiếu."
            style={{ marginBottom: 16 }}
          />
          <Button type="primary" htmlType="submit" loading={enter.isPending}>
            Ghi tập phiếu
          </Button>
        </Form>
      </div>
    </Card>
  );
};
