import { localDate } from '@ntm/calendar';
import { openingClosedProblem } from '@ntm/recognition';

/**
 * A morning before the district level ended (01/07/2025), when a 2021-2025 dossier with its district stage could
 * still be opened (period-rules.ts).
 */
export const DISTRICT_PROCEDURE_DAY = '2025-06-10T02:00:00.000Z';

/** A server's "now" and its offset from real time, as its development clock route shows them. */
export interface ServerClock {
  readonly now: string;
  readonly offsetMs: number;
}

/**
 * Reads a deployment's clock, or moves it (`at`, `advanceMs`, ...: the route's body) for every process of it.
 * Development and acceptance only: the route exists outside production with MOVABLE_CLOCK on.
 */
export const serverClock = async (base: string, move?: object): Promise<ServerClock> => {
  const res = await fetch(`${base}/api/v1/dev/clock`, {
    method: move ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: move && JSON.stringify(move),
  });
  if (!res.ok) {
    throw new Error(
      `The development clock (${base}/api/v1/dev/clock) answered ${res.status} ${await res.text()}: ` +
        'run the server outside production with MOVABLE_CLOCK on',
    );
  }
  return (await res.json()) as ServerClock;
};

/** Whether a deployment may not open a new 2021-2025 dossier with its district stage on its day (period-rules.ts). */
const districtProcedureClosed = (clock: ServerClock): boolean =>
  openingClosedProblem('2021-2025', localDate(clock.now)) !== null;

/**
 * Waits until every API process (`bases`) reads the offset `offsetMs`: each reads the shared offset every second,
 * so a process other than the one that moved the clock may still run at the old time for up to a second.
 */
const untilEveryProcessReads = async (bases: readonly string[], offsetMs: number): Promise<void> => {
  const deadline = Date.now() + 15_000;
  for (const base of bases) {
    while ((await serverClock(base)).offsetMs !== offsetMs) {
      if (Date.now() > deadline) throw new Error(`${base} did not read the moved clock in 15 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

/**
 * Runs `act` (the opening of a 2021-2025 dossier with its district stage) on a day such dossiers were still opened,
 * then puts the deployment's clock back: a dossier opened by then goes on under its own rules (period-rules.ts). `act`
 * is given the clock it runs at. `bases` are the deployment's API processes (the clock is moved through the first):
 * `act` starts, and this answers, only once every one of them reads the move and the move back.
 */
export const whileDistrictProcedureOpen = async <T>(
  bases: readonly [string, ...string[]],
  act: (clock: ServerClock) => Promise<T>,
): Promise<T> => {
  const before = await serverClock(bases[0]);
  if (!districtProcedureClosed(before)) return act(before);
  const moved = await serverClock(bases[0], { at: DISTRICT_PROCEDURE_DAY });
  try {
    await untilEveryProcessReads(bases, moved.offsetMs);
    return await act(moved);
  } finally {
    const back = await serverClock(bases[0], { advanceMs: before.offsetMs - moved.offsetMs });
    await untilEveryProcessReads(bases, back.offsetMs);
  }
};

/**
 * For a walk of 2021-2025 dossiers with their district stage (the bench's, the fault test's): when the deployment's
 * day no longer takes them, moves its clock to DISTRICT_PROCEDURE_DAY and waits until every API process (`bases`) reads the
 * move. Answers the offset from real time the processes now run at.
 */
export const clockWhileDistrictProcedureOpen = async (bases: readonly string[]): Promise<number> => {
  const clock = await serverClock(bases[0]);
  if (!districtProcedureClosed(clock)) return clock.offsetMs;
  const { offsetMs } = await serverClock(bases[0], { at: DISTRICT_PROCEDURE_DAY });
  await untilEveryProcessReads(bases, offsetMs);
  return offsetMs;
};
