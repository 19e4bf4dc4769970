import { domainEvent } from '@ntm/decider';
import type { Level } from '@ntm/criteria';
import {
  COMMUNE_STREAM_PREFIX,
  DOSSIER_STREAM_PREFIX,
  dossierIdOfStream,
  type CommuneRecordEvent,
  type DossierEvent,
} from '@ntm/recognition';
import { foldName } from '@ntm/units';
import {
  checkEligibility,
  type AcknowledgementFact,
  type EligibilityRecord,
  type EligibilityReport,
  type RecognitionFact,
  type SurveyFact,
} from './eligibility';
import { nominationDecider, type Nomination, type NominationEvent } from './nomination';
import {
  awardTypeIn,
  awardTypesIn,
  membersIn,
  programmeDecider,
  scoresOfYear,
  type ClusterScores,
  type MemberFigures,
  type Programme,
  type ProgrammeEvent,
  type ProgrammeState,
} from './programme';
import {
  openFlags,
  registerDecider,
  registryOf,
  type Award,
  type AwardDecision,
  type Register,
  type RegisterEvent,
} from './register';
import { basesIn, quotaArithmetic, quotasFor } from './quotas';
import { quotaKeyOf, reservationDecider, type Reservation, type ReservationEvent } from './reservation';
import { quotaCapacity } from './shares';
import { communeRecipientKey, recipientKey, type Movement, type Nominee, type QuotaBase } from './types';

/**
 * The commendation read side: one fold over the streams it reads, kept in memory and caught up from the
 * event store before each query. Everything here is a pure function of the events it has seen.
 */
export const VIEW_STREAM_PREFIXES = [
  DOSSIER_STREAM_PREFIX,
  COMMUNE_STREAM_PREFIX,
  'emulation-',
  'nomination-',
  'award-register-',
  'quota-',
] as const;

export interface ViewEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
}

export interface CommuneFacts {
  readonly communeCode: string;
  readonly provinceCode: string;
  readonly districtCode?: string;
  readonly name: string;
  recognitions: RecognitionFact[];
  /** The levels the province acknowledged after a merger. */
  acknowledgements: AcknowledgementFact[];
  surveys: SurveyFact[];
}

/** The view's accumulator. `evolveView` updates it in place: a province's history is too long to copy per event. */
export interface CommendationView {
  readonly communes: Map<string, CommuneFacts>;
  /** dossierId → communeCode. */
  readonly dossiers: Map<string, string>;
  readonly programmes: Map<string, ProgrammeState>;
  readonly nominations: Map<string, Nomination>;
  readonly registers: Map<string, Register>;
  readonly reservations: Map<string, Reservation>;
  /**
   * Per province, the communes in force in the register of administrative units, when the shell read it. Without
   * it, "all the communes" are those the record knows (with a dossier in the system).
   */
  readonly registeredCommunes: Map<string, number>;
}

export const emptyView = (): CommendationView => ({
  communes: new Map(),
  dossiers: new Map(),
  programmes: new Map(),
  nominations: new Map(),
  registers: new Map(),
  reservations: new Map(),
  registeredCommunes: new Map(),
});

const after = (prefix: string, streamId: string) => streamId.slice(prefix.length);

const evolveDossier = (view: CommendationView, dossierId: string, event: DossierEvent): void => {
  switch (event.type) {
    case 'DossierOpened': {
      const { commune } = event.data;
      view.dossiers.set(dossierId, commune.communeCode);
      if (!view.communes.has(commune.communeCode)) {
        view.communes.set(commune.communeCode, {
          communeCode: commune.communeCode,
          provinceCode: commune.provinceCode,
          districtCode: commune.districtCode,
          name: commune.name,
          recognitions: [],
          acknowledgements: [],
          surveys: [],
        });
      }
      return;
    }
    case 'RecognitionGranted': {
      const c = view.communes.get(event.data.communeCode);
      const { level, decisionNumber, decidedOn } = event.data;
      c?.recognitions.push({ dossierId, level, decisionNumber, decidedOn, revoked: null });
      return;
    }
    case 'RecognitionRevoked': {
      const c = view.communes.get(event.data.communeCode);
      if (!c) return;
      const revoked = { decisionNumber: event.data.decisionNumber, decidedOn: event.data.decidedOn };
      c.recognitions = c.recognitions.map((r) =>
        r.dossierId === dossierId && r.revoked === null ? { ...r, revoked } : r,
      );
      return;
    }
    case 'SurveyResultRecorded': {
      const c = view.communes.get(view.dossiers.get(dossierId) ?? '');
      if (!c) return;
      const { satisfactionRate, participationRate } = event.data;
      c.surveys = [
        ...c.surveys.filter((s) => s.dossierId !== dossierId),
        { dossierId, satisfactionRate, participationRate },
      ];
      return;
    }
    default:
      return;
  }
};

