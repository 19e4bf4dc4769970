import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import {
  communeRecordDecider,
  holdingsOf,
  pilotDesignation,
  type AcknowledgeCommuneStatus,
  type CommuneRecordEvent,
  type RecordCommuneDecision,
  type SetCommunePilot,
} from './commune-record';
import { recognitionGranted, recognitionRevoked } from './testing/commune-record';

const system: Actor = { id: 'system:commune-record', name: 'Hệ thống', role: 'system', jurisdiction: {} };
const officer: Actor = {
  id: 'can-bo-tinh',
  name: 'Cán bộ tỉnh',
  role: 'province_officer',
  jurisdiction: { provinceCode: '06' },
};

const granted = recognitionGranted('ntm', 'd1', '10/QĐ-UBND');
const revoked = recognitionRevoked('ntm', 'd1');

const record = (event: CommuneRecordEvent, actor: Actor = system): RecordCommuneDecision => ({
  type: 'RecordCommuneDecision',
  data: { event },
  metadata: { actor, now: '2026-04-02T02:00:00.000Z' },
});

describe("the commune record's decider (the commune-record process manager's command)", () => {
  it('writes a dossier decision the record does not hold yet', () => {
    spec(communeRecordDecider).given([]).when(record(granted)).then([granted]);
    spec(communeRecordDecider).given([granted]).when(record(revoked)).then([revoked]);
  });

  it('writes a decision once: a redelivered dossier event changes nothing', () => {
    spec(communeRecordDecider).given([granted]).when(record(granted)).thenNothingHappens();
    spec(communeRecordDecider).given([granted, revoked]).when(record(revoked)).thenNothingHappens();
  });

  it('is written by the system only', () => {
    spec(communeRecordDecider)
      .given([])
      .when(record(granted, officer))
      .thenThrows('COMMUNE_RECORD_SYSTEM_ONLY', 'forbidden');
  });
});

describe('the province acknowledges (thừa nhận) the level of a commune formed by a merger (RULES-2026.md §2)', () => {
  /** Resolution 1683/NQ-UBTVQH15, Art. 1.1: Thịnh Đức, Bình Sơn and Tân Cương become the commune of Tân Cương. */
  const lineage = {
    mergedOn: '2025-07-01',
    basis: { number: '1683/NQ-UBTVQH15', issuedOn: '2025-06-16', unverified: 'ngày ban hành chưa đối chiếu' },
    predecessors: [
      { code: '05800', name: 'Xã Thịnh Đức', holdings: ['ntm' as const] },
      { code: '05803', name: 'Xã Bình Sơn', holdings: ['ntm' as const, 'nang-cao' as const] },
      { code: '05806', name: 'Xã Tân Cương', holdings: [] },
    ],
  };
  const tnOfficer: Actor = { ...officer, jurisdiction: { provinceCode: '19' } };
  const acknowledge = (
    data: Partial<AcknowledgeCommuneStatus['data']> = {},
    actor: Actor = tnOfficer,
  ): AcknowledgeCommuneStatus => ({
    type: 'AcknowledgeCommuneStatus',
    data: {
      provinceCode: '19',
      communeCode: '05806',
      communeName: 'Xã Tân Cương',
      level: 'ntm',
      reasons: ['Hai trong ba xã trước sắp xếp đã đạt chuẩn nông thôn mới; xã mới duy trì các tiêu chí'],
      decisionNumber: '250/QĐ-UBND',
      decidedOn: '2026-03-10',
      lineage,
      ...data,
    },
    metadata: { actor, now: '2026-03-10T03:00:00.000Z' },
  });

  /** What the decider records for `acknowledge()`: the given of the checks that follow it. */
  const acknowledged: CommuneRecordEvent = {
    type: 'CommuneStatusAcknowledged',
    data: {
      provinceCode: '19',
      level: 'ntm',
      period: '2021-2025',
      reasons: ['Hai trong ba xã trước sắp xếp đã đạt chuẩn nông thôn mới; xã mới duy trì các tiêu chí'],
      decisionNumber: '250/QĐ-UBND',
      decidedOn: '2026-03-10',
      mergedOn: '2025-07-01',
      mergerBasis: lineage.basis,
      predecessors: lineage.predecessors,
      unverified: 'UNVERIFIED: điều kiện thừa nhận chưa đối chiếu được với văn bản chính thức',
      acknowledgedBy: 'can-bo-tinh',
      acknowledgedAt: '2026-03-10T03:00:00.000Z',
    },
  };

  it("records the level with the province's reasons, the predecessors' standings and the UNVERIFIED note", () => {
    const [event] = spec(communeRecordDecider)
      .given([])
      .when(acknowledge())
      .thenMatch([
        {
          type: 'CommuneStatusAcknowledged',
          data: {
            level: 'ntm',
            decisionNumber: '250/QĐ-UBND',
            mergedOn: '2025-07-01',
            predecessors: lineage.predecessors,
            acknowledgedBy: 'can-bo-tinh',
          },
        },
      ]);
    expect((event.data as { unverified: string }).unverified).toMatch(/^UNVERIFIED/);
    // The July 2025 merger's standing is of 2021-2025 (period-rules.ts): it does not stand for 2026-2030.
    expect((event.data as { period: string }).period).toBe('2021-2025');
  });

  it('holds the acknowledged level for its period only, and takes the same decision once', () => {
    const after = spec(communeRecordDecider).given([acknowledged]).state;
    expect(holdingsOf(after, '2021-2025')).toEqual(['ntm']);
    expect(holdingsOf(after, '2026-2030')).toEqual([]);
    // The same decision again changes nothing; another one for the same level is a conflict.
    spec(communeRecordDecider).given([acknowledged]).when(acknowledge()).thenNothingHappens();
    const again = spec(communeRecordDecider)
      .given([acknowledged])
      .when(acknowledge({ decisionNumber: '300/QĐ-UBND' }))
      .thenThrows('COMMUNE_STATUS_ALREADY_ACKNOWLEDGED', 'conflict');
    expect(again.message).toBe(
      'Xã Tân Cương đã được thừa nhận mức nông thôn mới theo 250/QĐ-UBND ngày 10/03/2026',
    );
  });

  it('refuses a level no predecessor held, a commune not formed by a merger, a date before the merger', () => {
    spec(communeRecordDecider)
      .given([])
      .when(acknowledge({ level: 'kieu-mau' }))
      .thenThrows('NO_PREDECESSOR_HOLDS_LEVEL', 'rule');
    spec(communeRecordDecider)
      .given([])
      .when(acknowledge({ lineage: null }))
      .thenThrows('COMMUNE_NOT_MERGED', 'rule');
    const early = spec(communeRecordDecider)
      .given([])
      .when(acknowledge({ decidedOn: '2025-06-30' }))
      .thenThrows('ACKNOWLEDGED_BEFORE_MERGER', 'rule');
    expect(early.message).toBe('Ngày thừa nhận 30/06/2025 trước ngày sắp xếp 01/07/2025 (1683/NQ-UBTVQH15)');
  });

  it('needs reasons and the decision, and is the province’s act within its own area', () => {
    spec(communeRecordDecider)
      .given([])
      .when(acknowledge({ reasons: [] }))
      .thenThrows('INVALID_FIELD', 'invalid');
    spec(communeRecordDecider)
      .given([])
      .when(acknowledge({ decisionNumber: ' ' }))
      .thenThrows('INVALID_FIELD', 'invalid');
    spec(communeRecordDecider)
      .given([])
      .when(acknowledge({}, officer))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    spec(communeRecordDecider)
      .given([])
      .when(acknowledge({}, { ...tnOfficer, role: 'commune_officer' }))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });
});

