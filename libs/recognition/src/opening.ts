import { dateVi } from '@ntm/calendar';
import {
  communeGroupLabels,
  levelLabels,
  periodLevels,
  PILOT_LEVELS,
  prerequisiteLevel,
  type CriteriaSetDocument,
  type Level,
  type Period,
} from '@ntm/criteria';
import type { CommuneGroupFact, CommunePilotFact, HoldingsByPeriod } from './commune-record';
import { PROCEDURE_VERSIONS, periodOf, type ProcedureVersion } from './procedure-types';
import { getProcedure } from './procedures';
import { openingClosedProblem } from './period-rules';

/**
 * What may be opened, and why not: the rules OpenDossier decides by, as answers instead of refusals, so the
 * screen that offers a level and the decider that refuses it say the same thing in the same words.
 */
export interface OpeningProblem {
  readonly code: string;
  readonly message: string;
}

export const levelNotOffered = (level: Level, period: string, where: string): OpeningProblem => ({
  code: 'LEVEL_NOT_OFFERED',
  message: `Giai đoạn ${period} chưa có bộ tiêu chí xã ${levelLabels[level]} áp dụng cho ${where}`,
});

/** Decision 51/2025/QĐ-TTg: an indicator set is judged in the commune's group, which the province sets. */
export const groupProblem = (
  document: CriteriaSetDocument,
  fact: CommuneGroupFact | null,
  commune: { readonly provinceCode: string; readonly name: string },
): OpeningProblem | null => {
  if (document.assessment !== 'indicators') return null;
  if (!fact || fact.provinceCode !== commune.provinceCode) {
    return {
      code: 'COMMUNE_GROUP_MISSING',
      message: `Tỉnh chưa xác định nhóm xã (nhóm 1, 2 hoặc 3 theo Quyết định 51/2025/QĐ-TTg) cho ${commune.name}`,
    };
  }
  if (!document.groups.some((g) => g.code === fact.group)) {
    return {
      code: 'COMMUNE_GROUP_UNKNOWN',
      message: `Bộ tiêu chí ${document.id} không có ngưỡng cho ${communeGroupLabels[fact.group] ?? fact.group}`,
    };
  }
  return null;
};

/**
 * A pilot level (the "hiện đại" of Decision 51/2025/QĐ-TTg, Appendix II) is opened only by a commune its province
 * selected for it; every other level is open to all.
 */
export const pilotProblem = (
  level: Level,
  designation: CommunePilotFact | null,
  commune: { readonly provinceCode: string; readonly name: string },
): OpeningProblem | null => {
  if (!(PILOT_LEVELS as readonly Level[]).includes(level)) return null;
  if (designation?.designated && designation.provinceCode === commune.provinceCode) return null;
  return {
    code: 'PILOT_NOT_DESIGNATED',
    message: `${commune.name} chưa có trong danh sách xã thí điểm xây dựng xã ${levelLabels[level]} (Quyết định 51/2025/QĐ-TTg, Phụ lục II); xã chỉ lập hồ sơ sau khi được UBND tỉnh chọn thí điểm`,
  };
};

/** A set not yet in force on the day (its source's `effectiveFrom`, e.g. Decision 51/2025 from 15/02/2026). */
export const notInForceProblem = (document: CriteriaSetDocument, today: string): OpeningProblem | null => {
  const from = document.source.effectiveFrom;
  if (from === undefined || today >= from) return null;
  return {
    code: 'CRITERIA_SET_NOT_IN_FORCE',
    message: `${document.title} (${document.source.decision}) có hiệu lực từ ngày ${dateVi(from)}: chưa lập hồ sơ theo bộ tiêu chí này trước ngày đó`,
  };
};

/** A level already held, or one whose prerequisite is not (the commune's record, revocations counted). */
export const holdingsProblem = (
  level: Level,
  holdings: readonly Level[],
  communeName: string,
): OpeningProblem | null => {
  if (holdings.includes(level)) {
    return {
      code: 'ALREADY_RECOGNISED',
      message: `${communeName} đã được công nhận đạt chuẩn ${levelLabels[level]}`,
    };
  }
  const needed = prerequisiteLevel[level];
  if (needed && !holdings.includes(needed)) {
    return {
      code: 'PREREQUISITE_NOT_HELD',
      message: `${communeName} chưa được công nhận đạt chuẩn ${levelLabels[needed]}, chưa thể xét ${levelLabels[level]}`,
    };
  }
  return null;
};

