import { domainEvent } from '@ntm/decider';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, type RecordedEvent } from '@ntm/event-store';
import type { RunnableProjection } from '@ntm/read-models';
import { tableCreatedElsewhere } from '@ntm/read-models/runner';
import {
  deadlineJobId,
  dossierCalendar,
  DOSSIER_STREAM_PREFIX,
  dossierIdOfStream,
  reminderDueAt,
  reminderJobId,
  type EventOf,
} from '@ntm/recognition';
import { SURVEY_STREAM_PREFIX, type SurveyOpened, type SurveyResultPosted } from '@ntm/survey';
import { surveyCloseJobId, type SurveyCloseJob } from '../../../api/src/surveys/survey-closing';

export const DUE_TIMERS_TABLE = 'due_timers';
export const DEADLINES_QUEUE = 'deadlines';
export const SURVEY_CLOSING_QUEUE = 'survey-closing';

export interface DeadlineJob {
  readonly dossierId: string;
  readonly step: string;
  readonly round: number;
  readonly dueAt: string;
  /** The StepOpened event that set this deadline. */
  readonly causationId: string;
  readonly correlationId: string;
}

/** The reminder that a step's due date is near: fires at `remindAt`, when `workingDays` working days are left. */
export interface ReminderJob extends DeadlineJob {
  readonly remindAt: string;
  readonly workingDays: number;
}

/** What each kind of timer runs on: its BullMQ queue and job name. */
export const TIMER_KINDS = {
  'step-deadline': { queue: DEADLINES_QUEUE, job: 'step-deadline' },
  'step-reminder': { queue: DEADLINES_QUEUE, job: 'step-reminder' },
  'survey-close': { queue: SURVEY_CLOSING_QUEUE, job: 'close-survey' },
} as const;

export type TimerKind = keyof typeof TIMER_KINDS;
export type TimerStatus = 'pending' | 'done';

export interface DueTimer {
  /** The BullMQ job id too: deterministic, so scheduling a timer again is a no-op while its job exists. */
  readonly id: string;
  readonly kind: TimerKind;
  /** The stream the timer acts on when it fires. */
  readonly streamId: string;
  readonly dueAt: Date;
  readonly payload: DeadlineJob | ReminderJob | SurveyCloseJob;
  readonly status: TimerStatus;
}

interface TimerRow {
  id: string;
  kind: TimerKind;
  stream_id: string;
  due_at: Date;
  payload: DeadlineJob | ReminderJob | SurveyCloseJob;
  status: TimerStatus;
}

const toTimer = (r: TimerRow): DueTimer => ({
  id: r.id,
  kind: r.kind,
  streamId: r.stream_id,
  dueAt: new Date(r.due_at),
  payload: r.payload,
  status: r.status,
});

/**
 * The timers an event sets (StepOpened with a due date: its deadline, and its reminder `reminderWorkingDays`
 * working days before unless 0 or the step is shorter; SurveyOpened); none for other events.
 */
export const timersSetBy = (e: RecordedEvent, reminderWorkingDays: number): DueTimer[] => {
  if (e.type === 'StepOpened') {
    const opened = domainEvent<EventOf<'StepOpened'>>(e).data;
    const { step, round, dueAt } = opened;
    if (!dueAt) return [];
    const dossierId = dossierIdOfStream(e.streamId);
    const payload: DeadlineJob = {
      dossierId,
      step,
      round,
      dueAt,
      causationId: e.eventId,
      correlationId: e.metadata.correlationId,
    };
    const deadline: DueTimer = {
      id: deadlineJobId(dossierId, step, round),
      kind: 'step-deadline',
      streamId: e.streamId,
      dueAt: new Date(dueAt),
      payload,
      status: 'pending',
    };
    const remindAt = reminderDueAt(opened, reminderWorkingDays, dossierCalendar);
    if (!remindAt) return [deadline];
    const reminder: ReminderJob = { ...payload, remindAt, workingDays: reminderWorkingDays };
    return [
      {
        id: reminderJobId(dossierId, step, round),
        kind: 'step-reminder',
        streamId: e.streamId,
        dueAt: new Date(remindAt),
        payload: reminder,
        status: 'pending',
      },
      deadline,
    ];
  }
  if (e.type === 'SurveyOpened') {
    const { surveyId, period, posting } = domainEvent<SurveyOpened>(e).data;
    const payload: SurveyCloseJob = {
      surveyId,
      closesAt: period.closesAt,
      ...(posting ? { posting } : {}),
      causationId: e.eventId,
      correlationId: e.metadata.correlationId,
    };
    return [
      {
        id: surveyCloseJobId(surveyId),
        kind: 'survey-close',
        streamId: e.streamId,
        dueAt: new Date(period.closesAt),
        payload,
        status: 'pending',
      },
    ];
  }
  return [];
};

