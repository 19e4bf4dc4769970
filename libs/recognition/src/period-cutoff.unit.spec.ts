import { spec } from '@ntm/decider/testing';
import { periodRules } from './period-rules';
import { at, decider, scenario } from './testing/fixtures';
import { opened } from './testing/events';

/** The opening of a 2021-2025 dossier under `version` at `now`. */
const openOn = (now: string, version: '2021-2025' | '2025-two-tier' = '2025-two-tier') => {
  const { open } = scenario({ version });
  return { ...open, metadata: { ...open.metadata, now } };
};

/**
 * The 2021-2025 period closes to new dossiers (RULES-2026.md §1): Decision 51/2025/QĐ-TTg is in force from
 * 15/02/2026, so the last day a 2021-2025 dossier may be opened is 14/02/2026, Vietnam time. The open command
 * answers as the openable list does (period-rules.ts); a dossier opened by then continues under its own rules.
 */
describe('opening a 2021-2025 dossier after Decision 51/2025/QĐ-TTg took effect (RULES-2026.md §1)', () => {
  it('opens one on 14/02/2026, the last day, late in the evening in Vietnam', () => {
    expect(periodRules['2021-2025'].opensUntil).toBe('2026-02-14');
    spec(decider)
      .given([])
      .when(openOn(at('2026-02-14', '23:30')))
      .thenMatch([
        { type: 'DossierOpened', data: { period: '2021-2025', openedAt: at('2026-02-14', '23:30') } },
        { type: 'StepOpened' },
      ]);
  });

  it.each(['2021-2025', '2025-two-tier'] as const)(
    'refuses a new %s dossier from 15/02/2026 (already the 15th in Vietnam while still the 14th in UTC), the period first',
    (version) => {
      const err = spec(decider)
        .given([])
        .when(openOn(at('2026-02-15', '00:30'), version))
        .thenThrows('PERIOD_CLOSED', 'rule');
      expect(err.message).toContain('Không lập hồ sơ mới theo giai đoạn 2021-2025 sau ngày 14/02/2026');
      expect(err.message).toContain('Quyết định số 51/2025/QĐ-TTg');
      expect(err.message).toContain('hồ sơ mới lập theo giai đoạn 2026-2030');
    },
  );

  it('lets a dossier opened before the cut-off go on after it', () => {
    const { selfAssessment } = scenario();
    spec(decider)
      .given(opened())
      .when({ ...selfAssessment, metadata: { ...selfAssessment.metadata, now: at('2026-11-30') } })
      .thenMatch([{ type: 'SelfAssessmentRecorded' }]);
  });
});

/**
 * The district level ended on 01/07/2025 (two-tier local government, RULES-2026.md §2): the 2021-2025 procedure
 * with its district stage takes no new dossier from that day; new dossiers of the period take the two-tier one.
 */
describe('opening a dossier with a district stage after the district level ended (RULES-2026.md §2)', () => {
  it('opens one on 30/06/2025, late in the evening in Vietnam', () => {
    spec(decider)
      .given([])
      .when(openOn(at('2025-06-30', '23:30'), '2021-2025'))
      .thenMatch([
        { type: 'DossierOpened', data: { procedure: { version: '2021-2025' } } },
        { type: 'StepOpened' },
      ]);
  });

  it('refuses one from 01/07/2025, naming the two-tier procedure to use instead, which opens', () => {
    const err = spec(decider)
      .given([])
      .when(openOn(at('2025-07-01', '00:30'), '2021-2025'))
      .thenThrows('PROCEDURE_CLOSED', 'rule');
    expect(err.message).toContain('sau ngày 30/06/2025');
    expect(err.message).toContain('Nghị định số 131/2025/NĐ-CP');
    expect(err.message).toContain('(chính quyền địa phương hai cấp)');
    spec(decider)
      .given([])
      .when(openOn(at('2025-07-01', '00:30'), '2025-two-tier'))
      .thenMatch([
        { type: 'DossierOpened', data: { procedure: { version: '2025-two-tier' } } },
        { type: 'StepOpened' },
      ]);
  });

  it('lets a dossier opened with its district stage before then go on after it', () => {
    const { selfAssessment } = scenario({ version: '2021-2025' });
    spec(decider)
      .given(opened({ version: '2021-2025' }))
      .when({ ...selfAssessment, metadata: { ...selfAssessment.metadata, now: at('2025-09-01') } })
      .thenMatch([{ type: 'SelfAssessmentRecorded' }]);
  });
});
