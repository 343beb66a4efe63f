import fc from 'fast-check';
import { ZipReader } from './zip';
import { SNIFF_HEAD_BYTES, ebmlDocType, refineOle, refineZip, sniffHead } from './sniff';
import { makeDocx, makePptx, writeZip } from '../testing/zipWriter';
import { tinyPdf } from '../testing/tinyPdf';
import { oleWith } from '../testing/ole';

const b = (...xs: (number | string)[]) => Buffer.concat(xs.map(x => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))));

/** An EBML header with the given DocType. */
const ebml = (docType: string) => {
  const dt = Buffer.concat([b(0x42, 0x82, 0x80 | docType.length), Buffer.from(docType)]);
  const version = b(0x42, 0x86, 0x81, 0x01);
  const body = Buffer.concat([version, dt]);
  return Buffer.concat([b(0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length), body, Buffer.alloc(32)]);
};

describe('content sniffing', () => {
  it('recognises each accepted format by its magic bytes', () => {
    expect(sniffHead(tinyPdf(['测试']))).toBe('pdf');
    expect(sniffHead(b(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0, 0, 13, 'IHDR'))).toBe('png');
    expect(sniffHead(b(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffHead(b(0, 0, 0, 0x20, 'ftypisom', 0, 0, 2, 0))).toBe('mp4');
    expect(sniffHead(b(0, 0, 0, 0x18, 'ftypmp42', 0, 0, 0, 0))).toBe('mp4');
    expect(sniffHead(ebml('webm'))).toBe('webm');
    expect(sniffHead(makeDocx(['x']))).toBe('zip');
    expect(sniffHead(oleWith('WordDocument'))).toBe('ole');
  });

  it('names what disguised files really are', () => {
    expect(sniffHead(b('MZ', 0x90, 0, 3, 0))).toBe('exe');
    expect(sniffHead(b(0x7f, 'ELF', 2, 1, 1))).toBe('elf');
    expect(sniffHead(b(0xcf, 0xfa, 0xed, 0xfe))).toBe('macho');
    expect(sniffHead(b('#!/bin/sh\nrm -rf /'))).toBe('script');
    expect(sniffHead(b('\xEF\xBB\xBF  <!DOCTYPE html><p>'))).toBe('html');
    expect(sniffHead(b('GIF89a'))).toBe('gif');
    expect(sniffHead(b(0, 0, 0, 0x14, 'ftypqt  ', 0, 0, 0, 0))).toBe('quicktime');
    expect(sniffHead(b(0, 0, 0, 0x18, 'ftypheic', 0, 0, 0, 0))).toBe('unknown');
    expect(sniffHead(ebml('matroska'))).toBe('matroska');
    expect(sniffHead(b('plain text'))).toBe('unknown');
    expect(sniffHead(Buffer.alloc(0))).toBe('unknown');
    // %PDF- must be at the start: a PE file carrying a PDF header later is an executable
    expect(sniffHead(Buffer.concat([b('MZ'), Buffer.alloc(100), b('%PDF-1.4')]))).toBe('exe');
  });

  it('tells docx, pptx and xlsx apart by their parts and content types', () => {
    expect(refineZip(ZipReader.open(makeDocx(['证书申请'])))).toBe('docx');
    expect(refineZip(ZipReader.open(makePptx([['电子印章']])))).toBe('pptx');
    expect(refineZip(ZipReader.open(writeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<w/>' }])))).toBe('xlsx');
    // a word/ folder without the content type is not a Word document
    expect(refineZip(ZipReader.open(writeZip([{ name: 'word/document.xml', data: '<w/>' }])))).toBe('zip');
    expect(refineZip(ZipReader.open(writeZip([{ name: '[Content_Types].xml', data: 'wordprocessingml.document.main+xml' }])))).toBe('zip');
  });

  it('tells .doc and .ppt apart by their directory entries', () => {
    expect(refineOle(oleWith('WordDocument', '1Table'))).toBe('doc');
    expect(refineOle(oleWith('PowerPoint Document', 'Current User'))).toBe('ppt');
    expect(refineOle(oleWith('Workbook'))).toBe('ole');
    expect(refineOle(oleWith('WordDocument', 'PowerPoint Document'))).toBe('ole');
    // the name somewhere else than a directory entry does not count
    const f = oleWith('Workbook');
    f.write('WordDocument', 512 + 3 * 128 + 10, 'utf16le');
    expect(refineOle(f)).toBe('ole');
  });

  it('reads EBML DocTypes defensively', () => {
    expect(ebmlDocType(ebml('webm'))).toBe('webm');
    expect(ebmlDocType(b(0x1a, 0x45, 0xdf, 0xa3, 0x00))).toBeUndefined();
    expect(ebmlDocType(b(0x1a, 0x45, 0xdf, 0xa3, 0x84, 0x42, 0x82, 0x88, 'w'))).toBeUndefined();
  });

  it('never throws, and is decided by the head alone', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (head, tail) => {
        const d = sniffHead(head);
        expect(typeof d).toBe('string');
        const padded = Buffer.concat([Buffer.from(head), Buffer.alloc(SNIFF_HEAD_BYTES)]);
        // what follows the bytes looked at never matters
        expect(sniffHead(Buffer.concat([padded.subarray(0, SNIFF_HEAD_BYTES), tail]).subarray(0, SNIFF_HEAD_BYTES))).toBe(sniffHead(padded.subarray(0, SNIFF_HEAD_BYTES)));
        refineOle(Buffer.from(head));
        ebmlDocType(Buffer.concat([b(0x1a, 0x45, 0xdf, 0xa3), Buffer.from(head)]));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps recognising a format whatever follows its magic bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), tail => {
        expect(sniffHead(Buffer.concat([b('%PDF-1.7\n'), Buffer.from(tail)]))).toBe('pdf');
        expect(sniffHead(Buffer.concat([b(0x89, 'PNG\r\n', 0x1a, '\n'), Buffer.from(tail)]))).toBe('png');
        expect(sniffHead(Buffer.concat([b('MZ'), Buffer.from(tail)]))).toBe('exe');
      }),
    );
  });
});
