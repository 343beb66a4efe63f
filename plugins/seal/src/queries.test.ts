import {
  EMPTY_SEAL_FILTER,
  EMPTY_LOG_FILTER,
  applicationQueries,
  applicationViewOf,
  pageParam,
  sealFilterFromSearch,
  sealFilterToSearch,
  sealQuery,
  signingCertificateQuery,
  logFilterFromSearch,
  logFilterToSearch,
  logQuery,
  requestFilterFromSearch,
  requestQuery,
  userRefOf,
} from './queries';

describe('registry filter', () => {
  it('turns a filter into the API query, pages counted from 1', () => {
    expect(sealQuery(EMPTY_SEAL_FILTER)).toBe('page=1&pageSize=20');
    expect(sealQuery({ q: ' 人社局 ', status: 'active', type: 'official', page: 2 }, 10)).toBe('q=%E4%BA%BA%E7%A4%BE%E5%B1%80&status=active&type=official&page=3&pageSize=10');
  });

  it('round-trips through the page URL, ignoring unknown values', () => {
    const filter = { q: '公章', status: 'suspended', type: 'finance', page: 4 } as const;
    expect(sealFilterFromSearch(sealFilterToSearch(filter))).toEqual(filter);
    expect(sealFilterToSearch(EMPTY_SEAL_FILTER).toString()).toBe('');
    expect(sealFilterFromSearch(new URLSearchParams('status=good&type=stamp&page=-1'))).toEqual(EMPTY_SEAL_FILTER);
    expect(sealFilterFromSearch(new URLSearchParams(`q=${'长'.repeat(80)}`)).q).toHaveLength(64);
  });

  it('reads a page only when it is a small whole number', () => {
    expect(pageParam('3')).toBe(3);
    expect(pageParam('1.5')).toBe(0);
    expect(pageParam('abc')).toBe(0);
    expect(pageParam(null)).toBe(0);
  });
});

describe('applications view', () => {
  it('starts reviewers on pending applications and everyone else on the open ones', () => {
    expect(applicationViewOf(null, { review: true })).toBe('pending');
    expect(applicationViewOf(null, { review: false })).toBe('open');
    expect(applicationViewOf('made', { review: true })).toBe('made');
    expect(applicationViewOf('active', { review: true })).toBe('pending');
  });

  it('asks for the three open states at once, or one state', () => {
    expect(applicationQueries('open')).toEqual(['status=pending&page=1&pageSize=100', 'status=approved&page=1&pageSize=100', 'status=made&page=1&pageSize=100']);
    expect(applicationQueries('rejected', 20)).toEqual(['status=rejected&page=1&pageSize=20']);
  });
});

describe('userRefOf', () => {
  it('makes an entity ref of a user name, and keeps a ref', () => {
    expect(userRefOf('sealuser1')).toBe('user:default/sealuser1');
    expect(userRefOf(' user:default/sealuser2 ')).toBe('user:default/sealuser2');
    expect(userRefOf('group:default/seal-admin')).toBeUndefined();
    expect(userRefOf('两个 字')).toBeUndefined();
  });
});

describe('usage log filter', () => {
  it('asks for whole China days, both ends included, and the actor as a ref', () => {
    expect(logQuery(EMPTY_LOG_FILTER)).toBe('page=1');
    expect(logQuery({ actor: 'sealuser1', from: '2026-11-01', to: '2026-11-30', sealId: '', page: 1 })).toBe(
      'actor=user%3Adefault%2Fsealuser1&from=2026-10-31T16%3A00%3A00.000Z&to=2026-11-30T16%3A00%3A00.000Z&page=2',
    );
  });

  it('round-trips through the URL and drops what the API would refuse', () => {
    const filter = { actor: 'sealuser1', from: '2026-11-01', to: '2026-11-30', sealId: '0f8fad5b-d9cb-469f-a165-70867728950e', page: 2 };
    expect(logFilterFromSearch(logFilterToSearch(filter))).toEqual(filter);
    expect(logFilterFromSearch(new URLSearchParams('actor=a b&from=2026-13-01&to=yesterday&seal=1&page=x'))).toEqual(EMPTY_LOG_FILTER);
  });
});

describe('use-request filter', () => {
  it('keeps a known state and a page', () => {
    expect(requestFilterFromSearch(new URLSearchParams('status=approved&page=1'))).toEqual({ status: 'approved', page: 1 });
    expect(requestFilterFromSearch(new URLSearchParams('status=made'))).toEqual({ status: '', page: 0 });
    expect(requestQuery({ status: 'pending', page: 0 })).toBe('status=pending&page=1');
    expect(requestQuery({ status: '', page: 2 })).toBe('page=3');
  });
});

describe('signingCertificateQuery', () => {
  it('asks the CA for good, unexpired signing certificates matching the text', () => {
    expect(signingCertificateQuery(' 张三 ')).toBe('usage=sign&status=good&expired=false&limit=10&q=%E5%BC%A0%E4%B8%89');
    expect(signingCertificateQuery('')).toBe('usage=sign&status=good&expired=false&limit=10');
  });
});
