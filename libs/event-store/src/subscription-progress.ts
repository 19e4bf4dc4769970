import { START, type Position, type Subscription } from './port';

interface Waiter {
  readonly target: Position;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * The bookkeeping every adapter's subscription shares: the last handled position, the callers
 * waiting for a position, and the promise that settles when the subscription ends.
 */
export class SubscriptionProgress {
  readonly done: Promise<void>;
  private current: Position;
  private waiters: Waiter[] = [];
  private finished = false;
  private settle!: { resolve: () => void; reject: (error: Error) => void };

  constructor(start: Position = START) {
    this.current = start;
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    // Callers that only stop() never look at `done`; do not let a handler error crash the process there.
    this.done.catch(() => undefined);
  }

  get position(): Position {
    return this.current;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  advance(position: Position): void {
    if (position <= this.current) return;
    this.current = position;
    const reached = this.waiters.filter((w) => w.target <= position);
    this.waiters = this.waiters.filter((w) => w.target > position);
    reached.forEach((w) => w.resolve());
  }

  waitFor(target: Position): Promise<void> {
    if (target <= this.current) return Promise.resolve();
    if (this.finished)
      return Promise.reject(new Error(`Subscription ended at ${this.current} before ${target}`));
    return new Promise((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  finish(error?: Error): void {
    if (this.finished) return;
    this.finished = true;
    const pending = this.waiters;
    this.waiters = [];
    pending.forEach((w) =>
      w.reject(error ?? new Error(`Subscription stopped at ${this.current} before ${w.target}`)),
    );
    if (error) this.settle.reject(error);
    else this.settle.resolve();
  }
}

/** The subscriptions a store has handed out, so `close()` can stop them all. */
export class LiveSubscriptions {
  private readonly live = new Set<Subscription>();

  /** The port's handle over `progress`; `halt` ends the adapter's loop and resolves when it has. */
  open(progress: SubscriptionProgress, halt: () => Promise<void>): Subscription {
    const subscription: Subscription = {
      waitFor: (position) => progress.waitFor(position),
      get position() {
        return progress.position;
      },
      stop: async () => {
        await halt();
        this.live.delete(subscription);
      },
      done: progress.done,
    };
    this.live.add(subscription);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.live].map((s) => s.stop()));
  }
}
