import { isHhMm, isSlug, isWholeIn, move } from './forms';

describe('form helpers', () => {
  it('takes the ids the API takes', () => {
    expect(isSlug('onsite-day')).toBe(true);
    expect(isSlug('Night')).toBe(false);
    expect(isSlug('-x')).toBe(false);
    expect(isSlug('a'.repeat(41))).toBe(false);
  });
  it('checks wall-clock times', () => {
    expect(isHhMm('09:00')).toBe(true);
    expect(isHhMm('24:00')).toBe(true);
    expect(isHhMm('24:01')).toBe(false);
    expect(isHhMm('9:00')).toBe(false);
  });
  it('moves members up and down, not past the ends', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
  it('checks whole numbers in a range', () => {
    expect(isWholeIn('3', 1, 10)).toBe(true);
    expect(isWholeIn('0', 1, 10)).toBe(false);
    expect(isWholeIn('2.5', 1, 10)).toBe(false);
  });
});
