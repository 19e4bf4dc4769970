import { LRUCache } from 'lru-cache';
import type { Actor } from '@ntm/decider';

/** Longest token kept: a header this size or larger is verified every time (bounds the memory held). */
const MAX_TOKEN_LENGTH = 4096;

/**
 * Actors of bearer tokens already verified, until each token's `exp`: a client sends the same token with every
 * request, and checking its signature and claims again costs more than the rest of a small request. Only tokens
 * that passed every check enter; a hit is refused from the second the token expires (as the verifier refuses
 * `exp <= now`). Bounded: the least recently used token leaves first.
 */
export class VerifiedTokens {
  private readonly entries: LRUCache<string, { readonly actor: Actor; readonly exp: number }>;

  constructor(
    limit = 2000,
    /** Seconds since the epoch. */
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.entries = new LRUCache({ max: limit });
  }

  /** The actor of a verified, unexpired token; undefined when it must be verified. */
  get(token: string): Actor | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.exp > this.nowSeconds()) return entry.actor;
    this.entries.delete(token);
    return undefined;
  }

  /** Remembers a token that passed verification, until `exp` (seconds since the epoch). */
  remember(token: string, actor: Actor, exp: unknown): void {
    if (typeof exp !== 'number' || !Number.isFinite(exp) || token.length >= MAX_TOKEN_LENGTH) return;
    this.entries.set(token, { actor, exp });
  }
}
