import { DomainError } from '../errors';
import type { Command, Decider, DomainEvent } from '../decider';

/**
 * Given events / when command / then events-or-error, for jest. No I/O: the decider is pure.
 *
 *   spec(decider).given([...]).when(cmd).then([...])
 *   spec(decider).given([...]).when(cmd).thenThrows('CRITERION_NOT_MET')
 */
export const spec = <C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) => ({
  given: (events: readonly E[]) => {
    const state = events.reduce(decider.evolve, decider.initialState());
    return {
      state,
      when: (command: C) => {
        const run = () => decider.decide(command, state);
        return {
          then: (expected: readonly E[]) => {
            expect(run()).toEqual(expected);
          },
          /** Partial match: each produced event must match the expected shape at the same index. */
          thenMatch: (expected: readonly Partial<E>[] | readonly unknown[]) => {
            const produced = run();
            expect(produced).toHaveLength(expected.length);
            expected.forEach((e, i) => expect(produced[i]).toMatchObject(e as object));
            return produced;
          },
          thenNothingHappens: () => {
            expect(run()).toEqual([]);
          },
          thenThrows: (code: string, kind?: DomainError['kind']): DomainError => {
            let caught: unknown;
            try {
              run();
            } catch (e) {
              caught = e;
            }
            expect(caught).toBeInstanceOf(DomainError);
            const err = caught as DomainError;
            expect(err.code).toBe(code);
            if (kind) expect(err.kind).toBe(kind);
            return err;
          },
          /** The state after applying the produced events, to chain further checks. */
          stateAfter: (): S => run().reduce(decider.evolve, state),
        };
      },
    };
  },
});
