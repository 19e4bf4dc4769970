import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Actor, Command, Decider, DomainEvent, Evolver } from '@ntm/decider';
import { domainEvent } from '@ntm/decider';
import { DomainError, notFound } from '@ntm/decider';
import {
  StreamConflictError,
  StreamNotFoundError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type Position,
  type RecordedEvent,
} from '@ntm/event-store';
import { deterministicUuid } from './ids';
import { GuardMovedError, IdempotencyStore, type StreamGuard } from './idempotency.store';

type Append = (
  streamId: string,
  events: readonly EventToAppend[],
  options: AppendOptions,
  /** The command's answer should the events be written as expected (its position still unknown). */
  answer: Summarized<unknown>,
) => Promise<AppendResult>;

/** A keyed command met the first answer of an earlier identical request: that is the answer. */
class Answered extends Error {
  constructor(readonly answer: unknown) {
    super('answered before');
  }
}

/** A decided command: its answer, and what the cache may learn once the events are surely stored. */
interface Ran<Summary> {
  readonly outcome: Summarized<Summary>;
  readonly learn?: () => void;
  /** The events were written as the answer foresaw (a keyed append then stored the answer with them). */
  readonly stored?: boolean;
}

/** A decision on the cached state that no append confirmed. */
class Unverified extends Error {}

// On EventStoreDB a retry after a crash looks for its command's events among the stream's last events.
const RECOVERY_WINDOW = 500;

/** What the HTTP layer knows about a request besides the command itself. */
export interface RequestContext {
  readonly actor: Actor;
  readonly now: Date;
  /** If-Match: the stream version the client last saw. */
  readonly expectedVersion?: number;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  /** Set by process managers: the event that caused this command. */
  readonly causationId?: string;
}

export interface CommandOutcome {
  readonly streamId: string;
  /** The stream's version after the command (unchanged when nothing happened). */
  readonly version: number;
  /** Where the last event landed in the all-stream; pass it as ?minPosition= to wait for read models. */
  readonly position: Position | null;
  readonly events: readonly { readonly type: string; readonly version: number }[];
}

/** An answer with the request's `summarize` of the state after the command, so a screen needs no second request. */
export type Summarized<Summary> = CommandOutcome & {
  /** Absent when the request has no `summarize`, or the answer was rebuilt from stored events after a crash. */
  readonly summary?: Summary;
};

export interface CommandRequest<C extends Command, E extends DomainEvent, S, Summary = never> {
  readonly streamId: string;
  readonly decider: Decider<C, E, S>;
  /** The command to decide, given the metadata (actor, now) and the current state. */
  readonly command: (metadata: C['metadata'], state: S) => C;
  /** False for commands that create the stream. */
  readonly mustExist: boolean;
  /** Vietnamese name of the thing, for "not found" messages. */
  readonly noun: string;
  /** The code answered (404) when the stream must exist and does not, e.g. `DOSSIER_NOT_FOUND`; `NOT_FOUND` if unset. */
  readonly notFound?: string;
  /** The state after the command, summarised for the answer (`outcome.summary`). */
  readonly summarize?: (state: S) => Summary;
  /**
   * For commands whose order does not matter (survey ballots): on a version conflict, reload and decide
   * again up to this many times instead of answering 409. Never used when the client sent If-Match.
   */
  readonly retryOnConflict?: number;
  /**
   * Other streams the decision was made on, as read (a dossier's calendar: the holiday years; a commune's debt
   * ledger). The events are written only if none has moved since; else GuardMovedError and nothing is written.
   * Checked in the append's own statement when `guardsInStatement`, otherwise by reading the streams first.
   */
  readonly guards?: readonly StreamGuard[];
}

export interface Loaded<S> {
  readonly state: S;
  readonly version: number | null;
}

// Folded states of recently used streams. A long stream (a survey's ballots) is then read from where the
// cache stands, not from its first event. Only events read back from the store ever advance an entry.
const CACHE_LIMIT = 2000;

