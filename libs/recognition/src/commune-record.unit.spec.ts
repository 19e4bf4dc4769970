import {
  communeStreamId,
  evolveCommuneRecord,
  holdingsOf,
  initialCommuneRecord,
  type CommuneRecordEvent,
} from './commune-record';

const granted = (
  level: 'ntm' | 'nang-cao' | 'kieu-mau',
  dossierId: string,
  decisionNumber: string,
): CommuneRecordEvent => ({
  type: 'CommuneRecognitionGranted',
  data: { level, dossierId, decisionNumber, decidedOn: '2023-12-20' },
});

const fold = (events: CommuneRecordEvent[]) => events.reduce(evolveCommuneRecord, initialCommuneRecord());

describe("a commune's recognition record", () => {
  it('lives in the stream commune-<code>', () => {
    expect(communeStreamId('01843')).toBe('commune-01843');
  });

  it('holds nothing at first', () => {
    expect(holdingsOf(initialCommuneRecord())).toEqual([]);
  });

  it('holds every level granted and not revoked, in ascending order', () => {
    const record = fold([granted('nang-cao', 'd2', '20/QĐ-UBND'), granted('ntm', 'd1', '10/QĐ-UBND')]);
    expect(holdingsOf(record)).toEqual(['ntm', 'nang-cao']);
  });

  it('drops a level once its recognition is revoked, keeping the history', () => {
    const record = fold([
      granted('ntm', 'd1', '10/QĐ-UBND'),
      granted('nang-cao', 'd2', '20/QĐ-UBND'),
      {
        type: 'CommuneRecognitionRevoked',
        data: { level: 'nang-cao', dossierId: 'd2', decisionNumber: '88/QĐ-UBND', decidedOn: '2026-04-01' },
      },
    ]);
    expect(holdingsOf(record)).toEqual(['ntm']);
    expect(record.recognitions[1].revoked).toEqual({ decisionNumber: '88/QĐ-UBND', decidedOn: '2026-04-01' });
  });

  it('holds a level again when a later dossier is granted after a revocation', () => {
    const record = fold([
      granted('ntm', 'd1', '10/QĐ-UBND'),
      {
        type: 'CommuneRecognitionRevoked',
        data: { level: 'ntm', dossierId: 'd1', decisionNumber: '88/QĐ-UBND', decidedOn: '2026-04-01' },
      },
      granted('ntm', 'd3', '150/QĐ-UBND'),
    ]);
    expect(holdingsOf(record)).toEqual(['ntm']);
    expect(record.recognitions).toHaveLength(2);
  });
});
