import { ConfigError } from './app-config';

/**
 * Ends a process that could not start. A configuration the system refuses is reported as its list of problems,
 * without a stack trace (it is the operator's to fix, not a bug); anything else is printed in full.
 */
export const exitOnStartupFailure = (e: unknown): never => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error(e);
  process.exit(1);
};
