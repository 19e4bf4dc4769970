import 'reflect-metadata';
import type { BadRequestException } from '@nestjs/common';
import { nongThuong } from '../../../../libs/recognition/src/testing/fixtures';
import type { FieldProblem } from '../http/validation';
import { validationPipe } from '../http/validation';
import { OpenDossierUnderSetDto } from './law.dto';

// The opening's id and commune are typed at the edge: the decider receives a UUID and trimmed, non-empty codes
// and name, and keeps only the rules of the opening.

const validate = (body: object) =>
  validationPipe().transform(body, { type: 'body', metatype: OpenDossierUnderSetDto, data: '' });

const opening = { commune: nongThuong, level: 'ntm', procedureVersion: '2021-2025', year: 2025 };

const field = async (body: object): Promise<string | undefined> => {
  try {
    await validate(body);
  } catch (e) {
    const answer = (e as BadRequestException).getResponse() as { code: string; violations: FieldProblem[] };
    expect(answer.code).toBe('VALIDATION_FAILED');
    return answer.violations[0].field;
  }
  throw new Error('the body was accepted');
};

describe('an opening body', () => {
  it('is the command’s data once valid, its commune trimmed', async () => {
    expect(await validate({ ...opening, commune: { ...nongThuong, name: ' xã Nông Thượng ' } })).toEqual(
      opening,
    );
  });

  it('names the bad field: malformed id, blank commune name', async () => {
    expect(await field({ ...opening, dossierId: 'abc' })).toBe('dossierId');
    expect(await field({ ...opening, commune: { ...nongThuong, name: ' ' } })).toBe('commune.name');
  });
});
