import { spec } from '@ntm/decider/testing';
import { programmeDecider, quotasAmended, type ProgrammeEvent, type ProgrammeState } from './programme';
import { NOW, actor, members, meta, movement, movementQuota, secretary } from './testing/fixtures';
import { boardAppointed as appointed } from './testing/history';
import type { Movement, MovementQuota } from './types';

// The board amends a movement's own quotas (a mistake at launch, or its later decision): the full new list, the
// reason or the basis document on record; nominations already made keep their places.

const given = spec(programmeDecider).given;
const quota = movementQuota;
const launched = (m: Movement): ProgrammeEvent => ({ type: 'MovementLaunched', data: { movement: m } });
const withQuota: Movement = { ...movement, quotas: [quota()] };
const KEY = 'bang-khen-thu-tuong.xa-ntm-trong-giai-doan';
const basis = { number: '12/QĐ-HĐTĐKT', issuedOn: '2025-10-02' };
const amend = (
  over: Partial<{
    quotas: MovementQuota[];
    reason: string;
    basis: typeof basis;
    placesHeld: Record<string, number>;
  }> = {},
  by = secretary,
) => ({
  type: 'AmendMovementQuotas' as const,
  data: {
    movementId: movement.id,
    quotas: [quota({ share: { num: 7, den: 100 } })],
    placesHeld: {},
    ...over,
  },
  metadata: meta(by),
});

