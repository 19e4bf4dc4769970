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

type ClosedSurvey = Extract<OpenedSurvey, { status: 'closed' | 'posted' }>;
type Trace = { readonly correlationId: string; readonly causationId?: string };
const traceOf = (context: CompletionContext): Trace => ({
  correlationId: context.correlationId ?? randomUUID(),
  causationId: context.causationId,
});

/** The survey's own steps at its end: closing and the public posting of the result. */
export interface ClosingOutcome {
  readonly surveyId: string;
  /** Still 'open' when a timer fired before the period ended (nothing was done). */
  readonly status: SurveyStatus;
  readonly closed: CommandOutcome;
  readonly posted: CommandOutcome | null;
}

/** The Front's close: the survey's steps, and the result on the dossier at once so the answer can tell. */
export interface CompletionOutcome extends ClosingOutcome {
  /** The dossier's RecordSurveyResult, null when the dossier already holds this survey's result. */
  readonly dossier: CommandOutcome | null;
  /** Why the dossier refused the result, if it did (the survey stays closed and posted regardless). */
  readonly dossierError?: { readonly code: string; readonly message: string };
}

export interface CompletionContext {
  readonly actor: Actor;
  readonly posting?: PostingPlan;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/**
 * Closing a survey and what follows it. At the end of the period the system (the closing timer) closes it and posts
 * the result, in its own name (the decider accepts the system for exactly these steps); the survey-result process
 * manager takes the result to the dossier from SurveyClosed. The Front's close also records it on the dossier at
 * once, so its answer says whether the dossier took it. Each step is skipped once done.
 */
@Injectable()
export class SurveyCompletion {
  constructor(
    private readonly streams: SurveyStreams,
    private readonly gateway: CommandGateway,
    private readonly commands: CommandBus,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The Front's close: close, the result on the dossier, the posting. */
  async complete(surveyId: string, context: CompletionContext): Promise<CompletionOutcome> {
    const trace = traceOf(context);
    const closed = await this.close(surveyId, context, trace);
    if (!closed.survey) return { ...closed.outcome, dossier: null };
    let dossier: CommandOutcome | null = null;
    let dossierError: CompletionOutcome['dossierError'];
    try {
      dossier = await this.recordOnDossier(closed.survey, context.actor, trace);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      dossierError = { code: e.code, message: e.message };
    }
    const posted = await this.post(closed.outcome, closed.survey, context, trace);
    return { ...posted, dossier, ...(dossierError ? { dossierError } : {}) };
  }

  /** The closing timer's part: close and post; the dossier is the survey-result process manager's. */
  async closeAndPost(surveyId: string, context: CompletionContext): Promise<ClosingOutcome> {
    const trace = traceOf(context);
    const closed = await this.close(surveyId, context, trace);
    return closed.survey ? this.post(closed.outcome, closed.survey, context, trace) : closed.outcome;
  }

  /** CloseSurvey; `survey` is the closed survey, absent while the period runs (then nothing was done). */
  private async close(
    surveyId: string,
    context: CompletionContext,
    trace: Trace,
  ): Promise<{ outcome: ClosingOutcome; survey?: ClosedSurvey }> {
    const closed = await this.streams.execute(
      surveyId,
      (metadata) => ({ type: 'CloseSurvey', data: { surveyId }, metadata }),
      { ...trace, actor: context.actor, now: this.clock.now(), idempotencyKey: context.idempotencyKey },
      { route: 'CloseSurvey', surveyId },
      { mustExist: true },
    );
    const { state } = await this.streams.load(surveyId);
    const outcome: ClosingOutcome = { surveyId, status: 'open', closed, posted: null };
    if (state.status === 'none' || state.status === 'open') return { outcome };
    return { outcome: { ...outcome, status: state.status }, survey: state };
  }

  /** PostSurveyResult when the survey is closed and not yet posted. */
  private async post(
    closing: ClosingOutcome,
    survey: ClosedSurvey,
    context: CompletionContext,
    trace: Trace,
  ): Promise<ClosingOutcome> {
    if (survey.status !== 'closed') return closing;
    const { surveyId } = survey;
    const { days, places } = { ...DEFAULT_POSTING, ...context.posting };
    const from = this.clock.now();
    const posted = await this.streams.execute(
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
      { ...trace, actor: context.actor, now: from },
      { route: 'PostSurveyResult', surveyId },
      { mustExist: true },
    );
    return { ...closing, status: posted.events.length > 0 ? 'posted' : closing.status, posted };
  }

  /**
   * The closed survey's result on its dossier, skipped when the dossier already holds it (null then, or while the
   * survey is still open): the survey-result process manager's command, on SurveyClosed.
   */
  async recordResult(surveyId: string, actor: Actor, trace: Trace): Promise<CommandOutcome | null> {
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
    survey: ClosedSurvey,
    actor: Actor,
    trace: Trace,
  ): Promise<CommandOutcome | null> {
    const dossier = await loadDossier(this.gateway, survey.dossierId);
    if (dossier.survey?.surveyId === survey.surveyId) return null;
    const outcome: CommandOutcome = await this.commands.execute(
      new DossierStepCommand(
        survey.dossierId,
        { type: 'RecordSurveyResult', data: toDossierSurveyResult(survey.tally) },
        // The same key on a retry gives the same event ids: the dossier records the result once.
        { actor, correlationId: trace.correlationId, idempotencyKey: `survey-result__${survey.surveyId}` },
        trace.causationId,
      ),
    );
    // Nothing decided: the survey-result process manager recorded it between the load and the command.
    return outcome.events.length > 0 ? outcome : null;
  }
}