/**
 * Due timers as data: a projection of the event store into PostgreSQL (`due_timers`), written in the same
 * transaction as its checkpoint, so no timer is ever lost with Redis. BullMQ only executes them: the worker
 * schedules every pending row (deterministic job id) on start, periodically and when the clock moves; a fired
 * timer is marked done once its command succeeded or was refused as stale.
 */
export class DueTimers {
  readonly table: string;

  constructor(
    private readonly db: DataSource,
    schema: string,
    /** Working days before a step's due date that its reminder fires (0: none); see AppConfig. */
    private readonly reminderWorkingDays: number,
  ) {
    this.table = qualifiedTable(schema, DUE_TIMERS_TABLE);
  }

  async install(): Promise<void> {
    await this.db
      .query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (
           id              text PRIMARY KEY,
           kind            text NOT NULL,
           stream_id       text NOT NULL,
           due_at          timestamptz NOT NULL,
           payload         jsonb NOT NULL,
           status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
           source_event_id uuid NOT NULL,
           outcome         text,
           created_at      timestamptz NOT NULL DEFAULT now(),
           done_at         timestamptz
         )`,
      )
      .catch(tableCreatedElsewhere);
    await this.db.query(
      `CREATE INDEX IF NOT EXISTS due_timers_pending ON ${this.table} (due_at) WHERE status = 'pending'`,
    );
  }

  async pending(): Promise<DueTimer[]> {
    const rows: TimerRow[] = await this.db.query(
      `SELECT * FROM ${this.table} WHERE status = 'pending' ORDER BY due_at`,
    );
    return rows.map(toTimer);
  }

  async get(id: string): Promise<DueTimer | null> {
    const rows: TimerRow[] = await this.db.query(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    return rows.length ? toTimer(rows[0]) : null;
  }

  /** After the timer's command succeeded or was refused: reconciliation schedules it no more. */
  async markDone(id: string, outcome: string): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table} SET status = 'done', outcome = $2, done_at = now() WHERE id = $1 AND status = 'pending'`,
      [id, outcome],
    );
  }

  /** The projection (checkpoint `timers`) that writes the rows; `scheduled` hands new timers to BullMQ. */
  projection(scheduled: (timers: DueTimer[]) => Promise<void>): RunnableProjection {
    return {
      name: 'timers',
      label: 'Thời hạn và lịch tự động',
      handles: ['StepOpened', 'SurveyOpened', 'SurveyResultPosted'],
      streamPrefixes: [DOSSIER_STREAM_PREFIX, SURVEY_STREAM_PREFIX],
      apply: (events, manager) => this.apply(events, manager),
      afterCommit: (events) => scheduled(events.flatMap((e) => timersSetBy(e, this.reminderWorkingDays))),
    };
  }

  private async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    for (const e of events) {
      if (e.type === 'SurveyResultPosted') {
        // The survey is closed and its result posted: its closing timer has nothing left to do.
        const { surveyId } = domainEvent<SurveyResultPosted>(e).data;
        await manager.query(
          `UPDATE ${this.table} SET status = 'done', outcome = 'survey-posted', done_at = now()
            WHERE id = $1 AND status = 'pending'`,
          [surveyCloseJobId(surveyId)],
        );
        continue;
      }
      for (const t of timersSetBy(e, this.reminderWorkingDays)) {
        // A replay (rebuild) keeps what already fired as it is.
        await manager.query(
          `INSERT INTO ${this.table} (id, kind, stream_id, due_at, payload, source_event_id)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
          [t.id, t.kind, t.streamId, t.dueAt, JSON.stringify(t.payload), e.eventId],
        );
      }
    }
  }
}
