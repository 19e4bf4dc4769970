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

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeaderOffset: number;
}

/** The entries of a ZIP's central directory, or undefined when it is not a readable ZIP. */
const zipEntries = (zip: Buffer): ZipEntry[] | undefined => {
  // The end-of-directory record is the last 22 bytes, followed by a comment of up to 65535 bytes.
  let end = zip.length - 22;
  const lowest = Math.max(0, end - 0xffff);
  while (end >= lowest && zip.readUInt32LE(end) !== ZIP_END_OF_DIRECTORY) end--;
  if (end < lowest) return undefined;
  const entries: ZipEntry[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    if (zip.readUInt32LE(at) !== ZIP_CENTRAL_HEADER) return undefined;
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
};

/** An OpenDocument file names its type in a first, uncompressed entry called "mimetype". */
const openDocumentType = (zip: Buffer, entries: readonly ZipEntry[]): string | undefined => {
  const entry = entries.find((e) => e.name === 'mimetype');
  if (!entry || entry.method !== 0 || zip.readUInt32LE(entry.localHeaderOffset) !== ZIP_LOCAL_HEADER)
    return undefined;
  const data = entry.localHeaderOffset + 30 + zip.readUInt16LE(entry.localHeaderOffset + 26);
  const start = data + zip.readUInt16LE(entry.localHeaderOffset + 28);
  return zip.toString('ascii', start, start + entry.compressedSize);
};

const zipDocumentType = (zip: Buffer): DocumentMediaType | undefined => {
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
 * The media type of a file judged by its content (magic bytes; for the ZIP-based office formats, the entries
 * inside), or undefined when it is none of the known kinds. The `file-type` package would do this, but it is
 * ESM-only and cannot be loaded by jest here, and these seven kinds need little.
 */
export const detectMediaType = (content: Buffer): DocumentMediaType | undefined => {
  if (startsWith(content, PDF)) return 'application/pdf';
  if (startsWith(content, JPEG)) return 'image/jpeg';
  if (startsWith(content, PNG)) return 'image/png';
  if (content.length < 30 || content.readUInt32LE(0) !== ZIP_LOCAL_HEADER) return undefined;
  try {
    return zipDocumentType(content);
  } catch (error) {
    // An offset pointing outside the buffer: a truncated or malformed ZIP. (Matched by code: a RangeError from
    // Buffer is not `instanceof RangeError` inside jest's sandbox.)
    if (OUT_OF_BOUNDS.has((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
};
