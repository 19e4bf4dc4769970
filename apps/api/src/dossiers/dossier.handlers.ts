import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { localDate } from '@ntm/calendar';
import type { Unstamped } from '@ntm/decider';
import {
  describeDossier,
  dossierStreamId,
  getProcedure,
  holdingsOf,
  isProcedureVersion,
  periodOf,
  pilotDesignation,
  type DataOf,
  type DossierCommand,
  type DossierDecider,
  type DossierSummary,
} from '@ntm/recognition';
import type { CatalogueEntry, Period } from '@ntm/criteria';
import {
  Clock,
  CommandGateway,
  type RequestContext,
  type StreamGuard,
  type Summarized,
} from '@ntm/application';
import { LawRegistry } from './law.registry';
import { DocumentAccess } from '../documents/document-access';
import { requestContext, type CommandHeaders } from '../http/request-context';

// The dossier's commands as they travel the CommandBus, and their two handlers.

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

/** Commands whose order does not matter: sent together without If-Match, each is decided again on a conflict. */
const ORDER_FREE: ReadonlySet<DossierStepType> = new Set(['CastCouncilVote', 'RecordPublicComment']);
const ORDER_FREE_RETRIES = 10;

/** Steps that can end a dossier: a 2026-2030 dossier then frees its commune's slot. */
const ENDINGS: ReadonlySet<DossierStepType> = new Set([
  'WithdrawDossier',
  'RefuseRecognition',
  'DecideRevocation',
]);

/** A dossier command's answer: with the dossier as the list and the dossier page show it after the command. */
export type DossierOutcome = Summarized<DossierSummary>;

/**
 * Decides one command on the dossier's stream: the gateway loads, folds, decides, appends, answers retries. The
 * decider counts working days on the calendar as loaded now (LawRegistry.workingDays).
 */
const decideOnDossier = (
  gateway: CommandGateway,
  dossierDecider: DossierDecider,
  dossierId: string,
  command: DossierStep | { type: 'OpenDossier'; data: DataOf<'OpenDossier'> },
  context: RequestContext,
  request: unknown,
  guards?: readonly StreamGuard[],
): Promise<DossierOutcome> =>
  gateway.execute(
    {
      streamId: dossierStreamId(dossierId),
      decider: dossierDecider,
      mustExist: command.type !== 'OpenDossier',
      noun: 'hồ sơ',
      notFound: 'DOSSIER_NOT_FOUND',
      summarize: describeDossier,
      retryOnConflict:
        command.type !== 'OpenDossier' && ORDER_FREE.has(command.type) ? ORDER_FREE_RETRIES : undefined,
      command: (metadata): DossierCommand => ({ ...command, metadata }),
      guards,
    },
    context,
    request,
  );

@CommandHandler(DossierStepCommand)
export class DossierStepHandler implements ICommandHandler<DossierStepCommand, DossierOutcome> {
  constructor(
    private readonly gateway: CommandGateway,
    @Inject(Clock) private readonly clock: Clock,
    private readonly documents: DocumentAccess,
    private readonly law: LawRegistry,
  ) {}

  async execute({ dossierId, step, headers, causationId }: DossierStepCommand): Promise<DossierOutcome> {
    await this.documents.assertCitable(step.data, headers.actor);
    const context = requestContext(headers, this.clock.now(), causationId);
    const request = { route: step.type, dossierId, data: step.data };
    const outcome = await this.law.onCalendar(async (decider, guards, cached) => {
      const decided = await this.withDebt(dossierId, step, cached);
      const all = [...guards, ...decided.guards];
      return decideOnDossier(this.gateway, decider, dossierId, decided.step, context, request, all);
    });
    if (ENDINGS.has(step.type) && outcome.events.length > 0) await this.releaseIfEnded(dossierId, context);
    return outcome;
  }

  /**
   * A submission is decided with what the commune's construction-debt ledgers owe now, its own and those of the
   * communes merged into it (never the caller's word): RULES-2026 §4, no submission while debt is outstanding. The
   * ledgers as cached when `cached`, their versions then guarding the append (a debt recorded meanwhile makes the
   * decision be made again). A dossier not found is left to the decider to refuse.
   */
  private async withDebt(
    dossierId: string,
    step: DossierStep,
    cached: boolean,
  ): Promise<{ step: DossierStep; guards: readonly StreamGuard[] }> {
    if (step.type !== 'SubmitDossier' && step.type !== 'ResubmitDossier') return { step, guards: [] };
    const d = await this.law.dossier(dossierId, true); // only its commune is read
    if (!d) return { step, guards: [] };
    const { owed: ledgerDebt, guards } = await this.law.debtLedgers(d.commune.communeCode, cached);
    return { step: { ...step, data: { ...step.data, ledgerDebt } } as DossierStep, guards };
  }

