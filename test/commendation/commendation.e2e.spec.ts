import { DOSSIER_STREAM_PREFIX } from '@ntm/recognition';
import { DEFAULT_AWARD_TYPES, nominationStreamId } from '@ntm/commendation';
import type { EventStore, RecordedEvent } from '@ntm/event-store';
import { deliver } from '@ntm/read-models';
import { untilVisible } from '../../libs/event-store/src/testing';
import { movement } from '../../libs/commendation/src/testing/fixtures';
import { CommandGateway, EVENT_STORE } from '@ntm/application';
import { AwardFlagsManager } from '../../apps/worker/src/commendation/award-flags.manager';
import { ManagerRunners } from '../../apps/worker/src/worker-core.module';
import { startTestApp, type TestApp } from '../support/harness';
import { pdfText } from '../support/pdf-text';
import { recordPastRecognition, registerBacKan } from '../support/units';
import { binary, readTable } from '../support/xlsx';
import {
  duongQuang,
  findings,
  nongThuong,
  openWhilePeriodOpen,
  sha,
  tokensFor,
  type Place,
} from '../support/dossier-driver';
import { BASE, EmulationDriver, PROVINCE, recognise } from './emulation-driver';

const xuatHoa: Place = { provinceCode: '06', districtCode: '058', communeCode: '01846', name: 'xã Xuất Hóa' };
const commune = (p: Place) => ({
  kind: 'commune',
  provinceCode: p.provinceCode,
  districtCode: p.districtCode,
  communeCode: p.communeCode,
  name: p.name,
});
const movementResult = {
  kind: 'movement-result',
  period: '2021-2025',
  text: 'Hoàn thành xây dựng xã đạt chuẩn nông thôn mới giai đoạn 2021-2025',
};
describe('Emulation and commendation over HTTP', () => {
  let t: TestApp;
  let e: EmulationDriver;
  let tok: {
    chairman: string;
    province: string;
    district: string;
    secretary: string;
    members: string[];
    outsider: string;
    otherSecretary: string;
    admin: string;
  };
  let ntDossier: Awaited<ReturnType<typeof recognise>>;
  let lastPosition = '';
  const at = () => `minPosition=${encodeURIComponent(lastPosition)}`;
  const track = <T extends { position?: string | null }>(body: T): T => {
    if (body.position) lastPosition = body.position;
    return body;
  };

  beforeAll(async () => {
    t = await startTestApp('commendation_e2e', { worker: true });
    e = new EmulationDriver(t);
    const province = { provinceCode: PROVINCE };
    const base = await tokensFor(t, nongThuong);
    tok = {
      chairman: base.chairman,
      province: base.province,
      district: base.district,
      admin: base.admin,
      secretary: await t.token('emulation_secretary', {
        sub: 'thu-ky-hd',
        name: 'Hoàng Thị Thư',
        ...province,
      }),
      members: await Promise.all(
        [1, 2, 3, 4].map((i) =>
          t.token('emulation_member', { sub: `uy-vien-${i}`, name: `Ủy viên ${i}`, ...province }),
        ),
      ),
      outsider: await t.token('emulation_member', { sub: 'khong-phai-uy-vien', ...province }),
      otherSecretary: await t.token('emulation_secretary', { sub: 'thu-ky-khac', ...province }),
    };

    // The province's recognitions, made through the recognition API: two communes recognised, one still preparing.
    ntDossier = await recognise(t, nongThuong, '1234/QĐ-UBND');
    lastPosition = (await recognise(t, duongQuang, '1235/QĐ-UBND')).position;
    const xh = await tokensFor(t, xuatHoa);
    await openWhilePeriodOpen(t, '2021-2025', () =>
      t.http
        .post('/api/v1/dossiers')
        .set('authorization', `Bearer ${xh.commune}`)
        .send({ commune: xuatHoa, level: 'ntm', procedureVersion: '2021-2025', year: 2025 }),
    );

    // The board, the movement, the cluster and its 2025 ranking.
    track(
      await e.ok('post', `${BASE}/board`, tok.chairman, {
        members: [
          { id: 'thu-ky-hd', name: 'Hoàng Thị Thư', role: 'secretary' },
          ...[1, 2, 3, 4].map((i) => ({ id: `uy-vien-${i}`, name: `Ủy viên ${i}`, role: 'member' })),
        ],
        appointedOn: '2025-01-10',
      }),
    );
    await e.ok('post', `${BASE}/movements`, tok.secretary, movement);
    await e.ok('post', `${BASE}/clusters`, tok.secretary, {
      clusterId: 'cum-thanh-pho-bac-kan',
      name: 'Cụm thi đua các xã thành phố Bắc Kạn',
      kind: 'cum',
      fromYear: 2021,
      members: [commune(nongThuong), commune(duongQuang), commune(xuatHoa)],
    });
    track(
      await e.ok('post', `${BASE}/clusters/cum-thanh-pho-bac-kan/scores`, tok.secretary, {
        year: 2025,
        reviewedOn: '2025-12-18',
        entries: [
          { memberKey: 'commune:01840', score: 91 },
          { memberKey: 'commune:01843', score: 96 },
          { memberKey: 'commune:01846', score: 70 },
        ],
      }),
    );
    // The Prime Minister's award for this test: half of the NTM communes at most (2 communes: one place).
    track(
      await e.ok('post', `${BASE}/award-types`, tok.secretary, {
        ...DEFAULT_AWARD_TYPES.find((a) => a.id === 'bang-khen-thu-tuong'),
        rules: [
          { kind: 'recognised-in-period', levels: ['ntm', 'nang-cao', 'kieu-mau'] },
          { kind: 'quota', base: 'province-ntm-communes', share: { num: 50, den: 100 }, rounding: 'floor' },
        ],
      }),
    );
  }, 180_000);
  afterAll(() => t.close());

  const nominate = (
    token: string,
    place: Place,
    awardTypeId = 'bang-khen-chu-tich-tinh',
    achievement: object = movementResult,
  ) =>
    e.send('post', '/api/v1/emulation/nominations', token, {
      provinceCode: PROVINCE,
      movementId: 'ntm-2021-2025',
      awardTypeId,
      year: 2025,
      nominee: commune(place),
      achievement,
    });
  const nomination = (id: string) => e.ok('get', `/api/v1/emulation/nominations/${id}?${at()}`, tok.admin);
  /** Awaits a process manager of the worker past a command's position: every effect it called for is written. */
  const managed = (manager: string, position: string) =>
    t.app.get(ManagerRunners).runners.get(manager)!.waitFor(position);
  const review = async (
    id: string,
    present: string[],
    ballots: [string, 'for' | 'against' | 'abstain'][],
  ) => {
    await e.ok('post', `/api/v1/emulation/nominations/${id}/review`, tok.secretary, {
      present,
      meetingOn: '2025-12-19',
    });
    for (const [token, ballot] of ballots)
      await e.ok('post', `/api/v1/emulation/nominations/${id}/review/votes`, token, { ballot });
    return track(
      await e.ok('post', `/api/v1/emulation/nominations/${id}/review/conclusion`, tok.secretary, {}),
    );
  };

  let ntNomination = '';
  let decisionId = '';

  it('ranks the cluster with the record figures beside the scores', async () => {
    const [ranking] = await e.ok('get', `${BASE}/rankings?year=2025&${at()}`, tok.admin);
    expect(ranking.leader).toBe('commune:01843');
    expect(ranking.ranking.map((r: { name: string; rank: number }) => [r.name, r.rank])).toEqual([
      ['xã Nông Thượng', 1],
      ['xã Dương Quang', 2],
      ['xã Xuất Hóa', 3],
    ]);
    expect(ranking.ranking[0].figures).toEqual({
      holdings: ['ntm'],
      recognisedInYear: ['ntm'],
      satisfactionRate: 0.975,
    });
    expect(ranking.ranking[2].figures).toMatchObject({ holdings: [] });
  });

  it("lists a movement's candidates: who is eligible and why", async () => {
    const list = await e.ok(
      'get',
      `${BASE}/movements/ntm-2021-2025/candidates?awardTypeId=bang-khen-chu-tich-tinh&year=2025&${at()}`,
      tok.admin,
    );
    const byName = Object.fromEntries(list.map((c: { nominee: { name: string } }) => [c.nominee.name, c]));
    expect(byName['xã Nông Thượng'].report.eligible).toBe(true);
    expect(
      byName['xã Nông Thượng'].report.checks.find((c: { rule: string }) => c.rule === 'holds-recognition')
        .detail,
    ).toContain('1234/QĐ-UBND');
    expect(byName['xã Dương Quang'].report.eligible).toBe(true);
    expect(byName['xã Xuất Hóa'].report.eligible).toBe(false);
    const failed = byName['xã Xuất Hóa'].report.checks.filter(
      (c: { status: string }) => c.status === 'failed',
    );
    expect(failed.map((c: { rule: string }) => c.rule)).toEqual(['holds-recognition']);
    expect(failed[0].detail).toContain('chưa được công nhận đạt chuẩn nông thôn mới');
    const xlsx = await e
      .send(
        'get',
        `${BASE}/movements/ntm-2021-2025/candidates?awardTypeId=bang-khen-chu-tich-tinh&year=2025&format=xlsx`,
        tok.admin,
      )
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const names = (await readTable(xlsx.body, 'Đối tượng đủ điều kiện')).rows.map((r) => r[1]);
    expect(names).toEqual(expect.arrayContaining(['xã Nông Thượng', 'xã Dương Quang', 'xã Xuất Hóa']));
  });

  it('refuses a nomination the record does not support, listing every failed rule', async () => {
    const dry = await e.ok('post', `/api/v1/emulation/nominations/eligibility?${at()}`, tok.district, {
      provinceCode: PROVINCE,
      movementId: 'ntm-2021-2025',
      awardTypeId: 'bang-khen-chu-tich-tinh',
      year: 2025,
      nominee: commune(xuatHoa),
    });
    expect(dry.eligible).toBe(false);
    const res = await nominate(tok.district, xuatHoa);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NOT_ELIGIBLE');
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['RULE_HOLDS_RECOGNITION']);
    expect(res.body.message).toContain('xã Xuất Hóa');
  });

  it('files a nomination with its evidence linked from the record', async () => {
    const res = await nominate(tok.district, nongThuong);
    expect(res.status).toBe(201);
    ntNomination = track(res.body).nominationId;
    const n = await nomination(ntNomination);
    expect(n.status).toBe('submitted');
    expect(n.evidence.map((x: { kind: string }) => x.kind)).toEqual(['recognition', 'survey']);
    expect(n.evidence[0]).toMatchObject({ decisionNumber: '1234/QĐ-UBND', dossierId: ntDossier.dossier.id });
    expect(n.restsOn).toEqual([ntDossier.dossier.id]);
  });

  it('refuses a second nomination for the same achievement, naming the first', async () => {
    const res = await nominate(tok.province, nongThuong, 'co-thi-dua-tinh');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ACHIEVEMENT_ALREADY_NOMINATED');
    expect(res.body.message).toContain(ntNomination);
  });

  it('lets only one of two concurrent nominations of the same achievement through', async () => {
    const [a, b] = await Promise.all([
      nominate(tok.district, duongQuang),
      nominate(tok.district, duongQuang),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 201 ? a : b;
    expect(loser.body.code).toBe('ACHIEVEMENT_ALREADY_NOMINATED');
    expect(loser.body.message).toContain(winner.body.nominationId);
    track(winner.body);
  });

  it('holds a quota at its boundary: one place for half of two NTM communes', async () => {
    const other = (text: string) => ({ kind: 'other', period: '2025', text });
    const first = await nominate(
      tok.secretary,
      nongThuong,
      'bang-khen-thu-tuong',
      other('Mô hình thôn thông minh Nà Dì'),
    );
    expect(first.status).toBe(201);
    track(first.body);
    const quotas = await e.ok('get', `${BASE}/movements/ntm-2021-2025/quotas?year=2025&${at()}`, tok.admin);
    expect(
      quotas.find((q: { awardTypeId: string }) => q.awardTypeId === 'bang-khen-thu-tuong'),
    ).toMatchObject({ baseCount: 2, capacity: 1, used: 1 });
    const second = await nominate(
      tok.secretary,
      duongQuang,
      'bang-khen-thu-tuong',
      other('Phong trào hiến đất làm đường'),
    );
    expect(second.status).toBe(422);
    expect(second.body.violations.map((v: { code: string }) => v.code)).toContain('RULE_QUOTA');
  });

  it("counts a movement's own quotas on their bases, and takes a secret ballot with a written vote over all members (RULES-2026.md §3)", async () => {
    // The provincial Flag as built in, as RULES-2026.md §3 has it for emulation flags: secret ballot, at least 90%
    // of all the council's members, absent members vote in writing.
    const own = {
      ...movement,
      id: 'ntm-tinh-2021-2025',
      name: 'Bắc Kạn chung sức xây dựng nông thôn mới',
      scope: 'toàn tỉnh',
      launchedBy: 'Chủ tịch Ủy ban nhân dân tỉnh',
      quotas: [
        {
          id: 'xa-ntm-trong-giai-doan',
          awardTypeId: 'bang-khen-thu-tuong',
          base: 'province-ntm-in-period',
          share: { num: 50, den: 100 },
          rounding: 'floor',
          source: 'Kế hoạch của tỉnh (số liệu thử nghiệm, chưa xác minh)',
        },
        {
          id: 'moi-xa',
          awardTypeId: 'co-thi-dua-tinh',
          base: 'province-communes',
          share: { num: 1, den: 3 },
          rounding: 'floor',
          source: 'Kế hoạch của tỉnh (số liệu thử nghiệm, chưa xác minh)',
        },
      ],
    };
    const badBase = await e.send('post', `${BASE}/movements`, tok.secretary, {
      ...own,
      quotas: [{ ...own.quotas[0], base: 'xa-bat-ky' }],
    });
    expect([badBase.status, badBase.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknownType = await e.send('post', `${BASE}/movements`, tok.secretary, {
      ...own,
      quotas: [{ ...own.quotas[0], awardTypeId: 'khong-co' }],
    });
    expect([unknownType.status, unknownType.body.violations[0].code]).toEqual([400, 'AWARD_TYPE_NOT_FOUND']);
    track(await e.ok('post', `${BASE}/movements`, tok.secretary, own));

    // Two communes recognised in 2021-2025, three communes known: one place each.
    const quotas = await e.ok('get', `${BASE}/movements/${own.id}/quotas?year=2025&${at()}`, tok.admin);
    const line = (key: string) => quotas.find((q: { key: string }) => q.key === key);
    expect(line('bang-khen-thu-tuong.xa-ntm-trong-giai-doan')).toMatchObject({
      base: 'province-ntm-in-period',
      baseCount: 2,
      capacity: 1,
      used: 0,
      source: 'Kế hoạch của tỉnh (số liệu thử nghiệm, chưa xác minh)',
    });
    expect(line('co-thi-dua-tinh.moi-xa')).toMatchObject({
      base: 'province-communes',
      baseCount: 3,
      capacity: 1,
    });
    const nominateIn = (token: string, place: Place, awardTypeId: string, text: string) =>
      e.send('post', '/api/v1/emulation/nominations', token, {
        provinceCode: PROVINCE,
        movementId: own.id,
        awardTypeId,
        year: 2025,
        nominee: commune(place),
        achievement: { kind: 'other', period: '2025', text },
      });
    const first = await nominateIn(
      tok.secretary,
      duongQuang,
      'bang-khen-thu-tuong',
      'Dẫn đầu phong trào của tỉnh',
    );
    expect([first.status, first.body.code]).toEqual([201, undefined]);
    track(first.body);
    const full = await nominateIn(tok.secretary, nongThuong, 'bang-khen-thu-tuong', 'Mô hình thôn kiểu mẫu');
    expect([full.status, full.body.code, full.body.violations?.map((v: { code: string }) => v.code)]).toEqual(
      [422, 'NOT_ELIGIBLE', ['RULE_QUOTA']],
    );
    expect(full.body.message).toContain('Hết chỉ tiêu: Đã đề nghị 1/1');

    const candidates = await e.ok(
      'get',
      `${BASE}/movements/${own.id}/candidates?awardTypeId=co-thi-dua-tinh&year=2025&${at()}`,
      tok.admin,
    );
    expect(candidates[0]).toMatchObject({
      nominee: { name: 'xã Nông Thượng' },
      report: { eligible: true, quotaKey: 'co-thi-dua-tinh.moi-xa', quota: { capacity: 1, used: 0 } },
    });
    const filed = await nominateIn(
      tok.province,
      nongThuong,
      'co-thi-dua-tinh',
      'Dẫn đầu cụm thi đua năm 2025',
    );
    expect(filed.status).toBe(201);
    const id = track(filed.body).nominationId as string;

    // Four of five present; the absent member's sealed written ballot goes into the box.
    await e.ok('post', `/api/v1/emulation/nominations/${id}/review`, tok.secretary, {
      present: ['thu-ky-hd', 'uy-vien-1', 'uy-vien-2', 'uy-vien-3'],
      meetingOn: '2025-12-19',
    });
    const byName = await e.send('post', `/api/v1/emulation/nominations/${id}/review/votes`, tok.members[0], {
      ballot: 'for',
    });
    expect([byName.status, byName.body.code]).toEqual([422, 'SECRET_BALLOT']);
    const written = await e.send(
      'post',
      `/api/v1/emulation/nominations/${id}/review/written-votes`,
      tok.secretary,
      { memberId: 'uy-vien-4', ballot: 'for', documents: [sha(1)] },
    );
    expect([written.status, written.body.code]).toEqual([422, 'SECRET_BALLOT']);
    const early = await e.send(
      'post',
      `/api/v1/emulation/nominations/${id}/review/conclusion`,
      tok.secretary,
      {},
    );
    expect([early.status, early.body.code]).toEqual([422, 'BALLOT_NOT_COUNTED']);
    const countRoute = `/api/v1/emulation/nominations/${id}/review/ballot-count`;
    const count = { for: 5, against: 0, abstain: 0, writtenFrom: ['uy-vien-4'] };
    expect((await e.send('post', countRoute, tok.members[0], count)).status).toBe(403);
    const tooMany = await e.send('post', countRoute, tok.secretary, { ...count, against: 1 });
    expect([tooMany.status, tooMany.body.violations[0].code]).toEqual([400, 'COUNT_EXCEEDS_BALLOTS']);
    await e.ok('post', countRoute, tok.secretary, count);
    track(await e.ok('post', `/api/v1/emulation/nominations/${id}/review/conclusion`, tok.secretary, {}));

    const n = await nomination(id);
    expect(n.status).toBe('approved');
    expect(n.reviews[0].conclusion.result).toMatchObject({
      outcome: 'approved',
      counts: { members: 5, present: 4, written: 1, for: 5, against: 0, abstain: 0, notVoting: 0 },
    });
    // Nothing ties a ballot to a member: no votes by name, only the count and who sent a written ballot.
    expect(n.reviews[0].votes).toEqual([]);
    expect(n.reviews[0].count).toMatchObject({ for: 5, against: 0, abstain: 0, writtenFrom: ['uy-vien-4'] });
    expect(JSON.stringify(n.reviews)).not.toMatch(/"memberId"|"ballot":"(for|against|abstain)"/);
  });

  it("amends a movement's quotas by the board's basis, keeping the places nominations already hold", async () => {
    const route = `${BASE}/movements/ntm-tinh-2021-2025/quotas`;
    const { movements } = await e.ok('get', `${BASE}?${at()}`, tok.admin);
    const before = movements['ntm-tinh-2021-2025'].quotas;
    const basis = { number: '12/QĐ-HĐTĐKT', issuedOn: '2025-12-20' };
    const doubled = [{ ...before[0], share: { num: 100, den: 100 } }, before[1]];

    expect((await e.send('post', route, tok.members[0], { quotas: doubled, basis })).status).toBe(403);
    const tooLong = await e.send('post', route, tok.secretary, { quotas: doubled, reason: 'x'.repeat(2001) });
    expect([tooLong.status, tooLong.body.code, tooLong.body.violations[0].field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'reason',
    ]);
    const noWhy = await e.send('post', route, tok.secretary, { quotas: doubled });
    expect([noWhy.status, noWhy.body.violations[0].field]).toEqual([400, 'reason']);
    expect(noWhy.body.violations[0].message).toContain('lý do');
    // The provincial Flag's place is held by Nông Thượng's nomination: that quota cannot be dropped.
    const dropped = await e.send('post', route, tok.secretary, { quotas: [doubled[0]], basis });
    expect([dropped.status, dropped.body.code]).toEqual([409, 'QUOTA_IN_USE']);
    expect(dropped.body.message).toContain('Cờ thi đua');
    const unknown = await e.send('post', `${BASE}/movements/khong-co/quotas`, tok.secretary, {
      quotas: doubled,
      basis,
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'MOVEMENT_NOT_FOUND']);

    track(await e.ok('post', route, tok.secretary, { quotas: doubled, basis }));
    const after = (await e.ok('get', `${BASE}?${at()}`, tok.admin)).movements['ntm-tinh-2021-2025'];
    expect(after.quotas).toEqual(doubled);
    expect(after.quotaAmendments).toEqual([
      expect.objectContaining({ basis, reason: null, previous: before, amendedBy: 'thu-ky-hd' }),
    ]);
    // Both communes recognised in the period now fit; Dương Quang keeps the place it took.
    const quotas = await e.ok('get', `${route}?year=2025&${at()}`, tok.admin);
    expect(
      quotas.find((q: { key: string }) => q.key === 'bang-khen-thu-tuong.xa-ntm-trong-giai-doan'),
    ).toMatchObject({ share: { num: 100, den: 100 }, baseCount: 2, capacity: 2, used: 1 });
  });

  it('lets only the board secretary open a review, and only members present vote, once each', async () => {
    for (const token of [tok.members[0], tok.chairman, tok.province, tok.district]) {
      expect(
        (
          await e.send('post', `/api/v1/emulation/nominations/${ntNomination}/review`, token, {
            present: [],
            meetingOn: '2025-12-19',
          })
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await e.send('post', `/api/v1/emulation/nominations/${ntNomination}/review`, tok.otherSecretary, {
          present: [],
          meetingOn: '2025-12-19',
        })
      ).body.code,
    ).toBe('NOT_BOARD_SECRETARY');
    await e.ok('post', `/api/v1/emulation/nominations/${ntNomination}/review`, tok.secretary, {
      present: ['thu-ky-hd', 'uy-vien-1', 'uy-vien-2', 'uy-vien-3'],
      meetingOn: '2025-12-19',
    });
    const vote = (token: string, ballot = 'for') =>
      e.send('post', `/api/v1/emulation/nominations/${ntNomination}/review/votes`, token, { ballot });
    expect((await vote(tok.outsider)).body.code).toBe('NOT_BOARD_MEMBER');
    expect((await vote(tok.chairman)).status).toBe(403);
    expect((await vote(tok.province)).status).toBe(403);
    const absent = await vote(tok.members[3]);
    expect([absent.status, absent.body.code]).toEqual([422, 'NOT_PRESENT']);
    for (const [token, ballot] of [
      [tok.secretary, 'for'],
      [tok.members[0], 'for'],
      [tok.members[1], 'for'],
      [tok.members[2], 'against'],
    ]) {
      expect((await vote(token, ballot)).status).toBe(200);
    }
    const twice = await vote(tok.members[0], 'against');
    expect([twice.status, twice.body.code]).toEqual([409, 'ALREADY_VOTED']);
    expect(
      (
        await e.send(
          'post',
          `/api/v1/emulation/nominations/${ntNomination}/review/conclusion`,
          tok.members[0],
          {},
        )
      ).status,
    ).toBe(403);
    track(
      await e.ok(
        'post',
        `/api/v1/emulation/nominations/${ntNomination}/review/conclusion`,
        tok.secretary,
        {},
      ),
    );
    const n = await nomination(ntNomination);
    expect(n.status).toBe('approved');
    expect(n.reviews[0].conclusion.result).toMatchObject({
      outcome: 'approved',
      counts: { members: 5, present: 4, for: 3, against: 1, abstain: 0, notVoting: 0 },
    });
  });

  it('does not approve a tie, and frees the achievement for another nomination', async () => {
    const list = await e.ok('get', `${BASE}/nominations?movementId=ntm-2021-2025&${at()}`, tok.admin);
    const dq = list.find(
      (n: { nominee: { name: string }; awardType: { id: string } }) =>
        n.nominee.name === 'xã Dương Quang' && n.awardType.id === 'bang-khen-chu-tich-tinh',
    );
    const concluded = await review(
      dq.id,
      ['thu-ky-hd', 'uy-vien-1', 'uy-vien-2', 'uy-vien-3'],
      [
        [tok.secretary, 'for'],
        [tok.members[0], 'for'],
        [tok.members[1], 'against'],
        [tok.members[2], 'against'],
      ],
    );
    const n = await nomination(dq.id);
    expect(n.status).toBe('rejected');
    expect(n.reviews[0].conclusion.result.outcome).toBe('tie');
    // The rejected nomination gives its achievement back (the nomination-places process manager).
    await managed('pm:nomination-places', concluded.position);
    const again = await nominate(tok.district, duongQuang);
    expect(again.status).toBe(201);
    track(again.body);
  });

  it('returns a nomination for more evidence, and escalates an approved one within the higher award quota', async () => {
    const list = await e.ok('get', `${BASE}/nominations?movementId=ntm-2021-2025&${at()}`, tok.admin);
    const mine = (name: string, type: string) =>
      list.find(
        (n: { nominee: { name: string }; awardType: { id: string }; status: string }) =>
          n.nominee.name === name && n.awardType.id === type && n.status === 'submitted',
      );
    const dq = mine('xã Dương Quang', 'bang-khen-chu-tich-tinh');
    expect(
      (
        await e.send('post', `/api/v1/emulation/nominations/${dq.id}/return`, tok.district, {
          reasons: ['x'],
        })
      ).status,
    ).toBe(403);
    await e.ok('post', `/api/v1/emulation/nominations/${dq.id}/return`, tok.secretary, {
      reasons: ['Bổ sung biên bản bình xét của cụm thi đua'],
    });
    track(
      await e.ok('post', `/api/v1/emulation/nominations/${dq.id}/supplement`, tok.district, {
        documents: [sha(98)],
        note: 'Đã bổ sung biên bản',
      }),
    );
    expect((await nomination(dq.id)).status).toBe('submitted');
    await review(
      dq.id,
      ['thu-ky-hd', 'uy-vien-1', 'uy-vien-2', 'uy-vien-3', 'uy-vien-4'],
      [
        [tok.secretary, 'for'],
        [tok.members[0], 'for'],
        [tok.members[1], 'for'],
        [tok.members[2], 'abstain'],
      ],
    );

    // The Prime Minister's award has one place, held by Nông Thượng: escalation is refused until it is free.
    const escalate = () =>
      e.send('post', `/api/v1/emulation/nominations/${dq.id}/escalation`, tok.secretary, {
        awardTypeId: 'bang-khen-thu-tuong',
        reason: 'Thành tích tiêu biểu của tỉnh',
      });
    const full = await escalate();
    expect([full.status, full.body.violations.map((v: { code: string }) => v.code)]).toEqual([
      422,
      ['RULE_QUOTA'],
    ]);
    const nt = mine('xã Nông Thượng', 'bang-khen-thu-tuong');
    const withdrawn = track(
      await e.ok('post', `/api/v1/emulation/nominations/${nt.id}/withdrawal`, tok.secretary, {
        reason: 'Nhường chỉ tiêu',
      }),
    );
    await managed('pm:nomination-places', withdrawn.position);
    // The escalation counts the places held on the read side: wait until it has seen the withdrawal.
    expect((await nomination(nt.id)).status).toBe('withdrawn');
    track((await escalate()).body);
    const escalated = await nomination(dq.id);
    expect([escalated.status, escalated.awardType.id, escalated.escalations[0].from]).toEqual([
      'submitted',
      'bang-khen-thu-tuong',
      'bang-khen-chu-tich-tinh',
    ]);
    const quotas = await e.ok('get', `${BASE}/movements/ntm-2021-2025/quotas?year=2025&${at()}`, tok.admin);
    expect(
      quotas.find((q: { awardTypeId: string }) => q.awardTypeId === 'bang-khen-thu-tuong').holders,
    ).toEqual([{ nominationId: dq.id, nomineeName: 'xã Dương Quang' }]);
  });

  it('decides only by the deciding authority, and keeps the registry per recipient', async () => {
    const body = {
      number: '2500/QĐ-UBND',
      decidedOn: '2025-12-26',
      awardTypeId: 'bang-khen-chu-tich-tinh',
      nominationIds: [ntNomination],
      signerName: 'Nguyễn Văn Bình',
    };
    for (const token of [tok.secretary, tok.province, tok.members[0], tok.district]) {
      expect((await e.send('post', `${BASE}/decisions`, token, body)).status).toBe(403);
    }
    const issued = await e.ok('post', `${BASE}/decisions`, tok.chairman, body);
    decisionId = track(issued).decisionId;
    const twice = await e.send('post', `${BASE}/decisions`, tok.chairman, {
      ...body,
      number: '2501/QĐ-UBND',
    });
    expect([twice.status, twice.body.violations[0].code]).toEqual([422, 'ALREADY_AWARDED']);

    const decision = await e.ok('get', `${BASE}/decisions/${decisionId}?${at()}`, tok.admin);
    expect(decision).toMatchObject({
      number: '2500/QĐ-UBND',
      signer: { name: 'Nguyễn Văn Bình' },
      awardType: { authority: 'Chủ tịch Ủy ban nhân dân tỉnh' },
    });
    expect(decision.awards.map((a: { recipient: { name: string } }) => a.recipient.name)).toEqual([
      'xã Nông Thượng',
    ]);
    // The nomination learns of its award from the decision (the nomination-award process manager).
    await managed('pm:nomination-award', issued.position);
    const [recorded] = await t.app
      .get<EventStore>(EVENT_STORE)
      .readStream(nominationStreamId(ntNomination), { direction: 'backwards', maxCount: 1 });
    expect(recorded.type).toBe('NominationAwarded');
    const awarded = await e.ok(
      'get',
      `/api/v1/emulation/nominations/${ntNomination}?minPosition=${encodeURIComponent(recorded.position)}`,
      tok.admin,
    );
    expect([awarded.status, awarded.award.decisionNumber]).toEqual(['awarded', '2500/QĐ-UBND']);

    const registry = await e.ok('get', `${BASE}/registry/commune:01843?${at()}`, tok.admin);
    expect(
      registry.map((a: { year: number; decisionNumber: string; awardType: { id: string } }) => [
        a.year,
        a.decisionNumber,
        a.awardType.id,
      ]),
    ).toEqual([[2025, '2500/QĐ-UBND', 'bang-khen-chu-tich-tinh']]);
    const tallies = await e.ok('get', `${BASE}/awards/tallies?${at()}`, tok.admin);
    expect(tallies).toEqual([
      {
        year: 2025,
        awardTypeId: 'bang-khen-chu-tich-tinh',
        awardTypeName: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
        count: 1,
        revoked: 0,
        flagged: 0,
      },
    ]);
  });

  it('exports the decision as a Vietnamese PDF in the Decree 30 layout and the awards as XLSX', async () => {
    const pdfRoute = `${BASE}/decisions/${decisionId}/pdf?${at()}`;
    // Without the province's registered name there is no lawful heading: refused, not printed with a code.
    const unnamed = await e.send('get', pdfRoute, tok.admin);
    expect([unnamed.status, unnamed.body.code]).toEqual([409, 'UNITS_NOT_REGISTERED']);
    await registerBacKan(t, tok.admin);
    const pdf = await e.send('get', pdfRoute, tok.admin).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('quyet-dinh-2500-QD-UBND.pdf');
    const bytes: Buffer = pdf.body;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Two pages (the decision, then the list of recipients), in Tinos (Times New Roman's metrics).
    expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos/);
    const text = pdfText(bytes);
    for (const part of [
      'ỦY BAN NHÂN DÂN TỈNH BẮC KẠN',
      'Số: 2500/QĐ-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Bắc Kạn, ngày 26 tháng 12 năm 2025',
      'Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC KẠN',
      'Nơi nhận:',
      'Nguyễn Văn Bình',
      '(Kèm theo Quyết định số 2500/QĐ-UBND ngày 26 tháng 12 năm 2025)',
      'Xã Nông Thượng',
    ])
      expect(text).toContain(part);

    const xlsx = await e
      .send('get', `${BASE}/awards?year=2025&format=xlsx&${at()}`, tok.admin)
      .buffer(true)
      .parse(binary);
    const awards = await readTable(xlsx.body, 'Khen thưởng');
    expect(awards.title.slice(0, 2)).toEqual(['Tỉnh Bắc Kạn', 'Khen thưởng']);
    const [row] = awards.rows;
    expect([row[2], row[3], row[6]]).toEqual([
      'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      'Xã Nông Thượng',
      '2500/QĐ-UBND',
    ]);
  });

  it('lists the decisions by year, and every commune of the area with its awards or none, as on screen and in XLSX', async () => {
    const decisions = await e.ok('get', `${BASE}/decisions?year=2025&${at()}`, tok.admin);
    expect(
      decisions.map((d: { number: string; decidedOn: string; recipients: string[] }) => [
        d.number,
        d.decidedOn,
        d.recipients,
      ]),
    ).toEqual([['2500/QĐ-UBND', '2025-12-26', ['xã Nông Thượng']]]);
    expect(await e.ok('get', `${BASE}/decisions?year=2024&${at()}`, tok.admin)).toEqual([]);

    // The registered communes of Bắc Kạn in this test: Dương Quang (no award) and Nông Thượng (one).
    const rows = (r: { name: string; awards: { decisionNumber: string }[] }[]) =>
      r.map((c) => [c.name, c.awards.map((a) => a.decisionNumber)]);
    const all = await e.ok('get', `${BASE}/registry?${at()}`, tok.district);
    expect(rows(all)).toEqual([
      ['xã Dương Quang', []],
      ['xã Nông Thượng', ['2500/QĐ-UBND']],
    ]);
    const typed = await e.ok(
      'get',
      `${BASE}/registry?name=${encodeURIComponent('nong thuong')}&${at()}`,
      tok.admin,
    );
    expect(rows(typed)).toEqual([['xã Nông Thượng', ['2500/QĐ-UBND']]]);
    const later = await e.ok('get', `${BASE}/registry?fromYear=2026&toYear=2030&${at()}`, tok.admin);
    expect(rows(later)).toEqual([
      ['xã Dương Quang', []],
      ['xã Nông Thượng', []],
    ]);

    const xlsx = await e
      .send('get', `${BASE}/registry?toYear=2025&format=xlsx&${at()}`, tok.admin)
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const sheet = await readTable(xlsx.body, 'Sổ khen thưởng theo xã');
    expect(sheet.title.slice(0, 2)).toEqual(['Tỉnh Bắc Kạn', 'Sổ khen thưởng theo xã']);
    expect(sheet.rows.map((r) => [r[2], r[3]])).toEqual([
      ['xã Dương Quang', 0],
      ['xã Nông Thượng', 1],
    ]);
    expect(sheet.rows[1][4]).toContain(
      '2025: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, Quyết định số 2500/QĐ-UBND ngày 26/12/2025',
    );
    const decisionsXlsx = await e
      .send('get', `${BASE}/decisions?year=2025&format=xlsx&${at()}`, tok.admin)
      .buffer(true)
      .parse(binary);
    expect((await readTable(decisionsXlsx.body, 'Quyết định khen thưởng')).rows.map((r) => r[1])).toEqual([
      '2500/QĐ-UBND',
    ]);

    for (const [query, code, field] of [
      ['fromYear=2026&toYear=2025', 'INVALID_PERIOD', 'Từ năm 2026'],
      [`name=${'x'.repeat(201)}`, 'VALIDATION_FAILED', "Trường 'name'"],
      ['fromYear=abc', 'VALIDATION_FAILED', "Trường 'fromYear'"],
    ]) {
      const res = await e.send('get', `${BASE}/registry?${query}`, tok.admin);
      expect([res.status, res.body.code]).toEqual([400, code]);
      expect(res.body.message).toContain(field);
    }
    expect((await e.send('get', `${BASE}/decisions?year=1999`, tok.admin)).status).toBe(400);
  });

  it('flags the dependent award when the recognition it rested on is revoked, and lets the authority revoke it', async () => {
    const d = ntDossier.dossier;
    await d.ok('revocation', tok.province, {
      reason: 'Kiểm tra năm 2026: nhiều tiêu chí không được duy trì',
    });
    await d.ok('revocation/assessment', tok.province, {
      results: findings((n) => ![2, 3, 4, 5, 17, 19].includes(n)),
    });
    const revoked = await d.ok('revocation/decision', tok.chairman, {
      decisionNumber: '88/QĐ-UBND',
      decidedOn: '2026-04-01',
    });

    // Feed the process manager the dossier events as its runner would (the worker's own may have been first).
    // Readers see the revocation only once every older transaction in the cluster (another suite's too) ends.
    const store = t.app.get<EventStore>(EVENT_STORE);
    await untilVisible(store, revoked.position);
    const manager = new AwardFlagsManager(store, t.app.get(CommandGateway), t.clock);
    const events: RecordedEvent[] = [];
    for (let after = ''; ;) {
      const slice = await store.readAll({ after, streamPrefixes: [DOSSIER_STREAM_PREFIX] });
      events.push(...slice.events);
      after = slice.position;
      if (slice.isEnd) break;
    }
    await deliver(manager, events);
    await deliver(manager, events); // a redelivery flags nothing twice
    // Every write so far, the flag among them, seen by readers or not.
    const head = await store.committedPosition();

    const flagged = await e.ok(
      'get',
      `${BASE}/awards/flagged?minPosition=${encodeURIComponent(head)}`,
      tok.admin,
    );
    expect(flagged).toHaveLength(1);
    expect(flagged[0].recipient.name).toBe('xã Nông Thượng');
    expect(flagged[0].flags).toHaveLength(1);
    expect(flagged[0].flags[0].reason).toMatchObject({
      kind: 'recognition-revoked',
      decisionNumber: '88/QĐ-UBND',
      dossierId: d.id,
    });

    // The commune no longer qualifies for the award it had.
    const list = await e.ok(
      'get',
      `${BASE}/movements/ntm-2021-2025/candidates?awardTypeId=bang-khen-chu-tich-tinh&year=2025&minPosition=${encodeURIComponent(head)}`,
      tok.admin,
    );
    expect(
      list.find((c: { nominee: { name: string } }) => c.nominee.name === 'xã Nông Thượng').report.eligible,
    ).toBe(false);

    const awardId = flagged[0].awardId;
    const revoke = {
      reason: 'recognition-revoked',
      text: 'Quyết định công nhận 1234/QĐ-UBND đã bị thu hồi',
      decisionNumber: '300/QĐ-UBND',
      decidedOn: '2026-04-10',
    };
    expect((await e.send('post', `${BASE}/awards/${awardId}/revocation`, tok.secretary, revoke)).status).toBe(
      403,
    );
    track(await e.ok('post', `${BASE}/awards/${awardId}/revocation`, tok.chairman, revoke));
    const registry = await e.ok('get', `${BASE}/registry/commune:01843?${at()}`, tok.admin);
    expect(registry[0].revoked).toMatchObject({
      decisionNumber: '300/QĐ-UBND',
      reason: 'recognition-revoked',
    });
    expect(await e.ok('get', `${BASE}/awards/flagged?${at()}`, tok.admin)).toEqual([]);
  });

  it("shows a province's emulation record only to users whose jurisdiction covers it", async () => {
    const outsider = await t.token('province_officer', { provinceCode: '24' });
    for (const path of [BASE, `${BASE}/awards?year=2025`, `${BASE}/nominations?movementId=ntm-2021-2025`]) {
      const res = await t.http.get(path).set('authorization', `Bearer ${outsider}`);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 403,
        code: 'OUTSIDE_JURISDICTION',
      });
    }
    // Nor checks a candidate against its record.
    const check = await t.http
      .post('/api/v1/emulation/nominations/eligibility')
      .set('authorization', `Bearer ${outsider}`)
      .send({
        provinceCode: PROVINCE,
        movementId: 'ntm-2021-2025',
        awardTypeId: 'bang-khen-chu-tich-tinh',
        year: 2025,
        nominee: commune(nongThuong),
      });
    expect({ status: check.status, code: check.body.code }).toEqual({
      status: 403,
      code: 'OUTSIDE_JURISDICTION',
    });
    const own = await t.http.get(BASE).set('authorization', `Bearer ${tok.province}`);
    expect(own.status).toBe(200);
    const [first] = await e.ok('get', `${BASE}/nominations?movementId=ntm-2021-2025&${at()}`, tok.admin);
    const nomination = await t.http
      .get(`/api/v1/emulation/nominations/${first.id}`)
      .set('authorization', `Bearer ${outsider}`);
    expect(nomination.status).toBe(403);
  });
  // RULES-2026.md §2: history, records and commendations follow a commune through a merger. TEST DATA: the two
  // communes and the merger's resolution are made up.
  it("holds a merged commune's acknowledged level as its recognition, and its predecessors' awards as its own", async () => {
    const units = await t.http
      .post('/api/v1/admin/units/changes')
      .set('authorization', `Bearer ${tok.admin}`)
      .send({
        changes: [
          {
            type: 'RegisterUnit',
            kind: 'commune',
            code: '01849',
            name: 'xã Thanh Mai',
            provinceCode: PROVINCE,
            parentCode: '058',
          },
          {
            type: 'RegisterUnit',
            kind: 'commune',
            code: '01852',
            name: 'xã Thanh Vận',
            provinceCode: PROVINCE,
            parentCode: '058',
          },
          {
            type: 'MergeUnits',
            kind: 'commune',
            predecessorCodes: ['01849', '01852'],
            successorCode: '01855',
            successorName: 'xã Thanh Thịnh',
            provinceCode: PROVINCE,
            effectiveOn: '2025-07-01',
            basis: { number: '9999/NQ-UBTVQH15', issuedOn: '2025-06-16' },
          },
        ],
      });
    expect(units.status).toBe(201);
    await recordPastRecognition(t, '01849', {
      level: 'ntm',
      decisionNumber: '777/QĐ-UBND',
      decidedOn: '2023-12-20',
    });
    const acknowledged = await e.ok('post', '/api/v1/communes/01855/acknowledgements', tok.province, {
      level: 'ntm',
      reasons: ['Xã Thanh Mai đã đạt chuẩn nông thôn mới (Quyết định 777/QĐ-UBND ngày 20/12/2023)'],
      decisionNumber: '260/QĐ-UBND',
      decidedOn: '2025-08-15',
    });
    track(acknowledged);
    const candidates = await e.ok(
      'get',
      `${BASE}/movements/ntm-2021-2025/candidates?awardTypeId=bang-khen-chu-tich-tinh&year=2025&${at()}`,
      tok.admin,
    );
    const merged = candidates.find(
      (c: { nominee: { communeCode: string } }) => c.nominee.communeCode === '01855',
    );
    expect(merged).toMatchObject({
      nominee: { name: 'xã Thanh Thịnh' },
      report: {
        eligible: true,
        checks: expect.arrayContaining([
          expect.objectContaining({
            rule: 'holds-recognition',
            status: 'passed',
            evidence: [
              {
                kind: 'acknowledgement',
                level: 'ntm',
                decisionNumber: '260/QĐ-UBND',
                decidedOn: '2025-08-15',
              },
            ],
          }),
        ]),
      },
    });
  });
});
