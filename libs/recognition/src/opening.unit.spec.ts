import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import {
  actors,
  at,
  command,
  decider,
  DOSSIER_ID,
  duongQuang,
  historyUpTo,
  nongThuong,
  nongThuongTwoTier,
  scenario,
} from './testing/fixtures';

const open = (data: Partial<ReturnType<typeof scenario>['open']['data']>, actor: Actor = actors.commune) =>
  command('OpenDossier', { ...scenario().open.data, ...data }, actor, at('2025-03-03'));

describe('opening a dossier', () => {
  it('opens the first step with the dossier', () => {
    spec(decider)
      .given([])
      .when(open({}))
      .thenMatch([
        {
          type: 'DossierOpened',
          data: {
            dossierId: DOSSIER_ID,
            level: 'ntm',
            year: 2025,
            openedAt: at('2025-03-03'),
            openedBy: 'u-xa-nt',
          },
        },
        {
          type: 'StepOpened',
          data: { step: 'commune-preparation', round: 1, openedAt: at('2025-03-03'), dueAt: null },
        },
      ]);
  });

  it('is for the commune officer of that commune only', () => {
    spec(decider).given([]).when(open({}, actors.district)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    const err = spec(decider)
      .given([])
      .when(open({ commune: duongQuang }))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    expect(err.message).toBe('xã Dương Quang (mã 01840) nằm ngoài địa bàn phụ trách');
  });

  it('is refused to a commune officer bound to no commune, or to a province only (fails closed)', () => {
    for (const jurisdiction of [{}, { provinceCode: '06' }]) {
      const nowhere: Actor = { ...actors.commune, jurisdiction };
      spec(decider).given([]).when(open({}, nowhere)).thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    }
  });

  it('needs the district code under the 2021-2025 procedure, not under the two-tier one', () => {
    const err = spec(decider)
      .given([])
      .when(open({ commune: nongThuongTwoTier }, actors.communeTwoTier))
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.violations[0].field).toBe('commune.districtCode');
    spec(decider)
      .given([])
      .when(open({ commune: nongThuongTwoTier, procedureVersion: '2025-two-tier' }, actors.communeTwoTier))
      .thenMatch([
        { type: 'DossierOpened', data: { procedure: { version: '2025-two-tier', requiresDistrict: false } } },
        { type: 'StepOpened' },
      ]);
  });

  it('refuses nâng cao for a commune that does not hold NTM', () => {
    const err = spec(decider)
      .given([])
      .when(open({ level: 'nang-cao', holdings: [] }))
      .thenThrows('PREREQUISITE_NOT_HELD', 'rule');
    expect(err.message).toBe(
      'xã Nông Thượng chưa được công nhận đạt chuẩn nông thôn mới, chưa thể xét nông thôn mới nâng cao',
    );
    spec(decider)
      .given([])
      .when(open({ level: 'nang-cao', holdings: ['ntm'] }))
      .thenMatch([{ type: 'DossierOpened' }, { type: 'StepOpened' }]);
  });

  it('refuses kiểu mẫu for a commune that does not hold nâng cao', () => {
    spec(decider)
      .given([])
      .when(open({ level: 'kieu-mau', holdings: ['ntm'] }))
      .thenThrows('PREREQUISITE_NOT_HELD', 'rule');
    spec(decider)
      .given([])
      .when(open({ level: 'kieu-mau', holdings: ['ntm', 'nang-cao'] }))
      .thenMatch([{ type: 'DossierOpened', data: { level: 'kieu-mau' } }, { type: 'StepOpened' }]);
  });

  it('refuses a level the commune already holds', () => {
    spec(decider)
      .given([])
      .when(open({ holdings: ['ntm'] }))
      .thenThrows('ALREADY_RECOGNISED', 'rule');
  });

  it('names the bad field: unknown procedure version, level, malformed id', () => {
    const field = (data: Record<string, unknown>) =>
      spec(decider)
        .given([])
        .when(open(data as never))
        .thenThrows('INVALID_FIELD', 'invalid').violations[0].field;
    expect(field({ procedureVersion: '2016-2020' })).toBe('procedureVersion');
    expect(field({ level: 'huyen' })).toBe('level');
    expect(field({ dossierId: 'abc' })).toBe('dossierId');
    expect(field({ commune: { ...nongThuong, name: ' ' } })).toBe('commune.name');
  });

  it('cannot open the same dossier twice', () => {
    spec(decider).given(historyUpTo('opened')).when(open({})).thenThrows('DOSSIER_EXISTS', 'conflict');
  });

  it('answers not-found for any other command on a dossier that does not exist', () => {
    spec(decider).given([]).when(scenario().selfAssessment).thenThrows('DOSSIER_NOT_FOUND', 'not-found');
  });
});
