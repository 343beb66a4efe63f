/**
 * CSV that Excel opens correctly: UTF-8 with a byte-order mark (so Chinese text is not garbled),
 * CRLF line ends, every field quoted with inner quotes doubled. A field that Excel would take for
 * a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with an
 * apostrophe.
 *
 * @param rows - the header row and the data rows
 */
export function toExcelCsv(rows: readonly (readonly string[])[]): string {
  const field = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  return `\uFEFF${rows.map(r => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Parses {@link toExcelCsv} output back into rows (for tests and round trips). */
export function parseExcelCsv(text: string): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < body.length) {
    if (body[i] !== '"') throw new Error(`expected a quoted field at ${i}`);
    let value = '';
    i++;
    for (;;) {
      if (i >= body.length) throw new Error('unterminated field');
      if (body[i] === '"') {
        if (body[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        i++;
        break;
      }
      value += body[i++];
    }
    row.push(value);
    if (body[i] === ',') i++;
    else if (body.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}`);
  }
  return rows;
}
