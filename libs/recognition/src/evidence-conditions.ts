import { dateVi, localDate } from '@ntm/calendar';
import { ruleBroken, type Violation } from '@ntm/decider';
import type { DocumentHash } from './commands';
import { unpaidWorksText, type OutstandingDebt } from './construction-debt';
import { vnd } from './money';
import * as v from './validation';

/**
 * Conditions 3 and 4 of Regulation 18/2022 rest on documents, not on the commune's word (RULES-2026 §3):
 * - condition 4 as amended by Decision 03/2024/QĐ-TTg (07/03/2024): the commune holds the status "An toàn về an
 *   ninh, trật tự" for the year, certified under Thông tư 124/2021/TT-BCA; the certificate is the evidence;
 * - condition 3: no outstanding basic-construction debt under the programme, as the finance office confirms.
 */

/** The certificate "Xã đạt tiêu chuẩn An toàn về an ninh, trật tự" for one year (Thông tư 124/2021/TT-BCA). */
export interface SecurityCertificate {
  /** Number of the certifying decision, e.g. "125/QĐ-UBND". */
  readonly number: string;
  /** YYYY-MM-DD. */
  readonly issuedOn: string;
  /** Who certified it, e.g. "UBND tỉnh Bắc Kạn". */
  readonly issuer: string;
  /** The year the status holds for. */
  readonly year: number;
  readonly evidence: readonly DocumentHash[];
}

/** The finance office's confirmation of the commune's basic-construction debt under the programme. */
export interface DebtConfirmation {
  readonly number: string;
  /** YYYY-MM-DD. */
  readonly issuedOn: string;
  /** e.g. "Phòng Tài chính - Kế hoạch thành phố Bắc Kạn", "Sở Tài chính tỉnh Bắc Kạn". */
  readonly issuer: string;
  /** Outstanding debt in VND; 0 when none. */
  readonly outstanding: number;
  readonly evidence: readonly DocumentHash[];
}

/** What a round was submitted with: the documents since the correction, or the declared flags before it. */
export interface ConditionEvidence {
  readonly securityCertificate: SecurityCertificate | null;
  readonly debtConfirmation: DebtConfirmation | null;
  /** Declared flags of rounds submitted before the correction (old events); absent since. */
  readonly constructionDebt?: boolean;
  readonly securityComplicated?: boolean;
}

/** A date of issue must exist and cannot lie after the day the command is sent (Vietnam local day). */
const requireIssuedBy = (issuedOn: string, field: string, now: string): void => {
  v.date(issuedOn, field);
  const today = localDate(now);
  if (issuedOn > today) throw v.bad(field, `ngày ban hành không thể sau hôm nay (${dateVi(today)})`);
};

/** What every proof must show: a real date of issue, not in the future, and at least one document. */
const requireProof = (
  proof: { readonly issuedOn: string; readonly evidence: readonly DocumentHash[] },
  field: string,
  now: string,
): void => {
  requireIssuedBy(proof.issuedOn, `${field}.issuedOn`, now);
  v.cited(proof.evidence, `${field}.evidence`);
};

/**
 * Every way conditions 3 and 4 fail for a round of a dossier of `year`. A round submitted before the correction
 * (old events: flags, no documents) is judged as it was declared; it is not re-judged against documents it could
 * not have been asked for.
 */
export const conditionEvidenceFailures = (round: ConditionEvidence, year: number): Violation[] => {
  const failures: Violation[] = [];
  const { securityCertificate: certificate, debtConfirmation: debt } = round;
  if (debt && debt.outstanding > 0) {
    failures.push({
      code: 'CONSTRUCTION_DEBT',
      message: `Xã còn nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới: ${vnd(debt.outstanding)} (xác nhận số ${debt.number} của ${debt.issuer})`,
    });
  } else if (!debt && round.constructionDebt !== false) {
    failures.push(
      round.constructionDebt
        ? {
            code: 'CONSTRUCTION_DEBT',
            message: 'Xã còn nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới',
          }
        : {
            code: 'DEBT_CONFIRMATION_MISSING',
            message: 'Chưa có văn bản xác nhận của cơ quan tài chính về nợ đọng xây dựng cơ bản',
          },
    );
  }
  if (certificate && certificate.year !== year) {
    failures.push({
      code: 'SECURITY_CERTIFICATE_WRONG_YEAR',
      message: `Quyết định số ${certificate.number} công nhận "An toàn về an ninh, trật tự" năm ${certificate.year}, không phải năm ${year} của hồ sơ`,
    });
  } else if (!certificate && round.securityComplicated !== false) {
    failures.push(
      round.securityComplicated
        ? { code: 'SECURITY_COMPLICATED', message: 'Xã thuộc diện phức tạp về an ninh, trật tự' }
        : {
            code: 'SECURITY_CERTIFICATE_MISSING',
            message: `Chưa có quyết định công nhận xã đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm ${year}`,
          },
    );
  }
  return failures;
};

/**
 * The documents a submission or resubmission carries. Submission is refused while debt is outstanding or the
 * certificate is not the dossier year's (RULES-2026 §4: submission blocked while debt is outstanding).
 */
export const submittedEvidence = (
  data: {
    readonly securityCertificate: SecurityCertificate;
    readonly debtConfirmation: DebtConfirmation;
    readonly ledgerDebt?: OutstandingDebt;
  },
  year: number,
  now: string,
): { securityCertificate: SecurityCertificate; debtConfirmation: DebtConfirmation } => {
  requireProof(data.securityCertificate, 'securityCertificate', now);
  requireProof(data.debtConfirmation, 'debtConfirmation', now);
  // Recorded as plain data, whatever object the caller typed them in.
  const certificate = data.securityCertificate;
  const debt = data.debtConfirmation;
  const evidence = {
    securityCertificate: {
      number: certificate.number,
      issuedOn: certificate.issuedOn,
      issuer: certificate.issuer,
      year: certificate.year,
      evidence: [...certificate.evidence],
    },
    debtConfirmation: {
      number: debt.number,
      issuedOn: debt.issuedOn,
      issuer: debt.issuer,
      outstanding: debt.outstanding,
      evidence: [...debt.evidence],
    },
  };
  const failures = conditionEvidenceFailures(evidence, year);
  // The commune's own ledger outweighs a confirmation that says nothing is owed.
  const ledger = data.ledgerDebt;
  if (ledger && ledger.total > 0)
    failures.push({
      code: 'CONSTRUCTION_DEBT_IN_LEDGER',
      message: `Sổ theo dõi nợ đọng xây dựng cơ bản của xã còn ${vnd(ledger.total)} chưa trả: ${unpaidWorksText(ledger)}`,
    });
  if (failures.length > 0) {
    throw ruleBroken(
      'SUBMISSION_CONDITIONS_NOT_MET',
      `Chưa thể nộp hồ sơ: ${failures.map((f) => f.message).join('; ')}`,
      failures,
    );
  }
  return evidence;
};
