import fc from 'fast-check';
import { csvField, toCsv } from './csv';

/** A small RFC 4180 reader for the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('CSV export', () => {
  it('writes UTF-8 with a BOM and CRLF, quoting where needed', () => {
    const csv = toCsv(['姓名', '部门'], [['张三', '审批科, 二处'], ['李"四"', null], [1.5, true]]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toBe('\uFEFF姓名,部门\r\n张三,"审批科, 二处"\r\n"李""四""",\r\n1.5,true\r\n');
  });

  it('defuses formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
  });

  it('round-trips any table', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { minLength: 2, maxLength: 2 }), { maxLength: 10 }), rows => {
        const text = toCsv(['a', 'b'], rows).toString('utf8').slice(1);
        const back = parseCsv(text);
        expect(back[0]).toEqual(['a', 'b']);
        back.slice(1).forEach((r, i) => r.forEach((f, j) => expect(f).toBe(/^[=+\-@\t\r]/.test(rows[i][j]) ? `'${rows[i][j]}` : rows[i][j])));
        expect(back.length).toBe(rows.length + 1);
      }),
    );
  });
});