export const evolveView = (view: CommendationView, e: ViewEvent): CommendationView => {
  if (e.streamId.startsWith(DOSSIER_STREAM_PREFIX)) {
    evolveDossier(view, dossierIdOfStream(e.streamId), domainEvent<DossierEvent>(e));
  } else if (e.streamId.startsWith(COMMUNE_STREAM_PREFIX)) {
    evolveAcknowledgement(view, after(COMMUNE_STREAM_PREFIX, e.streamId), domainEvent<CommuneRecordEvent>(e));
  } else if (e.streamId.startsWith('emulation-')) {
    const code = after('emulation-', e.streamId);
    const s = view.programmes.get(code) ?? programmeDecider.initialState();
    view.programmes.set(code, programmeDecider.evolve(s, domainEvent<ProgrammeEvent>(e)));
  } else if (e.streamId.startsWith('nomination-')) {
    const id = after('nomination-', e.streamId);
    const s = view.nominations.get(id) ?? nominationDecider.initialState();
    const next = nominationDecider.evolve(s, domainEvent<NominationEvent>(e));
    if (next.status !== 'none') view.nominations.set(id, next);
  } else if (e.streamId.startsWith('award-register-')) {
    const code = after('award-register-', e.streamId);
    const s = view.registers.get(code) ?? registerDecider.initialState();
    view.registers.set(code, registerDecider.evolve(s, domainEvent<RegisterEvent>(e)));
  } else if (e.streamId.startsWith('quota-')) {
    const s = view.reservations.get(e.streamId) ?? reservationDecider.initialState();
    view.reservations.set(e.streamId, reservationDecider.evolve(s, domainEvent<ReservationEvent>(e)));
  }
  return view;
};

// ---------------------------------------------------------------------------------------------------------------
// Queries.

export const programmeOf = (view: CommendationView, provinceCode: string): Programme | null => {
  const p = view.programmes.get(provinceCode);
  return p && p.status === 'active' ? p : null;
};

const registerOf = (view: CommendationView, provinceCode: string): Register =>
  view.registers.get(provinceCode) ?? registerDecider.initialState();

const holds = (c: CommuneFacts, level: Level): boolean =>
  c.recognitions.some((r) => r.level === level && r.revoked === null) ||
  c.acknowledgements.some((a) => a.level === level);

export const communesOf = (view: CommendationView, provinceCode: string): CommuneFacts[] =>
  [...view.communes.values()].filter((c) => c.provinceCode === provinceCode);

// The bases every record has counted since quotas were award-type rules; a movement's quotas add their own.
const ALWAYS_COUNTED: readonly QuotaBase[] = [
  'province-ntm-communes',
  'province-kieu-mau-communes',
  'cluster-leaders',
];

/**
 * The quota bases counted in the province (cluster leaders: in the given year; communes recognised NTM within
 * the movement's years). All the communes: as registered among the administrative units, else those the record
 * knows.
 */
export const quotaBaseCounts = (
  view: CommendationView,
  provinceCode: string,
  year: number,
  movement?: Movement,
): Partial<Record<QuotaBase, number>> => {
  const communes = communesOf(view, provinceCode);
  const p = programmeOf(view, provinceCode);
  const inPeriod = (c: CommuneFacts) =>
    !!movement &&
    c.recognitions.some(
      (r) =>
        r.level === 'ntm' &&
        r.revoked === null &&
        Number(r.decidedOn.slice(0, 4)) >= movement.fromYear &&
        Number(r.decidedOn.slice(0, 4)) <= movement.toYear,
    );
  const count: Readonly<Record<QuotaBase, () => number>> = {
    'province-communes': () => view.registeredCommunes.get(provinceCode) ?? communes.length,
    'province-ntm-in-period': () => communes.filter(inPeriod).length,
    'province-ntm-communes': () => communes.filter((c) => holds(c, 'ntm')).length,
    'province-kieu-mau-communes': () => communes.filter((c) => holds(c, 'kieu-mau')).length,
    'cluster-leaders': () => (p ? scoresOfYear(p, year).length : 0),
  };
  const bases = new Set([
    ...ALWAYS_COUNTED,
    ...(movement?.quotas ?? []).map((q) => q.base),
    ...(p && movement ? basesIn(movement, awardTypesIn(p)) : []),
  ]);
  return Object.fromEntries([...bases].map((b) => [b, count[b]()]));
};

