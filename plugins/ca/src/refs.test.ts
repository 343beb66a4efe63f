import { filenameOf, formatSerial, isUuid, normaliseSerial, parseCertificateRef, shortRef, ticketIdParam } from './refs';

describe('refs', () => {
  it('shortens entity refs', () => {
    expect(shortRef('user:default/rareview1')).toBe('rareview1');
    expect(shortRef(undefined)).toBe('');
  });

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

  it('reads the file name of a download', () => {
    expect(filenameOf('attachment; filename="5a3f.pem"', 'x')).toBe('5a3f.pem');
    expect(filenameOf("attachment; filename*=UTF-8''%E8%AF%81%E4%B9%A6.cer", 'x')).toBe('证书.cer');
    expect(filenameOf(null, 'fallback.der')).toBe('fallback.der');
  });
});
