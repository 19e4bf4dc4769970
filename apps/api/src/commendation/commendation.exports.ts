import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { toXlsx } from '@ntm/read-models';
import {
  achievementKindLabels,
  levelsLabel,
  nomineeKindLabels,
  openFlags,
  type Award,
  type AwardDecision,
  type Candidate,
  type ClusterScores,
  type Nominee,
  type QuotaLine,
} from '@ntm/commendation';

// A font with Vietnamese glyphs: PDFKit's built-in Helvetica has none of ư, ơ, đ or the stacked tone marks.
// The npm package ships DejaVu with the app, so PDFs are right on a machine without system fonts.
const bundledDejaVu = (file: string): string => {
  try {
    return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
  } catch {
    return `/nonexistent/${file}`;
  }
};
const FONT_CANDIDATES = [
  [bundledDejaVu('DejaVuSerif.ttf'), bundledDejaVu('DejaVuSerif-Bold.ttf')],
  [
    '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
  ],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf'],
];

const logger = new Logger('CommendationExports');

export interface PdfFonts {
  readonly regular: string;
  readonly bold: string;
  /** False when no Vietnamese font was found: the text is printed without diacritics rather than garbled. */
  readonly vietnamese: boolean;
}

export const findFonts = (candidates: readonly string[][] = FONT_CANDIDATES): PdfFonts => {
  const found = candidates.find(([regular]) => existsSync(regular));
  if (found) return { regular: found[0], bold: existsSync(found[1]) ? found[1] : found[0], vietnamese: true };
  logger.warn(
    'No font with Vietnamese glyphs found (install fonts-dejavu-core); PDFs will be printed without diacritics',
  );
  return { regular: 'Helvetica', bold: 'Helvetica-Bold', vietnamese: false };
};

/** Plain Latin for the fallback font: "Quyết định" becomes "Quyet dinh". */
export const withoutDiacritics = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

const dateWords = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
};

export const nomineeLine = (n: Nominee): string =>
  n.kind === 'individual' && n.position
    ? `Ông/Bà ${n.name}, ${n.position}`
    : n.name.charAt(0).toUpperCase() + n.name.slice(1);

export interface DecisionDocument extends AwardDecision {
  readonly provinceCode: string;
  readonly awards: readonly Award[];
}

/** The decision (quyết định khen thưởng) as a PDF: the decision page, then the list of recipients. */
export const decisionPdf = (decision: DecisionDocument, fonts: PdfFonts = findFonts()): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 56, left: 70, right: 56 },
      info: { Title: `Quyết định ${decision.number}` },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const t = (s: string) => (fonts.vietnamese ? s : withoutDiacritics(s));
    const regular = () => doc.font(fonts.regular);
    const bold = () => doc.font(fonts.bold);
    const width = doc.page.width - 70 - 56;
    const authority = decision.awardType.authority.toUpperCase();
    const count = decision.awards.length;

    // Heading: the issuing body on the left, the national motto on the right.
    const top = doc.y;
    bold()
      .fontSize(11)
      .text(t(authority), 70, top, { width: width * 0.42, align: 'center' });
    regular()
      .fontSize(11)
      .text(t(`Số: ${decision.number}`), 70, doc.y + 6, { width: width * 0.42, align: 'center' });
    bold()
      .fontSize(11)
      .text(t('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), 70 + width * 0.42, top, {
        width: width * 0.58,
        align: 'center',
      });
    bold().text(t('Độc lập - Tự do - Hạnh phúc'), { width: width * 0.58, align: 'center' });
    regular()
      .fontSize(11)
      .text(t(dateWords(decision.decidedOn)), { width: width * 0.58, align: 'center' });
    doc.moveDown(2);
    bold().fontSize(14).text(t('QUYẾT ĐỊNH'), 70, doc.y, { width, align: 'center' });
    bold()
      .fontSize(12)
      .text(t(`Về việc tặng ${decision.awardType.name}`), { width, align: 'center' });
    doc.moveDown();
    bold().fontSize(12).text(t(authority), { width, align: 'center' });
    doc.moveDown();
    regular().fontSize(12);
    for (const line of [
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
      'Căn cứ các văn bản quy định chi tiết thi hành Luật Thi đua, khen thưởng;',
      'Xét đề nghị của Hội đồng Thi đua - Khen thưởng tỉnh,',
    ])
      doc.text(t(line), { width, align: 'justify', indent: 28 });
    doc.moveDown();
    bold().text(t('QUYẾT ĐỊNH:'), { width, align: 'center' });
    doc.moveDown(0.5);
    regular().text(
      t(
        `Điều 1. Tặng ${decision.awardType.name} cho ${count} tập thể, cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua.`,
      ),
      { width, align: 'justify', indent: 28 },
    );
    doc.text(t('Điều 2. Quyết định này có hiệu lực kể từ ngày ký.'), { width, align: 'justify', indent: 28 });
    doc.text(
      t(
        'Điều 3. Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.',
      ),
      {
        width,
        align: 'justify',
        indent: 28,
      },
    );
    doc.moveDown(2);
    bold().text(
      t(decision.awardType.authority.toUpperCase().replace(/ ỦY BAN NHÂN DÂN.*$/, '')),
      70 + width / 2,
      doc.y,
      { width: width / 2, align: 'center' },
    );
    doc.moveDown(3);
    bold().text(t(decision.signer.name ?? decision.signer.id), { width: width / 2, align: 'center' });

    // The list of recipients.
    doc.addPage();
    bold().fontSize(13).text(t('DANH SÁCH'), 70, doc.y, { width, align: 'center' });
    bold()
      .fontSize(12)
      .text(t(`Tập thể, cá nhân được tặng ${decision.awardType.name}`), { width, align: 'center' });
    regular()
      .fontSize(11)
      .text(t(`(Kèm theo Quyết định số ${decision.number} ${dateWords(decision.decidedOn)})`), {
        width,
        align: 'center',
      });
    doc.moveDown();
    const columns = [36, width * 0.45, width - 36 - width * 0.45];
    const row = (cells: string[], font: () => PDFKit.PDFDocument) => {
      font().fontSize(11);
      const y = doc.y;
      const heights = cells.map((c, i) => doc.heightOfString(t(c), { width: columns[i] - 8 }));
      const h = Math.max(...heights) + 8;
      if (y + h > doc.page.height - 56) doc.addPage();
      const y0 = doc.y;
      let x = 70;
      cells.forEach((c, i) => {
        doc.rect(x, y0, columns[i], h).stroke();
        doc.text(t(c), x + 4, y0 + 4, { width: columns[i] - 8 });
        x += columns[i];
      });
      doc.x = 70;
      doc.y = y0 + h;
    };
    row(['STT', 'Tên tập thể, cá nhân', 'Thành tích'], bold);
    decision.awards.forEach((a, i) =>
      row([String(i + 1), nomineeLine(a.recipient), a.achievement?.text ?? ''], regular),
    );
    doc.end();
  });

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

