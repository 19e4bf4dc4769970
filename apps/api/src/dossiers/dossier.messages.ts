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
  ) {}
}

export class GetDossierQuery {
  constructor(
    readonly dossierId: string,
    readonly asOf?: string,
  ) {}
}

export class GetDossierHistoryQuery {
  constructor(readonly dossierId: string) {}
}
