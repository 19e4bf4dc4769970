const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds in `30s`, `15m`, `12h`, `1d` or a bare number of seconds; undefined when it is none of these. */
export const parseDuration = (text: string): number | undefined => {
  const m = /^\s*(\d{1,9})\s*([smhd]?)\s*$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * UNITS[m[2] || 's'];
};

/** Longest accepted bearer-token lifetime unless TOKEN_MAX_TTL says otherwise: a working day. */
export const DEFAULT_TOKEN_MAX_TTL_SECONDS = 12 * 3600;
