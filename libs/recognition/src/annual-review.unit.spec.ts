import type { Actor } from '@ntm/decider';
import { spec } from '@ntm/decider/testing';
import { criteriaSet, type CriteriaSet } from '@ntm/criteria';
import { annualReviewOutcome } from './conditions';
import { revocationDistanceText } from './maintenance';
import { getProcedure } from './procedures';
import type { DossierEvent, EventOf } from './events';
import { upcastDossierOpenedV1 } from './upcasters';
import { actors, at, command, decider, dossierOf, play } from './testing/fixtures';
import { appraised, history, opened, recognised } from './testing/events';

// RULES-2026 §4: criteria slip after recognition; the commune reviews them every year and the review warns
// before the revocation rule (30% failed with a key criterion, or 50%) is reached.

const rule = getProcedure('2021-2025').revocation;
const ntm = criteriaSet('2021-2025', 'ntm');

const failing = (set: CriteriaSet, failed: readonly number[]) =>
  set.criteria.map((c) => ({ criterion: c.number, met: !failed.includes(c.number) }));

/** The commune's review of 2026, recorded on 15/12/2026, `failed` of the 19 NTM criteria not kept. */
const review = (failed: readonly number[], year = 2026, actor: Actor = actors.commune) =>
  command('RecordAnnualReview', { year, results: failing(ntm, failed) }, actor, at('2026-12-15'));

describe('where a recognised commune stands at its yearly review', () => {
  // 19 NTM criteria, key ones 10 (income), 17 (environment) and 19 (defence and security): revocation is due
  // at 6 failed with a key one (6/19 = 31.6% ≥ 30%) or at 10 failed (52.6% ≥ 50%).
  it.each([
    [[], 'maintained', 6, true],
    [[2], 'slipping', 5, true],
    [[2, 3, 4, 5], 'slipping', 2, true],
    [[2, 3, 4, 5, 17], 'near-threshold', 1, false],
    // A sixth failure revokes only if it is a key criterion (6/19 without one is under 50%).
    [[2, 3, 4, 5, 6], 'near-threshold', 1, true],
    [[1, 2, 3, 4, 5, 17], 'revocation-due', 0, false],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 11], 'revocation-due', 0, false],
  ])('%j failed of 19: %s, %d more from revocation (a key one needed: %s)', (failed, standing, more, key) => {
    expect(annualReviewOutcome(failing(ntm, failed), ntm, rule)).toMatchObject({
      standing,
      criteriaToRevocation: more,
      keyCriterionNeeded: key,
      due: standing === 'revocation-due',
    });
  });

  it('says the distance in words, naming the key criterion when the nearest way needs one', () => {
    const text = (failed: number[]) =>
      revocationDistanceText(annualReviewOutcome(failing(ntm, failed), ntm, rule));
    expect(text([2, 3, 4, 5, 6])).toBe('Thêm 1 tiêu chí then chốt không đạt thì thuộc diện thu hồi');
    expect(text([2, 3, 4, 5, 17])).toBe('Thêm 1 tiêu chí không đạt thì thuộc diện thu hồi');
    expect(text([2])).toBe(
      'Thêm 5 tiêu chí (trong đó có tiêu chí then chốt) không đạt thì thuộc diện thu hồi',
    );
    expect(text([1, 2, 3, 4, 5, 17])).toBe('Đã đến ngưỡng thu hồi quyết định công nhận');
  });

  it('counts the way through the 50% share when every key criterion has already failed or none exists', () => {
    const noKey: CriteriaSet = { ...ntm, criteria: ntm.criteria.map((c) => ({ ...c, key: false })) };
    // 5 failed of 19 without any key criterion: only 10 failed (52.6%) revokes.
    expect(annualReviewOutcome(failing(noKey, [1, 2, 3, 4, 5]), noKey, rule)).toMatchObject({
      standing: 'slipping',
      criteriaToRevocation: 5,
      keyCriterionNeeded: false,
    });
  });
});

describe('recording the yearly review', () => {
  const recorded = (
    failed: readonly number[],
    standing: string,
    more: number,
    keyCriterionNeeded: boolean,
    year = 2026,
  ): DossierEvent => ({
    type: 'AnnualReviewRecorded',
    data: {
      year,
      results: failing(ntm, failed),
      failedCriteria: failed,
      total: 19,
      failedShare: failed.length / 19,
      keyFailed: failed.some((n) => [10, 17, 19].includes(n)),
      failedKeyCriteria: failed.filter((n) => [10, 17, 19].includes(n)),
      standing: standing as 'maintained',
      criteriaToRevocation: more,
      keyCriterionNeeded,
      report: null,
      reviewedBy: actors.commune.id,
      reviewedAt: at('2026-12-15'),
    },
  });

  it('is recorded by the commune on its recognised dossier, with the warning the rule gives', () => {
    spec(decider)
      .given(recognised())
      .when(review([2, 3, 4, 5, 17]))
      .then([recorded([2, 3, 4, 5, 17], 'near-threshold', 1, false)]);
  });

  it('keeps one review a year: a second of the same year corrects the first', () => {
    const first = history(recognised(), recorded([2], 'slipping', 5, true));
    const d = dossierOf(play([review([]), review([3], 2025)], first));
    expect(d.annualReviews.map((r) => [r.year, r.standing, r.failedCriteria])).toEqual([
      [2025, 'slipping', [3]],
      [2026, 'maintained', []],
    ]);
  });

  it('is refused before recognition, from another role, and for a year outside recognition-to-now', () => {
    spec(decider).given(appraised()).when(review([])).thenThrows('STEP_NOT_ALLOWED', 'conflict');
    spec(decider)
      .given(recognised())
      .when(review([], 2026, actors.province))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec(decider)
      .given(recognised())
      .when(review([], 2026, actors.otherCommune))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    const early = spec(decider).given(recognised()).when(review([], 2024)).thenThrows('INVALID_FIELD');
    expect(early.message).toContain('từ 2025 (năm công nhận) đến 2026');
    spec(decider).given(recognised()).when(review([], 2027)).thenThrows('INVALID_FIELD');
  });

  it('needs every criterion of the set the revocation is judged against', () => {
    const partial = command(
      'RecordAnnualReview',
      { year: 2026, results: failing(ntm, []).slice(1) },
      actors.commune,
      at('2026-12-15'),
    );
    spec(decider).given(recognised()).when(partial).thenThrows('CRITERIA_INCOMPLETE');
  });

  it('lets dossiers opened before the review existed take it: their procedure gains the commune role', () => {
    const first = opened()[0] as EventOf<'DossierOpened'>;
    const { annualReview: _, ...oldRoles } = first.data.procedure.roles;
    const old = { ...first.data, procedure: { ...first.data.procedure, roles: oldRoles } };
    expect(upcastDossierOpenedV1(old)).toMatchObject({
      procedure: { roles: { annualReview: 'commune_officer' } },
    });
  });
});
