import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  memberFigures,
  membersIn,
  nominationDecider,
  nominationStreamId,
  programmeDecider,
  programmeStreamId,
  quotasAmended,
  recipientKey,
  registerDecider,
  registerStreamId,
  type Movement,
  type MovementQuota,
  type Nomination,
  type NominationCommand,
  type ProgrammeCommand,
  type RegisterCommand,
} from '@ntm/commendation';
import { type CommandOutcome, deterministicUuid } from '@ntm/application';
import { DomainError } from '@ntm/decider';
import { StreamConflictError } from '@ntm/event-store';
import { DocumentAccess } from '../documents/document-access';
import { CommendationStreams } from './commendation-streams';
import {
  ExecuteNominationCommand,
  ExecuteProgrammeCommand,
  ExecuteRegisterCommand,
  SubmitNominationCommand,
} from './commendation.messages';
import { toNominee, type NomineeDto } from './commendation.dto';

// The register is one stream per province: unrelated decisions may meet there, so reload and decide again.
const REGISTER_RETRIES = 3;
// An amendment of quotas meets claims and other programme commands: decided again this many times, then 409.
const AMENDMENT_RETRIES = 5;

@CommandHandler(ExecuteProgrammeCommand)
export class ExecuteProgrammeHandler implements ICommandHandler<ExecuteProgrammeCommand, CommandOutcome> {
  constructor(
    private readonly streams: CommendationStreams,
    private readonly documents: DocumentAccess,
  ) {}

  async execute({ provinceCode, type, data, headers }: ExecuteProgrammeCommand): Promise<CommandOutcome> {
    await this.documents.assertCitable(data, headers.actor);
    let body: Record<string, unknown> = data;
    if (type === 'AppointBoard') body = { ...data, provinceCode };
    if (type === 'DefineCluster')
      body = { ...data, members: (data.members as NomineeDto[]).map((m) => toNominee(m, provinceCode)) };
    if (type === 'RecordClusterScores') {
      // The record's figures go beside the scores the review entered.
      const p = await this.streams.programme(provinceCode);
      const cluster = p.clusters[data.clusterId as string];
      const year = data.year as number;
      const { view } = await this.streams.readModel.province(provinceCode);
      const figures = Object.fromEntries(
        (cluster ? (membersIn(cluster, year) ?? []) : []).map((m) => [
          recipientKey(m),
          memberFigures(view, m, year),
        ]),
      );
      body = { ...data, figures };
    }
    if (type === 'AmendMovementQuotas') return this.amendQuotas(provinceCode, data, headers);
    return this.streams.gateway.execute(
      {
        streamId: programmeStreamId(provinceCode),
        decider: programmeDecider,
        mustExist: type !== 'AppointBoard',
        noun: 'chương trình thi đua của tỉnh',
        notFound: 'PROGRAMME_NOT_FOUND',
        command: (metadata) => ({ type, data: body, metadata }) as ProgrammeCommand,
      },
      this.streams.context(headers),
      { route: type, provinceCode, data },
    );
  }

  /**
   * An amendment of a movement's quotas meets the nominations' claims on the quotas' own streams: it reads the
   * places held there, then marks each quota it drops or changes at the version it read, then records itself on
   * the programme at the version it decided on. A claim that landed first makes the mark conflict and the
   * amendment is decided again on the places now held; a claim checked on the programme before the mark is
   * refused (QUOTA_AMENDED). Marks of an amendment refused or beaten here are lifted; those of one whose process
   * died before recording it lapse when its lease is over (programme.ts, LapseQuotaAmendment).
   */
  private async amendQuotas(
    provinceCode: string,
    data: Record<string, unknown>,
    headers: ExecuteProgrammeCommand['headers'],
  ): Promise<CommandOutcome> {
    const context = this.streams.context(headers);
    const streamId = programmeStreamId(provinceCode);
    const payload = { route: 'AmendMovementQuotas', provinceCode, data };
    const answered = await this.streams.gateway.firstAnswer(streamId, context, payload);
    if (answered) return answered;
    const movementId = data.movementId as string;
    const amendmentId = randomUUID();
    const marked = new Set<string>();
    try {
      for (let attempt = 0; ; attempt++) {
        const { state, version } = await this.streams.gateway.load(streamId, programmeDecider);
        if (context.expectedVersion !== undefined && context.expectedVersion !== (version ?? 0))
          throw new StreamConflictError(streamId, context.expectedVersion, version);
        const p = state.status === 'active' ? state : null;
        const movement = p?.movements[movementId];
        const amended =
          p && movement && Array.isArray(data.quotas)
            ? quotasAmended(p, movement, data.quotas as MovementQuota[])
            : [];
        const places = await Promise.all(
          amended.map(({ quota }) => this.streams.quotaPlaces(provinceCode, movementId, quota.key)),
        );
        const placesHeld = Object.fromEntries(amended.map(({ quota }, i) => [quota.key, places[i].held]));
        const command = (metadata: ProgrammeCommand['metadata']) =>
          ({ type: 'AmendMovementQuotas', data: { ...data, placesHeld }, metadata }) as ProgrammeCommand;
        try {
          if (version !== null && places.length > 0) {
            // Decided before marking: a refused amendment marks nothing.
            programmeDecider.decide(command({ actor: context.actor, now: context.now.toISOString() }), state);
            for (const quota of places) {
              await this.streams.beginQuotaAmendment(
                quota,
                { amendmentId, programmeVersion: version },
                context,
              );
              marked.add(quota.streamId);
            }
          }
          return await this.streams.gateway.execute(
            {
              streamId,
              decider: programmeDecider,
              mustExist: true,
              noun: 'chương trình thi đua của tỉnh',
              notFound: 'PROGRAMME_NOT_FOUND',
              command,
            },
            { ...context, expectedVersion: version ?? 0 },
            payload,
          );
        } catch (e) {
          // A claim or another programme command came first: decide again on what is there now.
          if (!(e instanceof StreamConflictError) || context.expectedVersion !== undefined) throw e;
          if (attempt >= AMENDMENT_RETRIES) throw e;
        }
      }
    } catch (e) {
      // Only a refusal or a conflict surely left the programme without the amendment; otherwise keep the marks.
      if (!(e instanceof DomainError || e instanceof StreamConflictError)) throw e;
      const followUp = this.streams.followUp(context);
      await Promise.all(
        [...marked].map((quota) => this.streams.abandonQuotaAmendment(quota, amendmentId, followUp)),
      );
      throw e;
    }
  }
}

