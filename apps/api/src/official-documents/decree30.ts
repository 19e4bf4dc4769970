/**
 * The layout of an administrative document as Decree 30/2020/NĐ-CP, Appendix I, sets it: A4, margins, the
 * national title and motto, the issuing body, number and symbol, place and date, type and summary, content,
 * the signer's authority and title, and the recipients. Every document the system issues goes through here.
 */

/** Tinos: Times New Roman's metrics with the Vietnamese glyphs (SIL OFL), shipped as an npm package. */
const TINOS = (face: string) => require.resolve(`@expo-google-fonts/tinos/${face}/Tinos_${face}.ttf`);
export const FONTS = {
  regular: TINOS('400Regular'),
  bold: TINOS('700Bold'),
  italic: TINOS('400Regular_Italic'),
  boldItalic: TINOS('700Bold_Italic'),
} as const;
type Face = keyof typeof FONTS;

export const MM = 72 / 25.4;
// Appendix I §II.2: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
// Appendix I: content 13-14 pt; the national title 12-13 pt; "Nơi nhận" 12 pt and its list 11 pt.
const SIZE = { body: 14, title: 13, heading: 14, motto: 13, recipientsLabel: 12, recipients: 11 } as const;
const INDENT = 1 * 10 * MM; // first line of a paragraph: 1 cm to 1.27 cm
const PARAGRAPH_GAP = 6; // at least 6 pt between paragraphs

export interface Issuer {
  /** The body above the issuer ("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" above its department); none for a People's Committee. */
  readonly parent?: string;
  /** e.g. "Ủy ban nhân dân tỉnh Bắc Kạn"; printed in capitals. */
  readonly name: string;
}

export type Block =
  /** A paragraph of the content; `lead` is printed bold before the text (e.g. "Điều 1."). */
  | { readonly kind: 'paragraph'; readonly text: string; readonly lead?: string; readonly italic?: boolean }
  /** A centred line in bold (e.g. "QUYẾT ĐỊNH:"). */
  | { readonly kind: 'centred'; readonly text: string }
  | {
      readonly kind: 'table';
      /** Headers and their share of the width (shares add up to 1). */
      readonly columns: readonly { readonly header: string; readonly share: number }[];
      readonly rows: readonly (readonly string[])[];
    };

export interface Signature {
  /** "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"...; none when the head signs in their own name. */
  readonly onBehalfOf?: string;
  /** e.g. "CHỦ TỊCH". */
  readonly title: string;
  readonly name: string;
}

export interface OfficialDocument {
  readonly issuer: Issuer;
  /** Number and symbol, e.g. "125/QĐ-UBND". */
  readonly number: string;
  /** The place name of the issuing body (Appendix I §II.6: the province's name for a provincial body). */
  readonly place: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  /**
   * A named type ("QUYẾT ĐỊNH", "PHIẾU TIẾP NHẬN HỒ SƠ") is printed centred above the summary; a letter
   * (công văn) has none and its summary ("V/v ...") stands under its number.
   */
  readonly type: string | null;
  /** Trích yếu: what the document is about. */
  readonly summary: string;
  /** A decision's own line of authority under its summary, e.g. "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN". */
  readonly authority?: string;
  /** A letter's addressees ("Kính gửi"). */
  readonly addressees?: readonly string[];
  readonly content: readonly Block[];
  readonly signature: Signature;
  /** Nơi nhận: every recipient, the archive last. */
  readonly recipients: readonly string[];
  /** An attachment that follows on its own page (e.g. the list of those awarded). */
  readonly annex?: { readonly title: string; readonly subtitle: string; readonly content: readonly Block[] };
}

/** "ngày 05 tháng 3 năm 2025": Appendix I §II.6 writes days below 10 and months below 3 with a leading 0. */
export const dateLine = (isoDate: string): string => {
  const [y, m, d] = isoDate.split('-').map(Number);
  const pad = (n: number, below: number) => (n < below ? `0${n}` : String(n));
  return `ngày ${pad(d, 10)} tháng ${pad(m, 3)} năm ${y}`;
};

/** A file name anyone's system can store: "125/QĐ-UBND" becomes "125-QD-UBND". */
export const fileSlug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const upper = (s: string) => s.toLocaleUpperCase('vi-VN');

