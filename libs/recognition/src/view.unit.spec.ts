import { describeDossier } from './view';
import { decider, dossierOf } from './testing/fixtures';
import { appraised } from './testing/events';

describe('the dossier as a screen shows it', () => {
  it('describes the dossier for a screen: labels, due date, and at the decision the failed conditions', () => {
    expect(describeDossier(decider.initialState())).toMatchObject({ status: 'none', step: null });
    const view = describeDossier(dossierOf(appraised({ satisfied: 440 })));
    expect(view).toMatchObject({
      status: 'in-review',
      statusLabel: 'Đang xem xét',
      levelLabel: 'nông thôn mới',
      step: {
        id: 'decision',
        label: 'Chủ tịch UBND tỉnh xét, quyết định công nhận',
        round: 1,
        overdue: false,
      },
    });
    expect(view.failedConditions?.map((f) => f.code)).toEqual(['SATISFACTION_BELOW_THRESHOLD']);
  });
});
