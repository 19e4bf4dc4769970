import { stringify } from 'csv-stringify/sync';
import { localDate, localDateVi } from '@ntm/calendar';
import { levelLabels, type Level } from '@ntm/criteria';
import type { BoardItem } from './queries/board';
import type { DecisionsReport } from './queries/decisions';
import type { PipelineReport } from './queries/pipeline';
import type { PlanProgress } from './queries/plans';
import type { CommuneStanding, StandingsAggregate } from './queries/standings';
import type { CommuneSurvey } from './queries/surveys';
import type { InboxItem } from './queries/notifications';
import type { NoticeKind } from './projectors/notifications';

type Cell = string | number | boolean | null;

export interface Column<Row> {
  /** Vietnamese header. */
  readonly header: string;
  readonly value: (row: Row) => Cell;
  readonly width?: number;
  /** The value is a date (YYYY-MM-DD) or an instant: XLSX gets a real date shown dd/mm/yyyy, Vietnam's day. */
  readonly date?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Sheet<Row = any> {
  readonly name: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
}

const sheet = <Row>(name: string, columns: readonly Column<Row>[], rows: readonly Row[]): Sheet<Row> => ({
  name,
  columns,
  rows,
});

const pct = (x: number | null): number | null => (x === null ? null : Math.round(x * 10000) / 100);
const round2 = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);
const yesNo = (b: boolean): string => (b ? 'Có' : 'Không');
const list = (xs: readonly (number | string)[]): string => xs.join(', ');
const levelLabel = (l: string): string => levelLabels[l as Level] ?? l;

const kindLabels: Record<string, string> = {
  granted: 'Công nhận',
  refused: 'Không công nhận',
  revoked: 'Thu hồi quyết định công nhận',
};

export const boardSheets = (items: readonly BoardItem[]): Sheet[] => [
  sheet<BoardItem>(
    'Hồ sơ',
    [
      // The code the screens show; the system's identifier goes last, for whoever matches files by it.
      { header: 'Mã hồ sơ', value: (r) => r.code, width: 16 },
      { header: 'Mã tỉnh', value: (r) => r.provinceCode },
      { header: 'Mã huyện', value: (r) => r.districtCode },
      { header: 'Mã xã', value: (r) => r.communeCode },
      { header: 'Tên xã', value: (r) => r.communeName, width: 24 },
      { header: 'Mức đạt chuẩn đề nghị', value: (r) => r.levelLabel, width: 26 },
      { header: 'Năm', value: (r) => r.year },
      { header: 'Phiên bản quy trình', value: (r) => r.procedureVersion },
      { header: 'Trạng thái', value: (r) => r.statusLabel, width: 24 },
      { header: 'Bước hiện tại', value: (r) => r.stepLabel, width: 40 },
      { header: 'Vòng', value: (r) => r.round },
      { header: 'Số ngày ở bước', value: (r) => r.daysInStep },
      { header: 'Hạn xử lý', value: (r) => r.dueAt, date: true },
      { header: 'Quá hạn', value: (r) => yesNo(r.overdue) },
      { header: 'Số lần trả lại', value: (r) => r.returns },
      { header: 'Số quyết định', value: (r) => r.decisionNumber },
      { header: 'Ngày quyết định', value: (r) => r.decidedOn, date: true },
      { header: 'Mã định danh hồ sơ', value: (r) => r.dossierId, width: 38 },
    ],
    items,
  ),
];

