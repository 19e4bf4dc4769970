import { Inject, Injectable } from '@nestjs/common';
import { DomainError, notFound } from '@ntm/decider';
import { StreamConflictError, type EventStore } from '@ntm/event-store';
import {
  achievementStreamId,
  awardTypeIn,
  isNomination,
  nominationDecider,
  nominationStreamId,
  programmeDecider,
  programmeStreamId,
  quotaKeyOfReport,
  quotaStreamId,
  recordFor,
  reservationDecider,
  type AwardType,
  type Board,
  type EligibilityRecord,
  type EligibilityReport,
  type Movement,
  type Nomination,
  type Programme,
  type ProgrammeCommand,
  type QuotaAmendmentMark,
  type RecordQuery,
  type ReservationCommand,
} from '@ntm/commendation';
import {
  APP_CONFIG,
  Clock,
  CommandGateway,
  EVENT_STORE,
  type AppConfig,
  type RequestContext,
} from '@ntm/application';
import { requestContext, type CommandHeaders } from '../http/request-context';
import { CommendationReadModel } from './commendation-read-model';

// Claims are order-free: a conflict means another claim landed first, so reload and decide again.
const CLAIM_RETRIES = 5;

/** What every commendation handler reads besides its own stream: the programme, nominations, the record. */
@Injectable()
export class CommendationStreams {
  constructor(
    readonly gateway: CommandGateway,
    readonly readModel: CommendationReadModel,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  context(headers: CommandHeaders): RequestContext {
    return requestContext(headers, this.clock.now());
  }

  /** The same request context for follow-up writes on other streams: no If-Match, no idempotency record. */
  followUp(context: RequestContext): RequestContext {
    return { actor: context.actor, now: context.now, correlationId: context.correlationId };
  }

  async programme(provinceCode: string): Promise<Programme> {
    return (await this.programmeAt(provinceCode)).programme;
  }

  /** The programme and its stream's version: a quota claim names the version it was checked on. */
  async programmeAt(provinceCode: string): Promise<{ programme: Programme; version: number }> {
    const { state: p, version } = await this.gateway.load(programmeStreamId(provinceCode), programmeDecider);
    if (p.status !== 'active' || version === null) {
      throw notFound(
        'PROGRAMME_NOT_FOUND',
        `Tỉnh mã ${provinceCode} chưa thành lập Hội đồng Thi đua - Khen thưởng`,
      );
    }
    return { programme: p, version };
  }

  /** The board, or null when the province has none (the decider then names the missing board). */
  async board(provinceCode: string): Promise<Board | null> {
    const { state } = await this.gateway.load(programmeStreamId(provinceCode), programmeDecider);
    return state.status === 'active' ? state.board : null;
  }

  movement(p: Programme, movementId: string): Movement {
    const m = p.movements[movementId];
    if (!m) throw notFound('MOVEMENT_NOT_FOUND', `Không tìm thấy phong trào thi đua ${movementId}`);
    return m;
  }

  awardType(p: Programme, awardTypeId: string): AwardType {
    const t = awardTypeIn(p, awardTypeId);
    if (!t) throw notFound('AWARD_TYPE_NOT_FOUND', `Không tìm thấy hình thức khen thưởng ${awardTypeId}`);
    return t;
  }

  async nomination(nominationId: string): Promise<Nomination> {
    const { state } = await this.gateway.load(nominationStreamId(nominationId), nominationDecider);
    if (!isNomination(state))
      throw notFound('NOMINATION_NOT_FOUND', `Không tìm thấy đề nghị khen thưởng ${nominationId}`);
    return state;
  }

  async record(q: RecordQuery): Promise<EligibilityRecord> {
    const { view } = await this.readModel.province(q.provinceCode);
    return recordFor(view, q);
  }

  private async reserve(
    streamId: string,
    command: (metadata: ReservationCommand['metadata']) => ReservationCommand,
    context: RequestContext,
  ) {
    return this.gateway.execute(
      {
        streamId,
        decider: reservationDecider,
        mustExist: false,
        noun: 'giữ chỗ',
        retryOnConflict: CLAIM_RETRIES,
        command,
      },
      this.followUp(context),
      null,
    );
  }

  /** Takes the achievement's one place for the nomination; refuses with the first nomination named. */
  claimAchievement(
    n: Pick<Nomination, 'id' | 'achievementKey' | 'achievement' | 'nominee' | 'awardType'>,
    context: RequestContext,
  ) {
    return this.reserve(
      achievementStreamId(n.achievementKey),
      (metadata) => ({
        type: 'ClaimReservation',
        data: {
          subject: { kind: 'achievement', key: n.achievementKey, label: n.achievement.text },
          holder: { nominationId: n.id, nomineeName: n.nominee.name, awardTypeName: n.awardType.name },
          capacity: 1,
        },
        metadata,
      }),
      context,
    );
  }

  /**
   * Takes the place the eligibility report found in a quota of the movement, if one binds the nominee; refused
   * (QUOTA_AMENDED) when an amendment of that quota began on `programmeVersion`, the programme checked on, or
   * later, unless that amendment has outlived its lease unrecorded: then it lapses and the claim is made again.
   */
  async claimQuota(
    n: Pick<Nomination, 'id' | 'provinceCode' | 'nominee'> & { movement: Movement },
    awardType: AwardType,
    report: EligibilityReport,
    programmeVersion: number,
    context: RequestContext,
  ): Promise<boolean> {
    const key = quotaKeyOfReport(report);
    if (!key || !report.quota) return false;
    const capacity = report.quota.capacity;
    const streamId = quotaStreamId(n.provinceCode, n.movement.id, key);
    const claim = (checkedOn: number) =>
      this.reserve(
        streamId,
        (metadata) => ({
          type: 'ClaimReservation',
          data: {
            subject: {
              kind: 'quota',
              provinceCode: n.provinceCode,
              movementId: n.movement.id,
              awardTypeId: awardType.id,
              quotaKey: key,
              label: `${awardType.name} (${n.movement.name})`,
            },
            holder: { nominationId: n.id, nomineeName: n.nominee.name, awardTypeName: awardType.name },
            capacity,
            programmeVersion: checkedOn,
          },
          metadata,
        }),
        context,
      );
    try {
      await claim(programmeVersion);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'QUOTA_AMENDED')) throw e;
      // The lapse changes nothing the check read: the same check holds on the programme's next version.
      const lapsedAt = await this.lapseQuotaAmendment(streamId, n, programmeVersion, context);
      if (lapsedAt === null) throw e;
      await claim(lapsedAt);
    }
    return true;
  }

  /**
   * Records on the programme that the amendment whose marks refused a claim checked at `programmeVersion` lapsed
   * (programme.ts, lapseAmendment), if the programme still stands there: the programme's version after it. When
   * another nomination recorded that same lapse first, the version after theirs (the check holds there too);
   * null when the programme has moved on otherwise (the nomination is sent again, checked on it as it is now).
   */
  private async lapseQuotaAmendment(
    streamId: string,
    n: Pick<Nomination, 'provinceCode'> & { movement: Movement },
    programmeVersion: number,
    context: RequestContext,
  ): Promise<number | null> {
    const { state } = await this.gateway.load(streamId, reservationDecider);
    // All the marks made there lapse together: judged by the youngest.
    const mark = (state.amendments ?? [])
      .filter((a) => a.programmeVersion === programmeVersion)
      .sort((a, b) => a.begunAt.localeCompare(b.begunAt))
      .at(-1);
    if (!mark) return null;
    try {
      const { version } = await this.gateway.execute(
        {
          streamId: programmeStreamId(n.provinceCode),
          decider: programmeDecider,
          mustExist: true,
          noun: 'chương trình thi đua của tỉnh',
          notFound: 'PROGRAMME_NOT_FOUND',
          command: (metadata): ProgrammeCommand => ({
            type: 'LapseQuotaAmendment',
            data: {
              movementId: n.movement.id,
              amendmentId: mark.amendmentId,
              begunAt: mark.begunAt,
              leaseSeconds: this.config.quotaAmendmentLeaseSeconds,
            },
            metadata,
          }),
        },
        { ...this.followUp(context), expectedVersion: programmeVersion },
        null,
      );
      return version;
    } catch (e) {
      if (!(e instanceof StreamConflictError)) throw e;
      const [next] = await this.store.readStream(programmeStreamId(n.provinceCode), {
        fromVersion: programmeVersion + 1,
        maxCount: 1,
      });
      const sameLapse =
        next?.type === 'QuotaAmendmentLapsed' &&
        (next.data as { amendmentId?: string }).amendmentId === mark.amendmentId;
      return sameLapse ? programmeVersion + 1 : null;
    }
  }

  /** A quota's stream as it stands: the places held and the version they were read at. */
  async quotaPlaces(provinceCode: string, movementId: string, quotaKey: string) {
    const streamId = quotaStreamId(provinceCode, movementId, quotaKey);
    const { state, version } = await this.gateway.load(streamId, reservationDecider);
    return { streamId, held: state.holders.length, version: version ?? 0 };
  }

  /** Marks a quota as amended on the programme at `programmeVersion`, if its stream is still at `version`. */
  async beginQuotaAmendment(
    quota: { streamId: string; version: number },
    mark: QuotaAmendmentMark,
    context: RequestContext,
  ) {
    await this.gateway.execute(
      {
        streamId: quota.streamId,
        decider: reservationDecider,
        mustExist: false,
        noun: 'giữ chỗ',
        command: (metadata): ReservationCommand => ({ type: 'BeginQuotaAmendment', data: mark, metadata }),
      },
      { ...this.followUp(context), expectedVersion: quota.version },
      null,
    );
  }

  /** Lifts an amendment's mark from a quota: the programme never recorded that amendment. */
  async abandonQuotaAmendment(streamId: string, amendmentId: string, context: RequestContext) {
    await this.reserve(
      streamId,
      (metadata) => ({ type: 'AbandonQuotaAmendment', data: { amendmentId }, metadata }),
      context,
    );
  }

  async releaseAchievement(
    n: Pick<Nomination, 'id' | 'achievementKey'>,
    reason: string,
    context: RequestContext,
  ) {
    await this.reserve(
      achievementStreamId(n.achievementKey),
      (metadata) => ({ type: 'ReleaseReservation', data: { nominationId: n.id, reason }, metadata }),
      context,
    );
  }
}
