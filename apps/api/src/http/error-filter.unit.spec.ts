import { parserError } from './error.filter';

/** The error body-parser gives for a body JSON.parse refused: its message, with the text received. */
const parseFailure = (body: string) => {
  try {
    JSON.parse(body);
  } catch (e) {
    return { type: 'entity.parse.failed', status: 400, expose: true, message: (e as Error).message, body };
  }
  throw new Error('the body parsed');
};

describe('a body that is not JSON', () => {
  it('is refused with the line and column where it broke, as the file is read', () => {
    const file = '{\n  "name": "Bộ tiêu chí",\n  "version" 2\n}';
    expect(parserError(parseFailure(file))).toEqual({
      status: 400,
      body: { code: 'INVALID_JSON', message: 'Dữ liệu gửi lên không phải JSON hợp lệ: lỗi ở dòng 3, cột 13' },
    });
  });

  it('says nothing of a place the parser did not name', () => {
    const refused = parserError({ type: 'entity.parse.failed', message: 'Unexpected token', body: '{x}' });
    expect(refused?.body.message).toBe('Dữ liệu gửi lên không phải JSON hợp lệ');
  });
});
