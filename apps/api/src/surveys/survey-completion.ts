import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DomainError, type Actor } from '@ntm/decider';
import { toDossierSurveyResult, type OpenedSurvey, type SurveyStatus } from '@ntm/survey';
import { CommandGateway, type CommandOutcome, Clock } from '@ntm/application';
import { DossierStepCommand } from '../dossiers/dossier.handlers';
import type { PostingPlan } from './survey-closing';
import { loadDossier, SurveyStreams } from './survey-streams';

/**
 * Public posting when the request does not say: UNVERIFIED, RULES.md §3 has one example of a 10-day posting
 * at village cultural houses and on the commune radio. Each survey may set its own (open or close request).
 */
export const DEFAULT_POSTING: Required<PostingPlan> = {
  days: 10,
  places: ['Nhà văn hóa các thôn', 'Đài truyền thanh xã'],
};

const DAY_MS = 86_400_000;

export interface CompletionOutcome {
  readonly surveyId: string;
  /** Still 'open' when a timer fired before the period ended (nothing was done). */
  readonly status: SurveyStatus;
  readonly closed: CommandOutcome;
  /** The dossier's RecordSurveyResult, null when the dossier already holds this survey's result. */
  readonly dossier: CommandOutcome | null;
  /** Why the dossier refused the result, if it did (the survey stays closed and posted regardless). */
  readonly dossierError?: { readonly code: string; readonly message: string };
  readonly posted: CommandOutcome | null;
}

export interface CompletionContext {
  readonly actor: Actor;
  readonly posting?: PostingPlan;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/**
 * Closing a survey and what follows it. At the end of the period the system (the closing timer) closes it,
 * records the tallied result on the dossier and posts it, in its own name: the deciders accept the system
 * for exactly these steps.
 */
/** Closing a survey and what follows it: the result on the dossier, the public posting. Each step is skipped once done. */
@Injectable()
export class SurveyCompletion {
  constructor(
    private readonly streams: SurveyStreams,
    private readonly gateway: CommandGateway,
    private readonly commands: CommandBus,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async complete(surveyId: string, context: CompletionContext): Promise<CompletionOutcome> {
    const correlationId = context.correlationId ?? randomUUID();
    const base = { correlationId, causationId: context.causationId };
    const closed = await this.streams.execute(
      surveyId,
      (metadata) => ({ type: 'CloseSurvey', data: { surveyId }, metadata }),
      { ...base, actor: context.actor, now: this.clock.now(), idempotencyKey: context.idempotencyKey },
      { route: 'CloseSurvey', surveyId },
      { mustExist: true },
    );
    const { state } = await this.streams.load(surveyId);
    if (state.status === 'none' || state.status === 'open') {
      return { surveyId, status: 'open', closed, dossier: null, posted: null };
    }
    const actor = context.actor;

    let dossier: CommandOutcome | null = null;
    let dossierError: CompletionOutcome['dossierError'];
    try {
      dossier = await this.recordOnDossier(state, actor, base);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      dossierError = { code: e.code, message: e.message };
    }

    let posted: CommandOutcome | null = null;
    if (state.status === 'closed') {
      const { days, places } = { ...DEFAULT_POSTING, ...context.posting };
      const from = this.clock.now();
      posted = await this.streams.execute(
        surveyId,
        (metadata) => ({
          type: 'PostSurveyResult',
          data: {
            surveyId,
            from: from.toISOString(),
            until: new Date(from.getTime() + days * DAY_MS).toISOString(),
            places,
          },
          metadata,
        }),
        { ...base, actor, now: from },
        { route: 'PostSurveyResult', surveyId },
        { mustExist: true },
      );
    }
    const status = posted && posted.events.length > 0 ? 'posted' : state.status;
    return { surveyId, status, closed, dossier, ...(dossierError ? { dossierError } : {}), posted };
  }

  /**
   * The closed survey's result on its dossier, skipped when the dossier already holds it (null then, or while the
   * survey is still open): the survey-result process manager's command, on SurveyClosed.
   */
  async recordResult(
    surveyId: string,
    actor: Actor,
    trace: { correlationId: string; causationId?: string },
  ): Promise<CommandOutcome | null> {
    const { state } = await this.streams.load(surveyId);
    if (state.status === 'none' || state.status === 'open') return null;
    return this.recordOnDossier(state, actor, trace);
  }

  /** Whether the dossier already holds this survey's result. */
  async dossierHolds(surveyId: string): Promise<boolean> {
    const { state } = await this.streams.load(surveyId);
    if (state.status === 'none') return false;
    return (await loadDossier(this.gateway, state.dossierId)).survey?.surveyId === surveyId;
  }

  private async recordOnDossier(
    survey: Extract<OpenedSurvey, { status: 'closed' | 'posted' }>,
    actor: Actor,
    trace: { correlationId: string; causationId?: string },
  ): Promise<CommandOutcome | null> {
    const dossier = await loadDossier(this.gateway, survey.dossierId);
    if (dossier.survey?.surveyId === survey.surveyId) return null;
    return this.commands.execute(
      new DossierStepCommand(
        survey.dossierId,
        { type: 'RecordSurveyResult', data: toDossierSurveyResult(survey.tally) },
        // The same key on a retry gives the same event ids: the dossier records the result once.
        { actor, correlationId: trace.correlationId, idempotencyKey: `survey-result__${survey.surveyId}` },
        trace.causationId,
      ),
    );
  }
}