  /** A withdrawn, refused or revoked 2026-2030 dossier frees its commune's slot. */
  private async releaseIfEnded(dossierId: string, context: RequestContext): Promise<void> {
    const d = await this.law.dossier(dossierId);
    if (!d || d.period !== '2026-2030' || !['withdrawn', 'refused', 'revoked'].includes(d.status)) return;
    const reason = `Hồ sơ ${d.code ?? d.id} đã kết thúc (${d.status})`;
    await this.law.releaseSlot(
      { communeCode: d.commune.communeCode, level: d.level, period: d.period },
      d.id,
      reason,
      context,
    );
  }
}

/**
 * Opening: the commune's recognitions and group come from its record, the criteria set from the catalogue,
 * the province's procedure from its stream, never from the caller. A 2026-2030 dossier takes the commune's
 * slot for its level and period first; every dossier gets its code (mã hồ sơ) before the opening is appended.
 */
@CommandHandler(OpenDossierCommand)
export class OpenDossierHandler implements ICommandHandler<OpenDossierCommand, DossierOutcome> {
  constructor(
    private readonly gateway: CommandGateway,
    @Inject(Clock) private readonly clock: Clock,
    private readonly documents: DocumentAccess,
    private readonly law: LawRegistry,
  ) {}

  async execute({ input, headers, request }: OpenDossierCommand): Promise<DossierOutcome> {
    const { criteriaSetId, ...given } = input;
    const { dossierId, commune, level, procedureVersion: version } = given;
    const context = requestContext(headers, this.clock.now());
    // A retried open answers as its first attempt did, before the checks its own dossier would now fail.
    const first = await this.gateway.firstAnswer<DossierSummary>(
      dossierStreamId(dossierId),
      context,
      request,
    );
    if (first) return first;
    await this.documents.assertCitable(input, headers.actor);
    const period = isProcedureVersion(version) ? periodOf(getProcedure(version)) : null;
    // Codes exist in the register (2026-2030 only: dossiers of the earlier period predate the register).
    if (period === '2026-2030')
      await this.law.requireActiveCommune(commune.provinceCode, commune.communeCode);
    const entry =
      period === '2026-2030'
        ? await this.law.criteriaSetFor({
            id: criteriaSetId,
            period,
            level,
            provinceCode: commune.provinceCode,
            today: localDate(context.now.toISOString()),
          })
        : null;
    const opening = (cached: boolean) => this.openingData(given, period, entry ?? null, cached);
    // Refuse bad input before taking a code or a slot: the decider is pure, so deciding on nothing is free.
    await this.law.onCalendar(async (decider, _guards, cached) =>
      decider.decide(
        {
          type: 'OpenDossier',
          data: { ...(await opening(cached)).data, code: 'kiem-tra' },
          metadata: { actor: context.actor, now: context.now.toISOString() },
        },
        decider.initialState(),
      ),
    );
    const slot =
      period === '2026-2030'
        ? { communeCode: commune.communeCode, communeName: commune.name, level, period }
        : null;
    if (slot) await this.law.reserveSlot(slot, dossierId, context);
    try {
      const code = await this.law.allocateCode(dossierId, commune.provinceCode, given.year, context);
      return await this.law.onCalendar(async (decider, guards, cached) => {
        const { data, guards: read } = await opening(cached);
        return decideOnDossier(
          this.gateway,
          decider,
          dossierId,
          { type: 'OpenDossier', data: { ...data, code } },
          context,
          request,
          [...guards, ...read],
        );
      });
    } catch (e) {
      const opened = await this.law.dossier(dossierId);
      if (slot && !opened) await this.law.releaseSlot(slot, dossierId, 'Mở hồ sơ không thành công', context);
      throw e;
    }
  }

  /**
   * The opening's data: what the commune's record and the province's procedures give it (as cached when
   * `cached`), and the guards their versions put on the append.
   */
  private async openingData(
    given: Omit<OpenDossierInput, 'criteriaSetId'>,
    period: Period | null,
    entry: CatalogueEntry | null,
    cached: boolean,
  ): Promise<{ data: DataOf<'OpenDossier'>; guards: StreamGuard[] }> {
    const { commune, level, procedureVersion: version } = given;
    const record = await this.law.communeRecordGuarded(commune.communeCode, cached);
    const guards = [record.guard];
    // Only the recognitions the period counts (period-rules.ts); an unknown version is refused by the decider.
    let data: DataOf<'OpenDossier'> = { ...given, holdings: period ? holdingsOf(record.state, period) : [] };
    if (period && isProcedureVersion(version)) {
      const procedures = await this.law.provinceProceduresGuarded(commune.provinceCode, cached);
      guards.push(procedures.guard);
      data = { ...data, provinceProcedure: procedures.state.byVersion[version] ?? null };
    }
    if (period === '2026-2030')
      data = {
        ...data,
        ...(entry ? { criteriaSet: { document: entry.document, hash: entry.hash } } : {}),
        communeGroup: record.state.group ?? null,
        pilot: pilotDesignation(record.state, level),
      };
    return { data, guards };
  }
}
