import { dateVi } from '@ntm/calendar';
import { PERIODS, type Period } from '@ntm/criteria';
import type { OpeningProblem } from './opening';
import { periodOf, type ProcedureVersion } from './procedure-types';
import { getProcedure } from './procedures';

/**
 * How one recognition period meets the next, as data (RULES-2026.md §1). Decision 51/2025/QĐ-TTg is in force from
 * 15/02/2026; the texts retrieved say nothing of dossiers opened under the 2021-2025 sets after that day, nor of
 * whether a 2021-2025 recognition stands for the 2026-2030 standard. Both are the conservative readings below,
 * marked UNVERIFIED, replaced here (not in the deciders) when a text settles them. They are national: the set's
 * entry into force binds every province alike, so there is no per-province override.
 */
export interface PeriodRule {
  readonly period: Period;
  /**
   * The last day (YYYY-MM-DD, Vietnam time) a new dossier of the period may be opened; null while the period is
   * open. Dossiers opened by then keep the procedure and the sets they pinned to the end.
   */
  readonly opensUntil: string | null;
  /** Why new dossiers are closed: the text that ended the period. */
  readonly closedBy: string | null;
  /** The periods whose recognitions count as levels held for a dossier of this period. */
  readonly recognitionsCountedFrom: readonly Period[];
  readonly unverified: readonly string[];
}

export const periodRules: Readonly<Record<Period, PeriodRule>> = {
  '2021-2025': {
    period: '2021-2025',
    // The day before Decision 51/2025/QĐ-TTg took effect (vneconomy, thoibaotaichinh, xaydungchinhsach.chinhphu.vn).
    opensUntil: '2026-02-14',
    closedBy: 'Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025 có hiệu lực từ ngày 15/02/2026',
    recognitionsCountedFrom: ['2021-2025'],
    unverified: [
      'Chưa tìm thấy quy định chuyển tiếp: hồ sơ lập trước ngày 15/02/2026 tiếp tục theo quy trình và bộ tiêu chí đã ghi nhận; không lập hồ sơ mới theo giai đoạn 2021-2025 từ ngày đó',
    ],
  },
  '2026-2030': {
    period: '2026-2030',
    opensUntil: null,
    closedBy: null,
    // 10 criteria and 47 indicators that replace the 19 of Decision 318: a 2021-2025 recognition is not a
    // judgement against them. The 2030 target of about 65% of communes at NTM (Resolution 257/2025/QH15, as
    // reported by baogialai 10/02/2026) lies below the 79.3% already recognised by 06/2025 (vietnamnet 07/2025):
    // communes are counted again under the new set.
    recognitionsCountedFrom: ['2026-2030'],
    unverified: [
      'Chưa tìm thấy văn bản nói rõ xã đã đạt chuẩn giai đoạn 2021-2025 có phải xét lại theo Bộ tiêu chí 2026-2030 hay không: hệ thống đòi xét lại (cách đọc thận trọng)',
    ],
  },
};

/** The period a day belongs to for new dossiers: the first whose opening has not closed by then. */
export const periodOpenOn = (day: string): Period =>
  PERIODS.find((p) => periodRules[p].opensUntil === null || day <= periodRules[p].opensUntil!) ??
  PERIODS[PERIODS.length - 1];

/** A new dossier of a period whose opening has closed (dossiers opened before continue). */
const periodClosedProblem = (period: Period, today: string): OpeningProblem | null => {
  const rule = periodRules[period];
  if (rule.opensUntil === null || today <= rule.opensUntil) return null;
  return {
    code: 'PERIOD_CLOSED',
    message:
      `Không lập hồ sơ mới theo giai đoạn ${period} sau ngày ${dateVi(rule.opensUntil)}: ${rule.closedBy}. ` +
      `Hồ sơ đã lập trước ngày đó tiếp tục theo quy định cũ; hồ sơ mới lập theo giai đoạn ${periodOpenOn(today)}`,
  };
};

/**
 * A procedure whose new dossiers closed before its period did, as data: the 2021-2025 procedure's district stage
 * ended with the district level (two-tier local government from 01/07/2025, RULES-2026 §2); a new dossier of the
 * period takes the two-tier procedure. Dossiers opened by then go on under the procedure they pinned.
 */
export interface ProcedureClosing {
  /** The last day (YYYY-MM-DD, Vietnam time) a new dossier may be opened under the procedure. */
  readonly opensUntil: string;
  readonly closedBy: string;
  /** The procedure a new dossier of the same period takes instead. */
  readonly instead: ProcedureVersion;
}

export const procedureClosings: Readonly<Partial<Record<ProcedureVersion, ProcedureClosing>>> = {
  '2021-2025': {
    opensUntil: '2025-06-30',
    closedBy:
      'từ ngày 01/07/2025 chính quyền địa phương tổ chức hai cấp, không còn cấp huyện; việc của cấp huyện chuyển về cấp tỉnh hoặc cấp xã (Nghị định số 131/2025/NĐ-CP, Điều 44)',
    instead: '2025-two-tier',
  },
};

/**
 * Why a new dossier cannot be opened under a procedure on a day: its period no longer takes new dossiers, or the
 * procedure itself does not (the decider and the openable list answer with it alike).
 */
export const openingClosedProblem = (version: ProcedureVersion, today: string): OpeningProblem | null => {
  const period = periodClosedProblem(periodOf(getProcedure(version)), today);
  if (period) return period;
  const closing = procedureClosings[version];
  if (!closing || today <= closing.opensUntil) return null;
  return {
    code: 'PROCEDURE_CLOSED',
    message:
      `Không lập hồ sơ mới theo quy trình "${getProcedure(version).title}" (có bước cấp huyện thẩm tra) sau ngày ` +
      `${dateVi(closing.opensUntil)}: ${closing.closedBy}. Hồ sơ mới lập theo quy trình "${getProcedure(closing.instead).title}"`,
  };
};
