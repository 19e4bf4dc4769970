import 'reflect-metadata';
import type { BadRequestException } from '@nestjs/common';
import { submissionEvidence } from '../../../../libs/recognition/src/testing/fixtures';
import type { FieldProblem } from '../http/validation';
import { validationPipe } from '../http/validation';
import { SubmissionDto } from './dossier.dto';

// The submission's documents are typed at the edge: what the decider receives is a certificate and a
// confirmation with every field given and in range. The rules on them (dates, debt, year) are the decider's.

const validate = (body: object) =>
  validationPipe().transform(body, { type: 'body', metatype: SubmissionDto, data: '' });

const refusal = async (body: object) => {
  try {
    await validate(body);
  } catch (e) {
    return (e as BadRequestException).getResponse() as { code: string; violations: FieldProblem[] };
  }
  throw new Error('the body was accepted');
};

describe('a submission body', () => {
  it('is the command’s data once valid', async () => {
    const evidence = submissionEvidence();
    expect(await validate(evidence)).toEqual(evidence);
  });

  it('no longer takes a self-declared flag: without the certificate the field is named', async () => {
    const { debtConfirmation } = submissionEvidence();
    const err = await refusal({ debtConfirmation, securityComplicated: false });
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.violations.map((v) => v.field)).toContain('securityCertificate');
  });

  it('refuses a negative debt, naming the field', async () => {
    const e = submissionEvidence();
    const err = await refusal({ ...e, debtConfirmation: { ...e.debtConfirmation, outstanding: -1 } });
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.violations[0].field).toBe('debtConfirmation.outstanding');
  });
});
