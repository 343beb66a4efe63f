import { lookupFromSearch, parseSealKey, sealKeyProblem, statusPath, validityMessage } from './status';

describe('parseSealKey', () => {
  it('takes a 13-digit seal code as people type it, or a seal id', () => {
    expect(parseSealKey('3501000000001')).toBe('3501000000001');
    expect(parseSealKey(' 350100 0000001 ')).toBe('3501000000001');
    expect(parseSealKey('350100-0000001')).toBe('3501000000001');
    expect(parseSealKey('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
  });

  it('refuses anything else', () => {
    expect(parseSealKey('350100000000')).toBeUndefined();
    expect(parseSealKey('35010000000012')).toBeUndefined();
    expect(parseSealKey('../admin')).toBeUndefined();
    expect(parseSealKey('')).toBeUndefined();
  });
});

describe('status lookup paths', () => {
  it('asks about now, or about a time read as China time', () => {
    expect(statusPath('3501000000001', '')).toBe('/public/status/3501000000001');
    expect(statusPath('3501000000001', '2026-11-28T09:30')).toBe('/public/status/3501000000001?at=2026-11-28T01%3A30%3A00.000Z');
    expect(statusPath('3501000000001', '2026-11-28T09:30', true)).toBe('/public/status/3501000000001/evidence?at=2026-11-28T01%3A30%3A00.000Z');
    expect(statusPath('3501000000001', 'yesterday', true)).toBe('/public/status/3501000000001/evidence');
  });

  it('keeps a valid lookup from the URL and drops the rest', () => {
    expect(lookupFromSearch(new URLSearchParams('seal=3501000000001&at=2026-11-28T09:30'))).toEqual({ seal: '3501000000001', at: '2026-11-28T09:30' });
    expect(lookupFromSearch(new URLSearchParams('seal=x&at=now'))).toEqual({ seal: '', at: '' });
  });
});

describe('validityMessage', () => {
  it('says valid or not, now or at the time asked', () => {
    expect(validityMessage({ validAt: false }, false)).toBe('notValidNow');
    expect(validityMessage({ validAt: true }, false)).toBe('validNow');
    expect(validityMessage({ validAt: true }, true)).toBe('validAtTime');
    expect(validityMessage({ validAt: false }, true)).toBe('notValidAtTime');
  });
});

describe('sealKeyProblem', () => {
  it('asks for a code once the form is sent, and refuses what is not one', () => {
    expect(sealKeyProblem('', false)).toBeUndefined();
    expect(sealKeyProblem(' ', true)).toBe('required');
    expect(sealKeyProblem('12345', false)).toBe('sealKeyFormat');
    expect(sealKeyProblem('3501000000001', true)).toBeUndefined();
  });
});
