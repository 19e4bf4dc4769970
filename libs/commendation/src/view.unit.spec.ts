import { communeStreamId } from '@ntm/recognition';
import { checkEligibility } from './eligibility';
import { recipientKey, type Nominee } from './types';
import { quotaStreamId } from './reservation';
import {
  awardTallies,
  candidatesFor,
  communeAwards,
  emptyView,
  evolveView,
  memberFigures,
  quotaReport,
  recordFor,
  registryFor,
  RECIPIENT_SEARCH_LIMIT,
  searchRecipients,
  type ViewEvent,
} from './view';
import {
  NOW,
  PROVINCE,
  bangKhenThuTuong,
  duongQuang,
  hopTacXa,
  movement,
  nongThuong,
  person,
  secretary,
} from './testing/fixtures';
import { dossierHistory, priorAward, programmeHistory } from './testing/history';
import { nominationSubmitted } from './testing/nomination';

describe('commendation view', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      dossierHistory(`d${i}`, `9${String(i).padStart(4, '0')}`, `xã số ${i}`, '2024-06-01'),
    ).flat();
  const view = () => {
    const v = emptyView();
    [
      ...dossierHistory('dnt', '01843', 'xã Nông Thượng', '2023-12-15'),
      ...dossierHistory('ddq', '01840', 'xã Dương Quang', '2022-12-01', '2025-06-01'),
      ...many(19),
      ...programmeHistory(),
    ].forEach((e) => evolveView(v, e));
    return v;
  };

  // A movement's own quota of all the communes.
  const moiXa = {
    id: 'moi-xa',
    awardTypeId: 'bang-khen-thu-tuong',
    base: 'province-communes' as const,
    share: { num: 10, den: 100 },
    rounding: 'ceil' as const,
    source: 'chưa xác minh',
  };

  it('reads the record of a commune: recognitions, survey, cluster standing, quota bases', () => {
    const r = recordFor(view(), {
      provinceCode: PROVINCE,
      nominee: nongThuong,
      movement,
      year: 2025,
    });
    expect(r.recognitions).toEqual([
      { dossierId: 'dnt', level: 'ntm', decisionNumber: 'dnt/QĐ', decidedOn: '2023-12-15', revoked: null },
    ]);
    expect(r.surveys).toEqual([{ dossierId: 'dnt', satisfactionRate: 0.95, participationRate: 0.8 }]);
    expect(r.standing).toEqual({
      clusterId: 'cum-1',
      clusterName: 'Cụm 1',
      year: 2025,
      rank: 1,
      of: 2,
      score: 96,
      leader: true,
    });
    // 19 + Nông Thượng hold NTM; Dương Quang's was revoked.
    expect(r.counts).toEqual({
      'province-ntm-communes': 20,
      'province-kieu-mau-communes': 0,
      'cluster-leaders': 1,
    });
  });

  it('shows the record figures beside a member score', () => {
    expect(memberFigures(view(), nongThuong, 2023)).toEqual({
      holdings: ['ntm'],
      recognisedInYear: ['ntm'],
      satisfactionRate: 0.95,
    });
    expect(memberFigures(view(), duongQuang, 2022)).toEqual({
      holdings: [],
      recognisedInYear: [],
      satisfactionRate: 0.95,
    });
  });

  it('lists the candidates of a movement, eligible first, with the reason of each', () => {
    const list = candidatesFor(view(), {
      provinceCode: PROVINCE,
      movement,
      awardTypeId: 'bang-khen-chu-tich-tinh',
      year: 2025,
    });
    expect(list).toHaveLength(21);
    const dq = list.find((c) => c.nominee.name === 'xã Dương Quang')!;
    expect(dq.report.eligible).toBe(false);
    expect(dq.report.checks.find((c) => c.rule === 'holds-recognition')!.detail).toContain('thu-hoi-ddq');
    expect(list[list.length - 1].nominee.name).toBe('xã Dương Quang');
  });

  // RULES-2026.md §2: history, records and commendations follow a commune through a merger.
  it('a commune formed by a merger holds the level the province acknowledged, and its predecessors’ awards are its own', () => {
    const v = view();
    const merged: Nominee = {
      kind: 'commune',
      provinceCode: PROVINCE,
      communeCode: '99001',
      name: 'xã Bằng Vân',
    };
    [
      priorAward(),
      {
        streamId: communeStreamId('99001'),
        type: 'CommuneStatusAcknowledged',
        data: {
          provinceCode: PROVINCE,
          communeName: 'xã Bằng Vân',
          level: 'ntm',
          period: '2021-2025',
          reasons: ['Các xã trước sắp xếp đều đạt chuẩn nông thôn mới'],
          decisionNumber: '15/QĐ-UBND',
          decidedOn: '2025-08-01',
          mergedOn: '2025-07-01',
          mergerBasis: { number: '1681/NQ-UBTVQH15', date: '2025-06-16' },
          predecessors: [{ code: '01843', name: 'xã Nông Thượng', holdings: ['ntm'] }],
          unverified: 'chưa xác minh',
          acknowledgedBy: 'cb-tinh',
          acknowledgedAt: NOW,
        },
      },
    ].forEach((e) => evolveView(v, e));
    const candidate = candidatesFor(v, {
      provinceCode: PROVINCE,
      movement,
      awardTypeId: 'bang-khen-chu-tich-tinh',
      year: 2025,
    }).find((c) => c.recipientKey === 'commune:99001');
    const held = candidate?.report.checks.find((c) => c.rule === 'holds-recognition');
    expect({ name: candidate?.nominee.name, status: held?.status, evidence: held?.evidence }).toEqual({
      name: 'xã Bằng Vân',
      status: 'passed',
      evidence: [
        { kind: 'acknowledgement', level: 'ntm', decisionNumber: '15/QĐ-UBND', decidedOn: '2025-08-01' },
      ],
    });
    expect(held?.detail).toContain('văn bản số 15/QĐ-UBND ngày 01/08/2025');
    const r = recordFor(v, { provinceCode: PROVINCE, nominee: merged, movement, year: 2025 });
    expect(r.awards.map((a) => a.awardId)).toEqual(['p1']);
    // Counted among the province's NTM communes: 20 before it.
    expect(r.counts['province-ntm-communes']).toBe(21);
    expect(memberFigures(v, merged, 2025)?.holdings).toEqual(['ntm']);
  });

  it('counts quota use from the quota reservations', () => {
    const v = view();
    const stream = quotaStreamId(PROVINCE, movement.id, bangKhenThuTuong.id);
    evolveView(v, {
      streamId: stream,
      type: 'ReservationClaimed',
      data: {
        subject: {
          kind: 'quota',
          provinceCode: PROVINCE,
          movementId: movement.id,
          awardTypeId: bangKhenThuTuong.id,
          label: 'x',
        },
        holder: { nominationId: 'n-1', nomineeName: 'xã Nông Thượng', awardTypeName: 'x' },
        capacity: 1,
        claimedAt: NOW,
      },
    });
    const line = quotaReport(v, PROVINCE, movement.id, 2025).find(
      (q) => q.awardTypeId === 'bang-khen-thu-tuong',
    )!;
    expect(line).toMatchObject({
      baseCount: 20,
      capacity: 1,
      used: 1,
      holders: [{ nominationId: 'n-1', nomineeName: 'xã Nông Thượng' }],
    });
    expect(
      recordFor(v, {
        provinceCode: PROVINCE,
        nominee: nongThuong,
        movement,
        year: 2025,
        excludeNominationId: 'n-1',
      }).quotaUse,
    ).toEqual({ 'bang-khen-thu-tuong': 0 });
  });

  it('counts the bases of a movement’s own quotas and reports each quota (RULES-2026.md §3)', () => {
    const v = view();
    const own = {
      ...movement,
      id: 'ntm-rieng',
      quotas: [
        {
          id: 'xa-ntm-trong-giai-doan',
          awardTypeId: 'bang-khen-thu-tuong',
          base: 'province-ntm-in-period' as const,
          share: { num: 5, den: 100 },
          rounding: 'floor' as const,
          source: 'chưa xác minh',
        },
        moiXa,
      ],
    };
    evolveView(v, { streamId: 'emulation-06', type: 'MovementLaunched', data: { movement: own } });
    const r = recordFor(v, { provinceCode: PROVINCE, nominee: nongThuong, movement: own, year: 2025 });
    // 21 communes; Dương Quang's recognition was revoked, the other 20 were recognised within 2021-2025.
    expect(r.counts).toMatchObject({ 'province-communes': 21, 'province-ntm-in-period': 20 });
    const lines = quotaReport(v, PROVINCE, own.id, 2025).filter(
      (q) => q.awardTypeId === 'bang-khen-thu-tuong',
    );
    expect(lines.map((q) => [q.key, q.baseCount, q.capacity, q.source])).toEqual([
      ['bang-khen-thu-tuong.xa-ntm-trong-giai-doan', 20, 1, 'chưa xác minh'],
      ['bang-khen-thu-tuong.moi-xa', 21, 3, 'chưa xác minh'],
    ]);
    // Each line says in words how its size comes from its base's count.
    expect(lines.map((q) => q.basis)).toEqual([
      '5/100 × 20 xã được công nhận đạt chuẩn nông thôn mới trong giai đoạn, làm tròn xuống',
      '10/100 × 21 xã của tỉnh, làm tròn lên',
    ]);
    // With the province's communes registered among the administrative units, "all the communes" are those.
    v.registeredCommunes.set(PROVINCE, 40);
    expect(
      recordFor(v, { provinceCode: PROVINCE, nominee: nongThuong, movement: own, year: 2025 }).counts,
    ).toMatchObject({ 'province-communes': 40, 'province-ntm-in-period': 20 });
    // The movement launched before quotas keeps the award type's own rule, under its old key.
    expect(
      quotaReport(v, PROVINCE, movement.id, 2025).find((q) => q.awardTypeId === 'bang-khen-thu-tuong'),
    ).toMatchObject({ key: 'bang-khen-thu-tuong', quotaId: null, base: 'province-ntm-communes' });
  });

  it('counts a quota’s base from the movement the check is made on, while the read side shows it dropped', () => {
    // The nomination read the programme before the amendment; the read side had already projected it.
    const v = view();
    const checkedOn = { ...movement, id: 'ntm-rieng', quotas: [moiXa] };
    evolveView(v, { streamId: 'emulation-06', type: 'MovementLaunched', data: { movement: checkedOn } });
    evolveView(v, {
      streamId: 'emulation-06',
      type: 'MovementQuotasAmended',
      data: {
        movementId: checkedOn.id,
        quotas: [],
        reason: 'Bỏ chỉ tiêu',
        basis: null,
        previous: [moiXa],
        amendedBy: secretary.id,
        amendedAt: NOW,
      },
    });
    const record = recordFor(v, {
      provinceCode: PROVINCE,
      nominee: nongThuong,
      movement: checkedOn,
      year: 2025,
    });
    expect(record.counts['province-communes']).toBe(21);
    const report = checkEligibility({
      awardType: bangKhenThuTuong,
      nominee: nongThuong,
      movement: checkedOn,
      year: 2025,
      record,
    });
    expect(report.quota).toMatchObject({ baseCount: 21, capacity: 3, used: 0 });
    expect(report.checks.find((c) => c.rule === 'quota')).toMatchObject({ status: 'passed' });
  });

  it('tallies awards per year and type, and keeps the registry per recipient', () => {
    const v = view();
    const submitted = nominationSubmitted(
      {
        awardType: { ...bangKhenThuTuong, rules: [], proposers: ['emulation_secretary'] },
        record: recordFor(v, {
          provinceCode: PROVINCE,
          nominee: nongThuong,
          movement,
          year: 2025,
        }),
        evidence: [],
      },
      secretary,
    );
    evolveView(v, { streamId: 'nomination-n-1', ...submitted });
    expect(v.nominations.get('n-1')?.status).toBe('submitted');
    evolveView(v, priorAward());
    expect(awardTallies(v, PROVINCE)).toEqual([
      {
        year: 2024,
        awardTypeId: 'tap-the-lao-dong-xuat-sac',
        awardTypeName: 'Tập thể lao động xuất sắc',
        count: 1,
        revoked: 0,
        flagged: 0,
      },
    ]);
    expect(registryFor(v, PROVINCE, 'commune:01843').map((a) => a.awardId)).toEqual(['p1']);
    expect(
      recordFor(v, { provinceCode: PROVINCE, nominee: nongThuong, movement, year: 2025 }).awards,
    ).toEqual([
      {
        awardId: 'p1',
        awardTypeId: 'tap-the-lao-dong-xuat-sac',
        year: 2024,
        decisionNumber: '9/QĐ',
        revoked: false,
      },
    ]);
  });

  it('lists every commune given with its awards of the period, a commune without any too', () => {
    const v = view();
    evolveView(v, priorAward());
    const communes = [
      { code: '01843', name: 'xã Nông Thượng', districtCode: '058' },
      { code: '01840', name: 'xã Dương Quang', districtCode: '058' },
    ];
    const listed = (period?: { fromYear?: number; toYear?: number }) =>
      communeAwards(v, PROVINCE, communes, period).map((c) => [c.name, c.awards.map((a) => a.awardId)]);
    expect(listed()).toEqual([
      ['xã Dương Quang', []],
      ['xã Nông Thượng', ['p1']],
    ]);
    expect(listed({ fromYear: 2024, toYear: 2024 })).toEqual([
      ['xã Dương Quang', []],
      ['xã Nông Thượng', ['p1']],
    ]);
    expect(listed({ fromYear: 2025 })).toEqual([
      ['xã Dương Quang', []],
      ['xã Nông Thượng', []],
    ]);
    expect(listed({ toYear: 2023 })).toEqual([
      ['xã Dương Quang', []],
      ['xã Nông Thượng', []],
    ]);
  });

  it('finds the collectives and people nominated or awarded before, by a name typed without diacritics', () => {
    const v = view();
    const nominated = (id: string, nominee: Nominee, submittedAt: string): ViewEvent => {
      const e = nominationSubmitted();
      return {
        streamId: `nomination-${id}`,
        type: e.type,
        data: { ...e.data, nominationId: id, nominee, recipientKey: recipientKey(nominee), submittedAt },
      };
    };
    const prior = priorAward();
    const priorOf = (awardId: string, recipient: Nominee): ViewEvent => ({
      ...prior,
      data: { ...(prior.data as object), awardId, recipient, recipientKey: recipientKey(recipient) },
    });
    const promoted = { ...person, position: 'Bí thư Đảng ủy, Chủ tịch HĐND xã', unit: 'xã Nông Thượng' };
    const namesake = { ...person, id: 'nguyen-van-an-2', position: 'Trưởng thôn Khuổi Mật' };
    [
      priorOf('p-person', person),
      priorOf('p-htx', hopTacXa),
      priorOf('p-commune', nongThuong),
      nominated('n-1', promoted, '2025-11-01T08:00:00Z'),
      nominated('n-2', namesake, '2025-11-02T08:00:00Z'),
      nominated('n-3', nongThuong, '2025-11-03T08:00:00Z'),
    ].forEach((e) => evolveView(v, e));

    // One entry per person: the prior award and the nomination under the same id, with the latest position.
    expect(searchRecipients(v, PROVINCE, { text: '  nguyen VAN an ' })).toEqual([
      {
        kind: 'individual',
        id: 'nguyen-van-an',
        recipientKey: 'individual:nguyen-van-an',
        name: 'Nguyễn Văn An',
        position: 'Bí thư Đảng ủy, Chủ tịch HĐND xã',
        unit: 'xã Nông Thượng',
        awards: 1,
        nominations: 1,
      },
      {
        kind: 'individual',
        id: 'nguyen-van-an-2',
        recipientKey: 'individual:nguyen-van-an-2',
        name: 'Nguyễn Văn An',
        position: 'Trưởng thôn Khuổi Mật',
        unit: null,
        awards: 0,
        nominations: 1,
      },
    ]);
    // Words in any order; communes are never offered (they are picked from the candidates).
    expect(searchRecipients(v, PROVINCE, { text: 'thuong nong' }).map((r) => r.recipientKey)).toEqual([
      'collective:htx-nong-thuong',
    ]);
    expect(searchRecipients(v, PROVINCE, { kind: 'collective' }).map((r) => r.name)).toEqual([
      'Hợp tác xã Nông Thượng',
    ]);
    expect(searchRecipients(v, PROVINCE, { text: 'an', kind: 'collective' })).toEqual([]);
    expect(searchRecipients(v, '02', {})).toEqual([]);
  });

  it('answers at most the search limit', () => {
    const v = view();
    const prior = priorAward();
    for (let i = 0; i < RECIPIENT_SEARCH_LIMIT + 5; i++) {
      const recipient = { ...hopTacXa, id: `htx-${i}`, name: `Hợp tác xã số ${i}` };
      evolveView(v, {
        ...prior,
        data: {
          ...(prior.data as object),
          awardId: `p-${i}`,
          recipient,
          recipientKey: recipientKey(recipient),
        },
      });
    }
    expect(searchRecipients(v, PROVINCE, { text: 'hop tac xa' })).toHaveLength(RECIPIENT_SEARCH_LIMIT);
  });
});