/**
 * The imperative shell around a pure decider: load the stream, fold, decide, append with the
 * expected version, stamp who/when/why on every event, and answer retries with the first answer.
 */
export class CommandGateway {
  private readonly cache = new LRUCache<string, { readonly state: unknown; readonly version: number }>({
    max: CACHE_LIMIT,
  });

  constructor(
    private readonly store: EventStore,
    private readonly idempotency: IdempotencyStore,
  ) {}

  /**
   * The stream's folded state. `trustCache` skips the read when a cached state exists: for first attempts,
   * whose append with the cached version fails (and retries with a read) if the cache was stale, and for states
   * a decision takes with a guard on their version. A trusting load remembers a stream it found absent too.
   */
  async load<E extends DomainEvent, S>(
    streamId: string,
    fold: Evolver<E, S>,
    trustCache = false,
  ): Promise<Loaded<S>> {
    const cached = this.cache.get(streamId) as { state: S; version: number } | undefined;
    // Version 0 in the cache: a stream found absent by a trusting load (its guard then checks it still is).
    if (trustCache && cached) return cached.version === 0 ? { ...cached, version: null } : cached;
    const absent = (): Loaded<S> => {
      if (trustCache) this.remember(streamId, fold.initialState(), 0);
      return { state: fold.initialState(), version: null };
    };
    let events: RecordedEvent[];
    try {
      events = await this.store.readStream(
        streamId,
        cached ? { fromVersion: cached.version + 1 } : undefined,
      );
    } catch (e) {
      if (e instanceof StreamNotFoundError) return absent();
      throw e;
    }
    const from = cached ?? { state: fold.initialState(), version: 0 };
    if (events.length === 0) return from.version === 0 ? absent() : from;
    const state = events.reduce((s, e) => fold.evolve(s, domainEvent<E>(e)), from.state);
    const version = events[events.length - 1].streamVersion;
    this.remember(streamId, state, version);
    return { state, version };
  }

  private remember(streamId: string, state: unknown, version: number): void {
    // A command that committed before a later one may report after it: never step the cache back.
    if ((this.cache.peek(streamId)?.version ?? 0) > version) return;
    this.cache.set(streamId, { state, version });
  }

  async execute<C extends Command, E extends DomainEvent, S, Summary = never>(
    request: CommandRequest<C, E, S, Summary>,
    context: RequestContext,
    /** What identifies "the same request" for idempotency: route + body. */
    payload: unknown,
  ): Promise<Summarized<Summary>> {
    const scope = context.idempotencyKey ? `${context.actor.id}:${context.idempotencyKey}` : undefined;
    if (request.guards?.length && !this.guardsInStatement(context)) await this.checkGuards(request.guards);
    if (!scope) {
      const ran = await this.runWithRetry(request, context, undefined, (s, e, o) =>
        this.store.append(s, e, o),
      );
      ran.learn?.();
      return ran.outcome;
    }
    if (this.idempotency.atomic) return this.executeKeyed(request, context, scope, payload);
    let learn: (() => void) | undefined;
    const outcome = await this.idempotency.once(
      scope,
      IdempotencyStore.fingerprint(payload),
      async (tx): Promise<Summarized<Summary>> => {
        if (!tx.atomic) {
          // The append is not in the record's transaction: events of this command may be stored already.
          const recovered = await this.recover(request.streamId, deterministicUuid(`command:${scope}`));
          if (recovered) return recovered;
        }
        const ran = await this.runWithRetry(request, context, scope, (s, e, o) => tx.append(s, e, o));
        learn = ran.learn;
        return ran.outcome;
      },
    );
    // Only now is the append committed: until then the cache must not believe in it.
    learn?.();
    return outcome;
  }

  /** Whether a request's guards cost nothing: checked in the statement that appends (keyed, on PostgreSQL). */
  private guardsInStatement(context: Pick<RequestContext, 'idempotencyKey'>): boolean {
    return context.idempotencyKey !== undefined && this.idempotency.atomic;
  }

