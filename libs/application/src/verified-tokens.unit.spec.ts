import { VerifiedTokens } from '@ntm/application';
import type { Actor } from '@ntm/decider';

const actor = (id: string): Actor => ({ id, role: 'admin', jurisdiction: {} });

describe('VerifiedTokens', () => {
  it('answers a remembered token until the second it expires, then forgets it', () => {
    let now = 1_000;
    const tokens = new VerifiedTokens(10, () => now);
    tokens.remember('t', actor('a'), 1_010);
    expect(tokens.get('t')).toEqual(actor('a'));
    now = 1_009;
    expect(tokens.get('t')).toEqual(actor('a'));
    now = 1_010;
    expect(tokens.get('t')).toBeUndefined();
    now = 1_000;
    expect(tokens.get('t')).toBeUndefined();
  });

  it('knows only tokens it was told of, with a numeric expiry and a bounded length', () => {
    const tokens = new VerifiedTokens(10, () => 0);
    tokens.remember('no-exp', actor('a'), undefined);
    tokens.remember('text-exp', actor('a'), '100');
    tokens.remember('x'.repeat(4096), actor('a'), 100);
    expect(tokens.get('no-exp')).toBeUndefined();
    expect(tokens.get('text-exp')).toBeUndefined();
    expect(tokens.get('x'.repeat(4096))).toBeUndefined();
    expect(tokens.get('never-seen')).toBeUndefined();
  });

  it('keeps at most its limit, dropping the least recently used', () => {
    const tokens = new VerifiedTokens(2, () => 0);
    tokens.remember('a', actor('a'), 100);
    tokens.remember('b', actor('b'), 100);
    expect(tokens.get('a')).toEqual(actor('a'));
    tokens.remember('c', actor('c'), 100);
    expect(tokens.get('b')).toBeUndefined();
    expect(tokens.get('a')).toEqual(actor('a'));
    expect(tokens.get('c')).toEqual(actor('c'));
  });
});
