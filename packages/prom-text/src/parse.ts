/**
 * A parser of the Prometheus text exposition format, version 0.0.4 — what prom-client, the node
 * exporter and most exporters serve at `/metrics`:
 *
 * ```text
 * # HELP http_requests_total The total number of requests.
 * # TYPE http_requests_total counter
 * http_requests_total{method="post",code="200"} 1027 1395066363000
 * ```
 *
 * Strict where a monitor must not guess (names, label syntax, escapes, numbers, one TYPE per family
 * before its samples, histogram buckets with `le`), bounded in what it accepts (bytes, line length,
 * samples), and it only ever throws {@link PromParseError}.
 */

/** Metric types of the format. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

/** One sample line. */
export interface PromSample {
  /** the sample's own name (e.g. `x_bucket`, `x_sum`) */
  name: string;
  /** labels in the order written */
  labels: Record<string, string>;
  /** the value; NaN and ±Infinity as written */
  value: number;
  /** milliseconds since the epoch, when written */
  timestampMs?: number;
}

/** A metric family: its name, type, help and samples. */
export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  samples: PromSample[];
}

/** Machine-readable reasons of a {@link PromParseError}. */
export type PromParseErrorCode = 'TOO_LARGE' | 'LINE_TOO_LONG' | 'TOO_MANY_SAMPLES' | 'SYNTAX' | 'TYPE_CONFLICT' | 'HISTOGRAM';

/** The only error the parser throws: a code, the 1-based line, a message. */
export class PromParseError extends Error {
  readonly code: PromParseErrorCode;
  readonly line: number;

  constructor(code: PromParseErrorCode, line: number, message: string) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = 'PromParseError';
    this.code = code;
    this.line = line;
  }
}

/** Limits of {@link parsePromText}. */
export interface PromParseLimits {
  /** whole input, bytes of UTF-8 (default 16 MiB) */
  maxBytes?: number;
  /** one line, characters (default 64 Ki) */
  maxLineLength?: number;
  /** samples in all (default 500,000) */
  maxSamples?: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

/** Suffixes a sample of a histogram or summary family may carry. */
const SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: ['', '_total', '_created'],
  gauge: [''],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  summary: ['', '_sum', '_count', '_created'],
  untyped: [''],
};

/** Parses a Go-style float as the format writes it: decimal or exponent, `+Inf`, `-Inf`, `NaN`. */
function parseValue(text: string, line: number): number {
  switch (text) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new PromParseError('SYNTAX', line, `not a number: ${JSON.stringify(text.slice(0, 40))}`);
  return Number(text);
}

/** Reads the `{…}` label set starting at `s[i] === '{'`; returns the labels and the index after `}`. */
function readLabels(s: string, i: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  i++; // {
  for (;;) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] === '}') return { labels, end: i + 1 };
    const nameStart = i;
    while (i < s.length && /[a-zA-Z0-9_]/.test(s[i])) i++;
    const name = s.slice(nameStart, i);
    if (!LABEL_NAME.test(name)) throw new PromParseError('SYNTAX', line, `bad label name ${JSON.stringify(name)}`);
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] !== '=') throw new PromParseError('SYNTAX', line, `expected = after label ${name}`);
    i++;
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] !== '"') throw new PromParseError('SYNTAX', line, `label ${name}: the value must be quoted`);
    i++;
    let value = '';
    for (;;) {
      if (i >= s.length) throw new PromParseError('SYNTAX', line, `label ${name}: unterminated value`);
      const c = s[i++];
      if (c === '"') break;
      if (c === '\\') {
        const e = s[i++];
        if (e === 'n') value += '\n';
        else if (e === '\\') value += '\\';
        else if (e === '"') value += '"';
        else throw new PromParseError('SYNTAX', line, `label ${name}: bad escape \\${e ?? ''}`);
      } else {
        value += c;
      }
    }
    if (Object.prototype.hasOwnProperty.call(labels, name)) throw new PromParseError('SYNTAX', line, `label ${name} given twice`);
    labels[name] = value;
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] === '}') return { labels, end: i + 1 };
    throw new PromParseError('SYNTAX', line, 'expected , or } in the label set');
  }
}

