import { displayIdNumber } from './identity';

describe('displayIdNumber', () => {
  it('keeps a masked number as the API sent it', () => {
    expect(displayIdNumber('110***********1234')).toBe('110***********1234');
  });

  it('masks a number that arrives unmasked, and all of a short one', () => {
    expect(displayIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(displayIdNumber('E1234')).toBe('*****');
    expect(displayIdNumber(undefined)).toBe('');
  });
});
