import type { Actor } from '@ntm/decider';
import type { DossierCommandType } from '@ntm/recognition';
import type { CommandHeaders } from '../http/request-context';

/** A dossier command as it travels the CommandBus: the route chose the type, the body is its data. */
export class ExecuteDossierCommand {
  constructor(
    readonly dossierId: string,
    readonly type: DossierCommandType,
    readonly data: Record<string, unknown>,
    readonly headers: CommandHeaders,
    /** Set by process managers: the event that caused this command. */
    readonly causationId?: string,
    /** What makes a retry "the same request" (defaults to type, id and data); excludes server-made ids. */
    readonly request?: unknown,
  ) {}
}

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