/** What the system knows about a commune when it lists what the commune may open. */
export interface OpeningFacts {
  readonly commune: { readonly provinceCode: string; readonly name: string; readonly districtCode?: string };
  /** The day asked about (YYYY-MM-DD, Vietnam time): a period's new dossiers close on a day (period-rules.ts). */
  readonly today: string;
  /** The levels it holds now for a dossier of each period (holdingsOf its record). */
  readonly holdings: HoldingsByPeriod;
  readonly group: CommuneGroupFact | null;
  /** The pilot levels the commune is selected for (pilotDesignation of its record). */
  readonly pilots: Readonly<Partial<Record<Level, CommunePilotFact>>>;
  /** The 2026-2030 set a dossier of each level would pin (the province's own, else the national one). */
  readonly sets2026: Readonly<Partial<Record<Level, CriteriaSetDocument>>>;
  /** The code (or id) of the open 2026-2030 dossier holding the commune's slot for a level. */
  readonly openDossiers: Readonly<Partial<Record<Level, string>>>;
  /** Why the register refuses the commune for 2026-2030 (unknown, merged away, other province), if it does. */
  readonly registerProblem: OpeningProblem | null;
}

export interface OpeningOption {
  readonly procedureVersion: ProcedureVersion;
  readonly period: Period;
  readonly level: Level;
  /** The criteria set the dossier would be judged against (2026-2030), when one serves the level. */
  readonly criteriaSet: {
    readonly id: string;
    readonly version: number;
    readonly title: string;
    readonly test: boolean;
  } | null;
  /** Why it cannot be opened now; null when it can (the opening is still decided again when sent). */
  readonly problem: OpeningProblem | null;
}

/** Every procedure and level with its answer, 2026-2030 first (the law in force), in the decider's order of checks. */
export const openingOptions = (facts: OpeningFacts): OpeningOption[] => {
  const versions = [...PROCEDURE_VERSIONS].sort(
    (a, b) =>
      Number(periodOf(getProcedure(b)) === '2026-2030') - Number(periodOf(getProcedure(a)) === '2026-2030'),
  );
  return versions.flatMap((procedureVersion) => {
    const procedure = getProcedure(procedureVersion);
    const period = periodOf(procedure);
    return periodLevels[period].map((level): OpeningOption => {
      const document = period === '2026-2030' ? facts.sets2026[level] : undefined;
      const problem = (): OpeningProblem | null => {
        const closed = openingClosedProblem(procedureVersion, facts.today);
        if (closed) return closed;
        const holdings = facts.holdings[period];
        if (period === '2021-2025') {
          if (procedure.requiresDistrict && facts.commune.districtCode === undefined) {
            return {
              code: 'DISTRICT_REQUIRED',
              message:
                'Quy trình này có bước huyện thẩm tra; xã không thuộc huyện nào nên không áp dụng được',
            };
          }
          return holdingsProblem(level, holdings, facts.commune.name);
        }
        if (facts.registerProblem) return facts.registerProblem;
        if (!document) return levelNotOffered(level, period, facts.commune.name);
        const open = facts.openDossiers[level];
        return (
          notInForceProblem(document, facts.today) ??
          groupProblem(document, facts.group, facts.commune) ??
          holdingsProblem(level, holdings, facts.commune.name) ??
          pilotProblem(level, facts.pilots[level] ?? null, facts.commune) ??
          (open
            ? {
                code: 'DOSSIER_ALREADY_OPEN',
                message: `${facts.commune.name} đang có hồ sơ mở cho mức và giai đoạn này (mã hồ sơ ${open}): tiếp tục hồ sơ đó`,
              }
            : null)
        );
      };
      return {
        procedureVersion,
        period,
        level,
        criteriaSet: document
          ? {
              id: document.id,
              version: document.version,
              title: document.title,
              test: document.test ?? false,
            }
          : null,
        problem: problem(),
      };
    });
  });
};
