// The public's comments on a posting (the commune's draft report, the district's verification report, the
// appraisal report on the provincial portal): the list received, and the form that records one. The server files a
// comment on whichever posting the step has open.
import dayjs, { type Dayjs } from 'dayjs';
import { Button, DatePicker, Form, Input, List, Space } from 'antd';
import type { DossierView } from '../../api/types';
import { formatDate } from '../../labels';
import { CommandButton, type CommandRequest, type DossierCommand } from './command';

type PublicComment = DossierView['postings'][number]['comments'][number];

/** The comments received on a posting, in the order they were recorded. */
export const PostingCommentList = ({ comments }: { comments: PublicComment[] }) => (
  <List
    header={<strong>Ý kiến góp ý ({comments.length})</strong>}
    dataSource={comments}
    // Antd's pale grey for an empty list is under 4.5:1 on the grey cards: the app's description colour instead.
    locale={{ emptyText: <span style={{ color: '#595959' }}>Chưa có ý kiến góp ý.</span> }}
    renderItem={(c) => (
      <List.Item>
        <List.Item.Meta title={c.author ?? 'Người dân'} description={formatDate(c.receivedAt)} />
        {c.content}
      </List.Item>
    )}
  />
);

const latest = (a: Dayjs, b: Dayjs) => (a.isAfter(b) ? a : b);
const earliest = (a: Dayjs, b: Dayjs) => (a.isBefore(b) ? a : b);

/**
 * Records a comment received while the posting runs, beside the button that closes the posting.
 * The day picked is kept within the posting's days and today, and the instant sent within the posting itself: the
 * server compares instants, and a day picked at its edges would otherwise fall before its opening or after its end.
 */
export const PostingCommentForm = ({
  command,
  posting,
  close,
}: {
  command: DossierCommand;
  posting: { from: string; until: string };
  /** The posting's closing command, and its button's label. */
  close: CommandRequest & { label: string };
}) => {
  const [form] = Form.useForm();
  const from = dayjs(posting.from);
  const last = earliest(dayjs(posting.until), dayjs());
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 16 }}
      initialValues={{ receivedAt: latest(from, last) }}
      onFinish={(v: { author?: string; content: string; receivedAt: Dayjs }) =>
        command.mutate(
          {
            path: '/api/v1/dossiers/{id}/public-posting/comments',
            body: {
              author: v.author?.trim() || undefined,
              content: v.content.trim(),
              receivedAt: earliest(latest(v.receivedAt, from), last).toISOString(),
            },
            success: 'Đã ghi nhận ý kiến',
          },
          // The next comment starts from an empty form: the one just saved is in the list above.
          { onSuccess: () => form.resetFields(['author', 'content']) },
        )
      }
    >
      <Form.Item name="author" label="Cá nhân, tổ chức góp ý (không bắt buộc)">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="receivedAt"
        label="Ngày nhận ý kiến"
        extra={`Nhận trong thời gian từ ngày ${formatDate(posting.from)} đến ngày ${formatDate(posting.until)}`}
        rules={[{ required: true, message: 'Chọn ngày nhận ý kiến' }]}
      >
        <DatePicker
          format="DD/MM/YYYY"
          disabledDate={(day) => day.isBefore(from, 'day') || day.isAfter(last, 'day')}
        />
      </Form.Item>
      <Form.Item
        name="content"
        label="Nội dung góp ý"
        rules={[{ required: true, whitespace: true, message: 'Nhập nội dung góp ý' }]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={10000} />
      </Form.Item>
      <Space wrap>
        <Button htmlType="submit" loading={command.isPending}>
          Ghi nhận ý kiến
        </Button>
        <CommandButton type="primary" command={command} request={close}>
          {close.label}
        </CommandButton>
      </Space>
    </Form>
  );
};
