import {
  DEFAULT_AWARD_TYPES,
  nominationDecider,
  nominationStreamId,
  programmeDecider,
  programmeStreamId,
  quotaStreamId,
  reservationDecider,
  type Nomination,
  type ProgrammeCommand,
} from '@ntm/commendation';
import { CommandGateway, EVENT_STORE, type RequestContext } from '@ntm/application';
import { StreamConflictError, type EventStore } from '@ntm/event-store';
import { CommendationStreams } from '../../apps/api/src/commendation/commendation-streams';
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

  const launch = async (movementId: string) => {
    const quota = { ...QUOTA, share: { num: 1, den: 1 }, source: 'Kế hoạch của tỉnh (thử nghiệm)' };
    await e.ok('post', `${BASE}/movements`, secretary, { ...movement, id: movementId, quotas: [quota] });
  };
  const nominate = (movementId: string, text: string) =>
    e.send('post', '/api/v1/emulation/nominations', secretary, {
      provinceCode: PROVINCE,
      movementId,
      awardTypeId: AWARD,
      year: 2025,
      nominee: { kind: 'commune', ...duongQuang },
      achievement: { kind: 'other', period: '2025', text },
    });

  it(`never leaves a nomination in a dropped quota (${ROUNDS} rounds)`, async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const movementId = `phong-trao-${round}`;
      await launch(movementId);
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
        nominate(movementId, `Mô hình thôn thông minh, vòng ${round}`),
      ]);
      const pair = `${amended.status} ${amended.body.code ?? ''} / ${nominated.status} ${nominated.body.code ?? ''}`;
      outcomes.add(pair);
      const after = await state(movementId, nominated.body.nominationId);
      const at = `round ${round} (${pair})`;

      // Whichever won is stored; the loser was refused with a conflict, nothing else (a nomination checked while
      // the read side already showed the amendment counts the quota it was checked under, never "0/0").
      expect([at, amended.status === 200 || amended.body.code === 'QUOTA_IN_USE']).toEqual([at, true]);
      expect([at, nominated.status === 201 || nominated.body.code === 'QUOTA_AMENDED']).toEqual([at, true]);
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

  it('lets nominations through a quota whose amendment died before recording itself once its lease is over, never past the quota', async () => {
    const movementId = 'phong-trao-sua-do-dang';
    await launch(movementId);
    const streams = t.app.get(CommendationStreams);
    const programmeStream = programmeStreamId(PROVINCE);
    const { version: marked } = await gateway.load(programmeStream, programmeDecider);
    // The amendment marks the quota on the programme as it stands, then its process dies before recording itself.
    const crashed: RequestContext = {
      actor: {
        id: 'thu-ky-hd',
        name: 'Hoàng Thị Thư',
        role: 'emulation_secretary',
        jurisdiction: { provinceCode: PROVINCE },
      },
      now: t.now(),
      correlationId: 'sua-chi-tieu-do-dang',
    };
    const places = await streams.quotaPlaces(PROVINCE, movementId, `${AWARD}.${QUOTA.id}`);
    await streams.beginQuotaAmendment(places, { amendmentId: 'do-dang', programmeVersion: marked! }, crashed);

    // Within the lease the amendment may still be recorded: the nomination is told so, and nothing is held.
    const early = await nominate(movementId, 'Mô hình chợ an toàn thực phẩm');
    expect([early.status, early.body.code]).toEqual([409, 'QUOTA_AMENDED']);
    expect(early.body.message).toContain('đang được sửa; hãy gửi lại đề nghị sau ít phút');
    expect((await state(movementId, undefined)).holders).toEqual([]);

    // Past the lease, three nominations meet the marks at once; the quota (1/1 of 2 communes) holds two.
    const lapseAt = Date.parse(crashed.now.toISOString()) + (t.config.quotaAmendmentLeaseSeconds + 1) * 1000;
    t.clock.set(new Date(lapseAt).toISOString());
    try {
      const texts = ['Mô hình thôn sạch', 'Mô hình đường hoa', 'Mô hình camera an ninh'];
      // One of them records the lapse; those that lost that race use it: none is told to send again.
      const answers = await Promise.all(texts.map((text) => nominate(movementId, text)));
      expect(answers.map((r) => r.body.code)).not.toContain('QUOTA_AMENDED');
      const accepted = answers.filter((r) => r.status === 201).map((r) => r.body.nominationId);
      expect(accepted).toHaveLength(2);
      const refused = answers.filter((r) => r.status !== 201).map((r) => r.body.code);
      expect([refused.length, ['NOT_ELIGIBLE', 'QUOTA_EXCEEDED'].includes(refused[0])]).toEqual([1, true]);
      const after = await state(movementId, undefined);
      expect(after.quotas).toHaveLength(1);
      expect(after.holders.sort()).toEqual(accepted.sort());
    } finally {
      t.clock.set(null);
    }

    // The programme moved past the marks by the lapse alone; the amendment, had it woken, cannot record itself there.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const since = await store.readStream(programmeStream, { fromVersion: marked! + 1 });
    expect(since.map((ev) => [ev.type, (ev.data as { amendmentId: string }).amendmentId])).toEqual([
      ['QuotaAmendmentLapsed', 'do-dang'],
    ]);
    await expect(
      gateway.execute(
        {
          streamId: programmeStream,
          decider: programmeDecider,
          mustExist: true,
          noun: 'chương trình thi đua của tỉnh',
          command: (metadata): ProgrammeCommand => ({
            type: 'AmendMovementQuotas',
            data: { movementId, quotas: [], reason: 'Bỏ chỉ tiêu', placesHeld: {} },
            metadata,
          }),
        },
        { ...crashed, expectedVersion: marked! },
        null,
      ),
    ).rejects.toBeInstanceOf(StreamConflictError);
  }, 120_000);

  it('refuses a nomination checked on the programme just before an amendment as amended, not as a full quota "0/0"', async () => {
    const movementId = 'phong-trao-doc-truoc';
    await launch(movementId);
    const streams = t.app.get(CommendationStreams);
    // The nomination reads the programme; the amendment dropping the quota is recorded (and projected) right after.
    const programmeAt = streams.programmeAt.bind(streams);
    const read = jest.spyOn(streams, 'programmeAt').mockImplementationOnce(async (provinceCode) => {
      const before = await programmeAt(provinceCode);
      await e.ok('post', `${BASE}/movements/${movementId}/quotas`, secretary, {
        quotas: [],
        reason: 'Bỏ chỉ tiêu theo kết luận của Hội đồng',
      });
      return before;
    });
    try {
      const res = await nominate(movementId, 'Mô hình nhà văn hóa thôn');
      expect([res.status, res.body.code]).toEqual([409, 'QUOTA_AMENDED']);
      expect(res.body.message).toBe(
        `Chỉ tiêu Giấy khen của phong trào (${movement.name}) vừa được sửa trong khi đề nghị đang ` +
          'được xét; hãy gửi lại đề nghị để xét theo chỉ tiêu mới',
      );
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
    }
    // Sent again, it is checked on the amended movement: no quota binds it.
    const again = await nominate(movementId, 'Mô hình nhà văn hóa thôn');
    expect(again.status).toBe(201);
    const after = await state(movementId, again.body.nominationId);
    expect([after.quotas, after.holders, after.nomination!.eligibility.quotaKey]).toEqual([[], [], null]);
  }, 60_000);
});
