import { spec } from '@ntm/decider/testing';
import type { DossierEvent } from './events';
import { actors, at, command, decider, scenario, sha, submissionEvidence } from './testing/fixtures';
import { upcastSubmissionV1 } from './upcasters';
import {
  appraisal,
  districtStage,
  history,
  opened,
  preparation,
  returned,
  submitted,
  verified,
} from './testing/events';

/** Prepared by the commune: ready to submit. */
const prepared = (): DossierEvent[] => history(opened(), preparation());

// RULES-2026 §3: condition 4 of Regulation 18/2022 as amended by Decision 03/2024/QĐ-TTg (07/03/2024) is the
// status "An toàn về an ninh, trật tự" for the year (Thông tư 124/2021/TT-BCA), shown by its certificate;
// condition 3 (no basic-construction debt) rests on the finance office's confirmation, not on a flag.

const submit = (evidence: object, now = at('2025-03-24')) =>
  command('SubmitDossier', evidence as never, actors.commune, now);

describe('conditions 3 and 4 rest on documents (Decision 03/2024/QĐ-TTg; RULES-2026 §3)', () => {
  it('records the certificate and the confirmation with the submission, citing both documents', () => {
    spec(decider)
      .given(prepared())
      .when(submit(submissionEvidence()))
      .thenMatch([
        {
          type: 'DossierSubmitted',
          data: {
            round: 1,
            securityCertificate: { number: '125/QĐ-UBND', year: 2025, evidence: [sha(600)] },
            debtConfirmation: { outstanding: 0, issuer: 'Phòng Tài chính - Kế hoạch thành phố Bắc Kạn' },
            evidence: [sha(600), sha(601)],
          },
        },
        { type: 'StepOpened', data: { step: 'district-verification' } },
      ]);
  });

  it('refuses the submission while the finance office confirms debt outstanding (RULES-2026 §4)', () => {
    const err = spec(decider)
      .given(prepared())
      .when(submit(submissionEvidence({ debtOutstanding: 1_250_000_000 })))
      .thenThrows('SUBMISSION_CONDITIONS_NOT_MET', 'rule');
    expect(err.violations).toEqual([
      {
        code: 'CONSTRUCTION_DEBT',
        message:
          'Xã còn nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới: 1.250.000.000 đồng (xác nhận số 45/TCKH của Phòng Tài chính - Kế hoạch thành phố Bắc Kạn)',
      },
    ]);
  });

  it('refuses the submission while the commune’s own debt ledger shows debt unpaid, though the confirmation says none', () => {
    const ledgerDebt = {
      total: 320_000_000,
      unpaid: [{ project: 'Đường giao thông thôn Nà Pài', remaining: 320_000_000, incurredOn: '2024-11-05' }],
    };
    const err = spec(decider)
      .given(prepared())
      .when(submit({ ...submissionEvidence(), ledgerDebt }))
      .thenThrows('SUBMISSION_CONDITIONS_NOT_MET', 'rule');
    expect(err.violations).toEqual([
      {
        code: 'CONSTRUCTION_DEBT_IN_LEDGER',
        message:
          'Sổ theo dõi nợ đọng xây dựng cơ bản của xã còn 320.000.000 đồng chưa trả: Đường giao thông thôn Nà Pài (320.000.000 đồng)',
      },
    ]);
  });

  it('submits when every entry of the ledger is paid (the ledger is not recorded in the submission)', () => {
    const [submittedEvent] = spec(decider)
      .given(prepared())
      .when(submit({ ...submissionEvidence(), ledgerDebt: { total: 0, unpaid: [] } }))
      .thenMatch([{ type: 'DossierSubmitted' }, { type: 'StepOpened' }]);
    expect(submittedEvent.data).not.toHaveProperty('ledgerDebt');
  });

  it('refuses a certificate of another year than the dossier’s ("for the year")', () => {
    const err = spec(decider)
      .given(prepared())
      .when(submit(submissionEvidence({ certificateYear: 2023 })))
      .thenThrows('SUBMISSION_CONDITIONS_NOT_MET', 'rule');
    expect(err.violations.map((v) => v.code)).toEqual(['SECURITY_CERTIFICATE_WRONG_YEAR']);
    expect(err.message).toContain('năm 2023, không phải năm 2025');
  });

  // The shape of the documents (each field given, a debt not negative) is the request's: apps/api's
  // submission.dto.unit.spec. These are the rules on them.
  it('refuses a confirmation dated after the day it is sent, or on a day that does not exist', () => {
    const e = submissionEvidence();
    const err = spec(decider)
      .given(prepared())
      .when(submit({ ...e, debtConfirmation: { ...e.debtConfirmation, issuedOn: '2025-03-25' } }))
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.violations[0].field).toBe('debtConfirmation.issuedOn');
    expect(err.violations[0].message).toBe(
      'Trường "debtConfirmation.issuedOn" không hợp lệ: ngày ban hành không thể sau hôm nay (24/03/2025)',
    );
    spec(decider)
      .given(prepared())
      .when(submit({ ...e, securityCertificate: { ...e.securityCertificate, issuedOn: '2025-02-30' } }))
      .thenThrows('INVALID_FIELD', 'invalid');
  });

  it('asks for at least one document behind each proof', () => {
    const e = submissionEvidence();
    const err = spec(decider)
      .given(prepared())
      .when(submit({ ...e, securityCertificate: { ...e.securityCertificate, evidence: [] } }))
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.violations[0].field).toBe('securityCertificate.evidence');
  });

  it('asks the same documents on resubmission', () => {
    spec(decider)
      .given(history(prepared(), submitted(), returned([{ criterion: 9, text: 'Thiếu số liệu nhà ở' }])))
      .when(
        command(
          'ResubmitDossier',
          { changes: 'Bổ sung số liệu', ...submissionEvidence({ certificateYear: 2024 }) },
          actors.commune,
          at('2025-04-01'),
        ),
      )
      .thenThrows('SUBMISSION_CONDITIONS_NOT_MET', 'rule');
  });
});

