import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, type RecordedEvent } from '@ntm/event-store';
import type { RunnableProjection } from '../projection';
import { rowsOf } from '../queries/sql';
import { tableCreatedElsewhere } from './checkpoints';
import type { ProjectionRunnerOptions } from './projection-runner';

/** A command a process manager sends. It must be idempotent: after a crash or a failed batch it is sent again. */
export interface ManagerCommand {
  /** For logs and the refusals table, e.g. `RecordSurveyResult on dossier-…`. */
  readonly description: string;
  send(): Promise<unknown>;
}

/**
 * A process manager: the events it follows and the commands each one calls for. It runs on the projection
 * runner with a checkpoint of its own: the checkpoint moves past an event only once every command it called for
 * has succeeded, or was refused for a reason of the domain (recorded in `process_manager_refusals` and logged).
 * Any other failure (database, network) is retried with backoff, for as long as it takes, and never skipped.
 */
export interface ProcessManager {
  readonly name: string;
  /** What it does, as an administrator names it (the admin screen shows it beside `name`). */
  readonly label: string;
  readonly handles: readonly string[];
  readonly streamPrefixes: readonly string[];
  react(event: RecordedEvent): Promise<readonly ManagerCommand[]> | readonly ManagerCommand[];
}

export interface Refusal {
  readonly code: string;
  readonly message: string;
}

export interface ProcessManagerOptions {
  /** A refusal worth recording (a DomainError), or null for a failure to retry. */
  readonly refusal: (error: unknown) => Refusal | null;
  readonly logger?: { warn(message: string): void };
}

export const REFUSALS_TABLE = 'process_manager_refusals';

/** Runner settings for process managers: small batches, never parked, retried at most every 30 s. */
export const PROCESS_MANAGER_RUNNER_OPTIONS: ProjectionRunnerOptions = {
  batchSize: 50,
  maxAttempts: Infinity,
  backoffMs: 200,
  maxBackoffMs: 30_000,
};

const refusalsTable = (db: DataSource | EntityManager): string => {
  const schema = ('options' in db ? db.options : db.connection.options) as { schema?: string };
  return qualifiedTable(schema.schema, REFUSALS_TABLE);
};

export const installRefusals = async (db: DataSource): Promise<void> => {
  await db
    .query(
      `CREATE TABLE IF NOT EXISTS ${refusalsTable(db)} (
         manager     text NOT NULL,
         event_id    uuid NOT NULL,
         position    text NOT NULL,
         command     text NOT NULL,
         code        text NOT NULL,
         message     text NOT NULL,
         refused_at  timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (manager, event_id, command)
       )`,
    )
    .catch(tableCreatedElsewhere);
};

export interface RefusalRow {
  readonly manager: string;
  readonly eventId: string;
  readonly command: string;
  readonly code: string;
  readonly message: string;
}

export const listRefusals = async (db: DataSource, manager: string): Promise<RefusalRow[]> =>
  (
    await rowsOf<Record<'manager' | 'event_id' | 'command' | 'code' | 'message', string>>(
      db,
      `SELECT manager, event_id, command, code, message FROM ${refusalsTable(db)} WHERE manager = $1 ORDER BY refused_at`,
      [manager],
    )
  ).map((r) => ({
    manager: r.manager,
    eventId: r.event_id,
    command: r.command,
    code: r.code,
    message: r.message,
  }));

/**
 * The process manager in the shape the runner takes. A batch sends every command of its events in order; a
 * failure that is not a refusal throws, so the runner rolls the batch back (the checkpoint stays) and retries.
 */
export const runnableManager = (pm: ProcessManager, options: ProcessManagerOptions): RunnableProjection => ({
  name: pm.name,
  label: pm.label,
  handles: pm.handles,
  streamPrefixes: pm.streamPrefixes,
  apply: async (events: RecordedEvent[], manager: EntityManager) => {
    for (const event of events) {
      for (const command of await pm.react(event)) {
        try {
          await command.send();
        } catch (error) {
          const refusal = options.refusal(error);
          if (!refusal) throw error;
          options.logger?.warn(
            `${pm.name}: ${command.description} refused (${refusal.code}: ${refusal.message}), caused by ${event.type} ${event.eventId}`,
          );
          await manager.query(
            `INSERT INTO ${refusalsTable(manager)} (manager, event_id, position, command, code, message)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [pm.name, event.eventId, event.position, command.description, refusal.code, refusal.message],
          );
        }
      }
    }
  },
});

/** Sends every command the events call for, in order, without a checkpoint (tests, one-off repairs). */
export const deliver = async (pm: ProcessManager, events: readonly RecordedEvent[]): Promise<void> => {
  for (const event of events) {
    if (!pm.handles.includes(event.type)) continue;
    for (const command of await pm.react(event)) await command.send();
  }
};