describe('amending a movement’s quotas', () => {
  it('records the new list with its basis and the list it replaces, and the movement shows the new one', () => {
    const seven = [quota({ share: { num: 7, den: 100 } })];
    const event: ProgrammeEvent = {
      type: 'MovementQuotasAmended',
      data: {
        movementId: movement.id,
        quotas: seven,
        reason: null,
        basis,
        previous: [quota()],
        amendedBy: secretary.id,
        amendedAt: NOW,
      },
    };
    given([appointed, launched(withQuota)])
      .when(amend({ basis }))
      .then([event]);
    const after = [appointed, launched(withQuota), event].reduce(
      programmeDecider.evolve,
      programmeDecider.initialState(),
    );
    expect(after.status === 'active' && after.movements[movement.id]).toMatchObject({
      quotas: seven,
      quotaAmendments: [{ basis, previous: [quota()], amendedBy: secretary.id }],
    });
  });

  it('gives quotas to a movement launched without its own, with the reason the board gave', () => {
    given([appointed, launched(movement)])
      .when(amend({ quotas: [quota()], reason: 'Bổ sung chỉ tiêu bị sót khi phát động' }))
      .then([
        {
          type: 'MovementQuotasAmended',
          data: {
            movementId: movement.id,
            quotas: [quota()],
            reason: 'Bổ sung chỉ tiêu bị sót khi phát động',
            basis: null,
            previous: [],
            amendedBy: secretary.id,
            amendedAt: NOW,
          },
        },
      ]);
  });

  it('is for the seated secretary only, on a launched movement', () => {
    given([appointed, launched(withQuota)])
      .when(amend({ basis }, members[0]))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    given([appointed, launched(withQuota)])
      .when(amend({ basis }, actor('emulation_secretary', 'thu-ky-khac')))
      .thenThrows('NOT_BOARD_SECRETARY', 'forbidden');
    given([appointed]).when(amend({ basis })).thenThrows('MOVEMENT_NOT_FOUND', 'not-found');
  });

  it('needs a reason or a basis document, and quotas valid as at launch', () => {
    const err = given([appointed, launched(withQuota)])
      .when(
        amend({
          reason: '  ',
          quotas: [quota({ base: 'xa' as never, share: { num: 3, den: 2 } })],
        }),
      )
      .thenThrows('INVALID_QUOTAS', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual(['quotas[0].base', 'quotas[0].share', 'reason']);
    const bad = given([appointed, launched(withQuota)])
      .when(amend({ basis: { number: '', issuedOn: '02/10/2025' } }))
      .thenThrows('INVALID_QUOTAS', 'invalid');
    expect(bad.violations.map((v) => v.field)).toEqual(['basis.number', 'basis.issuedOn']);
    given([appointed, launched(withQuota)])
      .when(amend({ quotas: [quota()], basis }))
      .thenThrows('QUOTAS_UNCHANGED', 'conflict');
  });

  describe('nominations already made under the quota keep their places', () => {
    const held = { [KEY]: 2 };

    it('so a quota holding places is neither dropped nor counted over another base', () => {
      const dropped = given([appointed, launched(withQuota)])
        .when(amend({ quotas: [], basis, placesHeld: held }))
        .thenThrows('QUOTA_IN_USE', 'conflict');
      expect(dropped.message).toContain('Bằng khen của Thủ tướng Chính phủ 5/100');
      expect(dropped.message).toContain('2 đề nghị');
      given([appointed, launched(withQuota)])
        .when(amend({ quotas: [quota({ base: 'province-communes' })], basis, placesHeld: held }))
        .thenThrows('QUOTA_IN_USE', 'conflict');
      // The award type's own rule held the places of a movement without quotas: replacing it is dropping it.
      given([appointed, launched(movement)])
        .when(amend({ quotas: [quota()], basis, placesHeld: { 'bang-khen-thu-tuong': 1 } }))
        .thenThrows('QUOTA_IN_USE', 'conflict');
    });

    it('but its share may be lowered below the places held, and a quota without places may go', () => {
      given([appointed, launched(withQuota)])
        .when(amend({ quotas: [quota({ share: { num: 1, den: 100 } })], basis, placesHeld: held }))
        .then([
          expect.objectContaining({
            type: 'MovementQuotasAmended',
            data: expect.objectContaining({ quotas: [quota({ share: { num: 1, den: 100 } })] }),
          }),
        ]);
      given([appointed, launched(withQuota)])
        .when(amend({ quotas: [], basis, placesHeld: { [KEY]: 0 } }))
        .then([expect.objectContaining({ type: 'MovementQuotasAmended' })]);
    });
  });
});

describe('an amendment whose process died between marking its quotas and recording itself', () => {
  // Marked at 03:00 with a lease of 60 s; a commune officer's nomination meets the marks.
  const officer = actor('commune_officer', 'can-bo-xa');
  const lapse = (now: string, movementId = movement.id) => ({
    type: 'LapseQuotaAmendment' as const,
    data: { movementId, amendmentId: 'a-1', begunAt: NOW, leaseSeconds: 60 },
    metadata: meta(officer, now),
  });
  const lapsed: ProgrammeEvent = {
    type: 'QuotaAmendmentLapsed',
    data: {
      movementId: movement.id,
      amendmentId: 'a-1',
      begunAt: NOW,
      lapsedBy: officer.id,
      lapsedAt: '2025-11-20T03:01:00.000Z',
    },
  };

  it('lapses once its lease is over, whoever met its marks, and changes nothing in the programme', () => {
    given([appointed, launched(withQuota)])
      .when(lapse('2025-11-20T03:01:00.000Z'))
      .then([lapsed]);
    const before = [appointed, launched(withQuota)].reduce(
      programmeDecider.evolve,
      programmeDecider.initialState(),
    );
    expect(programmeDecider.evolve(before, lapsed)).toEqual(before);
  });

  it('is still being amended within its lease: the nomination is sent again later', () => {
    const err = given([appointed, launched(withQuota)])
      .when(lapse('2025-11-20T03:00:59.999Z'))
      .thenThrows('QUOTA_AMENDED', 'conflict');
    expect(err.message).toBe(
      `Chỉ tiêu khen thưởng của phong trào ${movement.name} đang được sửa; hãy gửi lại đề nghị sau ít phút`,
    );
    given([appointed, launched(withQuota)])
      .when(lapse('2025-11-20T03:05:00.000Z', 'khong-co'))
      .thenThrows('MOVEMENT_NOT_FOUND', 'not-found');
  });
});

describe('the quotas an amendment reads the places of and stops old claims on', () => {
  const programme = (m: Movement) =>
    [appointed, launched(m)].reduce(programmeDecider.evolve, programmeDecider.initialState()) as Extract<
      ProgrammeState,
      { status: 'active' }
    >;
  const keysAmended = (m: Movement, quotas: MovementQuota[]) =>
    quotasAmended(programme(m), m, quotas).map(({ quota, next }) => [quota.key, next?.base ?? null]);
  const other = quota({ id: 'moi-xa', base: 'province-communes' });

  it('are those dropped, counted over another base, or with another share or rounding', () => {
    expect(keysAmended(withQuota, [])).toEqual([[KEY, null]]);
    expect(keysAmended(withQuota, [quota({ base: 'province-communes' })])).toEqual([
      [KEY, 'province-communes'],
    ]);
    expect(keysAmended(withQuota, [quota({ share: { num: 1, den: 100 } })])).toEqual([
      [KEY, 'province-ntm-in-period'],
    ]);
    expect(keysAmended(withQuota, [quota({ rounding: 'ceil' })])).toHaveLength(1);
  });

  it('not those kept as they were, whose claims stand whatever the amendment says of the others', () => {
    expect(keysAmended(withQuota, [quota({ source: 'Kế hoạch 45/KH-UBND' })])).toEqual([]);
    expect(keysAmended(withQuota, [quota(), other])).toEqual([]);
    expect(keysAmended({ ...movement, quotas: [quota(), other] }, [quota()])).toEqual([
      ['bang-khen-thu-tuong.moi-xa', null],
    ]);
  });

  it('include the award type’s own rule a movement’s own quota replaces', () => {
    expect(keysAmended(movement, [quota()])).toEqual([['bang-khen-thu-tuong', null]]);
  });
});
