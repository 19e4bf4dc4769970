import { useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
// Dates are picked only on the dossier's screens: the Vietnamese calendar loads with them, not with the first screen.
import 'dayjs/locale/vi';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Result,
  Skeleton,
  Space,
  Steps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { api, ApiError, unwrap } from '../api/client';
import { useAuth } from '../auth';
import { formatDate, formatDateTime, levelLabels, statusColor, stepLabels } from '../labels';
import { Preparation } from './dossier/Preparation';
import { Review } from './dossier/Review';
import { Timeline } from './dossier/Timeline';
import { Documents } from './dossier/Documents';
import { AnnualReviews } from './dossier/AnnualReviews';

dayjs.locale('vi');

export default function DossierPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf');
  const dossier = useQuery({
    queryKey: ['dossier', id, asOf],
    queryFn: () =>
      unwrap(api.GET('/api/v1/dossiers/{id}', { params: { path: { id }, query: asOf ? { asOf } : {} } })),
  });
  if (dossier.isLoading) return <Skeleton active />;
  if (dossier.error || !dossier.data) {
    const e = dossier.error;
    return (
      <Result
        status={e instanceof ApiError && e.status === 403 ? '403' : '404'}
        title="Không mở được hồ sơ"
        subTitle={e instanceof Error ? e.message : undefined}
      />
    );
  }
  const d = dossier.data;
  const role = user?.role ?? '';
  const flow = d.procedure.steps.filter((s) => !s.id.startsWith('revocation'));
  const currentIndex = flow.findIndex(
    (s) => s.id === (d.current?.step === 'supplementation' ? 'commune-preparation' : d.current?.step),
  );
  // A revocation runs after the recognition's own steps have all ended.
  const finished = currentIndex < 0;
  const revocation = d.revocations.at(-1);
  const revocationSteps = d.procedure.revocationSteps;
  const commune = role === 'commune_officer' || role === 'front_officer';
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
        Hồ sơ {d.commune.name}: {levelLabels[d.level]} năm {d.year}
      </Typography.Title>
      {asOf && (
        <Alert
          type="info"
          showIcon
          role="status"
          title={`Đang xem hồ sơ như tại thời điểm ${formatDateTime(asOf)}`}
          description="Đây là hồ sơ đúng như lúc đó (chỉ xem, không sửa)."
          action={<Button onClick={() => setParams({})}>Quay lại hồ sơ hiện tại</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Mã hồ sơ">{d.code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="Tình trạng">
          <Tag color={statusColor(d.status)}>{d.summary.statusLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="Bước hiện tại">{d.summary.step?.label ?? 'Đã kết thúc'}</Descriptions.Item>
        <Descriptions.Item label="Hạn xử lý">
          {d.summary.step?.dueAt ? formatDate(d.summary.step.dueAt) : 'Không quy định'}
          {d.summary.step?.overdue && (
            <Tag color="red" style={{ marginLeft: 8 }}>
              Quá hạn
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="Lập ngày">{formatDate(d.openedAt)}</Descriptions.Item>
        <Descriptions.Item label="Quy trình">{d.procedure.title}</Descriptions.Item>
        <Descriptions.Item label="Phiên bản hồ sơ">{d.version}</Descriptions.Item>
        {d.decision && (
          <Descriptions.Item label="Quyết định">
            {d.decision.outcome === 'granted' ? 'Công nhận' : 'Không công nhận'} — số{' '}
            {d.decision.decisionNumber ?? '—'} ngày {formatDate(d.decision.decidedOn)}
          </Descriptions.Item>
        )}
        {d.announcement && (
          <Descriptions.Item label="Công bố">
            Ngày {formatDate(d.announcement.announcedOn)}
            {d.announcement.where && ` tại ${d.announcement.where}`}
          </Descriptions.Item>
        )}
        {revocation && (
          <Descriptions.Item label="Thu hồi công nhận">
            {revocation.revoked
              ? `Đã thu hồi — quyết định số ${revocation.revoked.decisionNumber} ngày ${formatDate(revocation.revoked.decidedOn)}`
              : revocation.assessment && !revocation.assessment.due
                ? `Không thu hồi (đánh giá lại ngày ${formatDate(revocation.assessment.assessedAt)}: không đủ căn cứ)`
                : `Đang xét thu hồi từ ngày ${formatDate(revocation.proposedAt)}`}
            {` — lý do: ${revocation.reason}`}
          </Descriptions.Item>
        )}
        {d.withdrawal && (
          <Descriptions.Item label="Rút hồ sơ">
            Ngày {formatDate(d.withdrawal.withdrawnAt)}
            {d.withdrawal.reason && ` — lý do: ${d.withdrawal.reason}`}
          </Descriptions.Item>
        )}
      </Descriptions>
      <nav aria-label="Các bước của quy trình" style={{ marginBottom: 24, overflowX: 'auto' }}>
        <Steps
          size="small"
          current={finished ? flow.length : currentIndex}
          status={d.status === 'returned' ? 'error' : undefined}
          items={flow.map((s) => ({ title: stepLabels[s.id] ?? s.id }))}
        />
        {revocation && (
          <Steps
            size="small"
            style={{ marginTop: 16 }}
            current={
              revocation.revoked || !d.current
                ? revocationSteps.length
                : revocationSteps.findIndex((s) => s.id === d.current?.step)
            }
            items={revocationSteps.map((s) => ({ title: stepLabels[s.id] ?? s.id }))}
          />
        )}
      </nav>
      <Space style={{ marginBottom: 16 }} wrap>
        <label htmlFor="as-of">Xem hồ sơ như tại ngày:</label>
        <DatePicker
          id="as-of"
          showTime={{ format: 'HH:mm' }}
          format="DD/MM/YYYY HH:mm"
          value={asOf ? dayjs(asOf) : null}
          onChange={(v) => setParams(v ? { asOf: v.toISOString() } : {})}
          placeholder="Chọn ngày, giờ"
        />
      </Space>
      <Tabs
        defaultActiveKey={commune ? 'prepare' : 'review'}
        items={[
          {
            key: 'prepare',
            label: 'Chuẩn bị hồ sơ',
            children: <Preparation dossier={d} role={role} readOnly={!!asOf} />,
          },
          {
            key: 'review',
            label: 'Xem xét, quyết định',
            children: <Review dossier={d} role={role} readOnly={!!asOf} />,
          },
          ...(d.status === 'recognised' || d.annualReviews.length
            ? [
                {
                  key: 'annual-review',
                  label: 'Rà soát hằng năm',
                  children: <AnnualReviews dossier={d} role={role} readOnly={!!asOf} />,
                },
              ]
            : []),
          {
            key: 'documents',
            label: 'Văn bản',
            children: <Documents dossierId={d.id} version={d.version} />,
          },
          { key: 'history', label: 'Lịch sử', children: <Timeline dossierId={d.id} /> },
        ]}
      />
    </div>
  );
}
