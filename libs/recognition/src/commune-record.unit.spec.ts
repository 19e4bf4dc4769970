import {
  communeStreamId,
  evolveCommuneRecord,
  holdingsByPeriod,
  holdingsOf,
  initialCommuneRecord,
  type CommuneRecordEvent,
} from './commune-record';
import { periodOpenOn, periodRules } from './period-rules';
import { upcastRecognitionPeriodV1 } from './upcasters';
import { recognitionGranted as granted, recognitionRevoked as revoked } from './testing/commune-record';

const fold = (events: CommuneRecordEvent[]) => events.reduce(evolveCommuneRecord, initialCommuneRecord());

describe("a commune's recognition record", () => {
  it('lives in the stream commune-<code>', () => {
    expect(communeStreamId('01843')).toBe('commune-01843');
  });

  it('holds nothing at first', () => {
    expect(holdingsOf(initialCommuneRecord(), '2021-2025')).toEqual([]);
  });

  it('holds every level granted and not revoked, in ascending order', () => {
    const record = fold([granted('nang-cao', 'd2', '20/QĐ-UBND'), granted('ntm', 'd1', '10/QĐ-UBND')]);
    expect(holdingsOf(record, '2021-2025')).toEqual(['ntm', 'nang-cao']);
  });

  it('drops a level once its recognition is revoked, keeping the history', () => {
    const record = fold([
      granted('ntm', 'd1', '10/QĐ-UBND'),
      granted('nang-cao', 'd2', '20/QĐ-UBND'),
      revoked('nang-cao', 'd2'),
    ]);
    expect(holdingsOf(record, '2021-2025')).toEqual(['ntm']);
    expect(record.recognitions[1].revoked).toEqual({ decisionNumber: '88/QĐ-UBND', decidedOn: '2026-04-01' });
  });

  it('holds a level again when a later dossier is granted after a revocation', () => {
    const record = fold([
      granted('ntm', 'd1', '10/QĐ-UBND'),
      revoked('ntm', 'd1'),
      granted('ntm', 'd3', '150/QĐ-UBND'),
    ]);
    expect(holdingsOf(record, '2021-2025')).toEqual(['ntm']);
    expect(record.recognitions).toHaveLength(2);
  });
});

/*
 * RULES-2026.md §1: Decision 51/2025/QĐ-TTg replaces the 19 criteria with 10 criteria and 47 indicators; no text
 * retrieved says a 2021-2025 recognition stands for the new standard. The conservative reading (period-rules.ts):
 * a dossier counts only its own period's recognitions; the record keeps every period's history.
 */
describe('recognitions carry their period (RULES-2026.md §1, period-rules.ts)', () => {
  it('a commune recognised NTM in 2021-2025 may still be assessed for NTM under 2026-2030', () => {
    const record = fold([granted('ntm', 'd1', '10/QĐ-UBND')]);
    expect(holdingsByPeriod(record)).toEqual({ '2021-2025': ['ntm'], '2026-2030': [] });
  });

  it('a 2026-2030 recognition counts for 2026-2030 only, the pilot "hiện đại" level included', () => {
    const record = fold([
      granted('ntm', 'd1', '10/QĐ-UBND'),
      granted('ntm', 'd2', '40/QĐ-UBND', '2026-2030'),
      granted('hien-dai', 'd3', '90/QĐ-UBND', '2026-2030'),
    ]);
    expect(holdingsOf(record, '2026-2030')).toEqual(['ntm', 'hien-dai']);
    expect(holdingsOf(record, '2021-2025')).toEqual(['ntm']);
  });

  it('revoking a 2021-2025 recognition leaves the 2026-2030 one standing (each revocation names its dossier)', () => {
    const record = fold([
      granted('ntm', 'd1', '10/QĐ-UBND'),
      granted('ntm', 'd2', '40/QĐ-UBND', '2026-2030'),
      revoked('ntm', 'd1'),
    ]);
    expect(holdingsByPeriod(record)).toEqual({ '2021-2025': [], '2026-2030': ['ntm'] });
  });

  it('the rule is data: each period counts its own recognitions only', () => {
    expect(periodRules['2021-2025'].recognitionsCountedFrom).toEqual(['2021-2025']);
    expect(periodRules['2026-2030'].recognitionsCountedFrom).toEqual(['2026-2030']);
    expect(periodRules['2026-2030'].unverified.join(' ')).toMatch(/xét lại/);
  });

  it('new dossiers are of 2021-2025 up to 14/02/2026 and of 2026-2030 from 15/02/2026 (Decision 51/2025 in force)', () => {
    expect(periodOpenOn('2025-07-01')).toBe('2021-2025');
    expect(periodOpenOn('2026-02-14')).toBe('2021-2025');
    expect(periodOpenOn('2026-02-15')).toBe('2026-2030');
  });
});

describe('old recognition events are raised on read, never rewritten (migration)', () => {
  it('a recognition written before periods were recorded is of 2021-2025, the pilot level of 2026-2030', () => {
    const old = { level: 'ntm', dossierId: 'd1', decisionNumber: '10/QĐ-UBND', decidedOn: '2023-12-20' };
    expect(upcastRecognitionPeriodV1(old)).toEqual({ ...old, period: '2021-2025' });
    expect(upcastRecognitionPeriodV1({ ...old, level: 'hien-dai' })).toEqual({
      ...old,
      level: 'hien-dai',
      period: '2026-2030',
    });
  });

  it('an event that already carries its period is left as written', () => {
    const recent = { level: 'ntm', period: '2026-2030', dossierId: 'd2' };
    expect(upcastRecognitionPeriodV1(recent)).toBe(recent);
  });
});
