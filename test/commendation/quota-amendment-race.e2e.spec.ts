import {
  DEFAULT_AWARD_TYPES,
  nominationDecider,
  nominationStreamId,
  programmeDecider,
  programmeStreamId,
  quotaStreamId,
  reservationDecider,
  type Nomination,
} from '@ntm/commendation';
import { CommandGateway } from '@ntm/application';
import { movement } from '../../libs/commendation/src/testing/fixtures';
import { startTestApp, type TestApp } from '../support/harness';
import { registerBacKan } from '../support/units';
import { duongQuang } from '../support/dossier-driver';
import { BASE, EmulationDriver, PROVINCE } from './emulation-driver';

// An amendment dropping a movement's quota and a nomination taking a place in it, sent at the same moment: one
// of them wins and the other is refused (409), so no nomination is ever left holding a place in a dropped quota.

const ROUNDS = 30;
const AWARD = 'giay-khen-phong-trao';
const QUOTA = { id: 'moi-xa', awardTypeId: AWARD, base: 'province-communes', rounding: 'floor' };

describe('Amending a quota while a nomination claims a place in it', () => {
  let t: TestApp;
  let e: EmulationDriver;
  let secretary: string;
  let gateway: CommandGateway;

  beforeAll(async () => {
    t = await startTestApp('quota_amendment_race_e2e');
    e = new EmulationDriver(t);
    gateway = t.app.get(CommandGateway);
    // Two communes registered: a quota of all of them takes two nominations.
    await registerBacKan(t, await t.token('admin', {}));
    const province = { provinceCode: PROVINCE };
    secretary = await t.token('emulation_secretary', {
      sub: 'thu-ky-hd',
      name: 'Hoàng Thị Thư',
      ...province,
    });
    await e.ok('post', `${BASE}/board`, await t.token('chairman', province), {
      members: [
        { id: 'thu-ky-hd', name: 'Hoàng Thị Thư', role: 'secretary' },
        { id: 'uy-vien-1', name: 'Ủy viên 1', role: 'member' },
        { id: 'uy-vien-2', name: 'Ủy viên 2', role: 'member' },
      ],
      appointedOn: '2025-01-10',
    });
    // An award the record does not restrict: only the movement's quota binds it.
    await e.ok('post', `${BASE}/award-types`, secretary, {
      ...DEFAULT_AWARD_TYPES.find((a) => a.id === 'bang-khen-chu-tich-tinh'),
      id: AWARD,
      name: 'Giấy khen của phong trào',
      nomineeKinds: ['commune'],
      proposers: ['emulation_secretary'],
      rules: [],
    });
  }, 180_000);
  afterAll(() => t.close());

  const state = async (movementId: string, nominationId: string | undefined) => {
    const { state: p } = await gateway.load(programmeStreamId(PROVINCE), programmeDecider);
    const quotas = p.status === 'active' ? (p.movements[movementId].quotas ?? []) : [];
    const stream = quotaStreamId(PROVINCE, movementId, `${AWARD}.${QUOTA.id}`);
    const { state: places } = await gateway.load(stream, reservationDecider);
    const nomination = nominationId
      ? ((await gateway.load(nominationStreamId(nominationId), nominationDecider)).state as Nomination)
      : null;
    return { quotas, holders: places.holders.map((h) => h.nominationId), nomination };
  };

  it(`never leaves a nomination in a dropped quota (${ROUNDS} rounds)`, async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const movementId = `phong-trao-${round}`;
      const quota = { ...QUOTA, share: { num: 1, den: 1 }, source: 'Kế hoạch của tỉnh (thử nghiệm)' };
      await e.ok('post', `${BASE}/movements`, secretary, { ...movement, id: movementId, quotas: [quota] });
      // The amendment sets off up to 40 ms after the nomination, so rounds meet at every step of either.
      const amend = async () => {
        await new Promise((resolve) => setTimeout(resolve, (round * 7) % 41));
        return e.send('post', `${BASE}/movements/${movementId}/quotas`, secretary, {
          quotas: [],
          reason: 'Bỏ chỉ tiêu theo kết luận của Hội đồng',
        });
      };
      const [amended, nominated] = await Promise.all([
        amend(),
        e.send('post', '/api/v1/emulation/nominations', secretary, {
          provinceCode: PROVINCE,
          movementId,
          awardTypeId: AWARD,
          year: 2025,
          nominee: { kind: 'commune', ...duongQuang },
          achievement: { kind: 'other', period: '2025', text: `Mô hình thôn thông minh, vòng ${round}` },
        }),
      ]);
      const pair = `${amended.status} ${amended.body.code ?? ''} / ${nominated.status} ${nominated.body.code ?? ''}`;
      outcomes.add(pair);
      const after = await state(movementId, nominated.body.nominationId);
      const at = `round ${round} (${pair})`;

      // Whichever won is stored; the loser was refused with a conflict, nothing else. A nomination checked while
      // the read side already showed the amendment finds no room in the quota (the record counts no base for it).
      expect([at, amended.status === 200 || amended.body.code === 'QUOTA_IN_USE']).toEqual([at, true]);
      const refusals = ['QUOTA_AMENDED', 'NOT_ELIGIBLE'];
      expect([at, nominated.status === 201 || refusals.includes(nominated.body.code)]).toEqual([at, true]);
      if (nominated.body.code === 'NOT_ELIGIBLE')
        expect([at, nominated.body.violations.map((v: { code: string }) => v.code)]).toEqual([
          at,
          ['RULE_QUOTA'],
        ]);
      expect([at, after.quotas.length]).toEqual([at, amended.status === 200 ? 0 : 1]);
      // The invariant: a dropped quota holds no place, and a filed nomination's quota is one in force.
      if (after.quotas.length === 0) expect([at, after.holders]).toEqual([at, []]);
      if (nominated.status === 201) {
        const key = after.nomination!.eligibility.quotaKey ?? null;
        expect([at, key]).toEqual([at, after.quotas.length === 0 ? null : `${AWARD}.${QUOTA.id}`]);
        expect([at, after.holders]).toEqual([at, key ? [nominated.body.nominationId] : []]);
      } else expect([at, after.holders]).toEqual([at, []]);
    }
    // The two met: in some rounds one of them was refused for the other (else the test proved nothing).
    const met = [...outcomes.keys()].filter((pair) => /QUOTA_IN_USE|QUOTA_AMENDED/.test(pair));
    expect(met).not.toEqual([]);
  }, 300_000);
});
