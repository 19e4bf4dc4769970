import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { domainEvent, notFound, requireCovers, type Actor } from '@ntm/decider';
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@ntm/event-store';
import {
  describeDossier,
  dossierDecider,
  dossierStreamId,
  type Dossier,
  type DossierEvent,
  type DossierSummary,
  type EventOf,
} from '@ntm/recognition';
import { EVENT_STORE } from '@ntm/application';
import { renderOfficialDocument } from '../official-documents/decree30';
import {
  documentFileName,
  dossierDocument,
  listDossierDocuments,
  type DossierDocumentRef,
} from '../official-documents/dossier-documents';
import { PlaceNames } from '../official-documents/place-names';

export class GetDossierQuery {
  constructor(
    readonly dossierId: string,
    /** Who asks: a dossier is shown only within the asker's jurisdiction. */
    readonly actor: Actor,
    readonly asOf?: string,
  ) {}
}

export class GetDossierHistoryQuery {
  constructor(
    readonly dossierId: string,
    readonly actor: Actor,
  ) {}
}

/** The documents a dossier has produced (receipts, return letters, decision, refusal). */
export class ListDossierDocumentsQuery {
  constructor(
    readonly dossierId: string,
    readonly actor: Actor,
  ) {}
}

/** One of them as a PDF; key as listed ("receipt-1", "decision"...). */
export class GetDossierDocumentQuery {
  constructor(
    readonly dossierId: string,
    readonly actor: Actor,
    readonly key: string,
  ) {}
}

export interface DossierView extends Dossier {
  readonly version: number;
  /** The instant the view describes: now, or the requested ?asOf. */
  readonly asOf: string;
  /** Labels, the current step with its deadline, and the conditions that would stop recognition now. */
  readonly summary: DossierSummary;
}

export interface HistoryEntry {
  readonly version: number;
  readonly position: string;
  readonly type: string;
  readonly data: unknown;
  readonly recordedAt: string;
  readonly actor: string;
  /** The person's name as their sign-in gave it; the account id for events recorded without one. */
  readonly actorName: string;
  readonly role: string;
  readonly correlationId: string;
  readonly causationId: string;
}

/** The dossier's events, if the asker's jurisdiction covers its commune (its first event says where it is). */
const readDossier = async (store: EventStore, dossierId: string, actor: Actor): Promise<RecordedEvent[]> => {
  let events: RecordedEvent[];
  try {
    events = await store.readStream(dossierStreamId(dossierId));
  } catch (e) {
    if (e instanceof StreamNotFoundError)
      throw notFound('DOSSIER_NOT_FOUND', `Không tìm thấy hồ sơ ${dossierId}`);
    throw e;
  }
  const opened = domainEvent<EventOf<'DossierOpened'>>(events[0]);
  requireCovers(actor, opened.data.commune, `Hồ sơ của ${opened.data.commune.name}`);
  return events;
};

/** A single dossier is one stream: folding it is the read model, and asOf is a filter on recorded time. */
@QueryHandler(GetDossierQuery)
export class GetDossierHandler implements IQueryHandler<GetDossierQuery, DossierView> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ dossierId, actor, asOf }: GetDossierQuery): Promise<DossierView> {
    const all = await readDossier(this.store, dossierId, actor);
    const at = asOf ? new Date(asOf) : undefined;
    const events = at ? all.filter((e) => e.recordedAt.getTime() <= at.getTime()) : all;
    if (events.length === 0) {
      throw notFound('DOSSIER_NOT_FOUND', `Hồ sơ ${dossierId} chưa được mở tại thời điểm ${asOf}`);
    }
    const state = events.reduce(
      (s, e) => dossierDecider.evolve(s, domainEvent<DossierEvent>(e)),
      dossierDecider.initialState(),
    ) as Dossier;
    return {
      ...state,
      version: events[events.length - 1].streamVersion,
      asOf: (at ?? new Date()).toISOString(),
      summary: describeDossier(state),
    };
  }
}

@QueryHandler(GetDossierHistoryQuery)
export class GetDossierHistoryHandler implements IQueryHandler<GetDossierHistoryQuery, HistoryEntry[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ dossierId, actor }: GetDossierHistoryQuery): Promise<HistoryEntry[]> {
    const events = await readDossier(this.store, dossierId, actor);
    return events.map((e) => ({
      version: e.streamVersion,
      position: e.position,
      type: e.type,
      data: e.data,
      recordedAt: e.recordedAt.toISOString(),
      actor: e.metadata.actor,
      actorName: typeof e.metadata.actorName === 'string' ? e.metadata.actorName : e.metadata.actor,
      role: e.metadata.role,
      correlationId: e.metadata.correlationId,
      causationId: e.metadata.causationId,
    }));
  }
}

export interface DossierDocumentItem extends DossierDocumentRef {
  readonly fileName: string;
  /** Where to download it (PDF). */
  readonly url: string;
}

export interface DossierDocumentFile {
  readonly pdf: Buffer;
  readonly fileName: string;
}

const codeOf = (events: readonly RecordedEvent[]) => {
  const opened = events[0].data as EventOf<'DossierOpened'>['data'];
  return opened.code ?? opened.dossierId;
};

@QueryHandler(ListDossierDocumentsQuery)
export class ListDossierDocumentsHandler implements IQueryHandler<
  ListDossierDocumentsQuery,
  DossierDocumentItem[]
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ dossierId, actor }: ListDossierDocumentsQuery): Promise<DossierDocumentItem[]> {
    const events = await readDossier(this.store, dossierId, actor);
    return listDossierDocuments(events).map((d) => ({
      ...d,
      fileName: documentFileName(codeOf(events), d.key),
      url: `/api/v1/dossiers/${dossierId}/documents/${d.key}.pdf`,
    }));
  }
}

/** Rendered on each request from the events: the document is the record, the PDF only its print. */
@QueryHandler(GetDossierDocumentQuery)
export class GetDossierDocumentHandler implements IQueryHandler<
  GetDossierDocumentQuery,
  DossierDocumentFile
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly places: PlaceNames,
  ) {}

  async execute({ dossierId, actor, key }: GetDossierDocumentQuery): Promise<DossierDocumentFile> {
    const events = await readDossier(this.store, dossierId, actor);
    const { commune } = events[0].data as EventOf<'DossierOpened'>['data'];
    const doc = dossierDocument(
      key,
      events,
      await this.places.of(commune.provinceCode, commune.districtCode),
    );
    if (!doc) throw notFound('DOCUMENT_NOT_FOUND', `Hồ sơ ${dossierId} chưa có văn bản '${key}'`);
    return { pdf: await renderOfficialDocument(doc), fileName: documentFileName(codeOf(events), key) };
  }
}
