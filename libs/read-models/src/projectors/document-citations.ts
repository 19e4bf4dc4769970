import { DOSSIER_STREAM_PREFIX } from '@ntm/recognition';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { documentReferences } from '@ntm/documents';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';

/** Where the owner of a citing stream sits: a dossier's commune, a nomination's or an emulation board's province. */
export interface CitingSourceRow {
  stream_id: string;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
}

/** One document cited by one stream, with the stream's place: who may read the document besides its uploaders. */
export interface DocumentCitationRow extends CitingSourceRow {
  sha256: string;
  /** Global position of the first event that cited it. */
  position: string;
}

const sourcesTable: TableDef<CitingSourceRow> = {
  base: 'rm_document_sources',
  columns: { stream_id: 'text', province_code: 'text', district_code: 'text', commune_code: 'text' },
  key: ['stream_id'],
};

export const documentCitationsTable: TableDef<DocumentCitationRow> = {
  base: 'rm_document_citations',
  columns: {
    sha256: 'text',
    stream_id: 'text',
    province_code: 'text',
    district_code: 'text',
    commune_code: 'text',
    position: 'text',
  },
  key: ['sha256', 'stream_id'],
};

const NOMINATION = 'nomination-';
const EMULATION = 'emulation-';

/** The place an event reveals for its stream, if it is the one that does. */
const placeOf = (e: RecordedEvent): CitingSourceRow | undefined => {
  const data = e.data as Record<string, unknown>;
  if (e.streamId.startsWith(DOSSIER_STREAM_PREFIX) && e.type === 'DossierOpened') {
    const c = data.commune as { provinceCode: string; districtCode?: string; communeCode: string };
    return {
      stream_id: e.streamId,
      province_code: c.provinceCode,
      district_code: c.districtCode ?? null,
      commune_code: c.communeCode,
    };
  }
  if (e.streamId.startsWith(NOMINATION) && e.type === 'NominationSubmitted') {
    return {
      stream_id: e.streamId,
      province_code: String(data.provinceCode),
      district_code: null,
      commune_code: null,
    };
  }
  if (e.streamId.startsWith(EMULATION)) {
    // An emulation board's stream is named after its province.
    return {
      stream_id: e.streamId,
      province_code: e.streamId.slice(EMULATION.length),
      district_code: null,
      commune_code: null,
    };
  }
  return undefined;
};

/**
 * Who may read a document because something cites it: every dossier (its commune), nomination or emulation
 * board (its province) whose events cite the document by SHA-256 (evidence, reports, minutes, documents). The
 * API lets a reader whose jurisdiction covers one of these places, or an uploader's area, download it.
 * Replays change nothing: rows are keyed by document and stream and only ever inserted.
 */
export const documentCitations: Projector = {
  name: 'document-citations',
  label: 'Tài liệu minh chứng được viện dẫn',
  version: 1,
  // Every event of these streams: any of them may cite documents.
  handles: undefined,
  streamPrefixes: [DOSSIER_STREAM_PREFIX, NOMINATION, EMULATION],
  tables: [sourcesTable, documentCitationsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const sources = table(tables, sourcesTable);
    const citations = table(tables, documentCitationsTable);
    const places = new Map<string, CitingSourceRow>();
    for (const e of events) {
      const place = placeOf(e);
      if (place && !places.has(e.streamId)) places.set(e.streamId, place);
    }
    await sources.upsert(manager, [...places.values()]);
    const cited = events
      .map((e) => ({ e, refs: documentReferences(e.data, '', true) }))
      .filter(({ refs }) => refs.length > 0);
    const unknown = [...new Set(cited.map(({ e }) => e.streamId).filter((id) => !places.has(id)))];
    for (const row of await sources.load(manager, unknown)) places.set(row.stream_id, row);
    const rows = new Map<string, DocumentCitationRow>();
    for (const { e, refs } of cited) {
      const place = places.get(e.streamId);
      if (!place) continue; // a stream this projection never saw opened
      for (const { sha256 } of refs) {
        const key = `${sha256}\u0000${e.streamId}`;
        if (!rows.has(key)) rows.set(key, { ...place, sha256, position: e.position });
      }
    }
    await insertOnly(manager, citations.name, [...rows.values()]);
  },
};

/** Inserts the rows that are not there yet: the first citation's position stays. */
const insertOnly = async (manager: EntityManager, name: string, rows: DocumentCitationRow[]) => {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO ${name} (sha256, stream_id, province_code, district_code, commune_code, position)
     SELECT sha256, stream_id, province_code, district_code, commune_code, position
       FROM jsonb_to_recordset($1::jsonb) AS x(sha256 text, stream_id text, province_code text,
            district_code text, commune_code text, position text)
     ON CONFLICT (sha256, stream_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
};
