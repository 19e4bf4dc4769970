import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  START,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '@ntm/event-store';
import type { RunnableProjection } from '../projection';
import { CheckpointMovedError, ProjectionCheckpoints } from './checkpoints';
import type { Lease, LeaseManager } from './leases';

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  /** Events per subscription batch (one transaction each). Default 500. */
  readonly batchSize?: number;
  /** Poll interval once caught up. Default 25 ms. */
  readonly idleMs?: number;
  /** Tries per batch before the runner parks. Default 5; Infinity never parks (process managers). */
  readonly maxAttempts?: number;
  /** First retry delay; doubles on each further try. Default 100 ms. */
  readonly backoffMs?: number;
  /** Longest wait between resubscriptions after the event store failed. Default 30 s. */
  readonly maxBackoffMs?: number;
  readonly logger?: RunnerLogger;
  /**
   * With leases, the runner runs only while this process holds the lease of its name (any number of processes
   * may run the same runners: one owns each, the others stand by), and its checkpoint moves only while it holds it.
   */
  readonly leases?: LeaseManager;
  /** How often a standing-by runner tries to take the lease. Default 2 s. */
  readonly leaseRetryMs?: number;
}

/**
 * idle: not started; running: subscribed (or resubscribing after a store failure); standby: another process holds
 * the lease; parked: a handler kept failing, waiting for resume(); stopped: stop() was called, or (without
 * leases) another runner holds the name.
 */
export type RunnerState = 'idle' | 'running' | 'standby' | 'parked' | 'stopped';

export interface RunnerStatus {
  readonly name: string;
  readonly state: RunnerState;
  /** The stored checkpoint: everything up to here is applied. */
  readonly position: Position;
  readonly lastError: string | null;
  readonly failedPosition: Position | null;
  readonly attempts: number;
  readonly since: Date;
}

/** Thrown out of a batch to end the subscription; never reaches callers. */
class Halt extends Error {}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Feeds one projection from the event store. Each batch is applied and its checkpoint moved in ONE
 * TypeORM transaction, so a crash at any point replays nothing twice and loses nothing. A batch that
 * keeps failing is retried with exponential backoff, then narrowed to the failing event, and the runner
 * parks: the error and the event's position are stored and logged, and it stops until resume().
 */
export class ProjectionRunner {
  readonly name: string;
  private readonly checkpoints: ProjectionCheckpoints;
  private readonly handles: ReadonlySet<string> | null;
  private readonly logger: RunnerLogger;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly leases: LeaseManager | null;
  private readonly leaseRetryMs: number;

  private lease: Lease | null = null;
  private contending: Promise<void> = Promise.resolve();
  private state: RunnerState = 'idle';
  private checkpoint: Position = START;
  private lastError: string | null = null;
  private failedPosition: Position | null = null;
  private attempts = 0;
  private since = new Date();
  private subscription: Subscription | null = null;
  private stopping = new AbortController();
  private starting: Promise<void> = Promise.resolve();
  private loop: Promise<void> = Promise.resolve();
  private listeners: (() => void)[] = [];

  constructor(
    private readonly projection: RunnableProjection,
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    options: ProjectionRunnerOptions = {},
  ) {
    this.name = projection.name;
    this.checkpoints = new ProjectionCheckpoints(dataSource);
    this.handles = projection.handles ? new Set(projection.handles) : null;
    this.logger = options.logger ?? new Logger(`Projection ${projection.name}`);
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 25;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.leases = options.leases ?? null;
    this.leaseRetryMs = options.leaseRetryMs ?? 2000;
  }

  /** Subscribes from the stored checkpoint; a parked checkpoint stays parked (see resume()). */
  start(): Promise<void> {
    if (this.state === 'running' || this.state === 'standby') return Promise.resolve();
    this.stopping = new AbortController();
    if (this.leases) {
      // Returns at once: the runner stands by until it holds the lease, and again whenever it loses it.
      this.setState('standby');
      this.contending = this.contend(this.leases, this.stopping.signal);
      return Promise.resolve();
    }
    this.starting = this.open(this.stopping.signal);
    return this.starting;
  }

