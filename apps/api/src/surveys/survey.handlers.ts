import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createHash, createHmac } from 'node:crypto';
import { isInstantWithOffset } from '@ntm/calendar';
import { DomainError, invalid } from '@ntm/decider';
import { surveyRuleOf } from '@ntm/recognition';
import {
  hashRegister,
  parseHouseholdRegister,
  roundSummary,
  surveyHouseholdToken,
  surveyWindowEnd,
  tokenUnder,
  type OpenSurvey,
  type PaperBatchInput,
  type SurveyCommand,
  type SurveyQuestions,
  type SurveyState,
} from '@ntm/survey';
import {
  CommandGateway,
  type CommandOutcome,
  type RequestContext,
  APP_CONFIG,
  type AppConfig,
  Clock,
  IdempotencyStore,
} from '@ntm/application';
import { requestContext, type CommandHeaders } from '../http/request-context';
import { LawRegistry } from '../dossiers/law.registry';
import type { PostingPlanDto, SurveyQuestionsDto } from './survey.dto';
import { SurveyCompletion, type CompletionOutcome } from './survey-completion';
import { loadDossier, SurveyStreams, surveyIdFor } from './survey-streams';
import { defaultQuestions, ensureTakesSurveyResult } from './survey-view';
import {
  CastBallotCommand,
  CloseSurveyCommand,
  EnterPaperBatchCommand,
  ImportRegisterCommand,
  OpenSurveyCommand,
} from './survey.messages';

export type SurveyOutcome = CommandOutcome & { readonly surveyId: string };

/** A survey command before the gateway stamps its metadata. */
type Unstamped<C> = C extends SurveyCommand ? Omit<C, 'metadata'> : never;

/** The shell's shared steps: the context of a request, and a command on a survey stream. */
abstract class SurveyHandler {
  @Inject(SurveyStreams) protected readonly streams!: SurveyStreams;
  @Inject(Clock) protected readonly clock!: Clock;
  /** Holds the key that hashes household codes. */
  @Inject(APP_CONFIG) protected readonly config!: AppConfig;

  protected context(headers: CommandHeaders): RequestContext {
    return requestContext(headers, this.clock.now());
  }

  protected async run(
    surveyId: string,
    command: Unstamped<SurveyCommand>,
    headers: CommandHeaders,
    options: { orderFree?: boolean } = {},
  ): Promise<SurveyOutcome> {
    // What identifies "the same request" carries the hashed codes only, never a household code.
    const payload = { route: command.type, surveyId, data: command.data };
    return this.runOn(surveyId, () => command, payload, this.context(headers), options);
  }

  /** A command built from the survey as it stands (the register says how its household codes are hashed). */
  protected async runOn(
    surveyId: string,
    command: (state: SurveyState) => Unstamped<SurveyCommand>,
    payload: unknown,
    context: RequestContext,
    options: { orderFree?: boolean } = {},
  ): Promise<SurveyOutcome> {
    const outcome = await this.streams.execute(
      surveyId,
      (metadata, state) => ({ ...command(state), metadata }),
      context,
      payload,
      { mustExist: true, ...options },
    );
    return { surveyId, ...outcome };
  }

  /** A household code hashed the way the survey's register was (per survey, or per household for old ones). */
  protected tokenOf(state: SurveyState, surveyId: string, code: string): string {
    const scheme = state.status !== 'none' && state.register ? state.register.tokenScheme : 'per-survey';
    return tokenUnder(scheme, this.config.surveyHmacKey, surveyId, code);
  }
}

/** Event data must be plain JSON, not the validated DTO instances. */
/** The posting plan as plain data for the event (no DTO class instance in the store). */
const plainPosting = ({ days, places }: PostingPlanDto): { days?: number; places?: string[] } => ({
  ...(days !== undefined ? { days } : {}),
  ...(places !== undefined ? { places: [...places] } : {}),
});

const plainQuestions = ({ overall, criteria }: SurveyQuestionsDto): SurveyQuestions => ({
  overall: { id: overall.id, text: overall.text },
  criteria: criteria.map(({ id, criterion, text }) => ({ id, criterion, text })),
});

/** The domain names the hashed field `token`; the client sent `household`. */
const asHouseholdFields = (e: unknown): unknown => {
  if (!(e instanceof DomainError)) return e;
  const rename = (s: string) => s.replace(/\btoken\b/g, 'household');
  return new DomainError(
    e.kind,
    e.code,
    rename(e.message),
    e.violations.map((v) => ({
      ...v,
      message: rename(v.message),
      ...(v.field ? { field: rename(v.field) } : {}),
    })),
  );
};

