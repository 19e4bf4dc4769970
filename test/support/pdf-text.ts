import { execFileSync } from 'node:child_process';

// pdf.js loads its worker with a dynamic import, which jest's module sandbox refuses: the PDF is read in a
// plain Node process instead, the same library a reader's tool would use.
const reading = (body: string) => `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  ${body}
  await parser.destroy();
});`;

const read = (script: string, pdf: Buffer): string =>
  execFileSync(process.execPath, ['-e', reading(script)], {
    input: pdf,
    encoding: 'utf8',
    cwd: __dirname,
    maxBuffer: 64 * 1024 * 1024,
  });

/** The text of a PDF as pdf.js extracts it, with runs of white space made single. */
export const pdfText = (pdf: Buffer): string =>
  read('process.stdout.write((await parser.getText()).text);', pdf).replace(/\s+/g, ' ');

/** One image a PDF shows, as pdf.js decodes it: a PNG file. */
export interface PdfImage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly png: Buffer;
}

/** Every image of every page, in page order. */
export const pdfImages = (pdf: Buffer): PdfImage[] =>
  (
    JSON.parse(
      read(
        `const { pages } = await parser.getImage({ imageDataUrl: false, imageBuffer: true, imageThreshold: 0 });
  process.stdout.write(JSON.stringify(pages.flatMap((p) => p.images.map((i) =>
    ({ page: p.pageNumber, width: i.width, height: i.height, png: Buffer.from(i.data).toString('base64') })))));`,
        pdf,
      ),
    ) as (Omit<PdfImage, 'png'> & { png: string })[]
  ).map((i) => ({ ...i, png: Buffer.from(i.png, 'base64') }));