/** Places taken in each quota of a movement (by quota key), optionally leaving one nomination out. */
export const quotaUseOf = (
  view: CommendationView,
  provinceCode: string,
  movementId: string,
  excludeNominationId?: string,
): Record<string, number> => {
  const use: Record<string, number> = {};
  for (const r of view.reservations.values()) {
    const s = r.subject;
    if (s?.kind !== 'quota' || s.provinceCode !== provinceCode || s.movementId !== movementId) continue;
    use[quotaKeyOf(s)] = r.holders.filter((h) => h.nominationId !== excludeNominationId).length;
  }
  return use;
};

export const standingOf = (p: Programme | null, key: string, year: number): EligibilityRecord['standing'] => {
  if (!p) return null;
  for (const s of scoresOfYear(p, year)) {
    const entry = s.ranking.find((e) => e.memberKey === key);
    if (entry) {
      return {
        clusterId: s.clusterId,
        clusterName: s.clusterName,
        year,
        rank: entry.rank,
        of: s.ranking.length,
        score: entry.score,
        leader: s.leader === key,
      };
    }
  }
  return null;
};

/** A merged commune's acknowledged level (its record's stream): it may have no dossier here yet. */
const evolveAcknowledgement = (
  view: CommendationView,
  communeCode: string,
  event: CommuneRecordEvent,
): void => {
  if (event.type !== 'CommuneStatusAcknowledged') return;
  const { provinceCode, communeName, level, decisionNumber, decidedOn, predecessors } = event.data;
  const c: CommuneFacts = view.communes.get(communeCode) ?? {
    communeCode,
    provinceCode,
    name: communeName ?? `xã mã ${communeCode}`,
    recognitions: [],
    acknowledgements: [],
    surveys: [],
  };
  c.acknowledgements = [
    ...c.acknowledgements.filter((a) => a.level !== level),
    { level, decisionNumber, decidedOn, predecessors: predecessors.map((p) => p.code) },
  ];
  view.communes.set(communeCode, c);
};

export interface RecordQuery {
  readonly provinceCode: string;
  readonly nominee: Nominee;
  /**
   * The movement as the eligibility check sees it (the programme's stream), not as the read side shows it: the
   * two differ while an amendment of its quotas is being projected, and a quota whose base the record did not
   * count would read as full at 0/0.
   */
  readonly movement: Movement;
  readonly year: number;
  /** The nomination being checked again (its own quota place does not count against it). */
  readonly excludeNominationId?: string;
}

/** The record an eligibility check reads, as the event log shows it now. */
export const recordFor = (view: CommendationView, q: RecordQuery): EligibilityRecord => {
  const key = recipientKey(q.nominee);
  const commune = q.nominee.kind === 'commune' ? view.communes.get(q.nominee.communeCode) : undefined;
  const acknowledgements = commune?.acknowledgements ?? [];
  // A merged commune's history is its predecessors' too (RULES-2026.md §2): their awards count as its own.
  const predecessorKeys = [...new Set(acknowledgements.flatMap((a) => a.predecessors))].map(
    communeRecipientKey,
  );
  const register = registerOf(view, q.provinceCode);
  return {
    recognitions: commune?.recognitions ?? [],
    acknowledgements,
    surveys: commune?.surveys ?? [],
    standing: standingOf(programmeOf(view, q.provinceCode), key, q.year),
    awards: [key, ...predecessorKeys]
      .flatMap((k) => registryOf(register, k))
      .map((a) => ({
        awardId: a.awardId,
        awardTypeId: a.awardType.id,
        year: a.year,
        decisionNumber: a.decisionNumber,
        revoked: a.revoked !== null,
      })),
    counts: quotaBaseCounts(view, q.provinceCode, q.year, q.movement),
    quotaUse: quotaUseOf(view, q.provinceCode, q.movement.id, q.excludeNominationId),
  };
};