@CommandHandler(OpenSurveyCommand)
export class OpenSurveyHandler
  extends SurveyHandler
  implements ICommandHandler<OpenSurveyCommand, SurveyOutcome & { round: number }>
{
  constructor(
    private readonly gateway: CommandGateway,
    private readonly law: LawRegistry,
  ) {
    super();
  }

  async execute({ dossierId, body, headers }: OpenSurveyCommand): Promise<SurveyOutcome & { round: number }> {
    const context = this.context(headers);
    const payload = { route: 'OpenSurvey', dossierId, body };
    const previous = (await this.streams.rounds(dossierId)).at(-1)?.state;
    // A retry answers with the survey its first attempt opened (the last round, if it was this request), though
    // the dossier may have moved on since.
    const last = surveyIdFor(dossierId, previous?.round ?? 1);
    const first = await this.gateway.firstAnswer(`survey-${last}`, context, payload);
    if (first) {
      const surveyId = first.streamId.replace(/^survey-/, '');
      return { surveyId, round: await this.roundOf(surveyId), ...first };
    }
    const dossier = await loadDossier(this.gateway, dossierId);
    ensureTakesSurveyResult(dossier);
    const round = (previous?.round ?? 0) + 1;
    // The rule comes from the procedure the dossier recorded (the province's own, else the national one), never
    // from the caller; the round records it whole and is judged by it at closing.
    const questions = body.questions ? plainQuestions(body.questions) : defaultQuestions(dossier);
    const rule = surveyRuleOf(dossier.procedure, dossier.level, questions.overall.id);
    const overall = rule.questions.find((q) => q.question === questions.overall.id)!;
    // The window: the rule's working days from the opening, on the calendar as loaded now.
    const opensAt = body.period?.opensAt ?? context.now.toISOString();
    if (!isInstantWithOffset(opensAt))
      throw invalid(
        'INVALID_FIELD',
        'Ngày bắt đầu khảo sát phải là thời điểm có múi giờ, ví dụ 2026-03-02T08:00:00+07:00',
        'period.opensAt',
      );
    const windowEndsAt = surveyWindowEnd(opensAt, rule, (await this.law.workingDays()).calendar);
    const { provinceCode, districtCode, communeCode } = dossier.commune;
    const data: OpenSurvey['data'] = {
      surveyId: surveyIdFor(dossierId, round),
      dossierId,
      round,
      location: { provinceCode, districtCode, communeCode },
      questions,
      period: { opensAt, closesAt: body.period?.closesAt ?? windowEndsAt },
      coverageMinimumPermille: rule.coveragePermille,
      satisfactionThresholdPermille: overall.thresholdPermille,
      rule,
      windowEndsAt,
      minimumBatchForms: this.config.surveyMinimumBatchForms,
      ...(previous ? { previousRound: roundSummary(previous) } : {}),
      // The closing timer (a row of the worker's due_timers, from SurveyOpened) posts the result this way.
      ...(body.posting ? { posting: plainPosting(body.posting) } : {}),
    };
    const outcome = await this.streams.execute(
      data.surveyId,
      (metadata) => ({ type: 'OpenSurvey', data, metadata }),
      context,
      payload,
      { mustExist: false },
    );
    // A retried request (same Idempotency-Key) answers with the survey it opened the first time.
    const surveyId = outcome.streamId.replace(/^survey-/, '');
    return { surveyId, round: surveyId === data.surveyId ? round : await this.roundOf(surveyId), ...outcome };
  }

  private async roundOf(surveyId: string): Promise<number> {
    const { state } = await this.streams.load(surveyId);
    return state.status === 'none' ? 0 : state.round;
  }
}

@CommandHandler(ImportRegisterCommand)
export class ImportRegisterHandler
  extends SurveyHandler
  implements ICommandHandler<ImportRegisterCommand, SurveyOutcome>
{
  async execute({
    surveyId,
    csv,
    headers,
  }: ImportRegisterCommand): Promise<SurveyOutcome & { households: number }> {
    // Every malformed line is reported at once, and then nothing of the file is applied.
    const rows = parseHouseholdRegister(csv);
    const importId = createHash('sha256').update(csv).digest('hex');
    const households = hashRegister(this.config.surveyHmacKey, surveyId, rows);
    const outcome = await this.run(
      surveyId,
      { type: 'ImportHouseholdRegister', data: { surveyId, importId, households } },
      headers,
    );
    return { ...outcome, households: households.length };
  }
}

