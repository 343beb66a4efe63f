/*
 * A tiny valid PDF with Chinese text, written by hand for tests: one A4 page, a CJK font
 * (STSong-Light, one of the standard Adobe CJK fonts, referenced not embedded) through
 * Identity-H with a ToUnicode map, so that text extractors such as pdftotext read the text back.
 */

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** A one-page PDF showing each item of `lines` on its own line (BMP characters only). */
export function tinyPdf(lines: string[]): Buffer {
  const used = new Set<number>();
  for (const line of lines) {
    for (const ch of line) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0xffff) throw new Error('tinyPdf: BMP characters only');
      used.add(cp);
    }
  }
  const codes = [...used].sort((a, b) => a - b);
  const content = [
    'BT',
    '/F1 14 Tf',
    '18 TL',
    '56 780 Td',
    ...lines.map(line => `<${[...line].map(c => hex4(c.codePointAt(0)!)).join('')}> Tj T*`),
    'ET',
  ].join('\n');
  const bfchars: string[] = [];
  for (let i = 0; i < codes.length; i += 100) {
    const chunk = codes.slice(i, i + 100);
    bfchars.push(`${chunk.length} beginbfchar`, ...chunk.map(c => `<${hex4(c)}> <${hex4(c)}>`), 'endbfchar');
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...bfchars,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  const stream = (body: string) => `<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    stream(content),
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    stream(cmap),
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
