import {
  DomainError,
  conflict,
  forbidden,
  type Command,
  type Decider,
  type DomainEvent,
  type Violation,
} from '@ntm/decider';
import { builtInCriteriaSets } from './data/sets';
import { criteriaSetHash, type CriteriaSetDocument } from './document';
import { describeProblem, validateCriteriaSet } from './validate';

/**
 * The criteria-set catalogue as an event stream: every set an administrator loads is one CriteriaSetLoaded,
 * with its content hash. The built-in sets are part of the initial state (available without loading).
 */
export const CRITERIA_SETS_STREAM = 'criteria-sets';

export interface CatalogueEntry {
  readonly id: string;
  readonly version: number;
  readonly hash: string;
  readonly document: CriteriaSetDocument;
  /** Null for a built-in set. */
  readonly loadedAt: string | null;
  readonly loadedBy: string | null;
  readonly builtIn: boolean;
}

export interface CriteriaSetCatalogue {
  /** In loading order; built-ins first. */
  readonly entries: readonly CatalogueEntry[];
}

export type CriteriaSetCommand = Command<
  'LoadCriteriaSet',
  {
    /** The document as JSON text (problems then carry line numbers) or as a parsed object. */
    readonly document: unknown;
  }
>;

export type CriteriaSetEvent = DomainEvent<
  'CriteriaSetLoaded',
  {
    readonly id: string;
    readonly version: number;
    readonly hash: string;
    readonly document: CriteriaSetDocument;
    readonly loadedAt: string;
    readonly loadedBy: string;
  }
>;

const builtInEntry = (document: CriteriaSetDocument): CatalogueEntry => ({
  id: document.id,
  version: document.version,
  hash: criteriaSetHash(document),
  document,
  loadedAt: null,
  loadedBy: null,
  builtIn: true,
});

export const initialCatalogue = (): CriteriaSetCatalogue => ({
  entries: builtInCriteriaSets.map(builtInEntry),
});

/** The entry a CriteriaSetLoaded event adds to the catalogue. */
export const loadedEntry = ({ data }: CriteriaSetEvent): CatalogueEntry => {
  const { id, version, hash, document, loadedAt, loadedBy } = data;
  return { id, version, hash, document, loadedAt, loadedBy, builtIn: false };
};

export const evolveCatalogue = (
  state: CriteriaSetCatalogue,
  event: CriteriaSetEvent,
): CriteriaSetCatalogue => ({ entries: [...state.entries, loadedEntry(event)] });

/** The entry for id (and version; else the highest version). */
export const findCatalogueEntry = (
  state: CriteriaSetCatalogue,
  id: string,
  version?: number,
): CatalogueEntry | undefined =>
  state.entries
    .filter((e) => e.id === id && (version === undefined || e.version === version))
    .reduce<CatalogueEntry | undefined>((a, b) => (!a || b.version >= a.version ? b : a), undefined);

/** The latest version of each set id, in the order each id was first loaded (built-ins first). */
export const latestOfEach = <T extends { readonly id: string; readonly version: number }>(
  entries: readonly T[],
): T[] => {
  const latest = new Map<string, T>();
  for (const e of entries) {
    const known = latest.get(e.id);
    if (!known || e.version >= known.version) latest.set(e.id, e);
  }
  return [...latest.values()];
};

/** The latest version of each set id, in loading order. */
export const currentEntries = (state: CriteriaSetCatalogue): CatalogueEntry[] => latestOfEach(state.entries);

/** A criteria set in a list: its identity and source, with its size instead of its content. */
export type CriteriaSetSummary = Pick<
  CatalogueEntry,
  'id' | 'version' | 'hash' | 'builtIn' | 'loadedAt' | 'loadedBy'
> &
  Pick<
    CriteriaSetDocument,
    'title' | 'period' | 'scope' | 'source' | 'levels' | 'assessment' | 'unverified'
  > & {
    /** Codes of the commune groups the thresholds distinguish */
    readonly groups: string[];
    readonly criteria: number;
    readonly indicators: number;
    readonly test: boolean;
  };

export const criteriaSetSummary = (e: CatalogueEntry): CriteriaSetSummary => {
  const d = e.document;
  return {
    id: e.id,
    version: e.version,
    hash: e.hash,
    title: d.title,
    period: d.period,
    scope: d.scope,
    source: d.source,
    levels: d.levels,
    assessment: d.assessment,
    groups: d.groups.map((g) => g.code),
    criteria: d.criteria.length,
    indicators: d.criteria.reduce((n, c) => n + c.indicators.length, 0),
    unverified: d.unverified,
    test: d.test ?? false,
    builtIn: e.builtIn,
    loadedAt: e.loadedAt,
    loadedBy: e.loadedBy,
  };
};

const decideLoad = (command: CriteriaSetCommand, state: CriteriaSetCatalogue): CriteriaSetEvent[] => {
  const { actor, now } = command.metadata;
  if (actor.role !== 'admin') {
    throw forbidden('ROLE_NOT_ALLOWED', 'Chỉ quản trị hệ thống được nạp bộ tiêu chí');
  }
  const result = validateCriteriaSet(command.data.document);
  if (!result.ok) {
    const violations: Violation[] = result.problems.map((p) => ({
      code: 'CRITERIA_SET_INVALID',
      message: describeProblem(p),
      field: p.field,
    }));
    throw new DomainError(
      'invalid',
      'CRITERIA_SET_INVALID',
      `Bộ tiêu chí không hợp lệ, chưa nạp: ${violations.map((v) => v.message).join('; ')}`,
      violations,
    );
  }
  const document = result.document;
  const hash = criteriaSetHash(document);
  const same = findCatalogueEntry(state, document.id, document.version);
  if (same) {
    // Loading the same content again changes nothing; other content under a known version would rewrite history.
    if (same.hash === hash) return [];
    throw conflict(
      'CRITERIA_SET_VERSION_EXISTS',
      `Bộ tiêu chí ${document.id} phiên bản ${document.version} đã có với nội dung khác; hãy tăng "version"`,
    );
  }
  const latest = findCatalogueEntry(state, document.id);
  if (latest && latest.version > document.version) {
    throw conflict(
      'CRITERIA_SET_VERSION_NOT_NEWER',
      `Bộ tiêu chí ${document.id} đã có phiên bản ${latest.version}; phiên bản nạp phải lớn hơn`,
    );
  }
  return [
    {
      type: 'CriteriaSetLoaded',
      data: { id: document.id, version: document.version, hash, document, loadedAt: now, loadedBy: actor.id },
    },
  ];
};

export const criteriaSetCatalogueDecider: Decider<
  CriteriaSetCommand,
  CriteriaSetEvent,
  CriteriaSetCatalogue
> = {
  decide: decideLoad,
  evolve: evolveCatalogue,
  initialState: initialCatalogue,
};
