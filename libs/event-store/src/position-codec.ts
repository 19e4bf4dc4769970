import { START, type Position } from './port';

const WIDTH = 20; // 2^64 - 1 has 20 digits: xid8, bigint and ESDB's unsigned positions all fit.
const PAIR = /^(\d{20})-(\d{20})$/;

/** Two unsigned integers as one fixed-width string, so string order is numeric order of the pair. */
export const encodePair = (major: bigint | string, minor: bigint | string): Position =>
  `${major.toString().padStart(WIDTH, '0')}-${minor.toString().padStart(WIDTH, '0')}`;

/** The pair behind a position; START decodes to (0, 0), which every real position follows. */
export const decodePair = (position: Position): [bigint, bigint] => {
  if (position === START) return [0n, 0n];
  const match = PAIR.exec(position);
  if (!match) throw new RangeError(`Not an event store position: "${position}"`);
  return [BigInt(match[1]), BigInt(match[2])];
};