/** Renders the document to a PDF: A4, Tinos, the decree's sizes and places. */
export const renderOfficialDocument = async (d: OfficialDocument): Promise<Buffer> => {
  // Loaded on first use: pdfkit is large, and most requests never print a document.
  const PDFDocument = (await import('pdfkit')).default;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      lang: 'vi-VN',
      info: {
        Title: d.type ? `${d.type} ${d.number}` : d.summary,
        Author: d.issuer.name,
        Subject: d.summary,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const [face, path] of Object.entries(FONTS)) doc.registerFont(face, path);

    const left = MARGIN.left;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const bottom = () => doc.page.height - MARGIN.bottom;
    const use = (face: Face, size: number) => doc.font(face).fontSize(size);
    // NFC: one code point per accented letter, as the font's glyphs and text search expect.
    const nfc = (s: string) => s.normalize('NFC');
    const rule = (x: number, y: number, length: number) =>
      doc
        .moveTo(x, y)
        .lineTo(x + length, y)
        .lineWidth(0.5)
        .stroke();
    /** A centred line with a rule under it as long as `ruleShare` of the text (the motto: all of it). */
    const centredWithRule = (text: string, x: number, w: number, ruleShare: number) => {
      doc.text(nfc(text), x, doc.y, { width: w, align: 'center' });
      const widest = Math.max(
        ...nfc(text)
          .split('\n')
          .map((line) => doc.widthOfString(line)),
      );
      const length = Math.min(w, widest) * ruleShare;
      rule(x + (w - length) / 2, doc.y + 2, length);
      doc.y += 4;
    };

    // Header: the issuing body on the left (ô 2, 3), the national title and motto on the right (ô 1, 4).
    const leftWidth = width * 0.42;
    const rightX = left + leftWidth;
    const rightWidth = width - leftWidth;
    const top = doc.y;
    if (d.issuer.parent) {
      use('regular', SIZE.title);
      doc.text(nfc(upper(d.issuer.parent)), left, top, { width: leftWidth, align: 'center' });
    }
    use('bold', SIZE.title);
    doc.text('', left, d.issuer.parent ? doc.y : top);
    // A People's Committee's name breaks after "ỦY BAN NHÂN DÂN", as the state's documents print it.
    centredWithRule(upper(d.issuer.name).replace(/^(ỦY BAN NHÂN DÂN)\s+/, '$1\n'), left, leftWidth, 0.4);
    doc.moveDown(0.3);
    use('regular', SIZE.title).text(nfc(`Số: ${d.number}`), left, doc.y, {
      width: leftWidth,
      align: 'center',
    });
    if (!d.type) {
      use('regular', 12).text(nfc(d.summary), left, doc.y + 2, { width: leftWidth, align: 'center' });
    }
    const leftEnd = doc.y;

    use('bold', 12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, {
      width: rightWidth,
      align: 'center',
    });
    use('bold', SIZE.motto);
    centredWithRule('Độc lập - Tự do - Hạnh phúc', rightX, rightWidth, 1);
    doc.moveDown(0.5);
    use('italic', SIZE.title).text(nfc(`${d.place}, ${dateLine(d.date)}`), rightX, doc.y, {
      width: rightWidth,
      align: 'center',
    });
    doc.y = Math.max(leftEnd, doc.y) + 18;

    // Type and summary (ô 5a), the authority of a decision, a letter's addressees.
    if (d.type) {
      use('bold', SIZE.heading).text(nfc(upper(d.type)), left, doc.y, { width, align: 'center' });
      centredWithRule(d.summary, left, width, 0.35);
      doc.moveDown(0.8);
    }
    if (d.authority) {
      use('bold', SIZE.heading).text(nfc(upper(d.authority)), left, doc.y, { width, align: 'center' });
      doc.moveDown(0.8);
    }
    if (d.addressees?.length) {
      use('regular', SIZE.body);
      const label = 'Kính gửi: ';
      const labelWidth = doc.widthOfString(label);
      const x = left + width * 0.18;
      const y = doc.y;
      doc.text(label, x, y);
      doc.y = y;
      for (const a of d.addressees)
        doc.text(nfc(d.addressees.length > 1 ? `- ${a};` : `${a}.`), x + labelWidth, doc.y, {
          width: width * 0.82 - labelWidth,
        });
      doc.moveDown(0.8);
    }

    const blocks = (content: readonly Block[]) => {
      for (const b of content) {
        if (b.kind === 'centred') {
          doc.moveDown(0.3);
          use('bold', SIZE.body).text(nfc(b.text), left, doc.y, {
            width,
            align: 'center',
            paragraphGap: PARAGRAPH_GAP,
          });
        } else if (b.kind === 'paragraph') {
          const options = { width, align: 'justify' as const, indent: INDENT, paragraphGap: PARAGRAPH_GAP };
          doc.x = left;
          if (b.lead) {
            use('bold', SIZE.body).text(nfc(`${b.lead} `), { ...options, continued: true });
            use('regular', SIZE.body).text(nfc(b.text), { ...options, indent: 0 });
          } else {
            use(b.italic ? 'italic' : 'regular', SIZE.body).text(nfc(b.text), options);
          }
        } else {
          table(b);
        }
      }
    };

    const table = (b: Extract<Block, { kind: 'table' }>) => {
      const widths = b.columns.map((c) => c.share * width);
      const row = (cells: readonly string[], face: Face) => {
        use(face, 12);
        const height =
          Math.max(...cells.map((c, i) => doc.heightOfString(nfc(c), { width: widths[i] - 8 }))) + 8;
        if (doc.y + height > bottom()) doc.addPage();
        const y = doc.y;
        let x = left;
        cells.forEach((c, i) => {
          doc.lineWidth(0.5).rect(x, y, widths[i], height).stroke();
          doc.text(nfc(c), x + 4, y + 4, {
            width: widths[i] - 8,
            align: face === 'bold' ? 'center' : 'left',
          });
          x += widths[i];
        });
        doc.x = left;
        doc.y = y + height;
      };
      row(
        b.columns.map((c) => c.header),
        'bold',
      );
      for (const r of b.rows) row(r, 'regular');
      doc.moveDown(0.5);
    };

    blocks(d.content);

    // Recipients (ô 9a, 9b) on the left and the signer (ô 7a-7c) on the right, kept together on one page.
    const recipientsHeight =
      SIZE.recipientsLabel * 1.6 + d.recipients.length * SIZE.recipients * 1.4 + SIZE.recipients;
    const signatureHeight = SIZE.body * 1.3 * 3 + 70;
    if (doc.y + 12 + Math.max(recipientsHeight, signatureHeight) > bottom()) doc.addPage();
    const blockTop = doc.y + 12;
    use('boldItalic', SIZE.recipientsLabel).text('Nơi nhận:', left, blockTop, { width: width * 0.45 });
    use('regular', SIZE.recipients);
    d.recipients.forEach((r, i) =>
      doc.text(nfc(`- ${r}${i === d.recipients.length - 1 ? '.' : ';'}`), left, doc.y, {
        width: width * 0.45,
      }),
    );
    const signX = left + width * 0.45;
    const signWidth = width * 0.55;
    use('bold', SIZE.body);
    doc.text('', signX, blockTop);
    if (d.signature.onBehalfOf)
      doc.text(nfc(upper(d.signature.onBehalfOf)), { width: signWidth, align: 'center' });
    doc.text(nfc(upper(d.signature.title)), { width: signWidth, align: 'center' });
    // The space for the signature and the seal.
    doc.moveDown(4.5);
    doc.text(nfc(d.signature.name), { width: signWidth, align: 'center' });

    if (d.annex) {
      doc.addPage();
      use('bold', SIZE.heading).text(nfc(upper(d.annex.title)), left, doc.y, { width, align: 'center' });
      use('bold', SIZE.body).text(nfc(d.annex.subtitle), { width, align: 'center' });
      use('italic', SIZE.title).text(
        nfc(`(Kèm theo ${d.type ?? 'Văn bản'} số ${d.number} ${dateLine(d.date)})`),
        {
          width,
          align: 'center',
        },
      );
      doc.moveDown();
      blocks(d.annex.content);
    }

    // Appendix I §II.10: page numbers centred in the top margin, from the second page on.
    const pages = doc.bufferedPageRange();
    for (let i = 1; i < pages.count; i++) {
      doc.switchToPage(pages.start + i);
      use('regular', SIZE.title).text(String(i + 1), left, MARGIN.top / 2, {
        width,
        align: 'center',
        lineBreak: false,
      });
    }
    doc.end();
  });
};