  private async checkGuards(guards: readonly StreamGuard[]): Promise<void> {
    const versions = await Promise.all(guards.map((g) => this.store.streamVersion(g.streamId)));
    if (guards.some((g, i) => versions[i] !== g.version)) throw new GuardMovedError(guards);
  }

  /**
   * A keyed command on PostgreSQL in one round trip: decided first (on the cached state when there is one), then
   * the key's lock, the stored answer or the append, and the answer stored with the events, all in one statement
   * (IdempotencyStore.appendOnce). A retry meets its first answer there; one the decider now refuses (or finds
   * nothing to do, or a conflict) looks for it before answering otherwise.
   */
  private async executeKeyed<C extends Command, E extends DomainEvent, S, Summary>(
    request: CommandRequest<C, E, S, Summary>,
    context: RequestContext,
    scope: string,
    payload: unknown,
  ): Promise<Summarized<Summary>> {
    const fingerprint = IdempotencyStore.fingerprint(payload);
    let ran: Ran<Summary>;
    try {
      ran = await this.runWithRetry(request, context, scope, async (streamId, events, options, answer) => {
        const found = await this.idempotency.appendOnce(
          scope,
          fingerprint,
          streamId,
          events,
          options,
          answer,
          request.guards,
        );
        if ('answered' in found) throw new Answered(found.answered);
        return found.appended;
      });
    } catch (e) {
      if (e instanceof Answered) return e.answer as Summarized<Summary>;
      const first = await this.idempotency.answered<Summarized<Summary>>(scope, fingerprint);
      if (first) return first;
      throw e;
    }
    // Stored by the append only when it wrote as expected; an answer without events (or a duplicate) goes now.
    if (!ran.stored)
      return (await this.idempotency.storeAnswer(
        scope,
        fingerprint,
        ran.outcome,
        request.guards,
      )) as Summarized<Summary>;
    ran.learn?.();
    return ran.outcome;
  }

  /**
   * The first answer of a keyed request already carried out (undefined without a key or when none is stored).
   * Handlers that check anything before `execute` call this first, so a retry answers as its first attempt did
   * even when that attempt changed what the check looks at (an open dossier, a survey step passed).
   */
  async firstAnswer<Summary = never>(
    streamId: string,
    context: RequestContext,
    payload: unknown,
  ): Promise<Summarized<Summary> | undefined> {
    if (!context.idempotencyKey) return undefined;
    const scope = `${context.actor.id}:${context.idempotencyKey}`;
    const stored = await this.idempotency.answered<Summarized<Summary>>(
      scope,
      IdempotencyStore.fingerprint(payload),
    );
    if (stored || this.idempotency.atomic) return stored;
    return (await this.recover(streamId, deterministicUuid(`command:${scope}`))) ?? undefined;
  }

  /**
   * The answer of a command whose events are stored (found by the command id in their metadata), rebuilt
   * from the events themselves; null when none of the stream's last events is this command's.
   */
  private async recover(streamId: string, commandId: string): Promise<CommandOutcome | null> {
    let recent: RecordedEvent[];
    try {
      recent = await this.store.readStream(streamId, { direction: 'backwards', maxCount: RECOVERY_WINDOW });
    } catch (e) {
      if (e instanceof StreamNotFoundError) return null;
      throw e;
    }
    const mine = recent.filter((e) => e.metadata.commandId === commandId).reverse();
    if (mine.length === 0) return null;
    const last = mine[mine.length - 1];
    return {
      streamId,
      version: last.streamVersion,
      position: last.position,
      events: mine.map((e) => ({ type: e.type, version: e.streamVersion })),
    };
  }

