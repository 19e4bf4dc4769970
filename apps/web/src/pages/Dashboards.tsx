import { useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Space, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import type {
  ClusterProgress,
  CommuneStanding,
  CommuneSurvey,
  DecisionBatch,
  Level,
  StandingsAggregate,
  StepFigures,
  TargetProgress,
  YearTotals,
} from '../api/types';
import { useAuth } from '../auth';
import { BarChart, type BarSeries } from '../components/BarChart';
import { DownloadLink } from '../components/Download';
import { FigureTable, type FigureColumn } from '../components/FigureTable';
import { formatDate, levelLabels, stepLabels } from '../labels';
import {
  FilterSelect,
  PeriodYearItems,
  queryOf,
  useAreaUnits,
  withQuery,
  type PeriodYear,
} from '../components/ListFilters';

/** The filters every report takes (each report uses those it knows). */
interface Filters extends PeriodYear {
  level?: Level;
  district?: string;
  commune?: string;
}

/** Decision 263/QĐ-TTg's target for 2025: no commune below 15 criteria (RULES.md §2.4). */
const CRITERIA_FLOOR = 15;
const LEVELS = Object.keys(levelLabels) as Level[];
const STEP_ORDER = Object.keys(stepLabels);
const KIND_LABELS: Record<string, string> = {
  granted: 'Công nhận',
  refused: 'Không công nhận',
  revoked: 'Thu hồi',
};

/** Figures as a Vietnamese reader writes them: a decimal comma, at most one decimal. */
const formatNumber = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1).replace('.', ',');
const formatShare = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : `${(n * 100).toFixed(1).replace('.', ',')}%`;

/** The query string of a report: only the filters it takes, only those set. */
const reportQuery = (f: Filters, keys: readonly (keyof Filters)[]) =>
  queryOf(Object.fromEntries(keys.map((k) => [k, f[k]])));
const ALL = ['criteriaPeriod', 'year', 'level', 'district', 'commune'] as const;

const exportUrl = (route: string, query: Record<string, string | number>) =>
  withQuery(`/api/v1/reports/${route}.xlsx`, query);

const Section = ({
  id,
  title,
  note,
  download,
  error,
  children,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  download: { url: string; fileName: string };
  error: Error | null;
  children: ReactNode;
}) => (
  <section className="dashboard-section" aria-labelledby={id}>
    <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
      <Typography.Title level={2} id={id} style={{ fontSize: 20, margin: 0 }}>
        {title}
      </Typography.Title>
      <DownloadLink url={download.url} fileName={download.fileName}>
        Tải bảng tính Excel: {title.toLowerCase()}
      </DownloadLink>
    </Space>
    {note && <p style={{ color: '#595959', margin: '4px 0 0' }}>{note}</p>}
    {error && <Alert type="error" showIcon title={error.message} style={{ marginTop: 12 }} />}
    {children}
  </section>
);

const areaName = (r: { districtCode: string | null; districtName: string | null }) =>
  r.districtCode === null ? 'Toàn tỉnh' : (r.districtName ?? `Huyện ${r.districtCode}`);

