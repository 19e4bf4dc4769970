/**
 * Awaits a condition: polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`
 * (generous, as a loaded CI machine lags; a condition met returns at once).
 */
export const eventually = async <T>(
  probe: () => Promise<T | undefined | false | null>,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 20,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && value !== null) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};
