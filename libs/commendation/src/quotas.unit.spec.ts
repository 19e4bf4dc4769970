import { spec } from '@ntm/decider/testing';
import { checkEligibility, type EligibilityInput } from './eligibility';
import { programmeDecider, type ProgrammeEvent } from './programme';
import { quotasFor } from './quotas';
import {
  bangKhenThuTuong,
  hopTacXa,
  meta,
  movement,
  movementQuota,
  nongThuong,
  recognition,
  record,
  secretary,
} from './testing/fixtures';
import { boardAppointed as appointed } from './testing/history';
import type { Movement, MovementQuota } from './types';

// RULES-2026.md §3 "Commendation quotas" [V for past periods]: the Prime Minister's Bằng khen for communes was
// 5% of all communes (2011-2015, Decision 1620/QĐ-TTg), then 5% of the communes recognised NTM in the period
// plus 5% of the kiểu mẫu communes (2016-2020, Decision 1730/QĐ-TTg). The base is the movement's, and one
// movement can have several quotas.

const quota = movementQuota;
const kieuMau = quota({
  id: 'xa-kieu-mau',
  base: 'province-kieu-mau-communes',
  source: 'Quyết định 1730/QĐ-TTg (giai đoạn 2016-2020)',
});
const phase2016: Movement = {
  ...movement,
  id: 'ntm-2016-2020',
  fromYear: 2016,
  toYear: 2020,
  launchedOn: '2016-09-05',
  quotas: [quota(), kieuMau],
};
const phase2011: Movement = {
  ...movement,
  id: 'ntm-2011-2015',
  fromYear: 2011,
  toYear: 2015,
  launchedOn: '2011-09-20',
  quotas: [quota({ id: 'moi-xa', base: 'province-communes', source: 'Quyết định 1620/QĐ-TTg' })],
};

