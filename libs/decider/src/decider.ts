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

export interface Decider<C extends Command, E extends DomainEvent, S> {
  /** Throws a DomainError naming the rule, or returns the events (possibly none). */
  readonly decide: (command: C, state: S) => E[];
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: () => S;
}

export const fold = <E, S>(evolve: (s: S, e: E) => S, initial: S, events: readonly E[]): S =>
  events.reduce(evolve, initial);