/** Undoes the HELP escapes (`\\` and `\n`). */
function unescapeHelp(text: string): string {
  return text.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** The family a sample name belongs to, given the families declared so far. */
function familyOf(sampleName: string, declared: Map<string, MetricFamily>): MetricFamily | undefined {
  const direct = declared.get(sampleName);
  if (direct && SUFFIXES[direct.type].includes('')) return direct;
  for (const suffix of ['_bucket', '_sum', '_count', '_created', '_total']) {
    if (sampleName.endsWith(suffix)) {
      const f = declared.get(sampleName.slice(0, -suffix.length));
      if (f && SUFFIXES[f.type].includes(suffix)) return f;
    }
  }
  return direct;
}

/** Checks a histogram family: every bucket has `le`; per series the buckets are cumulative and end in +Inf. */
function checkHistogram(f: MetricFamily) {
  const series = new Map<string, { le: number; value: number }[]>();
  for (const s of f.samples) {
    if (!s.name.endsWith('_bucket')) continue;
    const { le, ...rest } = s.labels;
    if (le === undefined) throw new PromParseError('HISTOGRAM', 0, `${f.name}: a bucket without le`);
    const bound = parseValue(le, 0);
    const key = JSON.stringify(Object.entries(rest).sort());
    series.set(key, [...(series.get(key) ?? []), { le: bound, value: s.value }]);
  }
  for (const buckets of series.values()) {
    buckets.sort((a, b) => a.le - b.le);
    if (buckets[buckets.length - 1].le !== Infinity) throw new PromParseError('HISTOGRAM', 0, `${f.name}: no le="+Inf" bucket`);
    for (let i = 1; i < buckets.length; i++) {
      if (buckets[i].le === buckets[i - 1].le) throw new PromParseError('HISTOGRAM', 0, `${f.name}: bucket le=${buckets[i].le} given twice`);
      if (buckets[i].value < buckets[i - 1].value) throw new PromParseError('HISTOGRAM', 0, `${f.name}: buckets are not cumulative`);
    }
  }
}

/**
 * Parses a `/metrics` answer into metric families, in the order they first appear. Samples with
 * no TYPE line form `untyped` families of their own name.
 * @param text - the exposition text
 * @param limits - see {@link PromParseLimits}
 * @returns the families
 * @throws PromParseError on anything malformed or over a limit
 */
export function parsePromText(text: string, limits: PromParseLimits = {}): MetricFamily[] {
  const maxBytes = limits.maxBytes ?? 16 * 1024 * 1024;
  const maxLine = limits.maxLineLength ?? 64 * 1024;
  const maxSamples = limits.maxSamples ?? 500_000;
  if (typeof text !== 'string') throw new PromParseError('SYNTAX', 0, 'the input is not text');
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) throw new PromParseError('TOO_LARGE', 0, `the input is larger than ${maxBytes} bytes`);
  const families = new Map<string, MetricFamily>();
  const order: MetricFamily[] = [];
  const typed = new Set<string>();
  let samples = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    let s = lines[n];
    if (s.endsWith('\r')) s = s.slice(0, -1);
    if (s.length > maxLine) throw new PromParseError('LINE_TOO_LONG', lineNo, `longer than ${maxLine} characters`);
    const trimmed = s.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(trimmed);
      if (!m) continue; // an ordinary comment
      const [, kind, name, rest = ''] = m;
      if (!METRIC_NAME.test(name)) throw new PromParseError('SYNTAX', lineNo, `bad metric name ${JSON.stringify(name.slice(0, 80))}`);
      let f = families.get(name);
      if (kind === 'TYPE') {
        const type = rest.trim() as MetricType;
        if (!TYPES.includes(type)) throw new PromParseError('SYNTAX', lineNo, `unknown type ${JSON.stringify(rest.trim().slice(0, 40))}`);
        if (f && (f.samples.length > 0 || typed.has(name))) {
          throw new PromParseError('TYPE_CONFLICT', lineNo, `TYPE of ${name} after its samples or given twice`);
        }
        if (!f) {
          f = { name, type, samples: [] };
          families.set(name, f);
          order.push(f);
        } else {
          f.type = type;
        }
        typed.add(name);
      } else {
        if (f?.help !== undefined) throw new PromParseError('TYPE_CONFLICT', lineNo, `HELP of ${name} given twice`);
        if (!f) {
          f = { name, type: 'untyped', samples: [] };
          families.set(name, f);
          order.push(f);
        }
        f.help = unescapeHelp(rest);
      }
      continue;
    }
    // a sample: name [labels] value [timestamp]
    let i = 0;
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    const nameStart = i;
    while (i < s.length && /[a-zA-Z0-9_:]/.test(s[i])) i++;
    const name = s.slice(nameStart, i);
    if (!METRIC_NAME.test(name)) throw new PromParseError('SYNTAX', lineNo, `bad metric name ${JSON.stringify(name.slice(0, 80))}`);
    let labels: Record<string, string> = {};
    if (s[i] === '{') {
      const r = readLabels(s, i, lineNo);
      labels = r.labels;
      i = r.end;
    }
    const rest = s.slice(i).trim().split(/[ \t]+/);
    if (rest.length < 1 || rest.length > 2 || rest[0] === '') throw new PromParseError('SYNTAX', lineNo, 'expected a value and an optional timestamp');
    if (s[i] !== ' ' && s[i] !== '\t') throw new PromParseError('SYNTAX', lineNo, 'expected a space before the value');
    const value = parseValue(rest[0], lineNo);
    let timestampMs: number | undefined;
    if (rest[1] !== undefined) {
      if (!/^-?\d{1,16}$/.test(rest[1])) throw new PromParseError('SYNTAX', lineNo, `bad timestamp ${JSON.stringify(rest[1].slice(0, 40))}`);
      timestampMs = Number(rest[1]);
    }
    if (++samples > maxSamples) throw new PromParseError('TOO_MANY_SAMPLES', lineNo, `more than ${maxSamples} samples`);
    let f = familyOf(name, families);
    if (!f) {
      f = { name, type: 'untyped', samples: [] };
      families.set(name, f);
      order.push(f);
    }
    if (f.type === 'histogram' && name === `${f.name}_bucket` && labels.le === undefined) throw new PromParseError('HISTOGRAM', lineNo, `${f.name}: a bucket without le`);
    f.samples.push({ name, labels, value, ...(timestampMs !== undefined ? { timestampMs } : {}) });
  }
  for (const f of order) if (f.type === 'histogram') checkHistogram(f);
  return order;
}