export interface SubmitNominationBody {
  readonly nominationId?: string;
  readonly provinceCode: string;
  readonly movementId: string;
  readonly awardTypeId: string;
  readonly year: number;
  readonly nominee: NomineeDto;
  readonly achievement: { kind: 'movement-result' | 'cluster-lead' | 'other'; period: string; text: string };
  readonly documents?: string[];
}

@CommandHandler(SubmitNominationCommand)
export class SubmitNominationHandler implements ICommandHandler<
  SubmitNominationCommand,
  CommandOutcome & { nominationId: string }
> {
  constructor(
    private readonly streams: CommendationStreams,
    private readonly documents: DocumentAccess,
  ) {}

  async execute(message: SubmitNominationCommand): Promise<CommandOutcome & { nominationId: string }> {
    await this.documents.assertCitable(message.data, message.headers.actor);
    const body = message.data as unknown as SubmitNominationBody;
    const nominationId =
      body.nominationId ??
      (message.headers.idempotencyKey
        ? deterministicUuid(`nomination:${message.headers.actor.id}:${message.headers.idempotencyKey}`)
        : randomUUID());
    const streamId = nominationStreamId(nominationId);
    const context = this.streams.context(message.headers);
    const { programme: p, version: programmeVersion } = await this.streams.programmeAt(body.provinceCode);
    const movement = this.streams.movement(p, body.movementId);
    const awardType = this.streams.awardType(p, body.awardTypeId);
    const nominee = toNominee(body.nominee, body.provinceCode);
    const record = await this.streams.record({
      provinceCode: body.provinceCode,
      nominee,
      movement,
      year: body.year,
      excludeNominationId: nominationId,
    });
    const command = (metadata: NominationCommand['metadata']): NominationCommand => ({
      type: 'SubmitNomination',
      data: {
        nominationId,
        provinceCode: body.provinceCode,
        movement,
        year: body.year,
        nominee,
        awardType,
        achievement: body.achievement,
        documents: body.documents ?? [],
        record,
      },
      metadata,
    });
    const existing = await this.streams.gateway.load(streamId, nominationDecider);
    if (existing.version === null) {
      // Decide first (the eligibility check and the roles), then take the achievement's place and the quota's,
      // then write the nomination. A retry of the same nomination finds its places already its own.
      const [submitted] = nominationDecider.decide(
        command({ actor: context.actor, now: context.now.toISOString() }),
        existing.state,
      );
      const n = nominationDecider.evolve(existing.state, submitted) as Nomination;
      await this.streams.claimAchievement(n, context);
      try {
        await this.streams.claimQuota(n, awardType, n.eligibility, programmeVersion, context);
      } catch (e) {
        await this.streams.releaseAchievement(n, 'Hết chỉ tiêu khen thưởng', context);
        throw e;
      }
    }
    const outcome = await this.streams.gateway.execute(
      { streamId, decider: nominationDecider, mustExist: false, noun: 'đề nghị khen thưởng', command },
      context,
      { route: 'SubmitNomination', data: message.data },
    );
    return { nominationId, ...outcome };
  }
}

@CommandHandler(ExecuteNominationCommand)
export class ExecuteNominationHandler implements ICommandHandler<ExecuteNominationCommand, CommandOutcome> {
  constructor(
    private readonly streams: CommendationStreams,
    private readonly documents: DocumentAccess,
  ) {}

