import { checkRows, propertyInfoText } from './verify';

describe('checkRows', () => {
  it('lists every check in order, with what was not established as unknown', () => {
    const rows = checkRows({ signature: true, sealMaker: true, signerInSealList: true, dataHash: false, signTimeInValidity: true });
    expect(rows).toHaveLength(8);
    expect(rows[0].check).toBe('signature');
    expect(rows[rows.length - 1].check).toBe('signerNotRevokedAtSignTime');
    expect(Object.fromEntries(rows.map(r => [r.check, r.state]))).toMatchObject({ signature: 'pass', dataHash: 'fail', timeStamp: 'unknown', sealValidAtSignTime: 'unknown' });
  });
});

describe('propertyInfoText', () => {
  it('decodes what the platform percent-encoded, and leaves the rest', () => {
    expect(propertyInfoText('yinxin:%E5%90%88%E5%90%8C:%E9%87%87%E8%B4%AD.pdf')).toBe('yinxin:合同:采购.pdf');
    expect(propertyInfoText('vendor:100%')).toBe('vendor:100%');
  });
});
