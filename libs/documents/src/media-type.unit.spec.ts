import { detectMediaType } from '@ntm/documents';
import {
  SAMPLE_JPEG,
  SAMPLE_PNG,
  sampleDocx,
  sampleOpenDocument,
  samplePdf,
  sampleXlsx,
  zip,
} from './testing/samples';

describe('detectMediaType', () => {
  it('recognises each accepted kind by its content', async () => {
    expect(detectMediaType(await samplePdf('Bien ban tham tra'))).toBe('application/pdf');
    expect(detectMediaType(SAMPLE_JPEG)).toBe('image/jpeg');
    expect(detectMediaType(SAMPLE_PNG)).toBe('image/png');
    expect(detectMediaType(sampleDocx())).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(detectMediaType(await sampleXlsx())).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(detectMediaType(sampleOpenDocument('text'))).toBe('application/vnd.oasis.opendocument.text');
    expect(detectMediaType(sampleOpenDocument('spreadsheet'))).toBe(
      'application/vnd.oasis.opendocument.spreadsheet',
    );
  });

  it('does not recognise other content', () => {
    expect(
      detectMediaType(Buffer.from('Tờ trình đề nghị công nhận xã đạt chuẩn nông thôn mới')),
    ).toBeUndefined();
    expect(detectMediaType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeUndefined();
    expect(detectMediaType(zip([{ name: 'payload.exe', data: 'MZ' }]))).toBeUndefined();
    expect(detectMediaType(Buffer.alloc(0))).toBeUndefined();
  });

  it('does not recognise a truncated or damaged ZIP', () => {
    const docx = sampleDocx();
    expect(detectMediaType(docx.subarray(0, docx.length - 10))).toBeUndefined();
    const damaged = Buffer.from(docx);
    damaged.writeUInt32LE(0xffffff00, damaged.length - 6); // central directory offset past the end
    expect(detectMediaType(damaged)).toBeUndefined();
  });
});
