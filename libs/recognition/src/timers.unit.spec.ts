import { spec } from '@ntm/decider/testing';
import { deadlineJobId } from './index';
import { actors, at, command, decider, dossierOf, DOSSIER_ID, submissionEvidence } from './testing/fixtures';
import {
  history,
  inAppraisal,
  inVerification,
  opened,
  returned,
  stepDeadlineNear,
  stepOpened,
  stepOverdue,
} from './testing/events';

// The district verification opened 24/03/2025 is due at the end of 15/04/2025 (Vietnam time).
const DUE = '2025-04-15T16:59:59.999Z';
const overdue = (step: string, round: number, now: string) =>
  command('MarkStepOverdue', { step, round }, actors.system, now);

describe('step deadlines and the timer', () => {
  it('names the timer job after the dossier, step and round, without ":"', () => {
    expect(deadlineJobId(DOSSIER_ID, 'district-verification', 2)).toBe(
      `deadline__${DOSSIER_ID}__district-verification__2`,
    );
  });

  it('marks the current step overdue once its due instant has passed', () => {
    spec(decider)
      .given(inVerification())
      .when(overdue('district-verification', 1, at('2025-04-16', '00:00')))
      .then([
        {
          type: 'StepOverdue',
          data: { step: 'district-verification', round: 1, dueAt: DUE, markedAt: at('2025-04-16', '00:00') },
        },
      ]);
  });

  it('marks it only once, and keeps the mark in the step history', () => {
    const events = history(
      inVerification(),
      stepOverdue('district-verification', { dueAt: DUE, markedAt: at('2025-04-16') }),
    );
    spec(decider)
      .given(events)
      .when(overdue('district-verification', 1, at('2025-04-17')))
      .thenNothingHappens();
    const d = dossierOf(events);
    expect(d.current).toMatchObject({
      step: 'district-verification',
      overdue: true,
      overdueAt: at('2025-04-16'),
    });
    expect(d.steps.find((s) => s.step === 'district-verification')?.overdue).toBe(true);
  });

  it('does nothing when the timer fires early', () => {
    spec(decider)
      .given(inVerification())
      .when(overdue('district-verification', 1, at('2025-04-15', '23:59')))
      .thenNothingHappens();
  });

  it('does nothing for a stale timer: the step has moved on', () => {
    spec(decider)
      .given(inAppraisal())
      .when(overdue('district-verification', 1, at('2025-04-16')))
      .thenNothingHappens();
  });

  it('does nothing for a timer of an earlier round', () => {
    const evidence = submissionEvidence();
    const resubmitted = history(
      inVerification(),
      returned([{ criterion: 9, text: 'Thiếu số liệu nhà ở' }]),
      {
        type: 'DossierResubmitted',
        data: {
          round: 2,
          changes: 'Bổ sung số liệu nhà ở',
          ...evidence,
          evidence: [...evidence.securityCertificate.evidence, ...evidence.debtConfirmation.evidence],
          documents: [],
          resubmittedAt: at('2025-04-01'),
        },
      },
      // 15 working days from 01/04/2025, Hùng Kings' day (07/04) off.
      stepOpened('district-verification', at('2025-04-01'), {
        round: 2,
        dueAt: '2025-04-23T16:59:59.999Z',
        limit: { amount: 15, unit: 'working-days' },
      }),
    );
    spec(decider)
      .given(resubmitted)
      .when(overdue('district-verification', 1, at('2025-05-30')))
      .thenNothingHappens();
    spec(decider)
      .given(resubmitted)
      .when(overdue('district-verification', 2, at('2025-05-30')))
      .thenMatch([{ type: 'StepOverdue', data: { round: 2 } }]);
  });

  it('does nothing for a step without a time limit', () => {
    spec(decider)
      .given(opened())
      .when(overdue('commune-preparation', 1, at('2026-01-01')))
      .thenNothingHappens();
  });

  it('is sent by the system only', () => {
    spec(decider)
      .given(inVerification())
      .when(
        command(
          'MarkStepOverdue',
          { step: 'district-verification', round: 1 },
          actors.commune,
          at('2025-04-16'),
        ),
      )
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });
});

// Two working days before the end of Tuesday 15/04/2025: from 00:00 on Monday 14/04.
const remind = (step: string, round: number, now: string, workingDays = 2) =>
  command('RemindStepDeadline', { step, round, workingDays }, actors.system, now);

describe('the reminder that a step is nearly due', () => {
  it('reminds the step once at most the set number of working days is left', () => {
    spec(decider)
      .given(inVerification())
      .when(remind('district-verification', 1, at('2025-04-14', '00:00')))
      .then([
        {
          type: 'StepDeadlineNear',
          data: {
            step: 'district-verification',
            round: 1,
            dueAt: DUE,
            workingDaysLeft: 2,
            remindedAt: at('2025-04-14', '00:00'),
          },
        },
      ]);
  });

  it('does nothing when it fires early: on Friday 11/04 three working days are left', () => {
    spec(decider)
      .given(inVerification())
      .when(remind('district-verification', 1, at('2025-04-11', '23:59')))
      .thenNothingHappens();
    // With three working days set, Friday 11/04 is already near (Fri, Mon, Tue).
    spec(decider)
      .given(inVerification())
      .when(remind('district-verification', 1, at('2025-04-11', '08:00'), 3))
      .thenMatch([{ type: 'StepDeadlineNear', data: { workingDaysLeft: 3 } }]);
  });

  it('reminds once: a second firing (a retry, a second worker) changes nothing, and the step keeps the mark', () => {
    const events = history(
      inVerification(),
      stepDeadlineNear('district-verification', {
        dueAt: DUE,
        workingDaysLeft: 2,
        remindedAt: at('2025-04-14'),
      }),
    );
    spec(decider)
      .given(events)
      .when(remind('district-verification', 1, at('2025-04-15')))
      .thenNothingHappens();
    expect(dossierOf(events).current).toMatchObject({
      step: 'district-verification',
      remindedAt: at('2025-04-14'),
      overdue: false,
    });
    // The deadline itself is still marked when it passes.
    spec(decider)
      .given(events)
      .when(overdue('district-verification', 1, at('2025-04-16', '00:00')))
      .thenMatch([{ type: 'StepOverdue' }]);
  });

  it('says nothing when the step was done in time, or the due instant has passed', () => {
    spec(decider)
      .given(inAppraisal())
      .when(remind('district-verification', 1, at('2025-04-14')))
      .thenNothingHappens();
    spec(decider)
      .given(inVerification())
      .when(remind('district-verification', 1, at('2025-04-16', '00:00')))
      .thenNothingHappens();
  });

  it('is sent by the system only', () => {
    spec(decider)
      .given(inVerification())
      .when(
        command(
          'RemindStepDeadline',
          { step: 'district-verification', round: 1, workingDays: 2 },
          actors.commune,
          at('2025-04-14'),
        ),
      )
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });
});
