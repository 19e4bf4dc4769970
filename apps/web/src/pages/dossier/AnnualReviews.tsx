// After recognition the commune reviews its criteria every year (RULES-2026 §4): the results of each year with the
// warning the revocation rule gives, and the commune's form for this year's review.
import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Card, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { DossierView, MaintenanceStanding } from '../../api/types';
import { stackOnPhone } from '../../components/stack-on-phone';
import { formatDateTime, maintenanceStandingLabels, revocationDistanceText } from '../../labels';
import { CommandError, useDossierCommand } from './command';
import { CriteriaReassessment, RevocationRule } from './Recognition';
import { percent, type DossierTabProps } from './shared';

const standingColor: Record<MaintenanceStanding, string> = {
  maintained: 'green',
  slipping: 'gold',
  'near-threshold': 'orange',
  'revocation-due': 'red',
};

type Review = DossierView['annualReviews'][number];

const ReviewsTable = ({ reviews }: { reviews: readonly Review[] }) => (
  <Table
    rowKey="year"
    pagination={false}
    size="small"
    dataSource={[...reviews].reverse()}
    {...stackOnPhone<Review>([
      { title: 'Năm', key: 'year', render: (_, r) => r.year },
      {
        title: 'Kết quả',
        key: 'standing',
        render: (_, r) => (
          <Tag color={standingColor[r.standing]}>{maintenanceStandingLabels[r.standing]}</Tag>
        ),
      },
      {
        title: 'Tiêu chí không đạt',
        key: 'failed',
        render: (_, r) =>
          r.failedCriteria.length
            ? `${r.failedCriteria.length}/${r.total} (${percent(r.failedShare)}): ${r.failedCriteria.join(', ')}` +
              (r.keyFailed ? `; then chốt: ${r.failedKeyCriteria.join(', ')}` : '')
            : 'Không có',
      },
      {
        title: 'Khoảng cách đến ngưỡng thu hồi',
        key: 'distance',
        render: (_, r) => revocationDistanceText(r),
      },
      { title: 'Ngày ghi', key: 'at', render: (_, r) => formatDateTime(r.reviewedAt) },
    ])}
  />
);

/** The commune records a year's review; a second review of the same year corrects the first. */
const ReviewForm = ({ dossier }: { dossier: DossierView }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  const from = Number((dossier.decision?.decidedOn ?? dayjs().format('YYYY')).slice(0, 4));
  const years = Array.from({ length: Math.max(1, dayjs().year() - from + 1) }, (_, i) => from + i).reverse();
  const [year, setYear] = useState(years[0]);
  const recorded = dossier.annualReviews.find((r) => r.year === year);
  return (
    <div>
      <RevocationRule dossier={dossier} />
      <Form layout="vertical">
        <Form.Item label="Năm rà soát" htmlFor="annual-review-year">
          <Select
            id="annual-review-year"
            style={{ width: 160 }}
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `Năm ${y}` }))}
          />
        </Form.Item>
      </Form>
      {recorded && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`Năm ${year} đã có kết quả rà soát (hiển thị dưới đây); ghi lại sẽ thay kết quả đó, lịch sử hồ sơ vẫn giữ cả hai lần.`}
        />
      )}
      <CriteriaReassessment
        // A year recorded before starts from its findings, so correcting one criterion keeps the others.
        key={year}
        initial={recorded?.results}
        dossier={dossier}
        submit={`Ghi kết quả rà soát năm ${year}`}
        pending={command.isPending}
        onSubmit={(results) =>
          command.mutate({
            path: '/api/v1/dossiers/{id}/annual-reviews',
            body: { year, results },
            success: `Đã ghi kết quả rà soát duy trì tiêu chí năm ${year}`,
          })
        }
      >
        <CommandError error={command.error} />
      </CriteriaReassessment>
    </div>
  );
};

/** The tab: every year's review, the latest warning first, and the commune's form while the recognition stands. */
export const AnnualReviews = ({ dossier, role, readOnly }: DossierTabProps) => {
  const latest = dossier.annualReviews.at(-1);
  const mayRecord =
    !readOnly && dossier.status === 'recognised' && role === dossier.procedure.roles.annualReview;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title="Kết quả rà soát duy trì tiêu chí các năm">
        {latest && (latest.standing === 'near-threshold' || latest.standing === 'revocation-due') && (
          <Alert
            type={latest.standing === 'revocation-due' ? 'error' : 'warning'}
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={`Năm ${latest.year}: ${maintenanceStandingLabels[latest.standing]}`}
            description={
              latest.standing === 'revocation-due'
                ? 'Kết quả rà soát đã đến ngưỡng thu hồi theo quy định; UBND tỉnh xem xét đề nghị thu hồi quyết định công nhận.'
                : `Các tiêu chí không đạt: ${latest.failedCriteria.join(', ')}. ${revocationDistanceText(latest)}; xã cần khắc phục trước kỳ rà soát sau.`
            }
          />
        )}
        {dossier.annualReviews.length ? (
          <ReviewsTable reviews={dossier.annualReviews} />
        ) : (
          <Typography.Text>Chưa có kết quả rà soát năm nào.</Typography.Text>
        )}
      </Card>
      {mayRecord && (
        <Card title="Ghi kết quả rà soát">
          <ReviewForm dossier={dossier} />
        </Card>
      )}
    </Space>
  );
};