export const awardsXlsx = (awards: readonly Award[]): Promise<Buffer> =>
  toXlsx([
    {
      name: 'Khen thưởng',
      rows: awards.map((a, i) => ({ a, no: i + 1 })),
      columns: [
        { header: 'STT', width: 6, value: (r: { no: number }) => r.no },
        { header: 'Năm', width: 8, value: (r: { a: Award }) => r.a.year },
        { header: 'Hình thức', width: 40, value: (r: { a: Award }) => r.a.awardType.name },
        { header: 'Tập thể, cá nhân', width: 36, value: (r: { a: Award }) => nomineeLine(r.a.recipient) },
        { header: 'Đối tượng', width: 12, value: (r: { a: Award }) => nomineeKindLabels[r.a.recipient.kind] },
        {
          header: 'Thành tích',
          width: 50,
          value: (r: { a: Award }) =>
            r.a.achievement
              ? `${achievementKindLabels[r.a.achievement.kind]}: ${r.a.achievement.text}`
              : 'Khen thưởng đã có trước',
        },
        { header: 'Số quyết định', width: 18, value: (r: { a: Award }) => r.a.decisionNumber },
        { header: 'Ngày quyết định', width: 14, value: (r: { a: Award }) => r.a.decidedOn },
        { header: 'Tình trạng', width: 40, value: (r: { a: Award }) => awardState(r.a) },
      ],
    },
  ]);

export const candidatesXlsx = (
  candidates: readonly Candidate[],
  quotas: readonly QuotaLine[],
): Promise<Buffer> =>
  toXlsx([
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
        { header: 'Điều kiện chưa đạt', width: 70, value: (r: { c: Candidate }) => checksOf(r.c, 'failed') },
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
        { header: 'Cơ sở tính', width: 14, value: (q: QuotaLine) => q.baseCount },
        { header: 'Tỷ lệ', width: 10, value: (q: QuotaLine) => `${q.share.num}/${q.share.den}` },
        { header: 'Số được đề nghị', width: 16, value: (q: QuotaLine) => q.capacity },
        { header: 'Đã đề nghị', width: 12, value: (q: QuotaLine) => q.used },
      ],
    },
  ]);

type RankingRow = { readonly s: ClusterScores; readonly e: ClusterScores['ranking'][number] };

export const rankingsXlsx = (scores: readonly ClusterScores[]): Promise<Buffer> =>
  toXlsx([
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
  ]);
