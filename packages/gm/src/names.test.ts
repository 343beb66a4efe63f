import { toHex } from './bytes';
import { GmError } from './errors';
import { decodeName, encodeName, nameToString, type NameAttribute } from './names';
import { hasOpenssl, openssl } from './testing/fixtures';
import { derOid, derSeq, tlv } from './der';

describe('names', () => {
  const attrs: NameAttribute[] = [
    { type: 'C', value: 'CN' },
    { type: 'ST', value: '浙江省' },
    { type: 'L', value: '杭州市' },
    { type: 'O', value: '某某厅' },
    { type: 'OU', value: '信息中心' },
    { type: 'CN', value: '张三' },
    { type: 'E', value: 'zhangsan@example.cn' },
    { type: 'SERIALNUMBER', value: '330106199001011234' },
    { type: 'UID', value: 'u-1' },
  ];

  it('encodes one attribute per RDN with the specified string types', () => {
    const der = Buffer.from(encodeName([{ type: 'C', value: 'CN' }, { type: 'CN', value: 'A' }, { type: 'E', value: 'a@b' }]));
    // SEQ { SET { SEQ { 2.5.4.6, PrintableString "CN" } }, SET { SEQ { 2.5.4.3, UTF8String "A" } },
    //       SET { SEQ { emailAddress, IA5String "a@b" } } }
    expect(toHex(der)).toBe(
      '302d' + '310b3009060355040613024' + '34e' + '310a300806035504030c0141' + '3112301006092a864886f70d0109011603614062',
    );
  });

  it('round trips and displays most significant first', () => {
    const der = encodeName(attrs);
    const back = decodeName(der);
    expect(back.map(a => [a.type, a.value])).toEqual(attrs.map(a => [a.type, a.value]));
    expect(nameToString(der)).toBe(
      'C=CN, ST=浙江省, L=杭州市, O=某某厅, OU=信息中心, CN=张三, E=zhangsan@example.cn, SERIALNUMBER=330106199001011234, UID=u-1',
    );
    expect(nameToString([{ type: 'CN', value: 'a,b+c' }])).toBe('CN=a\\,b\\+c');
  });

  it('refuses values outside the string types', () => {
    expect(() => encodeName([{ type: 'C', value: 'China' }])).toThrow(GmError);
    expect(() => encodeName([{ type: 'SERIALNUMBER', value: '身份证' }])).toThrow(GmError);
    expect(() => encodeName([{ type: 'E', value: '张@example.cn' }])).toThrow(GmError);
    expect(() => decodeName(Buffer.from([0x30, 0x02, 0x31, 0x00]))).toThrow(GmError);
  });

  it('decodes BMPString and unknown attributes', () => {
    const fixed = derSeq(
      tlv(0x31, derSeq(derOid('2.5.4.3'), tlv(0x1e, Buffer.from([0x5f, 0x20])))),
      tlv(0x31, derSeq(derOid('0.9.2342.19200300.100.1.25'), tlv(0x16, Buffer.from('cn')))),
    );
    const back = decodeName(fixed);
    expect(back[0]).toMatchObject({ type: 'CN', value: '张' });
    expect(back[1]).toMatchObject({ type: 'OTHER', oid: '0.9.2342.19200300.100.1.25', value: 'cn' });
    expect(nameToString(back)).toBe('CN=张, DC=cn');
  });

  (hasOpenssl ? it : it.skip)('openssl prints the same name (UTF-8)', () => {
    // wrap the name in a minimal CSR-less structure: use `openssl asn1parse` to check the string types
    const r = openssl(['asn1parse', '-inform', 'DER', '-in', 'n.der'], { 'n.der': encodeName(attrs) });
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/PRINTABLESTRING\s*:CN/);
    expect(r.out).toMatch(/IA5STRING\s*:zhangsan@example.cn/);
    expect(r.out).toMatch(/UTF8STRING/);
  });
});
