/** The kinds of evidence file the store knows how to recognise by their content. */
export type DocumentMediaType =
  | 'application/pdf'
  | 'image/jpeg'
  | 'image/png'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'application/vnd.oasis.opendocument.text'
  | 'application/vnd.oasis.opendocument.spreadsheet';

/** Short names shown to users. */
export const MEDIA_TYPE_LABELS: Readonly<Record<DocumentMediaType, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
};

const startsWith = (content: Buffer, bytes: readonly number[]) =>
  content.length >= bytes.length && bytes.every((b, i) => content[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_OF_DIRECTORY = 0x06054b50;
const OUT_OF_BOUNDS = new Set(['ERR_OUT_OF_RANGE', 'ERR_BUFFER_OUT_OF_BOUNDS']);

/** Bytes the first-bytes check needs: enough for every signature below. */
export const SIGNATURE_BYTES = 30;

/**
 * What the first bytes of a file say it is: one of the known kinds, 'zip' (an office format, told apart only by
 * the entries inside) or undefined (none of the accepted kinds: refuse before storing anything).
 */
export const signatureOf = (head: Buffer): DocumentMediaType | 'zip' | undefined => {
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, PNG)) return 'image/png';
  if (head.length >= SIGNATURE_BYTES && head.readUInt32LE(0) === ZIP_LOCAL_HEADER) return 'zip';
  return undefined;
};

/**
 * A file seen through its first and last bytes only, as a streamed upload keeps them: reads at absolute offsets,
 * and throws ERR_OUT_OF_RANGE for bytes kept by neither.
 */
class Ends {
  constructor(
    private readonly head: Buffer,
    private readonly tail: Buffer,
    readonly size: number,
  ) {}

  slice(at: number, length: number): Buffer {
    if (at >= 0 && at + length <= this.head.length) return this.head.subarray(at, at + length);
    const tailStart = this.size - this.tail.length;
    if (at >= tailStart && at + length <= this.size)
      return this.tail.subarray(at - tailStart, at - tailStart + length);
    throw Object.assign(new RangeError(`bytes ${at}..${at + length} were not kept`), {
      code: 'ERR_OUT_OF_RANGE',
    });
  }
  u16(at: number) {
    return this.slice(at, 2).readUInt16LE(0);
  }
  u32(at: number) {
    return this.slice(at, 4).readUInt32LE(0);
  }
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeaderOffset: number;
}

/** The entries of a ZIP's central directory, or undefined when it is not a readable ZIP. */
const zipEntries = (zip: Ends): ZipEntry[] | undefined => {
  // The end-of-directory record is the last 22 bytes, followed by a comment of up to 65535 bytes.
  let end = zip.size - 22;
  const lowest = Math.max(0, end - 0xffff);
  while (end >= lowest && zip.u32(end) !== ZIP_END_OF_DIRECTORY) end--;
  if (end < lowest) return undefined;
  const entries: ZipEntry[] = [];
  let at = zip.u32(end + 16);
  for (let i = zip.u16(end + 10); i > 0; i--) {
    if (zip.u32(at) !== ZIP_CENTRAL_HEADER) return undefined;
    const nameLength = zip.u16(at + 28);
    entries.push({
      name: zip.slice(at + 46, nameLength).toString('utf8'),
      method: zip.u16(at + 10),
      compressedSize: zip.u32(at + 20),
      localHeaderOffset: zip.u32(at + 42),
    });
    at += 46 + nameLength + zip.u16(at + 30) + zip.u16(at + 32);
  }
  return entries;
};

/** An OpenDocument file names its type in a first, uncompressed entry called "mimetype". */
const openDocumentType = (zip: Ends, entries: readonly ZipEntry[]): string | undefined => {
  const entry = entries.find((e) => e.name === 'mimetype');
  if (!entry || entry.method !== 0 || zip.u32(entry.localHeaderOffset) !== ZIP_LOCAL_HEADER) return undefined;
  const data = entry.localHeaderOffset + 30 + zip.u16(entry.localHeaderOffset + 26);
  const start = data + zip.u16(entry.localHeaderOffset + 28);
  return zip.slice(start, Math.min(entry.compressedSize, 100)).toString('ascii');
};

const zipDocumentType = (zip: Ends): DocumentMediaType | undefined => {
  const entries = zipEntries(zip);
  if (!entries) return undefined;
  const odf = openDocumentType(zip, entries);
  if (
    odf === 'application/vnd.oasis.opendocument.text' ||
    odf === 'application/vnd.oasis.opendocument.spreadsheet'
  ) {
    return odf;
  }
  if (!entries.some((e) => e.name === '[Content_Types].xml')) return undefined;
  if (entries.some((e) => e.name.startsWith('word/'))) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  if (entries.some((e) => e.name.startsWith('xl/'))) {
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return undefined;
};

/**
 * The media type of a file judged from its first and last bytes (magic bytes; for the ZIP-based office formats,
 * the central directory at the end and the "mimetype" entry at the start), or undefined when it is none of the
 * known kinds or its directory lies outside the kept bytes. `head` and `tail` may overlap or be the same buffer.
 */
export const detectMediaTypeOfEnds = (
  head: Buffer,
  tail: Buffer,
  size: number,
): DocumentMediaType | undefined => {
  const signature = signatureOf(head);
  if (signature !== 'zip') return signature;
  try {
    return zipDocumentType(new Ends(head, tail, size));
  } catch (error) {
    // An offset pointing outside the kept bytes: a truncated or malformed ZIP. (Matched by code: a RangeError from
    // Buffer is not `instanceof RangeError` inside jest's sandbox.)
    if (OUT_OF_BOUNDS.has((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
};

/**
 * The media type of a whole file judged by its content, or undefined when it is none of the known kinds. The
 * `file-type` package would do this, but it is ESM-only and cannot be loaded by jest here, and these seven kinds
 * need little.
 */
export const detectMediaType = (content: Buffer): DocumentMediaType | undefined =>
  detectMediaTypeOfEnds(content, content, content.length);