export const standingsSheets = (
  communes: readonly CommuneStanding[],
  summary: readonly StandingsAggregate[],
): Sheet[] => {
  const criteria = [...new Set(summary.flatMap((s) => Object.keys(s.criteriaAchievement).map(Number)))].sort(
    (a, b) => a - b,
  );
  return [
    sheet<CommuneStanding>(
      'Kết quả theo xã',
      [
        { header: 'Mã huyện', value: (r) => r.districtCode },
        { header: 'Tên huyện', value: (r) => r.districtName, width: 20 },
        { header: 'Mã xã', value: (r) => r.communeCode },
        { header: 'Tên xã', value: (r) => r.communeName, width: 24 },
        { header: 'Số tiêu chí đạt', value: (r) => r.criteriaMet },
        { header: 'Tổng số tiêu chí', value: (r) => r.criteriaTotal },
        { header: 'Các tiêu chí chưa đạt', value: (r) => list(r.failedCriteria), width: 24 },
        { header: 'Mức đạt chuẩn', value: (r) => r.levelHeldLabel ?? 'Chưa đạt chuẩn', width: 26 },
        { header: 'Số quyết định công nhận', value: (r) => r.decisionNumber, width: 20 },
        { header: 'Ngày quyết định', value: (r) => r.decidedOn, date: true },
        { header: 'Số lần bị thu hồi', value: (r) => r.revocations },
        { header: 'Quyết định thu hồi gần nhất', value: (r) => r.lastRevocationNumber, width: 20 },
        { header: 'Năm rà soát gần nhất', value: (r) => r.review?.year ?? null },
        {
          header: 'Kết quả rà soát duy trì tiêu chí',
          value: (r) => r.review?.standingLabel ?? null,
          width: 40,
        },
      ],
      communes,
    ),
    sheet<StandingsAggregate>(
      'Tổng hợp',
      [
        {
          header: 'Đơn vị',
          value: (r) => (r.districtCode === null ? 'Toàn tỉnh' : (r.districtName ?? r.districtCode)),
          width: 20,
        },
        { header: 'Số xã', value: (r) => r.communes },
        { header: 'Số xã đạt chuẩn NTM', value: (r) => r.atLeast.ntm },
        { header: 'Tỷ lệ xã đạt chuẩn NTM (%)', value: (r) => pct(r.share.ntm) },
        { header: 'Số xã đạt chuẩn NTM nâng cao', value: (r) => r.atLeast.nangCao },
        { header: 'Tỷ lệ xã NTM nâng cao (%)', value: (r) => pct(r.share.nangCao) },
        { header: 'Số xã đạt chuẩn NTM kiểu mẫu', value: (r) => r.atLeast.kieuMau },
        { header: 'Tỷ lệ xã NTM kiểu mẫu (%)', value: (r) => pct(r.share.kieuMau) },
        { header: 'Số xã đạt chuẩn NTM hiện đại', value: (r) => r.atLeast.hienDai },
        { header: 'Tỷ lệ xã NTM hiện đại (%)', value: (r) => pct(r.share.hienDai) },
        { header: 'Số xã đã đánh giá', value: (r) => r.assessed },
        { header: 'Bình quân tiêu chí đạt/xã', value: (r) => round2(r.averageCriteriaMet) },
        { header: 'Số xã dưới 15 tiêu chí', value: (r) => r.below15 },
        { header: 'Số xã đạt 19 tiêu chí', value: (r) => r.distribution.all },
        { header: 'Số xã đạt 15-18 tiêu chí', value: (r) => r.distribution.from15to18 },
        { header: 'Số xã đạt 10-14 tiêu chí', value: (r) => r.distribution.from10to14 },
        { header: 'Số xã dưới 10 tiêu chí', value: (r) => r.distribution.under10 },
        { header: 'Số quyết định bị thu hồi', value: (r) => r.revocations },
        { header: 'Số xã đã rà soát duy trì tiêu chí', value: (r) => r.maintenance.reviewed },
        { header: 'Số xã sát ngưỡng thu hồi', value: (r) => r.maintenance.nearThreshold },
        { header: 'Số xã thuộc diện xem xét thu hồi', value: (r) => r.maintenance.revocationDue },
        ...criteria.map((k) => ({
          header: `Số xã đạt tiêu chí ${k}`,
          value: (r: StandingsAggregate) => r.criteriaAchievement[k] ?? 0,
        })),
      ],
      summary,
    ),
  ];
};