/** The record's figures shown beside a cluster member's score. */
export const memberFigures = (
  view: CommendationView,
  nominee: Nominee,
  year: number,
): MemberFigures | null => {
  if (nominee.kind !== 'commune') return null;
  const c = view.communes.get(nominee.communeCode);
  if (!c) return { holdings: [], recognisedInYear: [], satisfactionRate: null };
  const held = c.recognitions.filter((r) => r.revoked === null);
  const lastSurvey = c.surveys[c.surveys.length - 1];
  return {
    holdings: [...new Set([...held.map((r) => r.level), ...c.acknowledgements.map((a) => a.level)])],
    recognisedInYear: held.filter((r) => r.decidedOn.startsWith(String(year))).map((r) => r.level),
    satisfactionRate: lastSurvey?.satisfactionRate ?? null,
  };
};

export interface Candidate {
  readonly nominee: Nominee;
  readonly recipientKey: string;
  readonly report: EligibilityReport;
  /** Nominations of this nominee in the movement, with their status. */
  readonly nominations: readonly {
    readonly id: string;
    readonly awardTypeId: string;
    readonly status: string;
  }[];
}

/** Every commune of the province and every cluster member, checked against the award type: who is eligible and why. */
export const candidatesFor = (
  view: CommendationView,
  q: {
    readonly provinceCode: string;
    readonly movement: Movement;
    readonly awardTypeId: string;
    readonly year: number;
  },
): Candidate[] => {
  const p = programmeOf(view, q.provinceCode);
  const awardType = p ? awardTypeIn(p, q.awardTypeId) : null;
  if (!p || !awardType) return [];
  const nominees = new Map<string, Nominee>();
  for (const c of communesOf(view, q.provinceCode)) {
    const nominee: Nominee = {
      kind: 'commune',
      provinceCode: c.provinceCode,
      districtCode: c.districtCode,
      communeCode: c.communeCode,
      name: c.name,
    };
    nominees.set(recipientKey(nominee), nominee);
  }
  for (const cluster of Object.values(p.clusters)) {
    for (const m of membersIn(cluster, q.year) ?? [])
      if (!nominees.has(recipientKey(m))) nominees.set(recipientKey(m), m);
  }
  const nominations = [...view.nominations.values()].filter(
    (n) => n.provinceCode === q.provinceCode && n.movement.id === q.movement.id,
  );
  return [...nominees.values()]
    .filter((n) => awardType.nomineeKinds.includes(n.kind))
    .map((nominee) => {
      const key = recipientKey(nominee);
      const record = recordFor(view, {
        provinceCode: q.provinceCode,
        nominee,
        movement: q.movement,
        year: q.year,
      });
      return {
        nominee,
        recipientKey: key,
        report: checkEligibility({ awardType, nominee, movement: q.movement, year: q.year, record }),
        nominations: nominations
          .filter((n) => n.recipientKey === key)
          .map((n) => ({ id: n.id, awardTypeId: n.awardType.id, status: n.status })),
      };
    })
    .sort(
      (a, b) =>
        Number(b.report.eligible) - Number(a.report.eligible) ||
        a.nominee.name.localeCompare(b.nominee.name, 'vi'),
    );
};

export interface QuotaLine {
  readonly awardTypeId: string;
  readonly awardTypeName: string;
  /** The movement's quota id; null for the award type's own quota rule. */
  readonly quotaId: string | null;
  readonly key: string;
  readonly base: QuotaBase;
  readonly baseCount: number;
  readonly share: { readonly num: number; readonly den: number };
  readonly rounding: 'floor' | 'ceil';
  /** How the capacity comes from the base's count, as users read it: "5/100 × 24 xã của tỉnh, làm tròn xuống". */
  readonly basis: string;
  readonly capacity: number;
  readonly used: number;
  readonly holders: readonly { readonly nominationId: string; readonly nomineeName: string }[];
  /** Where the movement's figure comes from; null for an award type's own rule. */
  readonly source: string | null;
}

