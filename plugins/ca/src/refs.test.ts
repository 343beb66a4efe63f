import { formatSerial, isUuid, normaliseSerial, parseCertificateRef, ticketIdParam } from './refs';

describe('refs', () => {
  it('reads certificate serials as people type them', () => {
    expect(normaliseSerial('5A:3F:01')).toBe('5a3f01');
    expect(normaliseSerial(' 0x5A3F 01 ')).toBe('5a3f01');
    expect(normaliseSerial('5a3g')).toBeUndefined();
    expect(formatSerial('5a3f01')).toBe('5a:3f:01');
  });

  it('tells a certificate id from a serial', () => {
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(parseCertificateRef('0F8FAD5B-D9CB-469F-A165-70867728950E')).toEqual({ id: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect(parseCertificateRef('5a:3f')).toEqual({ serial: '5a3f' });
    expect(parseCertificateRef('张三')).toBeUndefined();
  });

  it('takes a ticket id from the query string only when it is digits', () => {
    expect(ticketIdParam('12')).toBe('12');
    expect(ticketIdParam('12; drop')).toBe('');
    expect(ticketIdParam(null)).toBe('');
  });
});
