import type { Actor, Unstamped } from '@ntm/decider';
import type { DataOf, DossierCommand } from '@ntm/recognition';
import type { CommandHeaders } from '../http/request-context';

/** What the commune officer sends to open a dossier; the handler adds what only the system knows. */
export type OpenDossierInput = Pick<
  DataOf<'OpenDossier'>,
  'dossierId' | 'commune' | 'level' | 'procedureVersion' | 'year'
> & {
  /** A 2026-2030 criteria set by id; else the province's own set for the level, else the national one. */
  readonly criteriaSetId?: string;
};

/**
 * Open a dossier. Its own message: the handler fills in the commune's recognitions and group, the criteria set,
 * the province's procedure, the code and (2026-2030) the commune's slot before the decider sees it.
 */
export class OpenDossierCommand {
  constructor(
    readonly input: OpenDossierInput,
    readonly headers: CommandHeaders,
    /** What makes a retry "the same request": the route and the body as sent (without server-made ids). */
    readonly request: unknown,
  ) {}
}

/** Any command on an opened dossier, by its name and typed data, e.g. `{ type: 'CastCouncilVote', data: {...} }`. */
export type DossierStep = Unstamped<Exclude<DossierCommand, { type: 'OpenDossier' }>>;
export type DossierStepType = DossierStep['type'];

/**
 * One step of a dossier's procedure. The step is a member of the `DossierCommand` union (libs/recognition
 * commands.ts), named as the decider names it; the handler is one because every step goes the same way.
 */
export class DossierStepCommand<T extends DossierStepType = DossierStepType> {
  constructor(
    readonly dossierId: string,
    readonly step: Extract<DossierStep, { type: T }>,
    readonly headers: CommandHeaders,
    /** Set by process managers and timers: the event that caused this command. */
    readonly causationId?: string,
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