/** Every quota of a movement (the movement's own, else each award type's rule) with its use. */
export const quotaReport = (
  view: CommendationView,
  provinceCode: string,
  movementId: string,
  year: number,
): QuotaLine[] => {
  const p = programmeOf(view, provinceCode);
  const movement = p?.movements[movementId];
  if (!p || !movement) return [];
  const counts = quotaBaseCounts(view, provinceCode, year, movement);
  return awardTypesIn(p).flatMap((t) =>
    quotasFor(movement, t).map((q) => {
      const holders = [...view.reservations.values()]
        .filter(
          (r) =>
            r.subject?.kind === 'quota' &&
            r.subject.provinceCode === provinceCode &&
            r.subject.movementId === movementId &&
            quotaKeyOf(r.subject) === q.key,
        )
        .flatMap((r) => r.holders.map((h) => ({ nominationId: h.nominationId, nomineeName: h.nomineeName })));
      const baseCount = counts[q.base] ?? 0;
      return {
        awardTypeId: t.id,
        awardTypeName: t.name,
        quotaId: q.quotaId,
        key: q.key,
        base: q.base,
        baseCount,
        share: q.share,
        rounding: q.rounding,
        basis: quotaArithmetic(q, baseCount),
        capacity: quotaCapacity(baseCount, q.share, q.rounding),
        used: holders.length,
        holders,
        source: q.source,
      };
    }),
  );
};

export const rankingsOf = (view: CommendationView, provinceCode: string, year: number): ClusterScores[] => {
  const p = programmeOf(view, provinceCode);
  return p ? scoresOfYear(p, year).sort((a, b) => a.clusterName.localeCompare(b.clusterName, 'vi')) : [];
};

export interface AwardTally {
  readonly year: number;
  readonly awardTypeId: string;
  readonly awardTypeName: string;
  readonly count: number;
  readonly revoked: number;
  readonly flagged: number;
}

export const awardsOf = (
  view: CommendationView,
  provinceCode: string,
  filter: { year?: number; awardTypeId?: string } = {},
): Award[] =>
  registerOf(view, provinceCode)
    .awards.filter(
      (a) =>
        (filter.year === undefined || a.year === filter.year) &&
        (filter.awardTypeId === undefined || a.awardType.id === filter.awardTypeId),
    )
    .sort(
      (a, b) =>
        a.year - b.year ||
        a.awardType.name.localeCompare(b.awardType.name, 'vi') ||
        a.recipient.name.localeCompare(b.recipient.name, 'vi'),
    );

/** Awards per year and type, with how many were revoked or are flagged for review. */
export const awardTallies = (view: CommendationView, provinceCode: string): AwardTally[] => {
  const tallies = new Map<string, AwardTally>();
  for (const a of awardsOf(view, provinceCode)) {
    const key = `${a.year}/${a.awardType.id}`;
    const t = tallies.get(key) ?? {
      year: a.year,
      awardTypeId: a.awardType.id,
      awardTypeName: a.awardType.name,
      count: 0,
      revoked: 0,
      flagged: 0,
    };
    tallies.set(key, {
      ...t,
      count: t.count + 1,
      revoked: t.revoked + (a.revoked ? 1 : 0),
      flagged: t.flagged + (!a.revoked && openFlags(a).length > 0 ? 1 : 0),
    });
  }
  return [...tallies.values()];
};

export const registryFor = (view: CommendationView, provinceCode: string, key: string): Award[] =>
  registryOf(registerOf(view, provinceCode), key);

export const flaggedAwards = (view: CommendationView, provinceCode: string): Award[] =>
  registerOf(view, provinceCode).awards.filter((a) => a.revoked === null && openFlags(a).length > 0);

export const nominationsIn = (
  view: CommendationView,
  provinceCode: string,
  movementId?: string,
): Nomination[] =>
  [...view.nominations.values()]
    .filter(
      (n) => n.provinceCode === provinceCode && (movementId === undefined || n.movement.id === movementId),
    )
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));

export const decisionOf = (view: CommendationView, provinceCode: string, decisionId: string) => {
  const r = registerOf(view, provinceCode);
  const d = r.decisions[decisionId];
  return d ? { ...d, awards: r.awards.filter((a) => a.decisionId === decisionId) } : null;
};

/** A decision with the names of those it awards, as the list of decisions shows it. */
export interface DecisionSummary extends AwardDecision {
  readonly recipients: readonly string[];
}

