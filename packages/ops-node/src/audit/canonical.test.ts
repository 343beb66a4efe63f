import fc from 'fast-check';
import {
  AUDIT_GENESIS_HASH,
  CanonicalJsonError,
  auditRecordCanonical,
  canonicalJson,
  checkpointSigningBytes,
  computeAuditRecordHash,
  sm3Hex,
} from './canonical';
import type { AuditRecordContent } from './types';

describe('sm3Hex', () => {
  // GB/T 32905-2016, appendix A.
  it('matches the standard test vector for "abc"', () => {
    expect(sm3Hex('abc')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('matches the standard 64-byte test vector ("abcd" x 16)', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('hashes strings as UTF-8 and accepts bytes', () => {
    expect(sm3Hex('印信')).toBe(sm3Hex(Buffer.from('印信', 'utf8')));
    expect(sm3Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sm3Hex('abc'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(
      canonicalJson({ b: 1, a: [true, null, { z: 'x', y: -0.5 }], c: {} }),
    ).toBe('{"a":[true,null,{"y":-0.5,"z":"x"}],"b":1,"c":{}}');
  });

  it('sorts by UTF-16 code units, independent of locale', () => {
    expect(
      canonicalJson({ b: 0, B: 0, é: 0, '\u{1F600}': 0, '\uFFFF': 0, a: 0 }),
    ).toBe('{"B":0,"a":0,"b":0,"é":0,"\u{1F600}":0,"\uFFFF":0}');
  });

  it('escapes strings as JSON does', () => {
    const s =
      'quote " backslash \\ newline \n tab \t nul \u0000 lone \ud800 印';
    expect(canonicalJson(s)).toBe(JSON.stringify(s));
    expect(JSON.parse(canonicalJson({ s }))).toEqual({ s });
  });

  it('writes numbers as JSON does', () => {
    expect(
      canonicalJson([0, -0, 1e21, 1.5e-7, 123456789012345680000, 0.1]),
    ).toBe('[0,0,1e+21,1.5e-7,123456789012345680000,0.1]');
  });

  it.each([
    ['undefined', undefined, '$'],
    ['a property set to undefined', { a: 1, b: undefined }, '$.b'],
    ['undefined in an array', [1, undefined], '$[1]'],
    ['a hole in an array', [1, , 3], '$[1]'], // eslint-disable-line no-sparse-arrays
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', { s: Symbol('x') }, '$.s'],
    ['a bigint', { n: BigInt(1) }, '$.n'],
    ['NaN', { deep: { n: NaN } }, '$.deep.n'],
    ['Infinity', [Infinity], '$[0]'],
    ['-Infinity', { 'odd key': -Infinity }, '$["odd key"]'],
    ['a Date', { d: new Date(0) }, '$.d'],
    ['a Map', { m: new Map() }, '$.m'],
    ['a Buffer', { b: Buffer.from('x') }, '$.b'],
  ])('rejects %s', (_name, value, path) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    try {
      canonicalJson(value);
    } catch (e) {
      expect((e as CanonicalJsonError).path).toBe(path);
    }
  });

  it('rejects cycles but accepts shared (acyclic) references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe(
      '{"a":{"x":1},"b":{"x":1}}',
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
  });

  it('treats a parsed "__proto__" key as an ordinary key', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":[]}}'))).toBe(
      '{"__proto__":{"x":[]},"b":1}',
    );
  });

  it('accepts objects without a prototype', () => {
    const o = Object.create(null);
    o.b = 2;
    o.a = 1;
    expect(canonicalJson(o)).toBe('{"a":1,"b":2}');
  });

  describe('properties', () => {
    function reverseKeys(value: unknown): unknown {
      if (Array.isArray(value)) return value.map(reverseKeys);
      if (value !== null && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value).reverse()) {
          // defineProperty, so that a "__proto__" key stays an own property.
          Object.defineProperty(out, key, {
            value: reverseKeys((value as Record<string, unknown>)[key]),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return out;
      }
      return value;
    }

    it('does not depend on key insertion order', () => {
      fc.assert(
        fc.property(fc.jsonValue(), value => {
          expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
        }),
      );
    });

    it('is stable under a parse round trip and parses back to the same value', () => {
      fc.assert(
        fc.property(fc.jsonValue(), value => {
          const text = canonicalJson(value);
          expect(canonicalJson(JSON.parse(text))).toBe(text);
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
          expect(text).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
        }),
      );
    });

    it('contains no whitespace outside strings', () => {
      fc.assert(
        fc.property(fc.jsonValue(), value => {
          const withoutStrings = canonicalJson(value).replace(
            /"(?:[^"\\]|\\.)*"/g,
            '""',
          );
          expect(withoutStrings).not.toMatch(/\s/);
        }),
      );
    });

    it('rejects NaN wherever it is', () => {
      const withNaN: fc.Arbitrary<unknown> = fc.letrec(tie => ({
        node: fc.oneof(
          { depthSize: 'small' },
          fc.constant(NaN),
          fc
            .tuple(fc.array(fc.jsonValue()), tie('node'), fc.nat())
            .map(([items, bad, at]) => {
              const copy: unknown[] = [...items];
              copy.splice(at % (items.length + 1), 0, bad);
              return copy;
            }),
          fc
            .tuple(
              fc.dictionary(fc.string(), fc.jsonValue()),
              fc.string(),
              tie('node'),
            )
            .map(([dict, key, bad]) => ({ ...dict, [key]: bad })),
        ),
      })).node;
      fc.assert(
        fc.property(withNaN, value => {
          expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
        }),
      );
    });
  });
});

describe('record hashing', () => {
  const content: AuditRecordContent = {
    seq: 1,
    id: '00000000-0000-4000-8000-000000000001',
    at: '2025-01-31T08:00:00.000Z',
    actor: 'user:default/alice',
    action: 'ticket.create',
    targetType: 'ticket',
    targetId: 'T-1',
    outcome: 'success',
    details: { title: '证书申请', priority: 2 },
    prevHash: AUDIT_GENESIS_HASH,
  };

  it('hashes the canonical form of the listed fields', () => {
    const text = auditRecordCanonical(content);
    expect(text).toBe(
      '{"action":"ticket.create","actor":"user:default/alice","at":"2025-01-31T08:00:00.000Z",' +
        '"details":{"priority":2,"title":"证书申请"},"id":"00000000-0000-4000-8000-000000000001",' +
        `"outcome":"success","prevHash":"${AUDIT_GENESIS_HASH}","seq":1,"targetId":"T-1","targetType":"ticket"}`,
    );
    expect(computeAuditRecordHash(content)).toBe(sm3Hex(text));
    expect(computeAuditRecordHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores extra properties such as a stored hash', () => {
    const withHash = { ...content, hash: 'f'.repeat(64) };
    expect(computeAuditRecordHash(withHash)).toBe(
      computeAuditRecordHash(content),
    );
  });

  it('changes when any covered field changes', () => {
    const base = computeAuditRecordHash(content);
    const variants: AuditRecordContent[] = [
      { ...content, seq: 2 },
      { ...content, id: '00000000-0000-4000-8000-000000000002' },
      { ...content, at: '2025-01-31T08:00:00.001Z' },
      { ...content, actor: 'user:default/bob' },
      { ...content, action: 'ticket.close' },
      { ...content, targetType: null },
      { ...content, targetId: 'T-2' },
      { ...content, outcome: 'denied' },
      { ...content, details: { title: '证书申请', priority: 3 } },
      { ...content, prevHash: '1'.repeat(64) },
    ];
    for (const variant of variants) {
      expect(computeAuditRecordHash(variant)).not.toBe(base);
    }
  });

  it('gives the checkpoint signing bytes as canonical JSON', () => {
    const bytes = checkpointSigningBytes({
      source: 'tickets',
      seq: 3,
      hash: 'a'.repeat(64),
      at: '2025-01-31T08:00:00.000Z',
    });
    expect(new TextDecoder().decode(bytes)).toBe(
      `{"at":"2025-01-31T08:00:00.000Z","hash":"${'a'.repeat(
        64,
      )}","seq":3,"source":"tickets"}`,
    );
  });
});