const PlanProgressSection = ({ filters }: { filters: Filters }) => {
  const query = reportQuery(filters, ['criteriaPeriod', 'year', 'level', 'district']);
  const plan = useQuery({
    queryKey: ['reports', 'plan-progress', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/plan-progress', { params: { query } })),
  });
  const rows = useMemo(() => plan.data?.data.targets ?? [], [plan.data]);
  const categories = useMemo(() => rows.map((r) => `${areaName(r)} · ${r.year} · ${r.levelLabel}`), [rows]);
  const series = useMemo<BarSeries[]>(
    () => [
      { name: 'Chỉ tiêu (số xã)', values: rows.map((r) => r.target) },
      { name: 'Đã đạt (số xã)', values: rows.map((r) => r.achieved) },
    ],
    [rows],
  );
  const columns: FigureColumn<TargetProgress>[] = [
    { title: 'Địa bàn', value: areaName },
    { title: 'Năm', value: (r) => r.year, numeric: true },
    { title: 'Mức đạt chuẩn', value: (r) => levelLabels[r.level as Level] ?? r.levelLabel },
    { title: 'Chỉ tiêu (số xã)', value: (r) => r.target, numeric: true },
    { title: 'Đã đạt', value: (r) => r.achieved, numeric: true },
    { title: 'Tỷ lệ hoàn thành', value: (r) => formatShare(r.share), numeric: true },
    { title: 'Còn thiếu', value: (r) => r.remaining, numeric: true },
  ];
  const clusterColumns: FigureColumn<ClusterProgress>[] = [
    { title: 'Cụm, khối thi đua', value: (r) => r.clusterName },
    { title: 'Năm', value: (r) => r.year, numeric: true },
    { title: 'Mức đạt chuẩn', value: (r) => levelLabels[r.level as Level] ?? r.levelLabel },
    { title: 'Số xã trong cụm', value: (r) => r.communes, numeric: true },
    { title: 'Đã đạt', value: (r) => r.achieved, numeric: true },
    { title: 'Tỷ lệ', value: (r) => formatShare(r.share), numeric: true },
  ];
  const title = plan.data?.data.title;
  return (
    <Section
      id="ke-hoach"
      title="Tiến độ thực hiện kế hoạch"
      note={
        title
          ? `${title}${plan.data?.data.reference ? ` (${plan.data.data.reference})` : ''}. Số xã đạt chuẩn mức đó trở lên đến hết năm chỉ tiêu.`
          : undefined
      }
      download={{ url: exportUrl('plan-progress', query), fileName: 'tien-do-ke-hoach.xlsx' }}
      error={plan.error}
    >
      {rows.length > 0 && (
        <BarChart
          label="Biểu đồ chỉ tiêu và số xã đã đạt theo địa bàn, năm và mức; số liệu ở bảng ngay dưới."
          categories={categories}
          series={series}
          horizontal
          height={Math.max(200, 48 * rows.length + 60)}
        />
      )}
      <FigureTable
        caption="Chỉ tiêu kế hoạch và số xã đã đạt"
        columns={columns}
        rows={rows}
        rowKey={(r) => `${r.districtCode ?? ''}|${r.year}|${r.level}`}
        empty={plan.isLoading ? 'Đang tải…' : 'Tỉnh chưa nhập chỉ tiêu kế hoạch phù hợp với bộ lọc.'}
      />
      {!filters.district && (
        <FigureTable
          caption="Theo cụm, khối thi đua: số xã trong cụm đạt chuẩn theo năm và mức của chỉ tiêu toàn tỉnh"
          columns={clusterColumns}
          rows={plan.data?.data.clusters ?? []}
          rowKey={(r) => `${r.clusterId}|${r.year}|${r.level}`}
          empty={plan.isLoading ? 'Đang tải…' : 'Tỉnh chưa lập cụm, khối thi đua gồm các xã.'}
        />
      )}
    </Section>
  );
};

type StandingsQuery = paths['/api/v1/reports/standings']['get']['parameters']['query'];

/** The standings' summary (shared by the sections that show it: one request). */
const useStandingsSummary = (query: StandingsQuery) =>
  useQuery({
    queryKey: ['reports', 'standings-summary', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/standings/summary', { params: { query } })),
  });

const useStandings = (query: StandingsQuery) =>
  useQuery({
    queryKey: ['reports', 'standings', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/standings', { params: { query } })),
  });

/** Which dossiers the standings rest on when the year, criteria period or level is chosen. */
const dossiersOf = (f: Filters): string => {
  const parts = [
    f.year !== undefined ? `năm ${f.year}` : '',
    f.criteriaPeriod ? `xét theo bộ tiêu chí giai đoạn ${f.criteriaPeriod}` : '',
    f.level ? `mức ${levelLabels[f.level].toLowerCase()}` : '',
  ].filter(Boolean);
  return parts.length ? ` Chỉ tính các hồ sơ ${parts.join(', ')}.` : '';
};

const CriteriaSection = ({ filters }: { filters: Filters }) => {
  const query = reportQuery(filters, ALL);
  const summary = useStandingsSummary(query);
  const below = useStandings({ ...query, belowCriteria: CRITERIA_FLOOR });
  const total: StandingsAggregate | undefined = summary.data?.data.find((s) => s.districtCode === null);
  const counts = useMemo(
    () =>
      Object.entries(total?.criteriaMetCounts ?? {})
        .map(([met, communes]) => ({ met: Number(met), communes }))
        .sort((a, b) => b.met - a.met),
    [total],
  );
  const top = Math.max(19, ...counts.map((c) => c.met));
  const categories = useMemo(() => Array.from({ length: top + 1 }, (_, i) => String(i)), [top]);
  const series = useMemo<BarSeries[]>(
    () => [
      {
        name: 'Số xã',
        values: categories.map((k) => counts.find((c) => c.met === Number(k))?.communes ?? 0),
      },
    ],
    [categories, counts],
  );
  const belowRows = below.data?.data.communes ?? [];
  const belowColumns: FigureColumn<CommuneStanding>[] = [
    { title: 'Xã', value: (r) => r.communeName },
    { title: 'Huyện (trước 01/7/2025)', value: (r) => r.districtName ?? r.districtCode ?? '—' },
    { title: 'Số tiêu chí đạt', value: (r) => r.criteriaMet, numeric: true },
    { title: 'Các tiêu chí chưa đạt', value: (r) => r.failedCriteria.join(', ') || '—' },
  ];
  return (
    <Section
      id="tieu-chi"
      title="Số tiêu chí đạt của các xã"
      note={
        total
          ? `${total.communes} xã, ${total.assessed} xã đã có kết quả đánh giá; bình quân ${formatNumber(total.averageCriteriaMet)} tiêu chí/xã; ${total.below15} xã dưới ${CRITERIA_FLOOR} tiêu chí.${dossiersOf(filters)}`
          : undefined
      }
      download={{ url: exportUrl('standings', query), fileName: 'ket-qua-theo-xa.xlsx' }}
      error={summary.error ?? below.error}
    >
      {counts.length > 0 && (
        <BarChart
          label="Biểu đồ phân bố số xã theo số tiêu chí đạt; số liệu ở bảng ngay dưới."
          categories={categories}
          series={series}
          height={260}
        />
      )}
      <FigureTable
        caption="Số xã theo số tiêu chí đạt (các mức không có xã nào không liệt kê)"
        columns={[
          { title: 'Số tiêu chí đạt', value: (r) => r.met, numeric: true },
          { title: 'Số xã', value: (r) => r.communes, numeric: true },
        ]}
        rows={counts}
        rowKey={(r) => String(r.met)}
        empty={summary.isLoading ? 'Đang tải…' : 'Chưa có xã nào có kết quả đánh giá.'}
      />
      <FigureTable
        caption={`Các xã dưới ${CRITERIA_FLOOR} tiêu chí (chỉ tiêu đến năm 2025: không còn xã dưới ${CRITERIA_FLOOR} tiêu chí)`}
        columns={belowColumns}
        rows={belowRows}
        rowKey={(r) => r.communeCode}
        empty={below.isLoading ? 'Đang tải…' : `Không có xã nào dưới ${CRITERIA_FLOOR} tiêu chí.`}
      />
    </Section>
  );
};

/** The yearly reviews' warnings: one criterion from revocation, or due for it. */
const WARNINGS = 'near-threshold,revocation-due';

/** The communes whose latest yearly review after recognition warns (RULES-2026 §4), and the counts of every result. */
const MaintenanceSection = ({ filters }: { filters: Filters }) => {
  const query = reportQuery(filters, ALL);
  const summary = useStandingsSummary(query);
  const warnedQuery = { ...query, reviewStandings: WARNINGS };
  const warned = useStandings(warnedQuery);
  const m = summary.data?.data.find((s) => s.districtCode === null)?.maintenance;
  const columns: FigureColumn<CommuneStanding>[] = [
    { title: 'Xã', value: (r) => r.communeName },
    { title: 'Mức đạt chuẩn', value: (r) => r.levelHeldLabel ?? '—' },
    { title: 'Năm rà soát', value: (r) => r.review?.year ?? '—', numeric: true },
    { title: 'Kết quả rà soát', value: (r) => r.review?.standingLabel ?? '—' },
    { title: 'Các tiêu chí không đạt', value: (r) => r.review?.failedCriteria.join(', ') || '—' },
  ];
  return (
    <Section
      id="ra-soat-duy-tri"
      title="Rà soát duy trì tiêu chí sau công nhận"
      note={
        m
          ? `${m.reviewed} xã đã có kết quả rà soát hằng năm: ${m.maintained} xã duy trì đủ các tiêu chí, ${m.slipping} xã có tiêu chí không duy trì được, ${m.nearThreshold} xã sát ngưỡng thu hồi, ${m.revocationDue} xã đã thuộc diện xem xét thu hồi.`
          : undefined
      }
      download={{ url: exportUrl('standings', warnedQuery), fileName: 'xa-canh-bao-ra-soat.xlsx' }}
      error={summary.error ?? warned.error}
    >
      <FigureTable
        caption="Các xã cần lưu ý: sát ngưỡng thu hồi (chỉ còn cách ngưỡng một tiêu chí) hoặc đã thuộc diện xem xét thu hồi"
        columns={columns}
        rows={warned.data?.data.communes ?? []}
        rowKey={(r) => r.communeCode}
        empty={warned.isLoading ? 'Đang tải…' : 'Không có xã nào cần cảnh báo theo kết quả rà soát gần nhất.'}
      />
    </Section>
  );
};

const order = (step: string) => {
  const i = STEP_ORDER.indexOf(step);
  return i < 0 ? STEP_ORDER.length : i;
};

const PipelineSection = ({ filters }: { filters: Filters }) => {
  const query = reportQuery(filters, ALL);
  const pipeline = useQuery({
    queryKey: ['reports', 'pipeline', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/pipeline', { params: { query } })),
  });
  const rows = useMemo(
    () => [...(pipeline.data?.data.steps ?? [])].sort((a, b) => order(a.step) - order(b.step)),
    [pipeline.data],
  );
  const categories = useMemo(() => rows.map((r) => stepLabels[r.step] ?? r.stepLabel), [rows]);
  const durations = useMemo<BarSeries[]>(
    () => [
      { name: 'Trung vị (ngày làm việc)', values: rows.map((r) => r.medianWorkingDays) },
      { name: 'Phân vị 90 (ngày làm việc)', values: rows.map((r) => r.p90WorkingDays) },
    ],
    [rows],
  );
  const waiting = useMemo<BarSeries[]>(
    () => [
      { name: 'Còn trong hạn', values: rows.map((r) => r.open - r.openOverdue), stack: 'open' },
      { name: 'Quá hạn', values: rows.map((r) => r.openOverdue), stack: 'open' },
    ],
    [rows],
  );
  const columns: FigureColumn<StepFigures>[] = [
    { title: 'Bước', value: (r) => r.stepLabel },
    { title: 'Hồ sơ đang chờ ở bước', value: (r) => r.open, numeric: true },
    { title: 'Trong đó quá hạn', value: (r) => r.openOverdue, numeric: true },
    { title: 'Số lượt đã xong', value: (r) => r.completed, numeric: true },
    { title: 'Trung vị (ngày làm việc)', value: (r) => formatNumber(r.medianWorkingDays), numeric: true },
    { title: 'Phân vị 90 (ngày làm việc)', value: (r) => formatNumber(r.p90WorkingDays), numeric: true },
  ];
  return (
    <Section
      id="tien-do-xu-ly"
      title="Tiến độ xử lý hồ sơ"
      note="Số ngày làm việc của mỗi lượt đã xong: không tính ngày bắt đầu, không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết (như cách tính thời hạn)."
      download={{ url: exportUrl('pipeline', query), fileName: 'tien-do-xu-ly-ho-so.xlsx' }}
      error={pipeline.error}
    >
      {rows.length > 0 && (
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 16 }}
        >
          <BarChart
            label="Biểu đồ số ngày làm việc mỗi bước (trung vị và phân vị 90); số liệu ở bảng ngay dưới."
            categories={categories}
            series={durations}
            horizontal
            format={formatNumber}
            counts={false}
          />
          <BarChart
            label="Biểu đồ số hồ sơ đang chờ ở từng bước, trong hạn và quá hạn; số liệu ở bảng ngay dưới."
            categories={categories}
            series={waiting}
            horizontal
          />
        </div>
      )}
      <FigureTable
        caption="Hồ sơ theo bước: đang chờ, đã xong và thời gian xử lý"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.step}
        empty={pipeline.isLoading ? 'Đang tải…' : 'Chưa có hồ sơ nào phù hợp với bộ lọc.'}
      />
    </Section>
  );
};

const SurveysSection = ({ filters }: { filters: Filters }) => {
  const query = reportQuery(filters, ALL);
  const surveys = useQuery({
    queryKey: ['reports', 'surveys', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/surveys', { params: { query } })),
  });
  const rows = useMemo(() => surveys.data?.data ?? [], [surveys.data]);
  const categories = useMemo(() => rows.map((r) => r.communeName), [rows]);
  const series = useMemo<BarSeries[]>(
    () => [
      { name: 'Tỷ lệ hộ tham gia', values: rows.map((r) => r.participationRate) },
      { name: 'Tỷ lệ hài lòng', values: rows.map((r) => r.satisfactionRate) },
    ],
    [rows],
  );
  const columns: FigureColumn<CommuneSurvey>[] = [
    { title: 'Xã', value: (r) => r.communeName },
    { title: 'Năm', value: (r) => r.year, numeric: true },
    { title: 'Số hộ', value: (r) => r.households, numeric: true },
    { title: 'Số phiếu thu về', value: (r) => r.formsCollected, numeric: true },
    { title: 'Tỷ lệ tham gia', value: (r) => formatShare(r.participationRate), numeric: true },
    { title: 'Số phiếu hài lòng', value: (r) => r.satisfied, numeric: true },
    { title: 'Tỷ lệ hài lòng', value: (r) => formatShare(r.satisfactionRate), numeric: true },
    { title: 'Ngưỡng hài lòng', value: (r) => formatShare(r.satisfactionThreshold), numeric: true },
    {
      title: 'Đánh giá',
      value: (r) => (r.meetsSatisfaction && r.meetsCoverage ? 'Đạt' : 'Chưa đạt'),
    },
  ];
  return (
    <Section
      id="lay-y-kien"
      title="Lấy ý kiến sự hài lòng của người dân"
      note="Kết quả lấy ý kiến gần nhất của mỗi xã."
      download={{ url: exportUrl('surveys', query), fileName: 'ket-qua-lay-y-kien.xlsx' }}
      error={surveys.error}
    >
      {rows.length > 0 && (
        <BarChart
          label="Biểu đồ tỷ lệ hộ tham gia và tỷ lệ hài lòng theo xã; số liệu ở bảng ngay dưới."
          categories={categories}
          series={series}
          horizontal
          format={formatShare}
          counts={false}
          height={Math.max(200, 48 * rows.length + 60)}
        />
      )}
      <FigureTable
        caption="Tham gia và mức độ hài lòng theo xã"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.dossierId}
        empty={surveys.isLoading ? 'Đang tải…' : 'Chưa có kết quả lấy ý kiến nào phù hợp với bộ lọc.'}
      />
    </Section>
  );
};

const DecisionsSection = ({ filters }: { filters: Filters }) => {
  const query = reportQuery(filters, ALL);
  const decisions = useQuery({
    queryKey: ['reports', 'decisions', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/decisions', { params: { query } })),
  });
  const perYear = useMemo(() => decisions.data?.data.perYear ?? [], [decisions.data]);
  const batches = decisions.data?.data.batches ?? [];
  const years = useMemo(() => [...new Set(perYear.map((r) => r.year))].sort(), [perYear]);
  const categories = useMemo(() => years.map(String), [years]);
  const series = useMemo<BarSeries[]>(
    () =>
      Object.entries(KIND_LABELS)
        .filter(([kind]) => perYear.some((r) => r.kind === kind))
        .map(([kind, name]) => ({
          name,
          values: years.map((y) =>
            perYear.filter((r) => r.year === y && r.kind === kind).reduce((n, r) => n + r.communes, 0),
          ),
        })),
    [perYear, years],
  );
  const yearColumns: FigureColumn<YearTotals>[] = [
    { title: 'Năm', value: (r) => r.year, numeric: true },
    { title: 'Loại quyết định', value: (r) => KIND_LABELS[r.kind] ?? r.kind },
    { title: 'Mức đạt chuẩn', value: (r) => levelLabels[r.level as Level] ?? r.level },
    { title: 'Số xã', value: (r) => r.communes, numeric: true },
  ];
  const batchColumns: FigureColumn<DecisionBatch>[] = [
    { title: 'Loại quyết định', value: (r) => KIND_LABELS[r.kind] ?? r.kind },
    { title: 'Số quyết định', value: (r) => r.decisionNumber ?? '—' },
    { title: 'Ngày', value: (r) => formatDate(r.decidedOn) },
    { title: 'Số xã', value: (r) => r.communes.length, numeric: true },
    { title: 'Các xã', value: (r) => r.communes.map((c) => c.communeName).join(', ') },
  ];
  return (
    <Section
      id="quyet-dinh"
      title="Quyết định theo năm và theo đợt"
      download={{ url: exportUrl('decisions', query), fileName: 'quyet-dinh-cong-nhan-thu-hoi.xlsx' }}
      error={decisions.error}
    >
      {perYear.length > 0 && (
        <BarChart
          label="Biểu đồ số xã được công nhận, không công nhận, bị thu hồi theo năm; số liệu ở bảng ngay dưới."
          categories={categories}
          series={series}
          height={260}
        />
      )}
      <FigureTable
        caption="Số xã theo năm, loại quyết định và mức"
        columns={yearColumns}
        rows={perYear}
        rowKey={(r) => `${r.year}|${r.kind}|${r.level}`}
        empty={decisions.isLoading ? 'Đang tải…' : 'Chưa có quyết định nào phù hợp với bộ lọc.'}
      />
      <FigureTable
        caption="Các đợt quyết định"
        columns={batchColumns}
        rows={batches}
        rowKey={(r) => `${r.kind}|${r.decisionNumber ?? ''}|${r.decidedOn}`}
        empty={decisions.isLoading ? 'Đang tải…' : 'Chưa có đợt quyết định nào.'}
      />
    </Section>
  );
};

/**
 * The province's dashboards: plan progress, criteria met, the pipeline, surveys and decisions, each chart with
 * its table and spreadsheet, all under one set of filters. Loaded only when opened (ECharts stays out of the
 * first screen).
 */
export default function Dashboards() {
  const { user } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const districtFixed = user?.districtCode !== undefined;
  const units = useAreaUnits();
  const { communes, districts } = units;
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
        Báo cáo, theo dõi
      </Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} aria-label="Bộ lọc báo cáo">
        <PeriodYearItems value={filters} onChange={set} />
        <FilterSelect
          label="Mức"
          id="loc-muc"
          width={240}
          value={filters.level}
          onChange={(v) => set({ level: v as Level | undefined })}
          all="Tất cả các mức"
          options={LEVELS.map((l) => ({ value: l, label: levelLabels[l] }))}
        />
        {!districtFixed && districts.length > 0 && (
          <FilterSelect
            label="Huyện (trước 01/7/2025)"
            id="loc-huyen"
            value={filters.district}
            onChange={(district) => set({ district, commune: undefined })}
            all="Toàn tỉnh"
            options={districts.map((d) => ({ value: d.districtCode!, label: areaName(d) }))}
          />
        )}
        <FilterSelect
          label="Xã"
          id="loc-xa"
          value={filters.commune}
          onChange={(commune) => set({ commune })}
          all="Tất cả các xã"
          options={communes
            .filter((c) => !filters.district || c.districtCode === filters.district)
            .map((c) => ({ value: c.communeCode, label: c.communeName }))}
          search
        />
      </Form>
      {units.error && (
        <Alert type="error" showIcon title={units.error.message} style={{ marginBottom: 16 }} />
      )}
      <PlanProgressSection filters={filters} />
      <CriteriaSection filters={filters} />
      <MaintenanceSection filters={filters} />
      <PipelineSection filters={filters} />
      <SurveysSection filters={filters} />
      <DecisionsSection filters={filters} />
    </>
  );
}
