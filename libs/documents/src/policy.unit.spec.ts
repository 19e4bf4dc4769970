import { DomainError } from '@ntm/decider';
import {
  checkDocument,
  DEFAULT_DOCUMENT_POLICY,
  documentPolicyFromEnv,
  sanitizeFileName,
} from '@ntm/documents';
import { SAMPLE_PNG, sampleDocx } from './testing/samples';

const catchError = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('checkDocument', () => {
  const png = { content: SAMPLE_PNG, fileName: 'anh-hien-trang.png', mediaType: 'image/png' };

  it('accepts an allowed file and takes the type from the content', () => {
    expect(checkDocument(png, DEFAULT_DOCUMENT_POLICY)).toEqual({
      mediaType: 'image/png',
      fileName: 'anh-hien-trang.png',
      size: SAMPLE_PNG.length,
    });
    const docx = checkDocument(
      { content: sampleDocx(), fileName: 'Báo cáo.docx', mediaType: 'application/octet-stream' },
      DEFAULT_DOCUMENT_POLICY,
    );
    expect(docx.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('rejects an empty file', () => {
    const error = catchError(() =>
      checkDocument({ ...png, content: Buffer.alloc(0) }, DEFAULT_DOCUMENT_POLICY),
    );
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('DOCUMENT_EMPTY');
    expect(error.violations).toEqual([expect.objectContaining({ code: 'DOCUMENT_EMPTY', field: 'content' })]);
    expect(error.message).toContain('không có nội dung');
  });

  it('rejects a file over the size limit, naming both sizes', () => {
    const error = catchError(() => checkDocument(png, { ...DEFAULT_DOCUMENT_POLICY, maxBytes: 10 }));
    expect(error.code).toBe('DOCUMENT_TOO_LARGE');
    expect(error.violations[0].field).toBe('content');
    expect(error.message).toMatch(/anh-hien-trang\.png.*vượt quá giới hạn/);
  });

  it('judges the type by content, not by the declared type or the extension', () => {
    const script = {
      content: Buffer.from('#!/bin/sh\nrm -rf /\n'),
      fileName: 'bien-ban.pdf',
      mediaType: 'application/pdf',
    };
    const error = catchError(() => checkDocument(script, DEFAULT_DOCUMENT_POLICY));
    expect(error.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(error.violations[0].field).toBe('mediaType');
    expect(error.message).toContain('PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS');
  });

  it('rejects a declared type that contradicts the content, but accepts its usual aliases', () => {
    const error = catchError(() =>
      checkDocument({ ...png, mediaType: 'application/pdf' }, DEFAULT_DOCUMENT_POLICY),
    );
    expect(error.code).toBe('DOCUMENT_TYPE_MISMATCH');
    expect(error.message).toContain('(PNG)');
    expect(
      checkDocument({ ...png, mediaType: 'IMAGE/PNG; charset=binary' }, DEFAULT_DOCUMENT_POLICY).mediaType,
    ).toBe('image/png');
  });

  it('rejects a kind the policy leaves out', () => {
    const policy = { ...DEFAULT_DOCUMENT_POLICY, allowedMediaTypes: ['application/pdf' as const] };
    const error = catchError(() => checkDocument(png, policy));
    expect(error.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(error.message).toContain('chỉ nhận PDF.');
  });

  it('lists every violation at once', () => {
    const error = catchError(() =>
      checkDocument(
        { content: Buffer.from('plain text'), fileName: '../..', mediaType: 'text/plain' },
        {
          ...DEFAULT_DOCUMENT_POLICY,
          maxBytes: 4,
        },
      ),
    );
    expect(error.violations.map((v) => v.code)).toEqual([
      'DOCUMENT_FILE_NAME_INVALID',
      'DOCUMENT_TYPE_NOT_ALLOWED',
      'DOCUMENT_TOO_LARGE',
    ]);
    expect(error.violations.map((v) => v.field)).toEqual(['fileName', 'mediaType', 'content']);
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

describe('documentPolicyFromEnv', () => {
  it('defaults to 20 MiB and reads DOCUMENT_MAX_BYTES', () => {
    expect(documentPolicyFromEnv({}).maxBytes).toBe(20 * 1024 * 1024);
    expect(documentPolicyFromEnv({ DOCUMENT_MAX_BYTES: '1048576' }).maxBytes).toBe(1048576);
    expect(() => documentPolicyFromEnv({ DOCUMENT_MAX_BYTES: '20MB' })).toThrow(/DOCUMENT_MAX_BYTES/);
    expect(() => documentPolicyFromEnv({ DOCUMENT_MAX_BYTES: '0' })).toThrow(/DOCUMENT_MAX_BYTES/);
  });
});