describe('the province selects communes to pilot "hiện đại" (Decision 51/2025/QĐ-TTg, Appendix II)', () => {
  const basis = 'Quyết định 456/QĐ-UBND ngày 10/03/2026 của UBND tỉnh Bắc Kạn';
  const setPilot = (
    designated: boolean,
    over: Partial<SetCommunePilot['data']> = {},
    actor: Actor = officer,
  ): SetCommunePilot => ({
    type: 'SetCommunePilot',
    data: {
      provinceCode: '06',
      communeCode: '01840',
      level: 'hien-dai',
      designated,
      basis,
      decidedOn: '2026-03-10',
      ...over,
    },
    metadata: { actor, now: '2026-03-11T02:00:00.000Z' },
  });
  const selected: CommuneRecordEvent = {
    type: 'CommunePilotSet',
    data: {
      provinceCode: '06',
      level: 'hien-dai',
      designated: true,
      basis,
      decidedOn: '2026-03-10',
      setBy: officer.id,
      setAt: '2026-03-11T02:00:00.000Z',
    },
  };

  it('records the selection with its basis; the same selection again changes nothing', () => {
    const when = spec(communeRecordDecider).given([]).when(setPilot(true));
    when.then([selected]);
    expect(pilotDesignation(when.stateAfter(), 'hien-dai')).toEqual(selected.data);
    spec(communeRecordDecider).given([selected]).when(setPilot(true)).thenNothingHappens();
  });

  it('takes a commune off the list, and refuses to take off one not on it', () => {
    const when = spec(communeRecordDecider).given([selected]).when(setPilot(false));
    when.thenMatch([{ type: 'CommunePilotSet', data: { designated: false } }]);
    expect(pilotDesignation(when.stateAfter(), 'hien-dai')).toBeNull();
    spec(communeRecordDecider).given([]).when(setPilot(false)).thenThrows('NOT_A_PILOT_COMMUNE', 'rule');
    const takenOff = [selected, ...when.thenMatch([{ type: 'CommunePilotSet' }])];
    spec(communeRecordDecider)
      .given(takenOff)
      .when(setPilot(false, { basis: 'Quyết định 789/QĐ-UBND', decidedOn: '2026-06-01' }))
      .thenThrows('NOT_A_PILOT_COMMUNE', 'rule');
  });

  it('records a corrected date of the same document', () => {
    spec(communeRecordDecider)
      .given([selected])
      .when(setPilot(true, { decidedOn: '2026-03-11' }))
      .thenMatch([{ type: 'CommunePilotSet', data: { designated: true, decidedOn: '2026-03-11' } }]);
  });

  it('is the province’s act within its area, for a pilot level, with a basis and a date', () => {
    const commune: Actor = {
      ...officer,
      role: 'commune_officer',
      jurisdiction: { provinceCode: '06', communeCode: '01840' },
    };
    spec(communeRecordDecider)
      .given([])
      .when(setPilot(true, {}, commune))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec(communeRecordDecider)
      .given([])
      .when(setPilot(true, { provinceCode: '24' }))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    spec(communeRecordDecider)
      .given([])
      .when(setPilot(true, { level: 'ntm' }))
      .thenThrows('INVALID_FIELD');
    spec(communeRecordDecider)
      .given([])
      .when(setPilot(true, { basis: '  ' }))
      .thenThrows('INVALID_FIELD');
    spec(communeRecordDecider)
      .given([])
      .when(setPilot(true, { decidedOn: '10/03/2026' }))
      .thenThrows('INVALID_FIELD');
  });
});
