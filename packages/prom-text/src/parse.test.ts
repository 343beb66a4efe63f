import fc from 'fast-check';
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { PromParseError, parsePromText, type MetricFamily } from './parse';

const family = (fs: MetricFamily[], name: string) => fs.find(f => f.name === name)!;

describe('parsePromText', () => {
  it('reads what prom-client serves: counters, gauges, histograms, summaries, labels with escapes', async () => {
    const registry = new Registry();
    const c = new Counter({ name: 'yx_requests_total', help: 'Requests\nby "code" \\ path', labelNames: ['code', 'path'], registers: [registry] });
    c.inc({ code: '200', path: '/a"b\\c\nd' }, 3);
    c.inc({ code: '500', path: '/' });
    new Gauge({ name: 'yx_queue_depth', help: 'Queue', registers: [registry] }).set(-2.5e-3);
    const h = new Histogram({ name: 'yx_latency_seconds', help: 'Latency', buckets: [0.1, 1], labelNames: ['op'], registers: [registry] });
    h.observe({ op: 'sign' }, 0.05);
    h.observe({ op: 'sign' }, 0.5);
    h.observe({ op: 'sign' }, 5);
    const s = new Summary({ name: 'yx_size_bytes', help: 'Size', percentiles: [0.5, 0.9], registers: [registry] });
    s.observe(10);
    s.observe(20);
    const fs = parsePromText(await registry.metrics());
    expect(fs.map(f => [f.name, f.type])).toEqual([
      ['yx_requests_total', 'counter'],
      ['yx_queue_depth', 'gauge'],
      ['yx_latency_seconds', 'histogram'],
      ['yx_size_bytes', 'summary'],
    ]);
    const req = family(fs, 'yx_requests_total');
    expect(req.help).toBe('Requests\nby "code" \\ path');
    expect(req.samples).toContainEqual({ name: 'yx_requests_total', labels: { code: '200', path: '/a"b\\c\nd' }, value: 3 });
    expect(family(fs, 'yx_queue_depth').samples[0].value).toBe(-0.0025);
    const lat = family(fs, 'yx_latency_seconds');
    expect(lat.samples.filter(x => x.name === 'yx_latency_seconds_bucket').map(x => [x.labels.le, x.value])).toEqual([
      ['0.1', 1],
      ['1', 2],
      ['+Inf', 3],
    ]);
    expect(lat.samples.find(x => x.name === 'yx_latency_seconds_count')?.value).toBe(3);
    expect(family(fs, 'yx_size_bytes').samples.find(x => x.labels.quantile === '0.5')?.value).toBe(15);
  });

  it('reads special values, timestamps, untyped samples and comments', () => {
    const fs = parsePromText('# a comment\n\nup 1 1395066363000\nweird{a="1"} +Inf\nnan_gauge NaN\nneg -Inf\r\n# TYPE later counter\nlater_total 2\n');
    expect(family(fs, 'up')).toEqual({ name: 'up', type: 'untyped', samples: [{ name: 'up', labels: {}, value: 1, timestampMs: 1395066363000 }] });
    expect(family(fs, 'weird').samples[0].value).toBe(Infinity);
    expect(Number.isNaN(family(fs, 'nan_gauge').samples[0].value)).toBe(true);
    expect(family(fs, 'neg').samples[0].value).toBe(-Infinity);
    expect(family(fs, 'later')).toMatchObject({ type: 'counter', samples: [{ name: 'later_total', value: 2 }] });
  });

  it.each([
    ['bad name', '9metric 1', 'SYNTAX'],
    ['unquoted label', 'm{a=1} 1', 'SYNTAX'],
    ['bad escape', 'm{a="\\x"} 1', 'SYNTAX'],
    ['unterminated', 'm{a="x} 1', 'SYNTAX'],
    ['duplicate label', 'm{a="1",a="2"} 1', 'SYNTAX'],
    ['no value', 'm{a="1"}', 'SYNTAX'],
    ['bad value', 'm 1.2.3', 'SYNTAX'],
    ['bad timestamp', 'm 1 12x', 'SYNTAX'],
    ['too many fields', 'm 1 2 3', 'SYNTAX'],
    ['unknown type', '# TYPE m meter', 'SYNTAX'],
    ['type after samples', 'm 1\n# TYPE m gauge', 'TYPE_CONFLICT'],
    ['type twice', '# TYPE m gauge\n# TYPE m gauge', 'TYPE_CONFLICT'],
    ['bucket without le', '# TYPE h histogram\nh_bucket 1', 'HISTOGRAM'],
    ['no +Inf bucket', '# TYPE h histogram\nh_bucket{le="1"} 1', 'HISTOGRAM'],
    ['not cumulative', '# TYPE h histogram\nh_bucket{le="1"} 5\nh_bucket{le="+Inf"} 3', 'HISTOGRAM'],
  ])('rejects %s', (_what, text, code) => {
    expect(() => parsePromText(text)).toThrow(expect.objectContaining({ name: 'PromParseError', code }));
  });

  it('enforces its limits', () => {
    expect(() => parsePromText('m 1\n'.repeat(10), { maxSamples: 5 })).toThrow(expect.objectContaining({ code: 'TOO_MANY_SAMPLES' }));
    expect(() => parsePromText(`m{a="${'x'.repeat(200)}"} 1`, { maxLineLength: 100 })).toThrow(expect.objectContaining({ code: 'LINE_TOO_LONG' }));
    expect(() => parsePromText('m 1\n'.repeat(100), { maxBytes: 50 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });

  it('property: random and mutated input only ever gives families or a PromParseError', () => {
    const valid = '# HELP a_total A\n# TYPE a_total counter\na_total{x="1"} 2\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 3\nh_count 2\ng 1.5e3 123\n';
    const check = (t: string) => {
      try {
        const fs = parsePromText(t);
        for (const f of fs) for (const s of f.samples) expect(typeof s.value).toBe('number');
      } catch (e) {
        expect(e).toBeInstanceOf(PromParseError);
      }
    };
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 500 });
    fc.assert(fc.property(fc.array(fc.constantFrom('#', ' ', '{', '}', '"', '\\', '=', ',', '\n', 'a', '_', '1', '.', 'e', '+', '-', 'Inf', 'NaN', 'TYPE', 'HELP', 'le'), { maxLength: 80 }), parts => check(parts.join(''))), { numRuns: 500 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 127 }), (pos, code) => check(valid.slice(0, pos) + String.fromCharCode(code) + valid.slice(pos + 1))),
      { numRuns: 500 },
    );
  });

  it('property: label values with any characters round-trip through prom-client', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.double({ noNaN: true, min: -1e9, max: 1e9 }), async (text, v) => {
        const registry = new Registry();
        new Gauge({ name: 'g', help: 'h', labelNames: ['l'], registers: [registry] }).set({ l: text }, v);
        const [f] = parsePromText(await registry.metrics());
        expect(f.samples[0].labels.l).toBe(text);
        expect(f.samples[0].value).toBeCloseTo(v, 6);
      }),
      { numRuns: 200 },
    );
  });
});