  async execute({ nominationId, type, data, headers }: ExecuteNominationCommand): Promise<CommandOutcome> {
    await this.documents.assertCitable(data, headers.actor);
    const context = this.streams.context(headers);
    const before = await this.streams.nomination(nominationId);
    let body: Record<string, unknown> = data;
    switch (type) {
      case 'OpenReview':
      case 'ConcludeReview':
      case 'ReturnNomination':
      case 'WithdrawNomination':
      case 'RecordWrittenVote':
      case 'RecordBallotCount':
        body = { ...data, board: await this.streams.board(before.provinceCode) };
        break;
      case 'SupplementNomination':
        body = { ...data, record: await this.recordOf(before, before.movement) };
        break;
      case 'EscalateNomination': {
        const { programme: p, version } = await this.streams.programmeAt(before.provinceCode);
        const awardType = this.streams.awardType(p, data.awardTypeId as string);
        const movement = this.streams.movement(p, before.movement.id);
        const record = await this.recordOf(before, movement);
        body = { reason: data.reason, awardType, movement, record, board: p.board };
        // Decide before taking a place in the new award's quota, so a refused escalation holds nothing.
        const [escalated] = nominationDecider.decide(
          {
            type,
            data: body,
            metadata: { actor: context.actor, now: context.now.toISOString() },
          } as NominationCommand,
          before,
        );
        const report = (nominationDecider.evolve(before, escalated) as Nomination).eligibility;
        await this.streams.claimQuota(before, awardType, report, version, context);
        break;
      }
      case 'CastVote':
        break;
      default: {
        const _exhaustive: never = type;
        return _exhaustive;
      }
    }
    // A rejected, withdrawn or escalated nomination gives its places back through the nomination-places process
    // manager in the worker.
    return this.streams.gateway.execute(
      {
        streamId: nominationStreamId(nominationId),
        decider: nominationDecider,
        mustExist: true,
        noun: 'đề nghị khen thưởng',
        notFound: 'NOMINATION_NOT_FOUND',
        command: (metadata) => ({ type, data: body, metadata }) as NominationCommand,
        // Board members vote in any order: votes sent together are each decided again on a conflict.
        retryOnConflict: type === 'CastVote' ? 10 : undefined,
      },
      context,
      { route: type, nominationId, data },
    );
  }

  /** The nomination's record, its quotas counted as in `movement` (the one its check is made against). */
  private recordOf(n: Nomination, movement: Movement) {
    return this.streams.record({
      provinceCode: n.provinceCode,
      nominee: n.nominee,
      movement,
      year: n.year,
      excludeNominationId: n.id,
    });
  }
}

@CommandHandler(ExecuteRegisterCommand)
export class ExecuteRegisterHandler implements ICommandHandler<
  ExecuteRegisterCommand,
  CommandOutcome & { decisionId?: string }
> {
  constructor(private readonly streams: CommendationStreams) {}

  async execute({
    provinceCode,
    type,
    data,
    headers,
  }: ExecuteRegisterCommand): Promise<CommandOutcome & { decisionId?: string }> {
    const context = this.streams.context(headers);
    let body: Record<string, unknown> = data;
    switch (type) {
      case 'IssueDecision': {
        const p = await this.streams.programme(provinceCode);
        const ids = data.nominationIds as string[];
        const nominations = await Promise.all(ids.map((id) => this.streams.nomination(id)));
        // The same number in the same province is the same decision: a retry cannot issue it twice.
        const decisionId =
          (data.decisionId as string | undefined) ??
          deterministicUuid(`award-decision:${provinceCode}:${String(data.number).trim().toUpperCase()}`);
        body = {
          provinceCode,
          decisionId,
          number: data.number,
          decidedOn: data.decidedOn,
          signerName: data.signerName,
          awardType: this.streams.awardType(p, data.awardTypeId as string),
          nominations,
        };
        break;
      }
      case 'RecordPriorAward': {
        const p = await this.streams.programme(provinceCode);
        const { awardTypeId, recipient, ...rest } = data;
        body = {
          ...rest,
          provinceCode,
          board: p.board,
          awardType: this.streams.awardType(p, awardTypeId as string),
          recipient: toNominee(recipient as NomineeDto, provinceCode),
        };
        break;
      }
      case 'FlagAward':
      case 'ClearAwardFlags':
        body = { ...data, board: await this.streams.board(provinceCode) };
        break;
      case 'RevokeAward':
        break;
      default: {
        const _exhaustive: never = type;
        return _exhaustive;
      }
    }
    const outcome = await this.streams.gateway.execute(
      {
        streamId: registerStreamId(provinceCode),
        decider: registerDecider,
        mustExist: type !== 'IssueDecision' && type !== 'RecordPriorAward',
        noun: 'sổ khen thưởng của tỉnh',
        notFound: 'AWARD_NOT_FOUND',
        retryOnConflict: REGISTER_RETRIES,
        command: (metadata) => ({ type, data: body, metadata }) as RegisterCommand,
      },
      context,
      { route: type, provinceCode, data },
    );
    // The nominations learn of their award from the register's DecisionIssued (the nomination-award process
    // manager in the worker): the answer's position shows the decision; the nominations follow.
    return type === 'IssueDecision' ? { decisionId: body.decisionId as string, ...outcome } : outcome;
  }
}