  private async runWithRetry<C extends Command, E extends DomainEvent, S, Summary>(
    request: CommandRequest<C, E, S, Summary>,
    context: RequestContext,
    scope: string | undefined,
    append: Append,
  ): Promise<Ran<Summary>> {
    const retries = context.expectedVersion === undefined ? (request.retryOnConflict ?? 0) : 0;
    // First decide on the cached state without reading the stream: the append's expected version tells whether
    // the cache was current. If it was not (a conflict), or the stale state made the decider refuse or find
    // nothing to do, decide again on a fresh read: only that attempt's answer counts.
    // A command that may create its stream, with nothing cached, first guesses that there is none (the usual
    // case for an opening): the append's 'no-stream' check confirms the guess the same way.
    let trusting = this.cache.has(request.streamId) || !request.mustExist;
    for (let conflicts = 0; ;) {
      try {
        return await this.run(request, context, scope, append, trusting);
      } catch (e) {
        if (trusting) {
          trusting = false;
          if (e instanceof DomainError || e instanceof StreamConflictError || e instanceof Unverified)
            continue;
        }
        // Order-free commands (no If-Match): decide again on the new state, up to `retries` times.
        if (!(e instanceof StreamConflictError) || conflicts++ >= retries) throw e;
      }
    }
  }

  private async run<C extends Command, E extends DomainEvent, S, Summary>(
    request: CommandRequest<C, E, S, Summary>,
    context: RequestContext,
    scope: string | undefined,
    append: Append,
    trustCache = false,
  ): Promise<Ran<Summary>> {
    const { streamId, decider, summarize } = request;
    const summarized = (state: S) => (summarize ? { summary: summarize(state) } : {});
    const loaded: Loaded<S> =
      trustCache && !this.cache.has(streamId)
        ? { state: decider.initialState(), version: null }
        : await this.load(streamId, decider, trustCache);
    if (request.mustExist && loaded.version === null) {
      throw notFound(
        request.notFound ?? 'NOT_FOUND',
        `Không tìm thấy ${request.noun} ${streamId.replace(/^[a-z-]+?-/, '')}`,
      );
    }
    if (context.expectedVersion !== undefined && context.expectedVersion !== (loaded.version ?? 0)) {
      throw new StreamConflictError(streamId, context.expectedVersion, loaded.version);
    }
    const commandId = scope ? deterministicUuid(`command:${scope}`) : randomUUID();
    const command = request.command(
      {
        actor: context.actor,
        now: context.now.toISOString(),
        correlationId: context.correlationId,
        causationId: commandId,
      },
      loaded.state,
    );
    const decided = decider.decide(command, loaded.state);
    if (decided.length === 0) {
      // Nothing to append means nothing checks the cached state: read it before answering "nothing to do".
      if (trustCache) throw new Unverified();
      return {
        outcome: {
          streamId,
          version: loaded.version ?? 0,
          position: null,
          events: [],
          ...summarized(loaded.state),
        },
      };
    }
    const correlationId = context.correlationId ?? commandId;
    const toAppend: EventToAppend[] = decided.map((event, i) => ({
      eventId: scope ? deterministicUuid(`event:${scope}:${i}`) : randomUUID(),
      type: event.type,
      data: event.data,
      metadata: {
        actor: context.actor.id,
        actorName: context.actor.name,
        role: context.actor.role,
        correlationId,
        causationId: context.causationId ?? commandId,
        commandType: command.type,
        commandId,
        ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
      },
    }));
    const after = decided.reduce(decider.evolve, loaded.state);
    const outcomeAt = (version: number, position: Position | null): Summarized<Summary> => {
      const first = version - toAppend.length + 1;
      return {
        streamId,
        version,
        position,
        events: toAppend.map((e, i) => ({ type: e.type, version: first + i })),
        ...summarized(after),
      };
    };
    const expected = loaded.version ?? 0;
    const result = await append(
      streamId,
      toAppend,
      { expectedVersion: loaded.version === null ? 'no-stream' : loaded.version },
      outcomeAt(expected + toAppend.length, null),
    );
    // Written right after the state we decided on: the next command need not read it back.
    const asExpected = result.written && result.nextExpectedVersion === expected + toAppend.length;
    return {
      outcome: outcomeAt(result.nextExpectedVersion, result.position),
      learn: asExpected ? () => this.remember(streamId, after, result.nextExpectedVersion) : undefined,
      stored: asExpected,
    };
  }
}
