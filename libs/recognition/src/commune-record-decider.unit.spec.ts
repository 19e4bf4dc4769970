import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import { communeRecordDecider, type CommuneRecordEvent, type RecordCommuneDecision } from './commune-record';

const system: Actor = { id: 'system:commune-record', name: 'Hệ thống', role: 'system', jurisdiction: {} };
const officer: Actor = {
  id: 'can-bo-tinh',
  name: 'Cán bộ tỉnh',
  role: 'province_officer',
  jurisdiction: { provinceCode: '06' },
};

const granted: CommuneRecordEvent = {
  type: 'CommuneRecognitionGranted',
  data: { level: 'ntm', dossierId: 'd1', decisionNumber: '10/QĐ-UBND', decidedOn: '2023-12-20' },
};
const revoked: CommuneRecordEvent = {
  type: 'CommuneRecognitionRevoked',
  data: { level: 'ntm', dossierId: 'd1', decisionNumber: '88/QĐ-UBND', decidedOn: '2026-04-01' },
};

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
