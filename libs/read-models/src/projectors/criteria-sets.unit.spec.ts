import {
  criteriaSetCatalogueDecider,
  criteriaSetSummary,
  currentEntries,
  loadedEntry,
  ntmSet2026,
  testSet2026,
  type CriteriaSetEvent,
} from '@ntm/criteria';
import { criteriaSetList } from './criteria-sets';

describe('the criteria-sets read model', () => {
  it('lists what the catalogue holds: built-ins first, a newer version in its set’s place, new sets after', () => {
    const events: CriteriaSetEvent[] = [
      { ...testSet2026('06'), id: 'tinh-06-2026-xa-ntm' },
      { ...ntmSet2026, version: 2, unverified: ['thử'] },
    ].map((document, i) => ({
      type: 'CriteriaSetLoaded',
      data: {
        id: document.id,
        version: document.version,
        hash: `${i}`.padStart(64, '0'),
        document,
        loadedAt: '2026-03-01T02:00:00.000Z',
        loadedBy: 'u-admin',
      },
    }));
    const catalogue = events.reduce(
      criteriaSetCatalogueDecider.evolve,
      criteriaSetCatalogueDecider.initialState(),
    );
    expect(criteriaSetList(events.map((e) => criteriaSetSummary(loadedEntry(e))))).toEqual(
      currentEntries(catalogue).map(criteriaSetSummary),
    );
  });
});
