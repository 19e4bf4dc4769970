import { spec } from '@ntm/decider/testing';
import { createVietnamCalendar, dueDate } from '@ntm/calendar';
import { deadlineJobId } from './index';
import {
  actors,
  at,
  command,
  decider,
  dossierOf,
  DOSSIER_ID,
  scenario,
  submissionEvidence,
} from './testing/fixtures';
import {
  districtStage,
  history,
  inAppraisal,
  inVerification,
  opened,
  preparation,
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

describe('each step is due when the calendar says', () => {
  it('opens each step with its due date from the calendar (15 working days for verification)', () => {
    const submit = spec(decider)
      .given(history(opened(), preparation()))
      .when(command('SubmitDossier', submissionEvidence(), actors.commune, at('2025-03-24')));
    const [, verification] = submit.thenMatch([{ type: 'DossierSubmitted' }, {}]);
    // Submitted Monday 24/03/2025: 15 working days, skipping the Hùng Kings holiday (07/04), end on Tuesday
    // 15/04/2025 at 23:59:59.999 Vietnam time.
    expect(verification).toEqual({
      type: 'StepOpened',
      data: {
        step: 'district-verification',
        round: 1,
        openedAt: at('2025-03-24'),
        dueAt: '2025-04-15T16:59:59.999Z',
        limit: { amount: 15, unit: 'working-days' },
      },
    });
    spec(decider)
      .given([])
      .when(scenario().open)
      .thenMatch([
        { type: 'DossierOpened' },
        { type: 'StepOpened', data: { step: 'commune-preparation', dueAt: null, limit: null } },
      ]);
  });

  it('gives the appraisal 15 calendar days, moved past a holiday', () => {
    const calendar = createVietnamCalendar();
    const [, appraisal] = spec(decider)
      .given(history(inVerification(), districtStage()))
      .when(scenario().verify)
      .thenMatch([
        { type: 'VerificationPassed' },
        { type: 'StepOpened', data: { step: 'provincial-appraisal' } },
      ]);
    expect(appraisal.type === 'StepOpened' && appraisal.data.dueAt).toBe(
      dueDate(at('2025-03-31'), { amount: 15, unit: 'calendar-days' }, calendar),
    );
  });
});