describe('movement quotas: the base and share are the movement’s data (RULES-2026.md §3)', () => {
  describe('launching a movement with its quotas', () => {
    const given = spec(programmeDecider).given;
    const launch = (m: Movement) => ({
      type: 'LaunchMovement' as const,
      data: { movement: m },
      metadata: meta(secretary),
    });

    it('records several quotas of one award type, each with its base, share and source', () => {
      given([appointed])
        .when(launch(phase2016))
        .then([{ type: 'MovementLaunched', data: { movement: phase2016 } }]);
    });

    it('refuses a quota of an unknown award type, a bad base, share or rounding, a duplicate id, no source', () => {
      const bad: Movement = {
        ...phase2016,
        quotas: [
          quota({ awardTypeId: 'khong-co' }),
          quota({ id: 'xa-kieu-mau', base: 'moi-xa' as MovementQuota['base'] }),
          quota({ id: 'a', share: { num: 3, den: 2 }, rounding: 'round' as MovementQuota['rounding'] }),
          quota({ id: 'b', source: ' ' }),
          quota({ id: 'b' }),
        ],
      };
      const err = given([appointed]).when(launch(bad)).thenThrows('INVALID_MOVEMENT', 'invalid');
      expect(err.violations.map((v) => [v.code, v.field])).toEqual([
        ['DUPLICATE_QUOTA', 'movement.quotas'],
        ['AWARD_TYPE_NOT_FOUND', 'movement.quotas[0].awardTypeId'],
        ['INVALID_QUOTA_BASE', 'movement.quotas[1].base'],
        ['INVALID_SHARE', 'movement.quotas[2].share'],
        ['INVALID_ROUNDING', 'movement.quotas[2].rounding'],
        ['INVALID_SOURCE', 'movement.quotas[3].source'],
      ]);
    });

    it('replays a movement launched before quotas were its data: the award type’s own rule applies', () => {
      const old: ProgrammeEvent = { type: 'MovementLaunched', data: { movement } };
      given([appointed, old]).when(launch(movement)).thenThrows('MOVEMENT_EXISTS', 'conflict');
      const state = [appointed, old].reduce(programmeDecider.evolve, programmeDecider.initialState());
      const launched = state.status === 'active' ? state.movements[movement.id] : null;
      expect(launched).toEqual(movement);
      expect(quotasFor(launched!, bangKhenThuTuong)).toEqual([
        {
          key: 'bang-khen-thu-tuong',
          quotaId: null,
          awardTypeId: 'bang-khen-thu-tuong',
          base: 'province-ntm-communes',
          share: { num: 5, den: 100 },
          rounding: 'floor',
          source: null,
        },
      ]);
    });
  });

  describe('checking a nomination against them', () => {
    const check = (over: Partial<EligibilityInput>) =>
      checkEligibility({
        awardType: bangKhenThuTuong,
        nominee: nongThuong,
        movement: phase2016,
        year: 2020,
        record: record({
          recognitions: [recognition({ decidedOn: '2018-12-15' })],
          counts: { 'province-ntm-in-period': 40, 'province-kieu-mau-communes': 20 },
        }),
        ...over,
      });
    const quotaCheck = (r: ReturnType<typeof check>) => r.checks.find((c) => c.rule === 'quota')!;

    it('takes a place in the first quota whose base the commune belongs to (recognised NTM in 2016-2020)', () => {
      const r = check({});
      expect(r.eligible).toBe(true);
      expect(r.quotaKey).toBe('bang-khen-thu-tuong.xa-ntm-trong-giai-doan');
      expect(r.quota).toEqual({ base: 'province-ntm-in-period', baseCount: 40, capacity: 2, used: 0 });
    });

    it('lets a kiểu mẫu commune use the kiểu mẫu quota when the period quota is full', () => {
      const both = record({
        recognitions: [
          recognition({ decidedOn: '2017-12-15' }),
          recognition({ dossierId: 'km', level: 'kieu-mau', decidedOn: '2020-06-01' }),
        ],
        counts: { 'province-ntm-in-period': 40, 'province-kieu-mau-communes': 20 },
        quotaUse: { 'bang-khen-thu-tuong.xa-ntm-trong-giai-doan': 2 },
      });
      const r = check({ record: both });
      expect(r.eligible).toBe(true);
      expect(r.quotaKey).toBe('bang-khen-thu-tuong.xa-kieu-mau');
      expect(r.quota).toEqual({ base: 'province-kieu-mau-communes', baseCount: 20, capacity: 1, used: 0 });
      const full = check({
        record: { ...both, quotaUse: { ...both.quotaUse, 'bang-khen-thu-tuong.xa-kieu-mau': 1 } },
      });
      expect(full.eligible).toBe(false);
      expect(quotaCheck(full).detail).toBe(
        'Hết chỉ tiêu: Đã đề nghị 2/2 suất; chỉ tiêu 2 suất = 5/100 × 40 xã được công nhận đạt chuẩn nông thôn mới trong giai đoạn, làm tròn xuống; ' +
          'Đã đề nghị 1/1 suất; chỉ tiêu 1 suất = 5/100 × 20 xã nông thôn mới kiểu mẫu của tỉnh, làm tròn xuống',
      );
    });

    it('refuses a commune in none of the bases: recognised NTM before the period and not kiểu mẫu', () => {
      const r = check({
        awardType: { ...bangKhenThuTuong, rules: [] },
        record: record({ recognitions: [recognition({ decidedOn: '2014-12-15' })] }),
      });
      expect(r.eligible).toBe(false);
      expect(quotaCheck(r).detail).toContain('không thuộc cơ sở tính chỉ tiêu nào');
      expect(r.quota).toBeNull();
    });

    it('does not bind a collective by a quota of communes', () => {
      const r = check({ nominee: hopTacXa, awardType: { ...bangKhenThuTuong, rules: [] } });
      expect(quotaCheck(r).status).toBe('not-applicable');
      expect(r.eligible).toBe(true);
      expect(r.quotaKey).toBeNull();
    });

    it('counts 5% of all the communes in 2011-2015, whatever their status', () => {
      const r = check({
        movement: phase2011,
        year: 2015,
        awardType: { ...bangKhenThuTuong, rules: [] },
        record: record({ recognitions: [], counts: { 'province-communes': 61 } }),
      });
      expect(r.quota).toEqual({ base: 'province-communes', baseCount: 61, capacity: 3, used: 0 });
      expect(r.quotaKey).toBe('bang-khen-thu-tuong.moi-xa');
    });

    it('replaces the award type’s own quota rule in a movement that has its own for that award type', () => {
      // bangKhenThuTuong's own rule is 5% of the NTM communes; the movement's quotas stand instead.
      expect(quotasFor(phase2016, bangKhenThuTuong).map((q) => q.key)).toEqual([
        'bang-khen-thu-tuong.xa-ntm-trong-giai-doan',
        'bang-khen-thu-tuong.xa-kieu-mau',
      ]);
      // Another award type of the same movement keeps its own rule.
      expect(quotasFor(phase2016, { ...bangKhenThuTuong, id: 'khac' }).map((q) => q.key)).toEqual(['khac']);
    });
  });
});