  /**
   * Takes the lease when free, runs while it holds it, stands by again when it loses it, until stopped. Parked,
   * it waits for the park to be cleared (the admin route or the CLI, from any process) and contends again.
   */
  private async contend(leases: LeaseManager, stopped: AbortSignal): Promise<void> {
    while (!stopped.aborted) {
      const lease = await leases.tryAcquire(this.name).catch((e) => {
        this.logger.warn(`lease not taken: ${message(e)}`);
        return null;
      });
      if (lease) {
        this.lease = lease;
        try {
          this.starting = this.open(stopped);
          await this.starting;
          if (this.state === 'running') {
            this.logger.log('lease taken: running');
            const lost = new Promise<void>((resolve) => {
              if (lease.lost.aborted) resolve();
              lease.lost.addEventListener('abort', () => resolve(), { once: true });
            });
            await Promise.race([this.loop, lost]);
            if (lease.lost.aborted && !stopped.aborted) {
              // Its next commit would fail the fence anyway: stop reading now.
              await this.subscription?.stop();
              await this.loop;
            }
          }
        } catch (e) {
          this.logger.warn(`could not start: ${message(e)}`);
        } finally {
          this.lease = null;
          await lease.release();
        }
        if (stopped.aborted) return;
        if (this.state === 'parked') {
          if (!(await this.resumedElsewhere(stopped))) return;
          this.logger.log('resumed: contending again');
          this.setState('standby');
          continue;
        }
        this.logger.warn('lease lost: standing by');
        this.setState('standby');
      }
      await delay(this.leaseRetryMs, undefined, { signal: stopped }).catch(() => undefined);
    }
  }

  /** Polls the stored checkpoint until its park is cleared (true) or the runner is stopped (false). */
  private async resumedElsewhere(stopped: AbortSignal): Promise<boolean> {
    while (!stopped.aborted) {
      await delay(this.leaseRetryMs, undefined, { signal: stopped }).catch(() => undefined);
      if (stopped.aborted) return false;
      const stored = await this.checkpoints.get(this.name).catch((e) => {
        this.logger.warn(`checkpoint not read: ${message(e)}`);
        return undefined;
      });
      if (stored && stored.status !== 'parked') return true;
    }
    return false;
  }

  private async open(stopped: AbortSignal): Promise<void> {
    await this.checkpoints.install();
    const stored = await this.checkpoints.open(this.name, this.projection.label);
    this.checkpoint = stored.position;
    this.lastError = stored.lastError;
    this.failedPosition = stored.failedPosition;
    this.attempts = stored.attempts;
    if (stored.status === 'parked') {
      this.setState('parked');
      this.logger.error(
        `parked at ${stored.failedPosition}: ${stored.lastError} (resume it once the cause is fixed)`,
      );
      return;
    }
    // stop() was called while the checkpoint was being read.
    if (stopped.aborted) return this.setState('stopped');
    this.setState('running');
    this.loop = this.follow();
  }

  /** Clears the park and starts again from the stored checkpoint: the failed event is tried first. */
  async resume(): Promise<void> {
    if (this.state === 'running') return;
    await this.checkpoints.resume(this.name);
    this.logger.log('resumed');
    // With a lease, the contend loop is waiting for exactly this and starts again by itself.
    if (this.leases && this.state === 'parked' && !this.stopping.signal.aborted) return;
    await this.start();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.starting.catch(() => undefined);
    await this.subscription?.stop();
    await this.loop;
    await this.contending;
    if (this.state === 'running' || this.state === 'idle' || this.state === 'standby')
      this.setState('stopped');
  }

  status(): RunnerStatus {
    return {
      name: this.name,
      state: this.state,
      position: this.checkpoint,
      lastError: this.lastError,
      failedPosition: this.failedPosition,
      attempts: this.attempts,
      since: this.since,
    };
  }

  /** Resolves once everything up to `position` is applied (or filtered out); rejects if the runner parks or stops first. */
  async waitFor(position: Position): Promise<void> {
    for (;;) {
      const subscribed = this.subscription?.position ?? START;
      if ((subscribed > this.checkpoint ? subscribed : this.checkpoint) >= position) return;
      if (this.state !== 'running' && this.state !== 'standby') {
        throw new Error(
          `Projection ${this.name} is ${this.state} at ${this.checkpoint || 'START'}, before ${position}`,
        );
      }
      // Registered first, so a change that comes while the subscription winds down is not missed.
      const changed = new Promise<void>((resolve) => this.listeners.push(resolve));
      // The subscription settles once it reaches the position, or when it ends (parked, stopped, failed).
      await (this.subscription ? this.subscription.waitFor(position).catch(() => changed) : changed);
    }
  }

  private setState(state: RunnerState): void {
    this.state = state;
    this.since = new Date();
    this.notify();
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = [];
    listeners.forEach((l) => l());
  }

