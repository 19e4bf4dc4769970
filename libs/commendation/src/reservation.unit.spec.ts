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
  const quota: ReservationSubject = {
    kind: 'quota',
    provinceCode: '06',
    movementId: movement.id,
    awardTypeId: 'bang-khen-thu-tuong',
    label: 'Bằng khen của Thủ tướng Chính phủ',
  };

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
