import { conflict, ruleBroken, type Command, type Decider, type DomainEvent } from '@ntm/decider';

/**
 * A reservation stream holds a limited number of places. Two uses: an achievement (one place: one award per
 * achievement) and an award type's quota in a movement (capacity from the quota rule). Claiming is an append
 * with the stream's expected version, so two concurrent claims of the last place cannot both succeed.
 * A quota's stream is also where an amendment of the movement's quotas meets the claims: the amendment reads the
 * places held here and marks the quota, at the version it read, before the programme records it (an append cannot
 * span two streams). From the mark on, a claim checked on the programme as it stood before is stale. A mark is
 * never lifted by time alone: the programme moving past its version (the amendment recorded, or the amendment
 * lapsed there after its lease, see LapseQuotaAmendment) is what lets claims through again.
 */
export type ReservationSubject =
  | { readonly kind: 'achievement'; readonly key: string; readonly label: string }
  | {
      readonly kind: 'quota';
      readonly provinceCode: string;
      readonly movementId: string;
      readonly awardTypeId: string;
      /** The quota's key (quotasFor); absent on claims made before a movement had quotas: the award type's id. */
      readonly quotaKey?: string;
      readonly label: string;
    };

export interface ReservationHolder {
  readonly nominationId: string;
  readonly nomineeName: string;
  readonly awardTypeName: string;
}

export const achievementStreamId = (key: string): string => `achievement-${key}`;
export const quotaStreamId = (provinceCode: string, movementId: string, quotaKey: string): string =>
  `quota-${provinceCode}-${movementId}-${quotaKey}`;

/** The key of the quota a claim was made in (claims made before movement quotas: the award type's own). */
export const quotaKeyOf = (s: Extract<ReservationSubject, { kind: 'quota' }>): string =>
  s.quotaKey ?? s.awardTypeId;

/** An amendment of the movement's quotas decided on the programme at `programmeVersion`, not yet refused. */
export interface QuotaAmendmentMark {
  readonly amendmentId: string;
  readonly programmeVersion: number;
}

export type ReservationCommand =
  | Command<
      'ClaimReservation',
      {
        readonly subject: ReservationSubject;
        readonly holder: ReservationHolder;
        readonly capacity: number;
        /** A quota's claim: the version of the province's programme the nomination was checked on. */
        readonly programmeVersion?: number;
      }
    >
  | Command<'ReleaseReservation', { readonly nominationId: string; readonly reason: string }>
  | Command<'BeginQuotaAmendment', QuotaAmendmentMark>
  | Command<'AbandonQuotaAmendment', { readonly amendmentId: string }>;

export type ReservationEvent =
  | DomainEvent<
      'ReservationClaimed',
      {
        readonly subject: ReservationSubject;
        readonly holder: ReservationHolder;
        readonly capacity: number;
        readonly claimedAt: string;
      }
    >
  | DomainEvent<
      'ReservationReleased',
      { readonly nominationId: string; readonly reason: string; readonly releasedAt: string }
    >
  | DomainEvent<'QuotaAmendmentBegun', QuotaAmendmentMark & { readonly begunAt: string }>
  | DomainEvent<'QuotaAmendmentAbandoned', { readonly amendmentId: string; readonly abandonedAt: string }>;

export interface Reservation {
  readonly subject: ReservationSubject | null;
  readonly holders: readonly ReservationHolder[];
  /** Amendments of the quota begun and not abandoned; absent from states stored before there were any. */
  readonly amendments?: readonly (QuotaAmendmentMark & { readonly begunAt: string })[];
}

export const initialReservation = (): Reservation => ({ subject: null, holders: [] });

const claim = (
  c: Extract<ReservationCommand, { type: 'ClaimReservation' }>,
  s: Reservation,
): ReservationEvent[] => {
  const { subject, holder, capacity, programmeVersion } = c.data;
  // A retry by the same nomination finds its own place: nothing to do.
  if (s.holders.some((h) => h.nominationId === holder.nominationId)) return [];
  // Checked on the programme before an amendment of this quota: its figures or the quota itself may be gone.
  const stale = (s.amendments ?? []).some((a) => (programmeVersion ?? Infinity) <= a.programmeVersion);
  if (stale) {
    throw conflict(
      'QUOTA_AMENDED',
      `Chỉ tiêu ${subject.label} vừa được sửa trong khi đề nghị đang được xét; ` +
        'hãy gửi lại đề nghị để xét theo chỉ tiêu mới',
    );
  }
  if (s.holders.length >= capacity) {
    if (subject.kind === 'achievement') {
      const first = s.holders[0];
      throw conflict(
        'ACHIEVEMENT_ALREADY_NOMINATED',
        `Thành tích "${subject.label}" đã được đề nghị khen thưởng tại đề nghị ${first.nominationId} (${first.awardTypeName} cho ${first.nomineeName}); ` +
          'không khen thưởng nhiều lần, nhiều hình thức cho một thành tích',
      );
    }
    throw ruleBroken(
      'QUOTA_EXCEEDED',
      `Hết chỉ tiêu ${subject.label}: đã đề nghị ${s.holders.length}/${capacity} (${s.holders.map((h) => h.nomineeName).join(', ') || 'chưa có'})`,
    );
  }
  return [{ type: 'ReservationClaimed', data: { subject, holder, capacity, claimedAt: c.metadata.now } }];
};

const decide = (c: ReservationCommand, s: Reservation): ReservationEvent[] => {
  switch (c.type) {
    case 'ClaimReservation':
      return claim(c, s);
    case 'ReleaseReservation':
      if (!s.holders.some((h) => h.nominationId === c.data.nominationId)) return [];
      return [{ type: 'ReservationReleased', data: { ...c.data, releasedAt: c.metadata.now } }];
    case 'BeginQuotaAmendment': {
      // A retry of the amendment on the same programme finds its mark in place.
      const { amendmentId, programmeVersion } = c.data;
      const mine = s.amendments?.find((a) => a.amendmentId === amendmentId);
      if (mine?.programmeVersion === programmeVersion) return [];
      return [
        { type: 'QuotaAmendmentBegun', data: { amendmentId, programmeVersion, begunAt: c.metadata.now } },
      ];
    }
    case 'AbandonQuotaAmendment':
      if (!s.amendments?.some((a) => a.amendmentId === c.data.amendmentId)) return [];
      return [{ type: 'QuotaAmendmentAbandoned', data: { ...c.data, abandonedAt: c.metadata.now } }];
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
};

const evolve = (s: Reservation, e: ReservationEvent): Reservation => {
  switch (e.type) {
    case 'ReservationClaimed':
      // The quota's amendment marks stay: a claim checked on the amended programme does not lift them.
      return { ...s, subject: e.data.subject, holders: [...s.holders, e.data.holder] };
    case 'ReservationReleased':
      return { ...s, holders: s.holders.filter((h) => h.nominationId !== e.data.nominationId) };
    case 'QuotaAmendmentBegun': {
      const { amendmentId, programmeVersion, begunAt } = e.data;
      const others = (s.amendments ?? []).filter((a) => a.amendmentId !== amendmentId);
      return { ...s, amendments: [...others, { amendmentId, programmeVersion, begunAt }] };
    }
    case 'QuotaAmendmentAbandoned':
      return { ...s, amendments: (s.amendments ?? []).filter((a) => a.amendmentId !== e.data.amendmentId) };
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
};

export const reservationDecider: Decider<ReservationCommand, ReservationEvent, Reservation> = {
  decide,
  evolve,
  initialState: initialReservation,
};