export const planSheets = (plan: PlanProgress): Sheet[] => [
  sheet<PlanProgress['targets'][number]>(
    'Tiến độ kế hoạch',
    [
      {
        header: 'Đơn vị',
        value: (r) => (r.districtCode === null ? 'Toàn tỉnh' : (r.districtName ?? r.districtCode)),
        width: 20,
      },
      { header: 'Năm', value: (r) => r.year },
      { header: 'Mức đạt chuẩn', value: (r) => r.levelLabel, width: 26 },
      { header: 'Chỉ tiêu (số xã)', value: (r) => r.target },
      { header: 'Đã đạt', value: (r) => r.achieved },
      { header: 'Tỷ lệ hoàn thành (%)', value: (r) => pct(r.share) },
      { header: 'Còn lại', value: (r) => r.remaining },
    ],
    plan.targets,
  ),
  sheet<PlanProgress['clusters'][number]>(
    'Theo cụm thi đua',
    [
      { header: 'Cụm, khối thi đua', value: (r) => r.clusterName, width: 30 },
      { header: 'Năm', value: (r) => r.year },
      { header: 'Mức đạt chuẩn', value: (r) => r.levelLabel, width: 26 },
      { header: 'Số xã trong cụm', value: (r) => r.communes },
      { header: 'Đã đạt', value: (r) => r.achieved },
      { header: 'Tỷ lệ (%)', value: (r) => pct(r.share) },
    ],
    plan.clusters,
  ),
];

type BatchLine = DecisionsReport['batches'][number]['communes'][number] & {
  kind: string;
  decisionNumber: string | null;
  decidedOn: string;
  year: number;
};

export const decisionSheets = (report: DecisionsReport): Sheet[] => [
  sheet<BatchLine>(
    'Quyết định',
    [
      { header: 'Loại quyết định', value: (r) => kindLabels[r.kind] ?? r.kind, width: 28 },
      { header: 'Số quyết định', value: (r) => r.decisionNumber, width: 20 },
      { header: 'Ngày quyết định', value: (r) => r.decidedOn, date: true },
      { header: 'Năm', value: (r) => r.year },
      { header: 'Mã huyện', value: (r) => r.districtCode },
      { header: 'Mã xã', value: (r) => r.communeCode },
      { header: 'Tên xã', value: (r) => r.communeName, width: 24 },
      { header: 'Mức đạt chuẩn', value: (r) => r.levelLabel, width: 26 },
      { header: 'Tiêu chí không đạt', value: (r) => list(r.failedCriteria) },
      { header: 'Lý do', value: (r) => r.reasons.join('; '), width: 40 },
    ],
    report.batches.flatMap((b) =>
      b.communes.map((c) => ({
        ...c,
        kind: b.kind,
        decisionNumber: b.decisionNumber,
        decidedOn: b.decidedOn,
        year: b.year,
      })),
    ),
  ),
  sheet<DecisionsReport['perYear'][number]>(
    'Theo năm',
    [
      { header: 'Năm', value: (r) => r.year },
      { header: 'Loại quyết định', value: (r) => kindLabels[r.kind] ?? r.kind, width: 28 },
      { header: 'Mức đạt chuẩn', value: (r) => levelLabel(r.level), width: 26 },
      { header: 'Số xã', value: (r) => r.communes },
    ],
    report.perYear,
  ),
];

type QuestionLine = CommuneSurvey['perQuestion'][number] & { communeCode: string; communeName: string };

