// The 2021-2025 district stage as provinces practise it (RULES-2026 §3): the district posts its verification report
// publicly for comments, then its steering board votes; only then does the verification pass to the province.
import { Descriptions, Form, Space } from 'antd';
import type { DossierView } from '../../api/types';
import { type UploadedDocument } from '../../components/Evidence';
import { SendButton } from '../../components/uploads';
import { formatDate } from '../../labels';
import { CommandError, CountItem, DocumentItem, PlacesItem, PostingForm, useDossierCommand } from './command';
import { PostingCommentForm, PostingCommentList } from './PostingComments';
import { percent } from './shared';

/**
 * What the district officer records before verifying: the report's posting, the comments received on it, its
 * closing, the board's vote.
 */
export const DistrictStage = ({ dossier }: { dossier: DossierView }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  const stage = dossier.rounds.at(-1)?.district;
  if (!dossier.procedure.districtStage || !stage) return null;
  const { posting, vote } = stage;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 24 }}>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="Công khai báo cáo thẩm tra">
          {posting
            ? `Từ ngày ${formatDate(posting.from)}${posting.until ? ` đến ngày ${formatDate(posting.until)}` : ''} tại: ${posting.where.join('; ')}; ` +
              (posting.closedAt ? `đã kết thúc ngày ${formatDate(posting.closedAt)}` : 'đang công khai') +
              `; ${posting.comments.length} ý kiến góp ý`
            : 'Chưa công khai'}
        </Descriptions.Item>
        <Descriptions.Item label="Ban Chỉ đạo huyện biểu quyết">
          {vote
            ? `${vote.counts.for}/${vote.counts.members} thành viên tán thành (${percent(vote.share)}), yêu cầu ${percent(vote.threshold)}: ` +
              (vote.passed ? 'thông qua' : 'không thông qua')
            : 'Chưa họp'}
        </Descriptions.Item>
      </Descriptions>
      {posting && <PostingCommentList comments={posting.comments} />}
      <CommandError error={command.error} />
      {!posting && (
        <PostingForm<{ report: UploadedDocument[]; where: string[] }>
          command={command}
          path="/api/v1/dossiers/{id}/district/posting"
          success="Đã ghi nhận công khai báo cáo thẩm tra"
          fromLabel="Công khai từ ngày"
          submitLabel="Ghi nhận công khai báo cáo thẩm tra"
          initialValues={{ where: ['Cổng thông tin điện tử huyện'] }}
          body={(v) => ({ report: v.report[0].sha256, where: v.where })}
        >
          <DocumentItem name="report" label="Báo cáo thẩm tra" />
          <PlacesItem
            label="Nơi công khai"
            placeholder="Ví dụ: Cổng thông tin điện tử huyện, Trụ sở UBND huyện"
          />
        </PostingForm>
      )}
      {posting && !posting.closedAt && (
        <PostingCommentForm
          command={command}
          posting={posting}
          close={{
            path: '/api/v1/dossiers/{id}/district/posting/close',
            success: 'Đã kết thúc công khai',
            label: 'Kết thúc công khai',
          }}
        />
      )}
      {posting?.closedAt && !vote?.passed && (
        <Form
          layout="vertical"
          onFinish={(v: {
            members: number;
            present: number;
            for: number;
            against: number;
            minutes: UploadedDocument[];
          }) =>
            command.mutate({
              path: '/api/v1/dossiers/{id}/district/vote',
              body: {
                counts: { members: v.members, present: v.present, for: v.for, against: v.against },
                minutes: v.minutes[0].sha256,
              },
              success: 'Đã ghi kết quả biểu quyết của Ban Chỉ đạo huyện',
            })
          }
        >
          <Space wrap>
            <CountItem name="members" label="Số thành viên Ban Chỉ đạo" min={1} />
            <CountItem name="present" label="Số thành viên dự họp" />
            <CountItem name="for" label="Số phiếu tán thành" />
            <CountItem name="against" label="Số phiếu không tán thành" />
          </Space>
          <DocumentItem name="minutes" label="Biên bản họp Ban Chỉ đạo" />
          <SendButton type="primary" htmlType="submit" loading={command.isPending}>
            Ghi kết quả biểu quyết
          </SendButton>
        </Form>
      )}
    </Space>
  );
};
