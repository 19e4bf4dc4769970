import type { Actor } from './actor';

/** What every command carries besides its data: who, when, and the trace it belongs to. */
export interface CommandMetadata {
  readonly actor: Actor;
  /** ISO timestamp of the request; the only clock the domain sees. */
  readonly now: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A domain event before it is stored: the shell adds ids and metadata. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** What folding a stream needs: reading never decides, so any decider (or a bare evolve) will do. */
export interface Evolver<E extends DomainEvent, S> {
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: () => S;
}

/**
 * A stored event as its domain's event type. A store keeps types and data as it got them, so a stream written by
 * one decider reads back as that decider's events: this is the one place that says so.
 */
export const domainEvent = <E extends DomainEvent>(stored: {
  readonly type: string;
  readonly data: unknown;
}): E => ({ type: stored.type, data: stored.data }) as E;

export interface Decider<C extends Command, E extends DomainEvent, S> extends Evolver<E, S> {
  /** Throws a DomainError naming the rule, or returns the events (possibly none). */
  readonly decide: (command: C, state: S) => E[];
}

/** A command as its sender builds it: the shell stamps the metadata (who, when, trace) when it runs it. */
export type Unstamped<C extends Command> = C extends Command ? Omit<C, 'metadata'> : never;

export const fold = <E, S>(evolve: (s: S, e: E) => S, initial: S, events: readonly E[]): S =>
  events.reduce(evolve, initial);
