import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import {
  emptyView,
  evolveView,
  VIEW_STREAM_PREFIXES,
  type CommendationView,
  type CommuneFacts,
} from '@ntm/commendation';
import { COMMUNE_STREAM_PREFIX, DOSSIER_STREAM_PREFIX, dossierIdOfStream } from '@ntm/recognition';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';

/**
 * One folded entity of the commendation view (a province's programme or register, a nomination, a quota, a
 * commune's record, a dossier's commune), stored whole: the view's pure queries run on the rows of one province.
 */
export interface CommendationEntityRow {
  /** `<kind>:<id>`, e.g. `programme:06`, `nomination:<uuid>`, `commune:01840`. */
  entity_key: string;
  kind: EntityKind;
  province_code: string;
  state: unknown;
  /** The last event applied to this entity: a replayed event at or below it changes nothing. */
  position: string;
}

type EntityKind = 'programme' | 'register' | 'nomination' | 'reservation' | 'commune' | 'dossier';

export const commendationEntitiesTable: TableDef<CommendationEntityRow> = {
  base: 'rm_commendation_entities',
  columns: { entity_key: 'text', kind: 'text', province_code: 'text', state: 'jsonb', position: 'text' },
  key: ['entity_key'],
  indexes: [['province_code']],
};

/** A dossier's entry: which commune it is for (survey results name only the dossier). */
interface DossierEntry {
  readonly communeCode: string;
  readonly provinceCode: string;
}

const afterPrefix = (prefix: string, streamId: string) => streamId.slice(prefix.length);

const HANDLED_DOSSIER_EVENTS = new Set([
  'DossierOpened',
  'RecognitionGranted',
  'RecognitionRevoked',
  'SurveyResultRecorded',
]);

/** The entity an event changes, when it is known from the event alone. */
const entityOf = (
  e: RecordedEvent,
  dossierCommune: (dossierId: string) => string | undefined,
): string | null => {
  const data = e.data as Record<string, unknown> & { commune?: { communeCode: string } };
  if (e.streamId.startsWith(DOSSIER_STREAM_PREFIX)) {
    const dossierId = dossierIdOfStream(e.streamId);
    switch (e.type) {
      case 'DossierOpened':
        return `dossier:${dossierId}`;
      case 'RecognitionGranted':
      case 'RecognitionRevoked':
        return `commune:${String(data.communeCode)}`;
      case 'SurveyResultRecorded': {
        const code = dossierCommune(dossierId);
        return code ? `commune:${code}` : null;
      }
      default:
        return null;
    }
  }
  if (e.streamId.startsWith(COMMUNE_STREAM_PREFIX))
    return e.type === 'CommuneStatusAcknowledged'
      ? `commune:${afterPrefix(COMMUNE_STREAM_PREFIX, e.streamId)}`
      : null;
  if (e.streamId.startsWith('emulation-')) return `programme:${afterPrefix('emulation-', e.streamId)}`;
  if (e.streamId.startsWith('nomination-')) return `nomination:${afterPrefix('nomination-', e.streamId)}`;
  if (e.streamId.startsWith('award-register-'))
    return `register:${afterPrefix('award-register-', e.streamId)}`;
  if (e.streamId.startsWith('quota-')) return `reservation:${e.streamId}`;
  return null;
};

/** Puts stored rows into a view, the shape the commendation queries read. */
export const viewOfRows = (rows: readonly CommendationEntityRow[]): CommendationView => {
  const view = emptyView();
  for (const row of rows) {
    const id = row.entity_key.slice(row.kind.length + 1);
    const state = row.state as never;
    switch (row.kind) {
      case 'programme':
        view.programmes.set(id, state);
        break;
      case 'register':
        view.registers.set(id, state);
        break;
      case 'nomination':
        view.nominations.set(id, state);
        break;
      case 'reservation':
        view.reservations.set(id, state);
        break;
      case 'commune':
        view.communes.set(id, state);
        break;
      case 'dossier':
        view.dossiers.set(id, (row.state as DossierEntry).communeCode);
        break;
    }
  }
  return view;
};

