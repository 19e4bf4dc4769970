import { toXlsx, type ExportTitle } from '@ntm/read-models';
import {
  achievementKindLabels,
  levelsLabel,
  nomineeKindLabels,
  openFlags,
  positionAndUnit,
  quotaBaseLabels,
  type Award,
  type AwardDecision,
  type Candidate,
  type ClusterScores,
  type CommuneAwards,
  type DecisionSummary,
  type Nominee,
  type QuotaLine,
} from '@ntm/commendation';
import type { OfficialDocument } from '../official-documents/decree30';

export const nomineeLine = (n: Nominee): string => {
  const held = n.kind === 'individual' ? positionAndUnit(n) : null;
  return held ? `Ông/Bà ${n.name}, ${held}` : n.name.charAt(0).toUpperCase() + n.name.slice(1);
};

export interface DecisionDocument extends AwardDecision {
  readonly awards: readonly Award[];
}

/**
 * The decision (quyết định khen thưởng) in the layout of Decree 30/2020: the decision, then the list of those
 * awarded. A province's chairman issues it in the province's name; a national authority (the Prime Minister)
 * issues it from Hà Nội.
 */
export const decisionDocument = (decision: DecisionDocument, province: string): OfficialDocument => {
  const authority = decision.awardType.authority;
  const provincial = /tỉnh$/i.test(authority);
  const issuer = provincial ? `Ủy ban nhân dân tỉnh ${province}` : authority;
  const count = decision.awards.length;
  return {
    issuer: { name: issuer },
    number: decision.number,
    place: provincial ? province : 'Hà Nội',
    date: decision.decidedOn,
    type: 'Quyết định',
    summary: `Về việc tặng ${decision.awardType.name}`,
    authority: provincial ? `${authority} ${province}` : authority,
    content: [
      { kind: 'paragraph', italic: true, text: 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;' },
      {
        kind: 'paragraph',
        italic: true,
        text: 'Căn cứ các văn bản quy định chi tiết thi hành Luật Thi đua, khen thưởng;',
      },
      {
        kind: 'paragraph',
        italic: true,
        // The province proposes to a national authority; its own council proposes to its chairman.
        text: provincial
          ? `Xét đề nghị của Hội đồng Thi đua - Khen thưởng tỉnh ${province}.`
          : `Xét đề nghị của Ủy ban nhân dân tỉnh ${province}.`,
      },
      { kind: 'centred', text: 'QUYẾT ĐỊNH:' },
      {
        kind: 'paragraph',
        lead: 'Điều 1.',
        text: `Tặng ${decision.awardType.name} cho ${count} tập thể, cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua.`,
      },
      { kind: 'paragraph', lead: 'Điều 2.', text: 'Quyết định này có hiệu lực kể từ ngày ký.' },
      {
        kind: 'paragraph',
        lead: 'Điều 3.',
        text: 'Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.',
      },
    ],
    // "Chủ tịch Ủy ban nhân dân tỉnh" signs as "Chủ tịch"; "Thủ tướng Chính phủ" as "Thủ tướng".
    signature: {
      title: authority.replace(/\s+(Ủy ban nhân dân|Chính phủ).*$/i, ''),
      name: decision.signer.name ?? decision.signer.id,
    },
    recipients: [
      'Như Điều 3',
      provincial ? `Hội đồng Thi đua - Khen thưởng tỉnh ${province}` : `Ủy ban nhân dân tỉnh ${province}`,
      'Lưu: VT',
    ],
    annex: {
      title: 'Danh sách',
      subtitle: `Tập thể, cá nhân được tặng ${decision.awardType.name}`,
      content: [
        {
          kind: 'table',
          columns: [
            { header: 'STT', share: 0.08 },
            { header: 'Tên tập thể, cá nhân', share: 0.45 },
            { header: 'Thành tích', share: 0.47 },
          ],
          rows: decision.awards.map((a, i) => [
            String(i + 1),
            nomineeLine(a.recipient),
            a.achievement?.text ?? '',
          ]),
        },
      ],
    },
  };
};

// The lists share the read models' sheet format and writer (Vietnamese headers, one workbook).
const awardState = (a: Award): string =>
  a.revoked
    ? `Đã hủy bỏ (Quyết định số ${a.revoked.decisionNumber})`
    : openFlags(a).length > 0
      ? 'Cần Hội đồng xem xét lại'
      : 'Có hiệu lực';

const checksOf = (c: Candidate, status: 'passed' | 'failed'): string =>
  c.report.checks
    .filter((x) => x.status === status)
    .map((x) => `${x.label}: ${x.detail}`)
    .join('\n');

export const awardsXlsx = (awards: readonly Award[], title: ExportTitle): Promise<Buffer> =>
  toXlsx(
    [
      {
        name: 'Khen thưởng',
        rows: awards.map((a, i) => ({ a, no: i + 1 })),
        columns: [
          { header: 'STT', width: 6, value: (r: { no: number }) => r.no },
          { header: 'Năm', width: 8, value: (r: { a: Award }) => r.a.year },
          { header: 'Hình thức', width: 40, value: (r: { a: Award }) => r.a.awardType.name },
          { header: 'Tập thể, cá nhân', width: 36, value: (r: { a: Award }) => nomineeLine(r.a.recipient) },
          {
            header: 'Đối tượng',
            width: 12,
            value: (r: { a: Award }) => nomineeKindLabels[r.a.recipient.kind],
          },
          {
            header: 'Thành tích',
            width: 50,
            value: (r: { a: Award }) =>
              r.a.achievement
                ? `${achievementKindLabels[r.a.achievement.kind]}: ${r.a.achievement.text}`
                : 'Khen thưởng đã có trước',
          },
          { header: 'Số quyết định', width: 18, value: (r: { a: Award }) => r.a.decisionNumber },
          { header: 'Ngày quyết định', width: 14, value: (r: { a: Award }) => r.a.decidedOn, date: true },
          { header: 'Tình trạng', width: 40, value: (r: { a: Award }) => awardState(r.a) },
        ],
      },
    ],
    title,
  );

export const candidatesXlsx = (
  candidates: readonly Candidate[],
  quotas: readonly QuotaLine[],
  title: ExportTitle,
): Promise<Buffer> =>
  toXlsx(
    [
      {
        name: 'Đối tượng đủ điều kiện',
        rows: candidates.map((c, i) => ({ c, no: i + 1 })),
        columns: [
          { header: 'STT', width: 6, value: (r: { no: number }) => r.no },
          { header: 'Tập thể, cá nhân', width: 36, value: (r: { c: Candidate }) => r.c.nominee.name },
          {
            header: 'Đủ điều kiện',
            width: 14,
            value: (r: { c: Candidate }) => (r.c.report.eligible ? 'Có' : 'Không'),
          },
          { header: 'Điều kiện đạt', width: 70, value: (r: { c: Candidate }) => checksOf(r.c, 'passed') },
          {
            header: 'Điều kiện chưa đạt',
            width: 70,
            value: (r: { c: Candidate }) => checksOf(r.c, 'failed'),
          },
          {
            header: 'Đề nghị đã có',
            width: 30,
            value: (r: { c: Candidate }) =>
              r.c.nominations.map((n) => `${n.awardTypeId} (${n.status})`).join(', '),
          },
        ],
      },
      {
        name: 'Chỉ tiêu',
        rows: quotas,
        columns: [
          { header: 'Hình thức', width: 40, value: (q: QuotaLine) => q.awardTypeName },
          { header: 'Tính trên', width: 40, value: (q: QuotaLine) => quotaBaseLabels[q.base] },
          { header: 'Cơ sở tính', width: 14, value: (q: QuotaLine) => q.baseCount },
          { header: 'Tỷ lệ', width: 10, value: (q: QuotaLine) => `${q.share.num}/${q.share.den}` },
          { header: 'Số được đề nghị', width: 16, value: (q: QuotaLine) => q.capacity },
          { header: 'Đã đề nghị', width: 12, value: (q: QuotaLine) => q.used },
          {
            header: 'Căn cứ',
            width: 50,
            value: (q: QuotaLine) => q.source ?? 'Điều kiện chỉ tiêu của hình thức khen thưởng',
          },
        ],
      },
    ],
    title,
  );

type RankingRow = { readonly s: ClusterScores; readonly e: ClusterScores['ranking'][number] };

export const rankingsXlsx = (scores: readonly ClusterScores[], title: ExportTitle): Promise<Buffer> =>
  toXlsx(
    [
      {
        name: 'Xếp hạng cụm, khối',
        rows: scores.flatMap((s) => s.ranking.map((e): RankingRow => ({ s, e }))),
        columns: [
          { header: 'Cụm, khối', width: 36, value: (r: RankingRow) => r.s.clusterName },
          { header: 'Hạng', width: 8, value: (r: RankingRow) => r.e.rank },
          { header: 'Đơn vị', width: 36, value: (r: RankingRow) => r.e.name },
          { header: 'Điểm', width: 10, value: (r: RankingRow) => r.e.score },
          {
            header: 'Dẫn đầu',
            width: 10,
            value: (r: RankingRow) => (r.s.leader === r.e.memberKey ? 'Có' : ''),
          },
          {
            header: 'Đang đạt chuẩn',
            width: 40,
            value: (r: RankingRow) => (r.e.figures ? levelsLabel(r.e.figures.holdings) : ''),
          },
          {
            header: 'Tỷ lệ hài lòng',
            width: 14,
            value: (r: RankingRow) => r.e.figures?.satisfactionRate ?? '',
          },
        ],
      },
    ],
    title,
  );

/** YYYY-MM-DD as written in running text (a cell holding several awards). */
const inText = (iso: string): string => iso.slice(0, 10).split('-').reverse().join('/');

/** The registry per commune: one row per commune of the area, the awards of the period in one cell. */
export const communeAwardsXlsx = (communes: readonly CommuneAwards[], title: ExportTitle): Promise<Buffer> =>
  toXlsx(
    [
      {
        name: 'Sổ khen thưởng theo xã',
        rows: communes.map((c, i) => ({ c, no: i + 1 })),
        columns: [
          { header: 'STT', width: 6, value: (r: { no: number }) => r.no },
          { header: 'Mã xã', width: 10, value: (r: { c: CommuneAwards }) => r.c.communeCode },
          { header: 'Xã', width: 28, value: (r: { c: CommuneAwards }) => r.c.name },
          { header: 'Số khen thưởng', width: 14, value: (r: { c: CommuneAwards }) => r.c.awards.length },
          {
            header: 'Khen thưởng',
            width: 80,
            value: (r: { c: CommuneAwards }) =>
              r.c.awards.length === 0
                ? 'Chưa có khen thưởng'
                : r.c.awards
                    .map(
                      (a) =>
                        `${a.year}: ${a.awardType.name}, Quyết định số ${a.decisionNumber} ngày ${inText(a.decidedOn)} (${awardState(a)})`,
                    )
                    .join('\n'),
          },
        ],
      },
    ],
    title,
  );

export const decisionsXlsx = (decisions: readonly DecisionSummary[], title: ExportTitle): Promise<Buffer> =>
  toXlsx(
    [
      {
        name: 'Quyết định khen thưởng',
        rows: decisions.map((d, i) => ({ d, no: i + 1 })),
        columns: [
          { header: 'STT', width: 6, value: (r: { no: number }) => r.no },
          { header: 'Số quyết định', width: 18, value: (r: { d: DecisionSummary }) => r.d.number },
          { header: 'Ngày ký', width: 14, value: (r: { d: DecisionSummary }) => r.d.decidedOn, date: true },
          { header: 'Hình thức', width: 40, value: (r: { d: DecisionSummary }) => r.d.awardType.name },
          { header: 'Người ký', width: 30, value: (r: { d: DecisionSummary }) => r.d.signer.name ?? '' },
          { header: 'Được khen', width: 50, value: (r: { d: DecisionSummary }) => r.d.recipients.join(', ') },
        ],
      },
    ],
    title,
  );