export const surveySheets = (surveys: readonly CommuneSurvey[]): Sheet[] => [
  sheet<CommuneSurvey>(
    'Kết quả lấy ý kiến',
    [
      { header: 'Mã huyện', value: (r) => r.districtCode },
      { header: 'Mã xã', value: (r) => r.communeCode },
      { header: 'Tên xã', value: (r) => r.communeName, width: 24 },
      { header: 'Mức đạt chuẩn đề nghị', value: (r) => levelLabel(r.level), width: 26 },
      { header: 'Năm', value: (r) => r.year },
      { header: 'Số hộ', value: (r) => r.households },
      { header: 'Số phiếu thu về', value: (r) => r.formsCollected },
      { header: 'Số phiếu hài lòng', value: (r) => r.satisfied },
      { header: 'Tỷ lệ tham gia (%)', value: (r) => pct(r.participationRate) },
      { header: 'Tỷ lệ hài lòng (%)', value: (r) => pct(r.satisfactionRate) },
      { header: 'Ngưỡng hài lòng (%)', value: (r) => pct(r.satisfactionThreshold) },
      { header: 'Đạt ngưỡng hài lòng', value: (r) => yesNo(r.meetsSatisfaction) },
      { header: 'Đạt tỷ lệ lấy ý kiến tối thiểu', value: (r) => yesNo(r.meetsCoverage) },
    ],
    surveys,
  ),
  sheet<QuestionLine>(
    'Theo câu hỏi',
    [
      { header: 'Mã xã', value: (r) => r.communeCode },
      { header: 'Tên xã', value: (r) => r.communeName, width: 24 },
      { header: 'Câu hỏi', value: (r) => r.question, width: 50 },
      { header: 'Số phiếu trả lời', value: (r) => r.answered },
      { header: 'Số phiếu hài lòng', value: (r) => r.satisfied },
      { header: 'Tỷ lệ hài lòng (%)', value: (r) => pct(r.rate) },
    ],
    surveys.flatMap((s) =>
      s.perQuestion.map((q) => ({ ...q, communeCode: s.communeCode, communeName: s.communeName })),
    ),
  ),
];

export const pipelineSheets = (report: PipelineReport): Sheet[] => [
  sheet<PipelineReport['steps'][number]>(
    'Theo bước',
    [
      { header: 'Bước', value: (r) => r.stepLabel, width: 40 },
      { header: 'Số hồ sơ đang ở bước', value: (r) => r.open },
      { header: 'Trong đó quá hạn', value: (r) => r.openOverdue },
      { header: 'Số lượt đã hoàn thành', value: (r) => r.completed },
      { header: 'Trung vị số ngày', value: (r) => round2(r.medianDays) },
      { header: 'Số ngày (phân vị 90)', value: (r) => round2(r.p90Days) },
      { header: 'Trung vị số ngày làm việc', value: (r) => round2(r.medianWorkingDays) },
      { header: 'Số ngày làm việc (phân vị 90)', value: (r) => round2(r.p90WorkingDays) },
      { header: 'Số lượt quá hạn', value: (r) => r.everOverdue },
    ],
    report.steps,
  ),
  sheet<PipelineReport['returnsPerRound'][number]>(
    'Trả lại theo vòng',
    [
      { header: 'Vòng', value: (r) => r.round },
      { header: 'Số lượt trả lại', value: (r) => r.returns },
    ],
    report.returnsPerRound,
  ),
  sheet<PipelineReport['overdue'][number]>(
    'Bước quá hạn',
    [
      { header: 'Mã hồ sơ', value: (r) => r.dossierId, width: 38 },
      { header: 'Mã huyện', value: (r) => r.districtCode },
      { header: 'Mã xã', value: (r) => r.communeCode },
      { header: 'Bước', value: (r) => r.stepLabel, width: 40 },
      { header: 'Vòng', value: (r) => r.round },
      { header: 'Hạn xử lý', value: (r) => r.dueAt, date: true },
      { header: 'Số ngày quá hạn', value: (r) => r.daysOverdue },
    ],
    report.overdue,
  ),
];

const noticeKindLabels: Readonly<Record<NoticeKind, string>> = {
  'step-opened': 'Việc mới',
  'deadline-near': 'Sắp đến hạn',
  overdue: 'Quá hạn',
  returned: 'Trả lại',
  decided: 'Quyết định',
  'review-warning': 'Cảnh báo rà soát',
};