@CommandHandler(CastBallotCommand)
export class CastBallotHandler
  extends SurveyHandler
  implements ICommandHandler<CastBallotCommand, SurveyOutcome>
{
  async execute({ surveyId, body, headers }: CastBallotCommand): Promise<SurveyOutcome> {
    const answers = { ...body.answers };
    const command = (state: SurveyState): Unstamped<SurveyCommand> => ({
      type: 'CastOnlineBallot',
      data: { surveyId, token: this.tokenOf(state, surveyId, body.household), answers },
    });
    const payload = {
      route: 'CastOnlineBallot',
      surveyId,
      token: surveyHouseholdToken(this.config.surveyHmacKey, surveyId, body.household),
      answers,
    };
    // Ballots are order-free: a version race with another process is retried, a second ballot is refused.
    return this.runOn(surveyId, command, payload, this.ballotContext(surveyId, headers), {
      orderFree: true,
    }).catch((e) => {
      throw asHouseholdFields(e);
    });
  }

  /**
   * A ballot's events carry nothing the client chose: the correlation id is the server's own (X-Correlation-Id
   * is ignored) and the Idempotency-Key is kept only as a keyed hash bound to the survey, so a key that holds
   * a household code or a name is never stored.
   */
  private ballotContext(surveyId: string, headers: CommandHeaders): RequestContext {
    const { idempotencyKey, correlationId: _ignored, ...rest } = headers;
    return this.context({
      ...rest,
      ...(idempotencyKey === undefined
        ? {}
        : {
            idempotencyKey: createHmac('sha256', this.config.surveyHmacKey)
              .update(`ballot-idempotency:${surveyId}:${idempotencyKey}`, 'utf8')
              .digest('hex'),
          }),
    });
  }
}

@CommandHandler(EnterPaperBatchCommand)
export class EnterPaperBatchHandler
  extends SurveyHandler
  implements ICommandHandler<EnterPaperBatchCommand, SurveyOutcome>
{
  async execute({ surveyId, body, headers }: EnterPaperBatchCommand): Promise<SurveyOutcome> {
    const { mode, forms = [], households = [], counts = [] } = body.input;
    const inputOf = (hash: (code: string) => string): PaperBatchInput =>
      mode === 'forms'
        ? { mode, forms: forms.map((f) => ({ token: hash(f.household), answers: { ...f.answers } })) }
        : {
            mode,
            households: households.map(hash),
            counts: counts.map(({ question, satisfied, notSatisfied, noAnswer }) => ({
              question,
              satisfied,
              notSatisfied,
              noAnswer,
            })),
          };
    const command = (state: SurveyState): Unstamped<SurveyCommand> => ({
      type: 'EnterPaperBatch',
      data: {
        surveyId,
        batchId: body.batchId,
        village: body.village,
        input: inputOf((code) => this.tokenOf(state, surveyId, code)),
      },
    });
    const payload = {
      route: 'EnterPaperBatch',
      surveyId,
      data: { batchId: body.batchId, village: body.village, input: inputOf(this.perSurvey(surveyId)) },
    };
    return this.runOn(surveyId, command, payload, this.context(headers), { orderFree: true }).catch((e) => {
      throw asHouseholdFields(e);
    });
  }

  private perSurvey(surveyId: string) {
    return (code: string) => surveyHouseholdToken(this.config.surveyHmacKey, surveyId, code);
  }
}

@CommandHandler(CloseSurveyCommand)
export class CloseSurveyHandler implements ICommandHandler<CloseSurveyCommand, CompletionOutcome> {
  constructor(
    private readonly completion: SurveyCompletion,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async execute({ surveyId, body, headers }: CloseSurveyCommand): Promise<CompletionOutcome> {
    // The closing timer stays until the result is posted (the worker's timers projection marks it done then).
    const complete = () =>
      this.completion.complete(surveyId, {
        actor: headers.actor,
        posting: body.posting,
        idempotencyKey: headers.idempotencyKey,
        correlationId: headers.correlationId,
      });
    if (!headers.idempotencyKey) return complete();
    // The answer joins three commands (close, result on the dossier, posting), each skipped once done: a retry
    // would describe them as skipped. The joined answer is kept under the key, so a retry gets the first one.
    return this.idempotency.once(
      `${headers.actor.id}:${headers.idempotencyKey}:completion`,
      IdempotencyStore.fingerprint({ route: 'CloseSurvey', surveyId, body }),
      complete,
    );
  }
}
