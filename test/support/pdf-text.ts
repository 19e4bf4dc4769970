import { execFileSync } from 'node:child_process';

// pdf.js loads its worker with a dynamic import, which jest's module sandbox refuses: the text is read in a
// plain Node process instead, the same library a reader's tool would use.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const { text } = await parser.getText();
  await parser.destroy();
  process.stdout.write(text);
});`;

/** The text of a PDF as pdf.js extracts it, with runs of white space made single. */
export const pdfText = (pdf: Buffer): string =>
  execFileSync(process.execPath, ['-e', SCRIPT], { input: pdf, encoding: 'utf8', cwd: __dirname }).replace(
    /\s+/g,
    ' ',
  );