/** The row of one entity as the view holds it now, or null when it belongs to no province (unused by queries). */
const rowOf = (view: CommendationView, key: string, position: string): CommendationEntityRow | null => {
  const kind = key.slice(0, key.indexOf(':')) as EntityKind;
  const id = key.slice(kind.length + 1);
  const row = (state: unknown, province: string | undefined) =>
    province ? { entity_key: key, kind, province_code: province, state, position } : null;
  switch (kind) {
    case 'programme':
      return row(view.programmes.get(id), id);
    case 'register':
      return row(view.registers.get(id), id);
    case 'nomination': {
      const n = view.nominations.get(id);
      return n ? row(n, n.provinceCode) : null;
    }
    case 'reservation': {
      const r = view.reservations.get(id);
      return r?.subject?.kind === 'quota' ? row(r, r.subject.provinceCode) : null;
    }
    case 'commune': {
      const c: CommuneFacts | undefined = view.communes.get(id);
      return c ? row(c, c.provinceCode) : null;
    }
    case 'dossier': {
      const communeCode = view.dossiers.get(id);
      const commune = communeCode ? view.communes.get(communeCode) : undefined;
      return communeCode && commune
        ? row(
            { communeCode, provinceCode: commune.provinceCode } satisfies DossierEntry,
            commune.provinceCode,
          )
        : null;
    }
  }
};

/**
 * The emulation and commendation read side: the pure `evolveView` fold of @ntm/commendation, persisted one
 * entity per row, so queries read a province's rows instead of replaying the history in every API process.
 */
export const commendation: Projector = {
  name: 'commendation',
  label: 'Thi đua, khen thưởng',
  // 2: reads the communes' records too (a merged commune's acknowledged level).
  version: 2,
  streamPrefixes: VIEW_STREAM_PREFIXES,
  tables: [commendationEntitiesTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const entities = table(tables, commendationEntitiesTable);
    const relevant = events.filter(
      (e) => !e.streamId.startsWith(DOSSIER_STREAM_PREFIX) || HANDLED_DOSSIER_EVENTS.has(e.type),
    );
    if (relevant.length === 0) return;

    // Dossier entries first: a survey result names only its dossier, whose commune they tell.
    const dossierKeys = relevant
      .filter((e) => e.streamId.startsWith(DOSSIER_STREAM_PREFIX))
      .map((e) => `dossier:${dossierIdOfStream(e.streamId)}`);
    const loaded = new Map<string, CommendationEntityRow>();
    for (const r of await entities.load(manager, [...new Set(dossierKeys)])) loaded.set(r.entity_key, r);
    const communeOfDossier = new Map<string, string>();
    for (const r of loaded.values())
      communeOfDossier.set(r.entity_key.slice(8), (r.state as DossierEntry).communeCode);
    for (const e of relevant)
      if (e.type === 'DossierOpened' && e.streamId.startsWith(DOSSIER_STREAM_PREFIX))
        communeOfDossier.set(
          dossierIdOfStream(e.streamId),
          (e.data as { commune: { communeCode: string } }).commune.communeCode,
        );

    const keys = new Set<string>();
    for (const e of relevant) {
      const key = entityOf(e, (id) => communeOfDossier.get(id));
      if (key) keys.add(key);
      if (e.type === 'DossierOpened')
        keys.add(`commune:${communeOfDossier.get(dossierIdOfStream(e.streamId))}`);
    }
    for (const r of await entities.load(
      manager,
      [...keys].filter((k) => !loaded.has(k)),
    ))
      loaded.set(r.entity_key, r);

    const view = viewOfRows([...loaded.values()]);
    const positions = new Map([...loaded.values()].map((r) => [r.entity_key, r.position]));
    const touched = new Map<string, string>();
    for (const e of relevant) {
      const key = entityOf(e, (id) => view.dossiers.get(id) ?? communeOfDossier.get(id));
      if (!key) continue;
      const seen = positions.get(key);
      if (seen !== undefined && seen >= e.position) continue;
      evolveView(view, e);
      positions.set(key, e.position);
      touched.set(key, e.position);
      if (e.type === 'DossierOpened') {
        const commune = `commune:${view.dossiers.get(dossierIdOfStream(e.streamId))}`;
        if (!loaded.has(commune) && !touched.has(commune)) touched.set(commune, e.position);
      }
    }
    const rows = [...touched].flatMap(([key, position]) => {
      const row = rowOf(view, key, position);
      return row ? [row] : [];
    });
    await entities.upsert(manager, rows);
  },
};
