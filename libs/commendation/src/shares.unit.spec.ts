import { ceilDiv, floorDiv, meets, quotaCapacity } from './shares';

describe('shares on integers', () => {
  it('meets a threshold exactly at its boundary, and a strict one only above it', () => {
    expect(meets(2, 3, { num: 2, den: 3, strict: false })).toBe(true);
    expect(meets(1, 3, { num: 2, den: 3, strict: false })).toBe(false);
    expect(meets(10, 15, { num: 2, den: 3, strict: false })).toBe(true); // 10/15 is 2/3 with no rounding error
    expect(meets(2, 4, { num: 1, den: 2, strict: true })).toBe(false);
    expect(meets(3, 5, { num: 1, den: 2, strict: true })).toBe(true);
  });

  it('never meets a threshold over a zero base', () => {
    expect(meets(0, 0, { num: 0, den: 1, strict: false })).toBe(false);
  });

  it('divides integers exactly, down and up', () => {
    expect([floorDiv(195, 100), floorDiv(200, 100), floorDiv(0, 7)]).toEqual([1, 2, 0]);
    expect([ceilDiv(195, 100), ceilDiv(200, 100), ceilDiv(1, 100), ceilDiv(0, 100)]).toEqual([2, 2, 1, 0]);
  });

  it.each([
    [19, 'floor', 0],
    [20, 'floor', 1],
    [39, 'floor', 1],
    [40, 'floor', 2],
    [20, 'ceil', 1],
    [21, 'ceil', 2],
    [1, 'ceil', 1],
    [0, 'ceil', 0],
  ] as const)('5%% of %i communes, rounded %s, allows %i', (base, rounding, expected) => {
    expect(quotaCapacity(base, { num: 5, den: 100 }, rounding)).toBe(expected);
  });

  it.each([
    [4, 0],
    [5, 1],
    [9, 1],
    [10, 2],
  ])('20%% of %i cluster leaders (floor) allows %i', (leaders, expected) => {
    expect(quotaCapacity(leaders, { num: 20, den: 100 }, 'floor')).toBe(expected);
  });
});
