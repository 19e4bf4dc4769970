import type { Readable } from 'node:stream';
import QRCode from 'qrcode';
import { conflict, invalid, ruleBroken } from '@ntm/decider';
import {
  normaliseHouseholdCode,
  normaliseVillage,
  type OpenedSurvey,
  type RegisterRow,
  type SurveyPeriod,
  type SurveyQuestions,
} from '@ntm/survey';
import { FONTS, MM } from '../official-documents/decree30';

/*
 * Ballot sheets for the paper round and the household codes, one A4 sheet per household.
 *
 * Secrecy. The system keeps no household code: the register holds keyed hashes only, so the sheets are printed
 * from the register file the Front officer sends again, and nothing of it is stored or logged. The register
 * names no one (a code and a village), and a sheet names no one either. Each sheet has two parts: the form
 * (the questions and the answer boxes, identical for every household of a village, no code, no number) and,
 * below a cut line, a stub with the code and its QR link to the ballot page. A household answering on paper
 * hands in the stub and drops the form in the village box apart from it: the village board ticks the stubs off
 * as the households of a batch and counts the forms (the paper batch in counts mode), so no form carries
 * anything that ties it to a household. A household answering online keeps the stub: the code is used once.
 */

/** Sheets per file at most: a larger selection is printed in parts (about 5 KB a sheet, 2.5 MB a file). */
export const MAX_SHEETS_PER_FILE = 500;

/** One household's sheet. */
export interface BallotSheet {
  readonly code: string;
  readonly village: string;
}

/** What every sheet of the survey prints. */
export interface BallotSheetForm {
  readonly surveyId: string;
  readonly communeName: string;
  readonly round: number;
  readonly questions: SurveyQuestions;
  readonly period: SurveyPeriod;
  /** The address residents reach the app at (PUBLIC_URL). */
  readonly publicUrl: string;
}

/** The resident's ballot page with the code after '#ma=': a fragment, which the browser never sends. */
export const ballotLink = (publicUrl: string, surveyId: string, code: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/phieu/${surveyId}#ma=${encodeURIComponent(code)}`;

export interface SheetSelection {
  readonly sheets: readonly BallotSheet[];
  /** Files the whole selection takes (MAX_SHEETS_PER_FILE sheets each). */
  readonly parts: number;
}

/**
 * The sheets of one file: the register file's households, of one village if asked, by village then code, part
 * `part` of them. The file must be the register the survey imported (every code hashes to a household of the
 * same village, and as many households), so no sheet is printed for a code the survey would refuse.
 */
export const selectSheets = (
  survey: OpenedSurvey,
  rows: readonly RegisterRow[],
  tokenOf: (code: string) => string,
  choice: { readonly village?: string; readonly part?: number },
): SheetSelection => {
  if (survey.register === undefined) {
    throw conflict('REGISTER_MISSING', 'Chưa nhập danh sách hộ gia đình của xã, chưa in được phiếu');
  }
  const mismatch = rows.find((r) => survey.households.get(tokenOf(r.code))[0] !== r.village);
  if (mismatch !== undefined) {
    throw ruleBroken(
      'REGISTER_FILE_MISMATCH',
      `Tệp danh sách hộ không khớp danh sách đã nhập cho khảo sát: dòng ${mismatch.line} (mã hộ ${mismatch.code}, ${mismatch.village}) không có trong danh sách đã nhập`,
    );
  }
  if (rows.length !== survey.register.households) {
    throw ruleBroken(
      'REGISTER_FILE_MISMATCH',
      `Tệp danh sách hộ có ${rows.length} hộ, danh sách đã nhập cho khảo sát có ${survey.register.households} hộ: chọn đúng tệp đã nhập`,
    );
  }
  const village = choice.village === undefined ? undefined : normaliseVillage(choice.village);
  const part = choice.part ?? 1;
  if (village !== undefined && !survey.register.villages.some((v) => v.village === village)) {
    throw invalid(
      'VILLAGE_NOT_IN_REGISTER',
      `Trường 'village': ${village} không có trong danh sách hộ`,
      'village',
    );
  }
  const chosen = rows
    .filter((r) => village === undefined || r.village === village)
    .map((r) => ({ code: normaliseHouseholdCode(r.code), village: r.village }))
    .sort((a, b) => a.village.localeCompare(b.village, 'vi') || a.code.localeCompare(b.code, 'vi'));
  const parts = Math.max(1, Math.ceil(chosen.length / MAX_SHEETS_PER_FILE));
  if (part > parts) {
    throw invalid(
      'SHEET_PART_OUT_OF_RANGE',
      `Trường 'part': chỉ có ${parts} phần (mỗi phần tối đa ${MAX_SHEETS_PER_FILE} phiếu)`,
      'part',
    );
  }
  return { sheets: chosen.slice((part - 1) * MAX_SHEETS_PER_FILE, part * MAX_SHEETS_PER_FILE), parts };
};

const MARGIN = 15 * MM;
const STUB_HEIGHT = 54 * MM;
const QR_SIZE = 36 * MM;
const BOX_COLUMNS = [
  { answer: 'satisfied', label: 'Hài lòng' },
  { answer: 'not-satisfied', label: 'Chưa hài lòng' },
  { answer: 'no-answer', label: 'Không ý kiến' },
] as const;

const day = (iso: string): string =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));