  /** Subscribes, and resubscribes from the checkpoint after an event store failure, until parked or stopped. */
  private async follow(): Promise<void> {
    for (let failures = 0; !this.stopping.signal.aborted;) {
      const subscription = this.store.subscribe({
        after: this.checkpoint,
        streamPrefixes: this.projection.streamPrefixes,
        batchSize: this.batchSize,
        idleMs: this.idleMs,
        handle: (events, position) => this.handle(events, position),
      });
      this.subscription = subscription;
      this.notify();
      try {
        await subscription.done;
        return;
      } catch (error) {
        if (error instanceof Halt || this.stopping.signal.aborted) return;
        failures += 1;
        const wait = Math.min(this.backoffMs * 2 ** (failures - 1), this.maxBackoffMs);
        this.logger.warn(`event store failed (${message(error)}); resubscribing in ${wait} ms`);
        await delay(wait, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      } finally {
        this.subscription = null;
        this.notify();
      }
    }
  }

  private async handle(events: RecordedEvent[], position: Position): Promise<void> {
    const relevant = this.handles ? events.filter((e) => this.handles!.has(e.type)) : events;
    if (!(await this.withRetries(() => this.commit(relevant, position)))) return;
    // Narrow the failure down to one event, committing those before it, so the park names the culprit.
    for (const event of relevant) {
      const error = await this.attempt(() => this.commit([event], event.position));
      if (error) return this.park(event.position, error);
    }
    // Event by event it went through: finish the batch (its trailing filtered-out events).
    const error = await this.attempt(() => this.commit([], position));
    if (error) return this.park(position, error);
  }

  /** Up to maxAttempts tries with exponential backoff; returns the last error, or null once one succeeds. */
  private async withRetries(work: () => Promise<void>): Promise<unknown> {
    for (let tries = 1; ; tries += 1) {
      const error = await this.attempt(work);
      if (!error) return null;
      this.attempts = tries;
      this.lastError = message(error);
      if (tries >= this.maxAttempts) return error;
      const wait = Math.min(this.backoffMs * 2 ** (tries - 1), this.maxBackoffMs);
      this.logger.warn(
        `batch failed (try ${tries}/${this.maxAttempts}): ${message(error)}; retrying in ${wait} ms`,
      );
      await delay(wait, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      if (this.stopping.signal.aborted) throw new Halt('stopped');
    }
  }

  /** One try; returns its error rather than throwing it, except a moved checkpoint, which ends the runner. */
  private async attempt(work: () => Promise<void>): Promise<unknown> {
    try {
      await work();
      this.lastError = null;
      this.attempts = 0;
      return null;
    } catch (error) {
      // A handler that is not idempotent fails on rows another runner of this name just wrote: that is
      // the other runner's doing, not a fault of the events, and must not park the shared checkpoint.
      const moved =
        error instanceof CheckpointMovedError ||
        (this.leases !== null && (this.lease?.lost.aborted ?? true)) ||
        ((await this.checkpoints.get(this.name))?.position ?? this.checkpoint) !== this.checkpoint;
      if (!moved) return error;
      const reason = new CheckpointMovedError(this.name, this.checkpoint).message;
      if (this.leases) {
        // The lease went to another process (this one lost its session): its work stands, ours rolled back.
        this.logger.warn(`${reason}; standing by`);
        this.setState('standby');
        throw new Halt(reason);
      }
      this.logger.error(reason);
      this.setState('stopped');
      throw new Halt(reason);
    }
  }

  private async commit(events: RecordedEvent[], position: Position): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (events.length > 0) await this.projection.apply(events, manager);
      if (this.leases && !this.lease) throw new CheckpointMovedError(this.name, this.checkpoint);
      await this.checkpoints.advance(manager, this.name, this.checkpoint, position, this.lease?.fence);
    });
    this.checkpoint = position;
    this.notify();
    if (events.length > 0 && this.projection.afterCommit) {
      await this.projection
        .afterCommit(events)
        .catch((e) => this.logger.warn(`after commit: ${message(e)} (the next reconciliation repairs it)`));
    }
  }

  private async park(failedPosition: Position, error: unknown): Promise<never> {
    const reason = message(error);
    const attempts = this.maxAttempts;
    await this.checkpoints.park(this.name, reason, failedPosition, attempts);
    this.lastError = reason;
    this.failedPosition = failedPosition;
    this.attempts = attempts;
    this.logger.error(`parked at ${failedPosition} after ${attempts} tries: ${reason}`);
    this.setState('parked');
    throw new Halt(reason);
  }
}

/**
 * Starts runners and keeps them, for the worker's health endpoint and shutdown. `run` fits the projection
 * host's RunProjection: it returns at once; a start failure is logged and shows in status().
 */
export class ProjectionRunners {
  private readonly runners = new Map<string, ProjectionRunner>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  readonly run = (projection: RunnableProjection): ProjectionRunner => {
    const runner = new ProjectionRunner(projection, this.dataSource, this.store, this.options);
    this.runners.set(runner.name, runner);
    runner.start().catch((error) => {
      (this.options.logger ?? new Logger(`Projection ${runner.name}`)).error(
        `could not start: ${message(error)}`,
      );
    });
    return runner;
  };

  get(name: string): ProjectionRunner | undefined {
    return this.runners.get(name);
  }

  statuses(): RunnerStatus[] {
    return [...this.runners.values()].map((r) => r.status());
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }
}
