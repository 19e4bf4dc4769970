import { spec } from '@ntm/decider/testing';
import { periodRules } from './period-rules';
import { at, decider, scenario } from './testing/fixtures';
import { opened } from './testing/events';

/**
 * The 2021-2025 period closes to new dossiers (RULES-2026.md §1): Decision 51/2025/QĐ-TTg is in force from
 * 15/02/2026, so the last day a 2021-2025 dossier may be opened is 14/02/2026, Vietnam time. The open command
 * answers as the openable list does (period-rules.ts); a dossier opened by then continues under its own rules.
 */
describe('opening a 2021-2025 dossier after Decision 51/2025/QĐ-TTg took effect (RULES-2026.md §1)', () => {
  const openOn = (now: string, version: '2021-2025' | '2025-two-tier' = '2021-2025') => {
    const { open } = scenario({ version });
    return { ...open, metadata: { ...open.metadata, now } };
  };

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
    'refuses a new %s dossier from 15/02/2026 (already the 15th in Vietnam while still the 14th in UTC)',
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