const nfc = (s: string) => s.normalize('NFC');

/**
 * The sheets as a PDF stream: pages are written as their QR codes are made, so a file of hundreds of sheets is
 * never held whole. A failure after the first byte ends the stream with the error.
 */
export const renderBallotSheets = async (
  form: BallotSheetForm,
  sheets: readonly BallotSheet[],
): Promise<Readable> => {
  // Loaded on first use: pdfkit is large, and most processes never print a sheet.
  const PDFDocument = (await import('pdfkit')).default;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    autoFirstPage: false,
    lang: 'vi-VN',
    info: { Title: nfc(`Phiếu lấy ý kiến người dân ${form.communeName}, đợt ${form.round}`) },
  });
  for (const [face, path] of Object.entries(FONTS)) doc.registerFont(face, path);
  const write = async () => {
    for (const sheet of sheets) {
      const png = await QRCode.toBuffer(ballotLink(form.publicUrl, form.surveyId, sheet.code), {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 4,
        scale: 4,
      });
      printSheet(doc, form, sheet, png);
    }
    doc.end();
  };
  write().catch((e: Error) => doc.destroy(e));
  return doc;
};

const printSheet = (doc: PDFKit.PDFDocument, form: BallotSheetForm, sheet: BallotSheet, qr: Buffer): void => {
  doc.addPage();
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const stubTop = doc.page.height - MARGIN - STUB_HEIGHT;
  const centred = (face: keyof typeof FONTS, size: number, text: string) =>
    doc.font(face).fontSize(size).text(nfc(text), left, doc.y, { width, align: 'center' });

  // The form: the same for every household of the village.
  centred('bold', 12, `ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM ${form.communeName.toLocaleUpperCase('vi-VN')}`);
  doc.moveDown(0.4);
  centred('bold', 15, 'PHIẾU LẤY Ý KIẾN SỰ HÀI LÒNG CỦA NGƯỜI DÂN');
  centred('regular', 12, `Phiếu lấy ý kiến người dân ${form.communeName} (đợt ${form.round})`);
  centred(
    'italic',
    11,
    `${sheet.village}. Thời gian lấy ý kiến: từ ${day(form.period.opensAt)} đến hết ${day(new Date(Date.parse(form.period.closesAt) - 1).toISOString())}`,
  );
  doc.moveDown(0.2);
  centred(
    'italic',
    10,
    'Đánh dấu X vào một ô ở mỗi dòng. Phiếu không ghi tên, không ghi mã hộ; bỏ phiếu vào hòm phiếu của thôn.',
  );
  doc.moveDown(0.3);

  const numberWidth = 8 * MM;
  const boxWidth = 19 * MM;
  const textWidth = width - numberWidth - boxWidth * BOX_COLUMNS.length;
  const row = (cells: readonly string[], face: keyof typeof FONTS, boxes: readonly boolean[]) => {
    doc.font(face).fontSize(face === 'bold' ? 9 : 9.5);
    const labels = boxes.length === 0 ? cells.slice(2) : [];
    const height = Math.max(
      16,
      doc.heightOfString(nfc(cells[1]), { width: textWidth - 6 }) + 5,
      ...labels.map((l) => doc.heightOfString(nfc(l), { width: boxWidth - 4 }) + 5),
    );
    if (doc.y + height > stubTop - 10) doc.addPage();
    const y = doc.y;
    const xs = [left, left + numberWidth, left + numberWidth + textWidth];
    doc.lineWidth(0.5);
    doc.rect(xs[0], y, numberWidth, height).stroke();
    doc.text(nfc(cells[0]), xs[0], y + 3, { width: numberWidth, align: 'center' });
    doc.rect(xs[1], y, textWidth, height).stroke();
    doc.text(nfc(cells[1]), xs[1] + 3, y + 3, { width: textWidth - 6 });
    BOX_COLUMNS.forEach((_, i) => {
      const x = xs[2] + i * boxWidth;
      doc.rect(x, y, boxWidth, height).stroke();
      if (boxes.length === 0)
        doc.text(nfc(labels[i]), x + 2, y + 3, { width: boxWidth - 4, align: 'center' });
      else if (boxes[i]) doc.rect(x + boxWidth / 2 - 5, y + height / 2 - 5, 10, 10).stroke();
    });
    doc.x = left;
    doc.y = y + height;
  };
  row(['TT', 'Nội dung lấy ý kiến', ...BOX_COLUMNS.map((c) => c.label)], 'bold', []);
  // The overall question takes no "Không ý kiến" (libs/survey refuses it), so it has no box for it.
  row(['1', form.questions.overall.text], 'regular', [true, true, false]);
  form.questions.criteria.forEach((q, i) => row([String(i + 2), q.text], 'regular', [true, true, true]));

  // The stub, below the cut line: the code and its QR link, handed in apart from the form.
  doc.lineWidth(0.8).dash(4, { space: 3 });
  doc
    .moveTo(left, stubTop)
    .lineTo(left + width, stubTop)
    .stroke();
  doc.undash();
  doc
    .font('italic')
    .fontSize(9)
    .text('Cắt theo đường này: phần dưới giữ mã hộ, nộp riêng với phiếu', left, stubTop + 2, {
      width,
      align: 'center',
    });
  const top = stubTop + 16;
  doc.image(qr, left, top, { width: QR_SIZE, height: QR_SIZE });
  const x = left + QR_SIZE + 6 * MM;
  const w = width - QR_SIZE - 6 * MM;
  doc.font('bold').fontSize(12).text('MÃ HỘ GIA ĐÌNH (dùng một lần)', x, top, { width: w });
  doc
    .font('bold')
    .fontSize(18)
    .text(nfc(sheet.code), x, doc.y + 2, { width: w });
  doc
    .font('regular')
    .fontSize(10)
    .text(nfc(sheet.village), x, doc.y + 2, { width: w });
  doc.moveDown(0.4);
  doc.text('Trả lời trực tuyến: quét mã QR bằng điện thoại, hoặc mở trang', x, doc.y, { width: w });
  // The address on a line of its own, so it is never broken where a reader would type it wrong.
  doc
    .font('bold')
    .fontSize(9)
    .text(`${form.publicUrl.replace(/\/+$/, '')}/phieu/${form.surveyId}`, x, doc.y, {
      width: w,
    });
  doc
    .font('regular')
    .fontSize(10)
    .text('và nhập mã hộ. Mỗi mã chỉ gửi được một phiếu.', x, doc.y, { width: w });
  doc.moveDown(0.3);
  doc.text(
    nfc(
      'Trả lời trên giấy: cắt rời phần này, nộp cho Ban công tác Mặt trận thôn để đánh dấu hộ đã trả lời; phiếu phía trên bỏ riêng vào hòm phiếu.',
    ),
    x,
    doc.y,
    { width: w },
  );
};
