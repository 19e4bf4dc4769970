import { spec } from '@ntm/decider/testing';
import { achievementKey } from './achievement';
import { reservationDecider, type ReservationEvent, type ReservationSubject } from './reservation';
import { NOW, meta, movement, nongThuong, duongQuang, secretary } from './testing/fixtures';

const given = spec(reservationDecider).given;
const subject: ReservationSubject = {
  kind: 'achievement',
  key: 'abc',
  label: 'Hoàn thành xây dựng NTM giai đoạn 2021-2025',
};
const holder = (n: string) => ({
  nominationId: n,
  nomineeName: 'xã Nông Thượng',
  awardTypeName: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
});
const quota: ReservationSubject = {
  kind: 'quota',
  provinceCode: '06',
  movementId: movement.id,
  awardTypeId: 'bang-khen-thu-tuong',
  quotaKey: 'bang-khen-thu-tuong.xa-ntm-trong-giai-doan',
  label: 'Bằng khen của Thủ tướng Chính phủ (Cả nước chung sức xây dựng nông thôn mới)',
};
const claim = (n: string, s: ReservationSubject = subject, capacity = 1) => ({
  type: 'ClaimReservation' as const,
  data: { subject, holder: holder(n), capacity, ...(s !== subject ? { subject: s } : {}) },
  metadata: meta(secretary),
});
const claimed = (n: string, s: ReservationSubject = subject, capacity = 1): ReservationEvent => ({
  type: 'ReservationClaimed',
  data: { subject: s, holder: holder(n), capacity, claimedAt: NOW },
});

describe('one achievement, one award', () => {
  it('refuses a second nomination for the same achievement and names the first', () => {
    given([])
      .when(claim('n-1'))
      .then([claimed('n-1')]);
    const err = given([claimed('n-1')])
      .when(claim('n-2'))
      .thenThrows('ACHIEVEMENT_ALREADY_NOMINATED', 'conflict');
    expect(err.message).toContain('n-1');
    expect(err.message).toContain('không khen thưởng nhiều lần, nhiều hình thức cho một thành tích');
  });

  it('lets the same nomination claim again (a retry) without a second place', () => {
    given([claimed('n-1')])
      .when(claim('n-1'))
      .thenNothingHappens();
  });

  it('frees the achievement when its nomination is rejected or withdrawn', () => {
    const released: ReservationEvent = {
      type: 'ReservationReleased',
      data: { nominationId: 'n-1', reason: 'Hội đồng không thông qua', releasedAt: NOW },
    };
    given([claimed('n-1')])
      .when({
        type: 'ReleaseReservation',
        data: { nominationId: 'n-1', reason: 'Hội đồng không thông qua' },
        metadata: meta(secretary),
      })
      .then([released]);
    given([claimed('n-1'), released])
      .when(claim('n-2'))
      .then([claimed('n-2')]);
    given([])
      .when({
        type: 'ReleaseReservation',
        data: { nominationId: 'n-9', reason: 'x' },
        metadata: meta(secretary),
      })
      .thenNothingHappens();
  });

  it('keys an achievement by movement, period, nominee and kind; text counts only for other achievements', () => {
    const result = (text: string) =>
      achievementKey(movement.id, nongThuong, { kind: 'movement-result', period: '2021-2025', text });
    expect(result('Hoàn thành xây dựng NTM')).toBe(result('Đạt chuẩn nông thôn mới sớm'));
    expect(
      achievementKey(movement.id, duongQuang, { kind: 'movement-result', period: '2021-2025', text: 'x' }),
    ).not.toBe(result('x'));
    expect(
      achievementKey(movement.id, nongThuong, { kind: 'cluster-lead', period: '2025', text: 'x' }),
    ).not.toBe(result('x'));
    const other = (text: string) =>
      achievementKey(movement.id, nongThuong, { kind: 'other', period: '2024', text });
    expect(other('Mô hình  thôn thông minh Nà Dì')).toBe(other('mô hình thôn thông minh nà dì'));
    expect(other('Mô hình thôn thông minh')).not.toBe(other('Phong trào hiến đất làm đường'));
  });
});

describe('a quota as a reservation', () => {
  it('takes places up to its capacity and refuses the next with who holds them', () => {
    given([claimed('n-1', quota, 2)])
      .when(claim('n-2', quota, 2))
      .then([claimed('n-2', quota, 2)]);
    const err = given([claimed('n-1', quota, 2), claimed('n-2', quota, 2)])
      .when(claim('n-3', quota, 2))
      .thenThrows('QUOTA_EXCEEDED', 'rule');
    expect(err.message).toContain('2/2');
  });
});

