import { spec } from '@ntm/decider/testing';
import { criteriaSet, type CriteriaSet } from '@ntm/criteria';
import { revocationOutcome } from './conditions';
import { communeRecordEventsFor } from './commune-record';
import { getProcedure } from './procedures';
import type { DossierEvent, EventOf } from './events';
import type { Dossier } from './state';
import { actors, at, command, decider, dossierOf, DOSSIER_ID, play } from './testing/fixtures';
import { appraised, granted, history, recognised, stepOpened } from './testing/events';

/** The province proposes revocation on 02/03/2026 and assesses the commune. */
const revocationProposed = (): DossierEvent[] => [
  {
    type: 'RevocationProposed',
    data: {
      reason: 'Kiểm tra năm 2026: nhiều tiêu chí không duy trì',
      proposedBy: 'u-tinh',
      proposedAt: at('2026-03-02'),
    },
  },
  stepOpened('revocation-assessment', at('2026-03-02')),
];

/** The chairman revokes it by Decision 88/QĐ-UBND of 01/04/2026, 6 of 19 criteria failed, 17 among them. */
const revokedBy88 = (): EventOf<'RecognitionRevoked'> => ({
  type: 'RecognitionRevoked',
  data: {
    dossierId: DOSSIER_ID,
    communeCode: '01843',
    level: 'ntm',
    period: '2021-2025',
    decisionNumber: '88/QĐ-UBND',
    decidedOn: '2026-04-01',
    signer: { id: 'u-ct', name: 'Chủ tịch UBND tỉnh Bắc Kạn' },
    failedCriteria: [2, 3, 4, 5, 6, 17],
    failedShare: 6 / 19,
    revokedAt: at('2026-04-01'),
  },
});

const rule = getProcedure('2021-2025').revocation;

/** Ten criteria, the first one key, so 30% and 50% fall on whole numbers. */
const tenCriteria: CriteriaSet = {
  ...criteriaSet('2021-2025', 'ntm'),
  criteria: Array.from({ length: 10 }, (_, i) => ({
    number: i + 1,
    group: 'quy-hoach' as const,
    name: `Tiêu chí thử ${i + 1}`,
    key: i === 0,
    indicators: [],
  })),
};

const failing = (set: CriteriaSet, failed: readonly number[]) =>
  set.criteria.map((c) => ({ criterion: c.number, met: !failed.includes(c.number) }));

describe('the revocation rule (30% with a key criterion, or 50%)', () => {
  it.each([
    [[1, 2], false, 'below 30% even with a key criterion'],
    [[1, 2, 3], true, 'exactly 30% with a key criterion'],
    [[2, 3, 4], false, 'exactly 30% without a key criterion'],
    [[2, 3, 4, 5], false, '40% without a key criterion'],
    [[2, 3, 4, 5, 6], true, 'exactly 50% without a key criterion'],
  ])('%j failed of 10: due = %s (%s)', (failed, due) => {
    expect(revocationOutcome(failing(tenCriteria, failed), tenCriteria, rule).due).toBe(due);
  });

  it('reports the share and the key criteria that failed', () => {
    const ntm = criteriaSet('2021-2025', 'ntm');
    expect(revocationOutcome(failing(ntm, [19, 2, 17, 3, 4, 5]), ntm, rule)).toEqual({
      failedCriteria: [2, 3, 4, 5, 17, 19],
      total: 19,
      failedShare: 6 / 19,
      keyFailed: true,
      failedKeyCriteria: [17, 19],
      due: true,
    });
  });
});