export const inboxSheets = (items: readonly InboxItem[]): Sheet[] => [
  sheet<InboxItem>(
    'Thông báo',
    [
      { header: 'Ngày thông báo', value: (r) => r.createdAt, date: true },
      { header: 'Loại', value: (r) => noticeKindLabels[r.kind] },
      { header: 'Tiêu đề', value: (r) => r.title, width: 50 },
      { header: 'Nội dung', value: (r) => r.body, width: 70 },
      { header: 'Hạn xử lý', value: (r) => r.dueAt, date: true },
      { header: 'Đã đọc', value: (r) => yesNo(r.read) },
      { header: 'Mã hồ sơ', value: (r) => r.dossierId, width: 38 },
    ],
    items,
  ),
];

/**
 * A text cell a spreadsheet would read as a formula (= + - @, or a tab or carriage return that some programs
 * skip before one) is prefixed with an apostrophe, so it shows as the text it is and never runs
 * (OWASP "CSV injection"). Numbers stay numbers: -3 is a value, not a formula.
 */
export const neutraliseCell = (v: Cell): Cell =>
  typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;

/** The first sheet as CSV, with a byte-order mark so spreadsheet programs read the Vietnamese as UTF-8. */
export const toCsv = ([first]: readonly Sheet[]): string =>
  '\uFEFF' +
  stringify(
    [
      first.columns.map((c) => neutraliseCell(c.header)),
      ...first.rows.map((row) => first.columns.map((c) => neutraliseCell(c.value(row)))),
    ],
    { record_delimiter: '\r\n', quoted_match: /[\r\n]/, cast: { boolean: (b) => String(b) } },
  );

/** What a printed list says above its table: whose, what, when, and which filters chose its rows. */
export interface ExportTitle {
  /** The province's registered name ("Tỉnh Bắc Kạn"), or what stands for it ("Toàn quốc"). */
  readonly province: string;
  readonly report: string;
  /** The instant of the export; printed as Vietnam's date. */
  readonly exportedAt: string;
  readonly filters: readonly { readonly label: string; readonly value: string }[];
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_FORMAT = 'dd/mm/yyyy';

/** A date value as Excel's date: midnight UTC of Vietnam's day, so the serial is that day whatever the reader's zone. */
const excelDate = (v: Cell): Cell | Date => {
  if (typeof v !== 'string' || v === '') return v;
  const [, y, m, d] = LOCAL_DATE.exec(LOCAL_DATE.test(v) ? v : localDate(v)) ?? [];
  return new Date(Date.UTC(+y, +m - 1, +d));
};

const titleLines = (t: ExportTitle): string[] => [
  t.province,
  t.report,
  `Ngày xuất: ${localDateVi(t.exportedAt)}`,
  `Điều kiện lọc: ${t.filters.length === 0 ? 'không (tất cả)' : t.filters.map((f) => `${f.label}: ${f.value}`).join('; ')}`,
];

/**
 * Every sheet into one workbook, each under the same title block with a blank line after it; the header row
 * below is frozen and carries the auto-filter over the rows. Every XLSX the system writes comes from here.
 */
export const toXlsx = async (sheets: readonly Sheet[], title: ExportTitle): Promise<Buffer> => {
  // Loaded on first export: exceljs is large, and most requests never write a workbook.
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  book.creator = 'NTM Dossiers';
  const lines = titleLines(title);
  const headerRow = lines.length + 2;
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name.slice(0, 31), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }],
    });
    ws.columns = s.columns.map((c) => ({ width: c.width ?? Math.max(12, c.header.length + 2) }));
    lines.forEach((text, i) => {
      const cell = ws.getCell(i + 1, 1);
      cell.value = text;
      cell.font = { bold: i < 2, size: i === 1 ? 14 : 11 };
    });
    const header = ws.getRow(headerRow);
    header.values = s.columns.map((c) => c.header);
    header.font = { bold: true };
    s.rows.forEach((row, i) => {
      const line = ws.getRow(headerRow + 1 + i);
      s.columns.forEach((c, j) => {
        const cell = line.getCell(j + 1);
        const value = c.value(row);
        cell.value = c.date ? excelDate(value) : value;
        if (c.date) cell.numFmt = DATE_FORMAT;
      });
    });
    ws.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow + s.rows.length, column: s.columns.length },
    };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
};
