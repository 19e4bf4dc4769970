import { GrowOnlyIndex } from './grow-only-index';

describe('GrowOnlyIndex (shared by successive survey states)', () => {
  it('an older state never sees what a newer one added', () => {
    const a = GrowOnlyIndex.empty<string>().add([['t1', 'x']]);
    const b = a.add([
      ['t2', 'y'],
      ['t1', 'z'],
    ]);
    expect(a.has('t2')).toBe(false);
    expect(a.get('t1')).toEqual(['x']);
    expect(b.get('t1')).toEqual(['x', 'z']);
  });

  it('adding to an older state branches without touching the newer one', () => {
    const a = GrowOnlyIndex.empty<string>().add([['t1', 'x']]);
    const b = a.add([['t2', 'y']]);
    const c = a.add([['t3', 'w']]);
    expect([b.has('t2'), b.has('t3')]).toEqual([true, false]);
    expect([c.has('t2'), c.has('t3'), c.get('t1')]).toEqual([false, true, ['x']]);
    // Both branches keep growing independently.
    expect(b.add([['t4', 'v']]).has('t3')).toBe(false);
    expect(c.add([['t4', 'v']]).get('t4')).toEqual(['v']);
  });
});
