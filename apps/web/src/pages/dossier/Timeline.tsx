import { useQuery } from '@tanstack/react-query';
import { Alert, Timeline as AntTimeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { HistoryEntry, MaintenanceStanding } from '../../api/types';
import {
  eventLabels,
  formatDate,
  formatDateTime,
  maintenanceStandingLabels,
  roleTitle,
  stepLabels,
} from '../../labels';

/** A value of the event's data as text (the history answers data as loose JSON). */
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** A sentence of detail for the events whose data says more than their name. */
const detail = (e: HistoryEntry): string | null => {
  const d = (e.data ?? {}) as Record<string, unknown>;
  switch (e.type) {
    case 'StepOpened':
      return `Bước: ${stepLabels[d.step as string] ?? d.step}${d.dueAt ? `, hạn ${formatDateTime(d.dueAt as string)}` : ''}`;
    case 'CouncilVoteCast':
      return d.vote === 'approve' ? 'Phiếu: đồng ý' : 'Phiếu: không đồng ý';
    case 'DossierReturned':
    case 'DossierFoundNotEligible':
      return `Lý do: ${((d.reasons as { criterion?: number; text: string }[]) ?? [])
        .map((r) => (r.criterion ? `tiêu chí ${r.criterion}: ${r.text}` : r.text))
        .join('; ')}`;
    case 'DossierResubmitted':
      return d.changes ? `Nội dung bổ sung: ${text(d.changes)}` : null;
    case 'RecognitionGranted':
    case 'RecognitionRefused':
      return d.decisionNumber ? `Số quyết định: ${text(d.decisionNumber)}` : null;
    case 'DistrictBoardVoted': {
      const counts = d.counts as { for: number; members: number };
      return `${counts.for}/${counts.members} thành viên tán thành: ${d.passed ? 'thông qua' : 'không thông qua'}`;
    }
    case 'RecognitionAnnounced':
      return `Ngày công bố: ${formatDate(text(d.announcedOn))}${d.where ? `, tại ${text(d.where)}` : ''}`;
    case 'DossierWithdrawn':
    case 'RevocationProposed':
      return d.reason ? `Lý do: ${text(d.reason)}` : null;
    case 'AnnualReviewRecorded': {
      const failed = (d.failedCriteria as number[]) ?? [];
      return `Năm ${text(d.year)}: ${failed.length}/${text(d.total)} tiêu chí không đạt; ${maintenanceStandingLabels[d.standing as MaintenanceStanding] ?? text(d.standing)}`;
    }
    case 'RevocationAssessed': {
      const failed = (d.failedCriteria as number[]) ?? [];
      return `${failed.length}/${text(d.total)} tiêu chí không đạt; ${d.due ? 'đủ căn cứ thu hồi' : 'không đủ căn cứ thu hồi'}`;
    }
    case 'RecognitionRevoked':
      return `Số quyết định: ${text(d.decisionNumber)}, ngày ${formatDate(text(d.decidedOn))}`;
    case 'PublicCommentRecorded':
      return `${text(d.author) || 'Người dân'}: ${text(d.content)}`;
    case 'SelfAssessmentRecorded': {
      const criteria = (d.criteria as { met: boolean }[]) ?? [];
      return `${criteria.filter((c) => c.met).length}/${criteria.length} tiêu chí tự đánh giá đạt`;
    }
    default:
      return null;
  }
};

/** Every event of the dossier, in Vietnamese: who, in which role, when, what, why; each links to "as it stood". */
export const Timeline = ({ dossierId }: { dossierId: string }) => {
  const history = useQuery({
    queryKey: ['history', dossierId],
    queryFn: () => unwrap(api.GET('/api/v1/dossiers/{id}/history', { params: { path: { id: dossierId } } })),
  });
  if (history.error) return <Alert type="error" showIcon title={history.error.message} />;
  return (
    <section aria-labelledby="timeline-title">
      <Typography.Title level={2} id="timeline-title" style={{ fontSize: 20 }}>
        Lịch sử hồ sơ
      </Typography.Title>
      <AntTimeline
        items={(history.data ?? []).map((e) => ({
          key: e.version,
          content: (
            <div>
              <strong>{eventLabels[e.type] ?? e.type}</strong>
              <div>
                {formatDateTime(e.recordedAt)} · {roleTitle(e.role)} {e.actorName}
              </div>
              {detail(e) && <div>{detail(e)}</div>}
              <Link to={`/ho-so/${dossierId}?asOf=${encodeURIComponent(e.recordedAt)}`}>
                Xem hồ sơ tại thời điểm này
              </Link>
            </div>
          ),
        }))}
      />
    </section>
  );
};
