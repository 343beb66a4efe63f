import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { buildCertsOnlyPkcs7 } from './pkcs7';
import { OIDS } from './oids';
import { pemEncode } from './pem';
import { hasOpenssl, makeRsaCa, makeSm2Ca, openssl } from './testing/fixtures';
import { GmError } from './errors';

describe('certs-only PKCS#7', () => {
  it('is a degenerate SignedData readable by an independent ASN.1 reader and by openssl', async () => {
    const a = await makeSm2Ca('A');
    const b = await makeRsaCa();
    const p7 = buildCertsOnlyPkcs7([a.cert, b.cert]);
    const ci = AsnConvert.parse(Buffer.from(p7), ContentInfo);
    expect(ci.contentType).toBe(OIDS.pkcs7SignedData);
    const sd = AsnConvert.parse(ci.content, SignedData);
    expect(sd.version).toBe(1);
    expect(sd.signerInfos).toHaveLength(0);
    expect(sd.digestAlgorithms).toHaveLength(0);
    expect(sd.encapContentInfo.eContentType).toBe(OIDS.pkcs7Data);
    expect(sd.certificates).toHaveLength(2);
    if (hasOpenssl) {
      const r = openssl(['pkcs7', '-inform', 'DER', '-in', 'b.p7b', '-print_certs'], { 'b.p7b': p7 });
      expect(r.status).toBe(0);
      expect(r.out).toContain(pemEncode('CERTIFICATE', a.cert).trim());
      expect(r.out).toContain(pemEncode('CERTIFICATE', b.cert).trim());
    }
    expect(() => buildCertsOnlyPkcs7([])).toThrow(GmError);
    expect(() => buildCertsOnlyPkcs7([Buffer.from('x')])).toThrow(GmError);
  });
});
