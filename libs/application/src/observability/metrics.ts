import { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { decodePair, quoteIdent, type EventStore, type Position } from '@ntm/event-store';
import { ProjectionCheckpoints } from '@ntm/read-models/runner';
import type { AppConfig } from '../config/app-config';
import { redisOptions } from '../infrastructure/redis';

/** Queues whose depth operators watch (names as the worker and the survey module register them). */
export const WATCHED_QUEUES = ['deadlines', 'survey-closing'] as const;

/**
 * How far `position` is behind `head`, in the store's own unit: events on PostgreSQL (the global sequence; a
 * rolled-back append leaves a gap, so it is an upper bound), bytes of the log on EventStoreDB.
 */
export const distanceBehind = (head: Position, position: Position): number => {
  const gap = decodePair(head)[1] - decodePair(position)[1];
  return gap > 0n ? Number(gap) : 0;
};

/**
 * The Prometheus metrics of one process, in a registry of its own (tests run several apps in one process).
 * Command figures are recorded as requests finish; projection and queue figures are read when scraped, from
 * PostgreSQL and Redis, so they are true whichever worker runs the projections.
 */
interface ProjectionsRead {
  readonly list: Awaited<ReturnType<ProjectionCheckpoints['list']>>;
  readonly head: Position | null;
}

export class Metrics {
  readonly registry = new Registry();
  readonly commandDuration = new Histogram({
    name: 'ntm_command_duration_seconds',
    help: 'Commands over HTTP: latency by command and outcome (ok or the error code)',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'ntm_http_requests_total',
    help: 'HTTP requests by method and status class',
    labelNames: ['method', 'status'] as const,
    registers: [this.registry],
  });
  /** The BullMQ queues it watches (Bull Board shows the same ones). */
  readonly queues: readonly Queue[];
  /** Reads the checkpoints and the head once per scrape, before the registry collects: the three projection
   * gauges report that one read. */
  private readonly readProjections: () => Promise<void>;

  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
    config: Pick<AppConfig, 'redisUrl' | 'queuePrefix' | 'production' | 'schema'>,
  ) {
    if (config.production) collectDefaultMetrics({ register: this.registry, prefix: 'ntm_process_' });
    this.queues = WATCHED_QUEUES.map(
      (name) => new Queue(name, { connection: redisOptions(config.redisUrl), prefix: config.queuePrefix }),
    );
    const checkpoints = new ProjectionCheckpoints(db);
    let projections: ProjectionsRead = { list: [], head: null };
    // Installed once, not by each scrape (scrapes at once raced to create the table).
    let installed: Promise<void> | null = null;
    this.readProjections = async () => {
      installed ??= checkpoints.install().catch((e: unknown) => {
        installed = null;
        throw e;
      });
      await installed;
      const [list, head] = await Promise.all([checkpoints.list(), this.store.headPosition()]);
      projections = { list, head };
    };
    new Gauge({
      name: 'ntm_projection_lag_events',
      help: 'How far each subscriber (projection, process manager) is behind the head: events on PostgreSQL',
      labelNames: ['subscriber'] as const,
      registers: [this.registry],
      async collect() {
        const { list, head } = projections;
        this.reset();
        if (head !== null)
          for (const c of list) this.set({ subscriber: c.name }, distanceBehind(head, c.position));
      },
    });
    new Gauge({
      name: 'ntm_projection_position',
      help: 'Checkpoint of each subscriber (the global sequence number on PostgreSQL)',
      labelNames: ['subscriber'] as const,
      registers: [this.registry],
      async collect() {
        const { list } = projections;
        this.reset();
        for (const c of list)
          if (/^\d+$/.test(c.position)) this.set({ subscriber: c.name }, Number(c.position));
      },
    });
    new Gauge({
      name: 'ntm_projection_parked',
      help: '1 when a subscriber is parked on a failing event and waits for an operator',
      labelNames: ['subscriber'] as const,
      registers: [this.registry],
      async collect() {
        const { list } = projections;
        this.reset();
        for (const c of list) this.set({ subscriber: c.name }, c.status === 'parked' ? 1 : 0);
      },
    });
    this.timersGauge(config.schema);
    const queues = this.queues;
    new Gauge({
      name: 'ntm_queue_jobs',
      help: 'BullMQ jobs by queue and state (delayed jobs are timers not yet due)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const q of queues) {
          const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
        }
      },
    });
  }

  /** Pending timers (deadlines, survey closings) by kind: due now (should fire) and later. */
  private timersGauge(schema: string): void {
    const db = this.db;
    new Gauge({
      name: 'ntm_timers_pending',
      help: 'Pending timers of the due_timers table by kind: due (their time has come) or later',
      labelNames: ['kind', 'when'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const [exists] = await db.query<{ t: string | null }[]>('SELECT to_regclass($1) AS t', [
          `${quoteIdent(schema)}.due_timers`,
        ]);
        if (!exists?.t) return;
        const rows = await db.query<{ kind: string; due: number; later: number }[]>(
          `SELECT kind, count(*) FILTER (WHERE due_at <= now())::int AS due, count(*) FILTER (WHERE due_at > now())::int AS later
             FROM ${quoteIdent(schema)}.due_timers WHERE status = 'pending' GROUP BY kind`,
        );
        for (const r of rows) {
          this.set({ kind: r.kind, when: 'due' }, r.due);
          this.set({ kind: r.kind, when: 'later' }, r.later);
        }
      },
    });
  }

  /** The exposition text Prometheus scrapes. */
  async text(): Promise<string> {
    await this.readProjections();
    return this.registry.metrics();
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
