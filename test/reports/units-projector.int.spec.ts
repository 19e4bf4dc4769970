import { randomUUID } from 'node:crypto';
import { qualifiedTable } from '@ntm/event-store';
import { administrativeUnits, physicalName, unitsTable, type Build, type UnitRow } from '@ntm/read-models';
import { UNITS_STREAM, type UnitEvent } from '@ntm/units';
import { allEvents, applyDirect, freshBuild, openTestDb, snapshot, type TestDb } from './support';

/*
 * The administrative-units read model over the register's stream: a commune of Bắc Kạn and one of its villages
 * renamed, two communes merged into one of them under a new name, later renamed again (TEST DATA: the village, the
 * new names and the acts are made up). Each row keeps its former names with the date and the act, once however
 * often the history is replayed.
 */

const res9990 = { number: '9990/NQ-UBTVQH15', issuedOn: '2025-06-16' };
const res9998 = { number: '9998/NQ-UBTVQH15', issuedOn: '2025-12-15' };
const res15 = { number: '15/NQ-HĐND', issuedOn: '2026-01-20' };
const registered = (
  kind: 'province' | 'commune' | 'village',
  code: string,
  name: string,
  parent: string | null,
) =>
  ({
    type: 'UnitRegistered',
    data: { kind, code, name, provinceCode: '06', parentCode: parent, effectiveOn: null, basis: null },
  }) satisfies UnitEvent;
const renamed = (
  code: string,
  previousName: string,
  name: string,
  effectiveOn: string,
  basis: typeof res15,
) => ({ type: 'UnitRenamed', data: { code, name, previousName, effectiveOn, basis } }) satisfies UnitEvent;

const HISTORY: UnitEvent[] = [
  registered('province', '06', 'Tỉnh Bắc Kạn', null),
  registered('commune', '01840', 'xã Dương Quang', null),
  registered('commune', '01843', 'xã Nông Thượng', null),
  {
    type: 'UnitsMerged',
    data: {
      kind: 'commune',
      predecessorCodes: ['01840', '01843'],
      successorCode: '01843',
      successorName: 'xã Quang Thượng',
      previousName: 'xã Nông Thượng',
      provinceCode: '06',
      effectiveOn: '2025-07-01',
      basis: res9990,
    },
  },
  registered('commune', '01846', 'xã Xuất Hóa', null),
  registered('village', '01846-01', 'thôn Bản Cạu', '01846'),
  renamed('01846', 'xã Xuất Hóa', 'phường Xuất Hóa', '2026-01-01', res9998),
  renamed('01846-01', 'thôn Bản Cạu', 'tổ dân phố Bản Cạu', '2026-02-01', res15),
  renamed('01846-01', 'tổ dân phố Bản Cạu', 'tổ dân phố số 1', '2026-03-01', res15),
  renamed('01843', 'xã Quang Thượng', 'phường Quang Thượng', '2026-01-01', res9998),
];

describe('the administrative-units read model', () => {
  let t: TestDb;
  const build: Build = { version: administrativeUnits.version, build: 1 };

  beforeAll(async () => {
    t = await openTestDb('rm_admin_units');
    await t.store.append(
      UNITS_STREAM,
      HISTORY.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data as unknown as Record<string, unknown>,
        metadata: {
          actor: 'quan-tri',
          role: 'admin',
          correlationId: randomUUID(),
          causationId: randomUUID(),
        },
      })),
      { expectedVersion: 'no-stream' },
    );
    await freshBuild(t, administrativeUnits, build);
  });
  afterAll(() => t.close());

  it('keeps each unit’s former names with their date and act, once however often replayed', async () => {
    const events = await allEvents(t.store);
    await applyDirect(t, administrativeUnits, build, events, 1);
    const first = await snapshot(t, administrativeUnits, build);
    await applyDirect(t, administrativeUnits, build, events, 1000);
    await applyDirect(t, administrativeUnits, build, events.slice(2), 2);
    // From the merger on: after the later renaming, the merger's former name is still the one it recorded.
    await applyDirect(t, administrativeUnits, build, events.slice(3), 1);
    expect(await snapshot(t, administrativeUnits, build)).toEqual(first);

    const rows: Pick<UnitRow, 'code' | 'name' | 'former_names'>[] = await t.db.query(
      `SELECT code, name, former_names FROM ${qualifiedTable(t.schema, physicalName(unitsTable, build))}
       WHERE kind <> 'province' ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: '01840', name: 'xã Dương Quang', former_names: [] },
      {
        code: '01843',
        name: 'phường Quang Thượng',
        // The name it bore until the merger gave it a new one, then the merger's name until the renaming.
        former_names: [
          { name: 'xã Nông Thượng', until: '2025-07-01', basis: res9990 },
          { name: 'xã Quang Thượng', until: '2026-01-01', basis: res9998 },
        ],
      },
      {
        code: '01846',
        name: 'phường Xuất Hóa',
        former_names: [{ name: 'xã Xuất Hóa', until: '2026-01-01', basis: res9998 }],
      },
      {
        code: '01846-01',
        name: 'tổ dân phố số 1',
        former_names: [
          { name: 'thôn Bản Cạu', until: '2026-02-01', basis: res15 },
          { name: 'tổ dân phố Bản Cạu', until: '2026-03-01', basis: res15 },
        ],
      },
    ]);
  });
});