/** The province's decisions (of one year when given), latest first. */
export const decisionsOf = (
  view: CommendationView,
  provinceCode: string,
  year?: number,
): DecisionSummary[] => {
  const r = registerOf(view, provinceCode);
  return Object.values(r.decisions)
    .filter((d) => year === undefined || d.decidedOn.startsWith(`${year}-`))
    .sort((a, b) => b.decidedOn.localeCompare(a.decidedOn) || a.number.localeCompare(b.number, 'vi'))
    .map((d) => ({
      ...d,
      recipients: r.awards.filter((a) => a.decisionId === d.decisionId).map((a) => a.recipient.name),
    }));
};

/** A commune of the asker's area and its awards of the period; a commune without any is listed too. */
export interface CommuneAwards {
  readonly communeCode: string;
  readonly districtCode: string | null;
  readonly name: string;
  readonly awards: readonly Award[];
}

/** Every commune given (those in force in the area), each with its awards from `fromYear` to `toYear`. */
export const communeAwards = (
  view: CommendationView,
  provinceCode: string,
  communes: readonly { readonly code: string; readonly name: string; readonly districtCode: string | null }[],
  period: { readonly fromYear?: number; readonly toYear?: number } = {},
): CommuneAwards[] => {
  const byCommune = new Map<string, Award[]>();
  for (const a of awardsOf(view, provinceCode)) {
    if (a.recipient.kind !== 'commune') continue;
    if (period.fromYear !== undefined && a.year < period.fromYear) continue;
    if (period.toYear !== undefined && a.year > period.toYear) continue;
    byCommune.set(a.recipient.communeCode, [...(byCommune.get(a.recipient.communeCode) ?? []), a]);
  }
  return [...communes]
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map((c) => ({
      communeCode: c.code,
      districtCode: c.districtCode,
      name: c.name,
      awards: byCommune.get(c.code) ?? [],
    }));
};

/** At most this many recipients answer a search: enough to tell apart the people of one name. */
export const RECIPIENT_SEARCH_LIMIT = 20;

/** A collective or a person the province's record knows, as a nomination form offers it. */
export interface KnownRecipient {
  readonly kind: 'collective' | 'individual';
  readonly id: string;
  readonly recipientKey: string;
  /** The name and (a person's) position and unit as last nominated or awarded. */
  readonly name: string;
  readonly position: string | null;
  readonly unit: string | null;
  /** Awards in force (decided in the system or recorded as prior ones). */
  readonly awards: number;
  readonly nominations: number;
}

/**
 * The collectives and people nominated or awarded in the province (prior awards too) whose name holds every word
 * of `text`, typed with or without diacritics ("ha van duc" finds "Hà Văn Đức"), by name; the same person
 * nominated again keeps one id and with it their record.
 */
export const searchRecipients = (
  view: CommendationView,
  provinceCode: string,
  q: { readonly text?: string; readonly kind?: KnownRecipient['kind'] },
): KnownRecipient[] => {
  const seen = [
    ...registerOf(view, provinceCode).awards.map((a) => ({
      nominee: a.recipient,
      at: a.decidedOn,
      award: a.revoked === null ? 1 : 0,
      nomination: 0,
    })),
    ...nominationsIn(view, provinceCode).map((n) => ({
      nominee: n.nominee,
      at: n.submittedAt,
      award: 0,
      nomination: 1,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const found = new Map<string, KnownRecipient>();
  for (const { nominee: n, award, nomination } of seen) {
    if (n.kind === 'commune' || (q.kind !== undefined && n.kind !== q.kind)) continue;
    const key = recipientKey(n);
    const before = found.get(key);
    // The latest name and position stand: a person promoted is printed with the new position.
    found.set(key, {
      kind: n.kind,
      id: n.id,
      recipientKey: key,
      name: n.name,
      position: (n.kind === 'individual' && n.position) || null,
      unit: (n.kind === 'individual' && n.unit) || null,
      awards: (before?.awards ?? 0) + award,
      nominations: (before?.nominations ?? 0) + nomination,
    });
  }
  const words = foldName(q.text ?? '').split(/\s+/);
  return [...found.values()]
    .filter((r) => words.every((w) => foldName(r.name).includes(w)))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id))
    .slice(0, RECIPIENT_SEARCH_LIMIT);
};