describe('revoking a recognition', () => {
  const propose = command(
    'ProposeRevocation',
    { reason: 'Kiểm tra năm 2026: nhiều tiêu chí không duy trì' },
    actors.province,
    at('2026-03-02'),
  );
  const assess = (failed: readonly number[], level: 'ntm' | 'nang-cao' = 'ntm') =>
    command(
      'AssessForRevocation',
      { results: failing(criteriaSet('2021-2025', level), failed) },
      actors.province,
      at('2026-03-20'),
    );
  const revoke = command(
    'DecideRevocation',
    { decisionNumber: '88/QĐ-UBND', decidedOn: '2026-04-01' },
    actors.chairman,
    at('2026-04-01'),
  );
  const proposed = () => history(recognised(), revocationProposed());
  /** The province's assessment on 20/03/2026 of the 19 NTM criteria, `failed` not met; the decision opens when due. */
  const revocationAssessed = (
    failed: readonly number[],
    o: { failedKeyCriteria: readonly number[]; due: boolean },
  ): DossierEvent[] => [
    {
      type: 'RevocationAssessed',
      data: {
        results: failing(criteriaSet('2021-2025', 'ntm'), failed),
        failedCriteria: failed,
        total: 19,
        failedShare: failed.length / 19,
        keyFailed: o.failedKeyCriteria.length > 0,
        failedKeyCriteria: o.failedKeyCriteria,
        due: o.due,
        report: null,
        assessedAt: at('2026-03-20'),
      },
    },
    ...(o.due ? [stepOpened('revocation-decision', at('2026-03-20'))] : []),
  ];
  /** Assessed with 6 of 19 failed, the key criterion 17 among them: revocation is due. */
  const assessedDue = () =>
    history(proposed(), revocationAssessed([2, 3, 4, 5, 6, 17], { failedKeyCriteria: [17], due: true }));

  it('is proposed by the province on an announced recognition and opens the assessment', () => {
    spec(decider).given(recognised()).when(propose).then(revocationProposed());
  });

  it('cannot be proposed on a dossier not recognised, nor by a commune', () => {
    spec(decider).given(appraised()).when(propose).thenThrows('STEP_NOT_ALLOWED', 'conflict');
    spec(decider)
      .given(recognised())
      .when(command('ProposeRevocation', { reason: 'x' }, actors.commune, at('2026-03-02')))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });

  it('is due with 6 of 19 NTM criteria failed including a key one (17), and the chairman revokes', () => {
    spec(decider)
      .given(proposed())
      .when(assess([2, 3, 4, 5, 6, 17]))
      .thenMatch([
        {
          type: 'RevocationAssessed',
          data: { failedShare: 6 / 19, keyFailed: true, failedKeyCriteria: [17], due: true },
        },
        { type: 'StepOpened', data: { step: 'revocation-decision' } },
      ]);
    const when = spec(decider).given(assessedDue()).when(revoke);
    when.then([revokedBy88()]);
    const d = when.stateAfter() as Dossier;
    expect(d.status).toBe('revoked');
    expect(d.revocations[0].revoked).toMatchObject({ decisionNumber: '88/QĐ-UBND' });
  });

  it('is due with 10 of 19 failed (over 50%) without a key criterion', () => {
    spec(decider)
      .given(proposed())
      .when(assess([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]))
      .thenMatch([
        { type: 'RevocationAssessed', data: { keyFailed: false, due: true } },
        { type: 'StepOpened' },
      ]);
  });

  it('is not due with 9 of 19 failed and no key criterion; the chairman cannot revoke', () => {
    spec(decider)
      .given(proposed())
      .when(assess([1, 2, 3, 4, 5, 6, 7, 8, 9]))
      .thenMatch([{ type: 'RevocationAssessed', data: { due: false } }]);
    const assessed = history(
      proposed(),
      revocationAssessed([1, 2, 3, 4, 5, 6, 7, 8, 9], { failedKeyCriteria: [], due: false }),
    );
    const d = dossierOf(assessed);
    expect(d.status).toBe('recognised');
    expect(d.current).toBeNull();
    const err = spec(decider).given(assessed).when(revoke).thenThrows('REVOCATION_NOT_DUE', 'rule');
    expect(err.message).toBe(
      'Chưa đủ căn cứ thu hồi: 9/19 tiêu chí không đạt (47,4%), không có tiêu chí then chốt nào không đạt',
    );
    // The recognition stands; a later check may propose again.
    spec(decider)
      .given(assessed)
      .when(propose)
      .thenMatch([{ type: 'RevocationProposed' }, { type: 'StepOpened' }]);
  });

  it('is not due with 5 of 19 failed even including a key criterion (26,3% < 30%)', () => {
    spec(decider)
      .given(proposed())
      .when(assess([1, 2, 3, 4, 10]))
      .thenMatch([{ type: 'RevocationAssessed', data: { keyFailed: true, due: false } }]);
  });

  it('assesses a kiểu mẫu commune against the nâng cao set, where 18 is a key criterion', () => {
    const given = history(recognised({ level: 'kieu-mau', satisfied: 495 }), revocationProposed());
    spec(decider)
      .given(given)
      .when(assess([1, 2, 3, 4, 5, 18], 'nang-cao'))
      .thenMatch([
        { type: 'RevocationAssessed', data: { failedKeyCriteria: [18], due: true } },
        { type: 'StepOpened' },
      ]);
  });

  it('tells the commune record what happened', () => {
    const [recognition] = granted();
    expect(communeRecordEventsFor(recognition)).toEqual([
      {
        streamId: 'commune-01843',
        event: {
          type: 'CommuneRecognitionGranted',
          data: {
            level: 'ntm',
            period: '2021-2025',
            dossierId: DOSSIER_ID,
            decisionNumber: '1234/QĐ-UBND',
            decidedOn: '2025-04-18',
          },
        },
      },
    ]);
    expect(communeRecordEventsFor(revokedBy88())).toEqual([
      {
        streamId: 'commune-01843',
        event: {
          type: 'CommuneRecognitionRevoked',
          data: {
            level: 'ntm',
            period: '2021-2025',
            dossierId: DOSSIER_ID,
            decisionNumber: '88/QĐ-UBND',
            decidedOn: '2026-04-01',
          },
        },
      },
    ]);
    expect(communeRecordEventsFor(proposed().at(-2)!)).toEqual([]);
  });

  it('gives the assessments above as the decider records them', () => {
    expect(assessedDue()).toEqual(play([assess([2, 3, 4, 5, 6, 17])], proposed()));
    expect(
      history(
        proposed(),
        revocationAssessed([1, 2, 3, 4, 5, 6, 7, 8, 9], { failedKeyCriteria: [], due: false }),
      ),
    ).toEqual(play([assess([1, 2, 3, 4, 5, 6, 7, 8, 9])], proposed()));
  });
});
