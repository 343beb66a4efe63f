import { newsOf, newsPath, newsText } from './news';

describe('news', () => {
  const session = { kind: 'session-scheduled', sessionId: 's1', title: 'USB-key 使用培训', topic: 'usb-key', startsAt: '2026-03-02T02:00:00.000Z', endsAt: '2026-03-02T04:00:00.000Z', mode: 'online', at: 'x' };
  const material = { kind: 'material-published', materialId: 'm1', version: 2, title: '电子印章使用指南', audiences: ['agency'], topics: ['e-seal'], at: 'x' };

  it('reads the two kinds of news and nothing else', () => {
    expect(newsOf('training', session)).toEqual(session);
    expect(newsOf('training', material)).toEqual(material);
    expect(newsOf('presence', session)).toBeUndefined();
    expect(newsOf('training', { kind: 'other' })).toBeUndefined();
    expect(newsOf('training', null)).toBeUndefined();
    expect(newsOf('training', { kind: 'session-scheduled', sessionId: 's1' })).toBeUndefined();
  });

  it('says what happened and where to look', () => {
    const s = newsOf('training', session)!;
    expect(newsText(s, 'zh')).toBe('新培训场次：USB-key 使用培训（2026-03-02 10:00–12:00，线上）');
    expect(newsText(s, 'en')).toBe('New session: USB-key 使用培训 (2026-03-02 10:00–12:00 China time, Online)');
    expect(newsPath(s)).toBe('/training/sessions/s1');
    const m = newsOf('training', material)!;
    expect(newsText(m, 'zh')).toBe('新资料已发布：电子印章使用指南');
    expect(newsPath(m)).toBe('/training/library/m1');
  });
});
