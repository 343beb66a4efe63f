import {
  EMPTY_CERTIFICATE_FILTER,
  applicationQuery,
  certificateFilterFromSearch,
  certificateFilterToSearch,
  certificateQuery,
  parseDays,
  subjectQuery,
} from './queries';

describe('certificate filters', () => {
  it('turns a filter into the API query, the page into limit and offset', () => {
    expect(certificateQuery(EMPTY_CERTIFICATE_FILTER)).toBe('limit=25&offset=0');
    expect(
      certificateQuery(
        { q: ' 张三 ', status: 'good', expired: 'false', usage: 'sign', algorithm: 'SM2', expiringWithinDays: '30', page: 2 },
        10,
      ),
    ).toBe('q=%E5%BC%A0%E4%B8%89&status=good&expired=false&usage=sign&algorithm=SM2&expiringWithinDays=30&limit=10&offset=20');
  });

  it('drops a days value the backend would refuse', () => {
    expect(parseDays('0')).toBe(0);
    expect(parseDays(' 90 ')).toBe(90);
    expect(parseDays('3651')).toBeUndefined();
    expect(parseDays('-1')).toBeUndefined();
    expect(parseDays('1.5')).toBeUndefined();
    expect(parseDays('')).toBeUndefined();
    expect(certificateQuery({ ...EMPTY_CERTIFICATE_FILTER, expiringWithinDays: 'abc' })).toBe('limit=25&offset=0');
  });

  it('round-trips through the page URL, ignoring unknown values', () => {
    const filter = { q: 'a', status: 'revoked', expired: 'true', usage: 'encrypt', algorithm: 'RSA', expiringWithinDays: '60', page: 3 } as const;
    expect(certificateFilterFromSearch(certificateFilterToSearch(filter))).toEqual(filter);
    expect(certificateFilterToSearch(EMPTY_CERTIFICATE_FILTER).toString()).toBe('');
    expect(
      certificateFilterFromSearch(new URLSearchParams('status=lost&usage=x&algorithm=ECDSA&expired=maybe&page=-2&expiringWithinDays=9999')),
    ).toEqual(EMPTY_CERTIFICATE_FILTER);
  });
});

describe('applicationQuery and subjectQuery', () => {
  it('builds the list queries', () => {
    expect(applicationQuery({ status: 'submitted', q: ' RA-2026 ' })).toBe('status=submitted&q=RA-2026&limit=50');
    expect(applicationQuery({ status: '' }, 20, 40)).toBe('limit=20&offset=40');
    expect(applicationQuery({ status: 'bogus' as never })).toBe('limit=50');
    expect(subjectQuery({ q: '单位', kind: 'organisation' })).toBe('q=%E5%8D%95%E4%BD%8D&kind=organisation');
    expect(subjectQuery({})).toBe('');
  });
});
