import { createHash } from 'node:crypto';
import { DomainError } from '@ntm/decider';
import {
  DEFAULT_DOCUMENT_POLICY,
  DocumentIntake,
  sanitizeFileName,
  type DocumentPolicy,
} from '@ntm/documents';
import { SAMPLE_PNG, sampleDocx } from './testing/samples';

/** Streams `content` through the intake in pieces of `piece` bytes; answers what it checked, or its refusal. */
const run = async (
  upload: { content: Buffer; fileName: string; mediaType: string },
  policy: DocumentPolicy = DEFAULT_DOCUMENT_POLICY,
  piece = 7,
) => {
  const pulled = { pieces: 0 };
  const content = (async function* () {
    for (let at = 0; at < upload.content.length; at += piece) {
      pulled.pieces++;
      yield upload.content.subarray(at, at + piece);
    }
  })();
  try {
    const intake = new DocumentIntake({ ...upload, content }, policy);
    let bytes = 0;
    for await (const chunk of intake.chunks(64)) bytes += chunk.length;
    return { checked: intake.finish(), bytes, pulled };
  } catch (error) {
    if (error instanceof DomainError) return { error, pulled };
    throw error;
  }
};

describe('DocumentIntake', () => {
  const png = { content: SAMPLE_PNG, fileName: 'anh-hien-trang.png', mediaType: 'image/png' };

  it('accepts an allowed file, takes the type from the content and hashes it', async () => {
    const { checked, bytes } = await run(png);
    expect(checked).toEqual({
      sha256: createHash('sha256').update(SAMPLE_PNG).digest('hex'),
      mediaType: 'image/png',
      fileName: 'anh-hien-trang.png',
      size: SAMPLE_PNG.length,
    });
    expect(bytes).toBe(SAMPLE_PNG.length);
    const docx = await run({
      content: sampleDocx(),
      fileName: 'Báo cáo.docx',
      mediaType: 'application/octet-stream',
    });
    expect(docx.checked?.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('rejects an empty file', async () => {
    const { error } = await run({ ...png, content: Buffer.alloc(0) });
    expect(error?.kind).toBe('invalid');
    expect(error?.code).toBe('DOCUMENT_EMPTY');
    expect(error?.violations).toEqual([
      expect.objectContaining({ code: 'DOCUMENT_EMPTY', field: 'content' }),
    ]);
    expect(error?.message).toContain('không có nội dung');
  });

  it('rejects a file over the size limit as soon as it passes it, without reading on', async () => {
    const big = Buffer.concat([SAMPLE_PNG, Buffer.alloc(10_000)]);
    const { error, pulled } = await run(
      { ...png, content: big },
      { ...DEFAULT_DOCUMENT_POLICY, maxBytes: 100 },
      10,
    );
    expect(error?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(error?.violations[0].field).toBe('content');
    expect(error?.message).toMatch(/anh-hien-trang\.png.*vượt quá giới hạn/);
    expect(pulled.pieces).toBeLessThanOrEqual(11);
  });

  it('judges the type by the first bytes, not by the declared type or the extension, before reading on', async () => {
    const script = {
      content: Buffer.concat([Buffer.from('#!/bin/sh\nrm -rf /\n'), Buffer.alloc(100_000, 0x20)]),
      fileName: 'bien-ban.pdf',
      mediaType: 'application/pdf',
    };
    const { error, pulled } = await run(script, DEFAULT_DOCUMENT_POLICY, 16);
    expect(error?.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(error?.violations[0].field).toBe('mediaType');
    expect(error?.message).toContain('PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS');
    expect(pulled.pieces).toBeLessThanOrEqual(2);
  });

  it('rejects a declared type that contradicts the content, but accepts its usual aliases', async () => {
    const { error } = await run({ ...png, mediaType: 'application/pdf' });
    expect(error?.code).toBe('DOCUMENT_TYPE_MISMATCH');
    expect(error?.message).toContain('(PNG)');
    expect((await run({ ...png, mediaType: 'IMAGE/PNG; charset=binary' })).checked?.mediaType).toBe(
      'image/png',
    );
  });

  it('rejects a kind the policy leaves out', async () => {
    const { error } = await run(png, { ...DEFAULT_DOCUMENT_POLICY, allowedMediaTypes: ['application/pdf'] });
    expect(error?.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(error?.message).toContain('chỉ nhận PDF.');
  });

  it('rejects a file name with nothing usable before reading any byte', async () => {
    const { error, pulled } = await run({ ...png, fileName: '../..' });
    expect(error?.code).toBe('DOCUMENT_FILE_NAME_INVALID');
    expect(error?.violations.map((v) => v.field)).toEqual(['fileName']);
    expect(pulled.pieces).toBe(0);
  });

  it('recognises an office file whose directory lies beyond the first chunks (kept tail)', async () => {
    // A DOCX grown with a large stored entry in front of its directory.
    const { zip } = await import('./testing/samples');
    const docx = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/media/image1.bin', data: 'x'.repeat(300_000) },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    const { checked } = await run(
      { content: docx, fileName: 'a.docx', mediaType: '' },
      DEFAULT_DOCUMENT_POLICY,
      65536,
    );
    expect(checked?.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });
});

describe('sanitizeFileName', () => {
  it('keeps only the last path segment and drops dangerous characters', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\xa\\Tờ trình.pdf')).toBe('Tờ trình.pdf');
    expect(sanitizeFileName('bao\u0000cao\u202Efdp.exe')).toBe('baocaofdp.exe');
    expect(sanitizeFileName('  a<b>:c"d|e?f*g.png  ')).toBe('abcdefg.png');
    expect(sanitizeFileName('...')).toBe('');
  });

  it('keeps Vietnamese letters, composed (NFC)', () => {
    // "Biến bản.pdf" typed with combining marks, as some systems send it.
    expect(sanitizeFileName('Bie\u0302\u0301n ba\u0309n.pdf')).toBe('Bi\u1ebfn b\u1ea3n.pdf');
  });

  it('shortens a long name to 200 characters and keeps its extension', () => {
    const name = sanitizeFileName(`${'ả'.repeat(300)}.xlsx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('ả.xlsx')).toBe(true);
  });
});
