import { filenameOf } from './download';
import { shortRef } from './format';

describe('shortRef', () => {
  it('shortens entity refs', () => {
    expect(shortRef('user:default/rareview1')).toBe('rareview1');
    expect(shortRef(undefined)).toBe('');
  });
});

describe('filenameOf', () => {
  it('reads the file name of a download', () => {
    expect(filenameOf('attachment; filename="5a3f.pem"', 'x')).toBe('5a3f.pem');
    expect(filenameOf("attachment; filename*=UTF-8''%E8%AF%81%E4%B9%A6.cer", 'x')).toBe('证书.cer');
    expect(filenameOf(null, 'fallback.der')).toBe('fallback.der');
  });
});