describe('submissions stored before the correction still replay (upcast, never rewritten)', () => {
  const oldShape = (flags: { constructionDebt: boolean; securityComplicated: boolean }) => ({
    round: 1,
    ...flags,
    evidence: [sha(50)],
    documents: [],
    submittedAt: at('2025-03-24'),
  });
  const withOldSubmission = (flags: { constructionDebt: boolean; securityComplicated: boolean }) =>
    history(prepared(), submitted(), districtStage(), verified(), appraisal()).map((e) =>
      e.type === 'DossierSubmitted'
        ? ({ ...e, data: upcastSubmissionV1(oldShape(flags)) } as DossierEvent)
        : e,
    );

  it('raises the old shape with empty document fields, keeping the declared flags; idempotent', () => {
    const raised = upcastSubmissionV1(oldShape({ constructionDebt: false, securityComplicated: false }));
    expect(raised).toMatchObject({
      constructionDebt: false,
      securityComplicated: false,
      securityCertificate: null,
      debtConfirmation: null,
    });
    expect(upcastSubmissionV1(raised)).toEqual(raised);
    const current = { ...submissionEvidence(), round: 1 };
    expect(upcastSubmissionV1(current)).toEqual(current);
  });

  it('judges an old round as declared: declared clean, the chairman can grant', () => {
    spec(decider)
      .given(withOldSubmission({ constructionDebt: false, securityComplicated: false }))
      .when(scenario().decide)
      .thenMatch([{ type: 'RecognitionGranted' }, { type: 'StepOpened' }]);
  });

  it('judges an old round as declared: declared debt and security trouble still fail', () => {
    const err = spec(decider)
      .given(withOldSubmission({ constructionDebt: true, securityComplicated: true }))
      .when(scenario().decide)
      .thenThrows('CONDITIONS_NOT_MET', 'rule');
    expect(err.violations.map((v) => v.code)).toEqual(['CONSTRUCTION_DEBT', 'SECURITY_COMPLICATED']);
  });
});