describe('an amendment of the quota meets the claims on its stream', () => {
  // The programme stood at version 7 when the board amended the quota; the amendment is recorded as version 8.
  const begin = (amendmentId = 'a-1', programmeVersion = 7) => ({
    type: 'BeginQuotaAmendment' as const,
    data: { amendmentId, programmeVersion },
    metadata: meta(secretary),
  });
  const begun = (amendmentId = 'a-1', programmeVersion = 7): ReservationEvent => ({
    type: 'QuotaAmendmentBegun',
    data: { amendmentId, programmeVersion, begunAt: NOW },
  });
  const abandoned: ReservationEvent = {
    type: 'QuotaAmendmentAbandoned',
    data: { amendmentId: 'a-1', abandonedAt: NOW },
  };
  const claimOn = (n: string, programmeVersion: number) => {
    const c = claim(n, quota, 2);
    return { ...c, data: { ...c.data, programmeVersion } };
  };

  it('refuses a claim checked on the programme before the amendment: the quota may be gone or lowered', () => {
    given([claimed('n-1', quota, 2)])
      .when(begin())
      .then([begun()]);
    const err = given([claimed('n-1', quota, 2), begun()])
      .when(claimOn('n-2', 7))
      .thenThrows('QUOTA_AMENDED', 'conflict');
    expect(err.message).toContain('Bằng khen của Thủ tướng Chính phủ');
    expect(err.message).toContain('gửi lại đề nghị');
    given([claimed('n-1', quota, 2), begun()])
      .when(claimOn('n-2', 5))
      .thenThrows('QUOTA_AMENDED', 'conflict');
  });

  it('takes a claim checked on the amended programme, and one retried by a nomination holding its place', () => {
    given([claimed('n-1', quota, 2), begun()])
      .when(claimOn('n-2', 8))
      .then([claimed('n-2', quota, 2)]);
    given([claimed('n-1', quota, 2), begun()])
      .when(claimOn('n-1', 7))
      .thenNothingHappens();
  });

  it('still refuses a claim checked before the amendment after another, checked on the amended programme, took a place', () => {
    given([begun(), claimed('n-1', quota, 2)])
      .when(claimOn('n-2', 7))
      .thenThrows('QUOTA_AMENDED', 'conflict');
  });

  it('lifts the mark of an amendment the programme never recorded', () => {
    given([begun()])
      .when({ type: 'AbandonQuotaAmendment', data: { amendmentId: 'a-1' }, metadata: meta(secretary) })
      .then([abandoned]);
    given([claimed('n-1', quota, 2), begun(), abandoned])
      .when(claimOn('n-2', 7))
      .then([claimed('n-2', quota, 2)]);
    // Another amendment's mark stays.
    given([begun('a-2'), begun(), abandoned])
      .when(claimOn('n-2', 7))
      .thenThrows('QUOTA_AMENDED', 'conflict');
    given([begun()])
      .when({ type: 'AbandonQuotaAmendment', data: { amendmentId: 'a-9' }, metadata: meta(secretary) })
      .thenNothingHappens();
  });

  it('marks once per amendment and programme version: decided again on a newer programme, it marks again', () => {
    given([begun()]).when(begin()).thenNothingHappens();
    given([begun()])
      .when(begin('a-1', 9))
      .then([begun('a-1', 9)]);
    given([begun(), begun('a-1', 9)])
      .when(claimOn('n-2', 9))
      .thenThrows('QUOTA_AMENDED', 'conflict');
  });

  it('refuses a claim checked on the programme the mark was made on however old the mark: only the programme moving past it (the amendment recorded or lapsed) lets claims through', () => {
    const days = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();
    const late = (n: string, programmeVersion: number) => ({
      ...claimOn(n, programmeVersion),
      metadata: meta(secretary, days(30)),
    });
    given([claimed('n-1', quota, 2), begun()])
      .when(late('n-2', 7))
      .thenThrows('QUOTA_AMENDED', 'conflict');
    // The mark keeps when it was made: the lease of the amendment is counted from it (programme.ts).
    const marked = [begun()].reduce(reservationDecider.evolve, reservationDecider.initialState());
    expect(marked.amendments).toEqual([{ amendmentId: 'a-1', programmeVersion: 7, begunAt: NOW }]);
    given([claimed('n-1', quota, 2), begun()])
      .when(late('n-2', 8))
      .then([
        {
          type: 'ReservationClaimed',
          data: { subject: quota, holder: holder('n-2'), capacity: 2, claimedAt: days(30) },
        },
      ]);
  });

  it('leaves achievements, which no amendment marks, as they were', () => {
    given([begun()])
      .when(claim('n-1'))
      .then([claimed('n-1')]);
  });
});
