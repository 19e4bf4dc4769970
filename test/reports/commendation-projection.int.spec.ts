import { randomUUID } from 'node:crypto';
import {
  candidatesFor,
  emptyView,
  evolveView,
  flaggedAwards,
  quotaReport,
  recordFor,
  type ViewEvent,
} from '@ntm/commendation';
import { PROVINCE, movement, nongThuong } from '../../libs/commendation/src/testing/fixtures';
import {
  commune,
  dossierHistory,
  priorAward,
  programmeHistory,
} from '../../libs/commendation/src/testing/history';
import { qualifiedTable, type RecordedEvent } from '@ntm/event-store';
import { untilVisible } from '../../libs/event-store/src/testing';
import { commendation, commendationEntitiesTable, physicalName, viewOfRows } from '@ntm/read-models';
import { allEvents, applyDirect, freshBuild, openTestDb, snapshot, type TestDb } from './support';

const v1 = { version: 1, build: 1 };

/** A dossier of a commune in another province: never part of this province's view. */
const elsewhere = (): ViewEvent[] =>
  dossierHistory('khac', '09999', 'xã Ở Tỉnh Khác', '2024-01-01').map((e) =>
    e.type === 'DossierOpened'
      ? {
          ...e,
          data: {
            ...(e.data as object),
            commune: { ...commune('09999', 'xã Ở Tỉnh Khác'), provinceCode: '07' },
          },
        }
      : e,
  );

const history = (): ViewEvent[] => [
  ...dossierHistory('dnt', '01843', 'xã Nông Thượng', '2023-12-15'),
  ...dossierHistory('ddq', '01840', 'xã Dương Quang', '2022-12-01', '2025-06-01'),
  ...Array.from({ length: 12 }, (_, i) =>
    dossierHistory(`d${i}`, `9${String(i).padStart(4, '0')}`, `xã số ${i}`, '2024-06-01'),
  ).flat(),
  ...elsewhere(),
  ...programmeHistory(),
  priorAward(),
];

describe('the commendation projection', () => {
  let t: TestDb;
  let events: RecordedEvent[];

  beforeAll(async () => {
    t = await openTestDb('rm_commendation');
    // One append per event, interleaving streams as a real history does.
    let last = '';
    for (const e of history()) {
      ({ position: last } = await t.store.append(
        e.streamId,
        [
          {
            eventId: randomUUID(),
            type: e.type,
            data: e.data,
            metadata: {
              actor: 'test',
              role: 'system',
              correlationId: randomUUID(),
              causationId: randomUUID(),
            },
          },
        ],
        { expectedVersion: 'any' },
      ));
    }
    // Readers see only below the oldest open transaction on the server: read once all of ours are visible.
    await untilVisible(t.store, last);
    events = await allEvents(t.store);
    await freshBuild(t, commendation, v1);
    // Small batches: an entity's events are spread over several transactions.
    await applyDirect(t, commendation, v1, events, 7);
  });
  afterAll(() => t.close());

  const provinceView = async (provinceCode: string) => {
    const name = qualifiedTable(t.schema, physicalName(commendationEntitiesTable, v1));
    return viewOfRows(await t.db.query(`SELECT * FROM ${name} WHERE province_code = $1`, [provinceCode]));
  };

  it('answers the commendation queries exactly as the in-memory fold of the whole history does', async () => {
    const folded = emptyView();
    for (const e of events) evolveView(folded, e);
    const stored = await provinceView(PROVINCE);

    const q = { provinceCode: PROVINCE, nominee: nongThuong, movement, year: 2025 };
    expect(recordFor(stored, q)).toEqual(recordFor(folded, q));
    const candidates = {
      provinceCode: PROVINCE,
      movement,
      awardTypeId: 'bang-khen-chu-tich-tinh',
      year: 2025,
    };
    expect(candidatesFor(stored, candidates)).toEqual(candidatesFor(folded, candidates));
    expect(quotaReport(stored, PROVINCE, movement.id, 2025)).toEqual(
      quotaReport(folded, PROVINCE, movement.id, 2025),
    );
    expect(flaggedAwards(stored, PROVINCE)).toEqual(flaggedAwards(folded, PROVINCE));
    expect(stored.programmes.get(PROVINCE)).toEqual(folded.programmes.get(PROVINCE));
    expect(stored.registers.get(PROVINCE)).toEqual(folded.registers.get(PROVINCE));
    // Dương Quang's recognition is revoked in both.
    expect(stored.communes.get('01840')?.recognitions[0].revoked).toMatchObject({
      decisionNumber: 'thu-hoi-ddq',
    });
  });

  it('keeps another province’s communes out of this province’s view', async () => {
    expect((await provinceView(PROVINCE)).communes.has('09999')).toBe(false);
    expect((await provinceView('07')).communes.get('09999')?.name).toBe('xã Ở Tỉnh Khác');
  });

  it('changes nothing when the history is applied again, in other batch sizes', async () => {
    const before = await snapshot(t, commendation, v1);
    await applyDirect(t, commendation, v1, events, 3);
    await applyDirect(t, commendation, v1, events, 1000);
    expect(await snapshot(t, commendation, v1)).toEqual(before);
  });
});
