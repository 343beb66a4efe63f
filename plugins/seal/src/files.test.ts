import { base64ToBytes, bytesToBase64, fileSizeProblem, formatBytes, isPng, readChosenFile, signatureFileName, SIGN_DATA_MAX_BYTES, UPLOAD_PNG_MAX_BYTES } from './files';

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];

/** A File-like object: what readChosenFile uses of a File. */
const fileOf = (bytes: Uint8Array, name = 'x.png', size = bytes.length) => ({ name, size, arrayBuffer: async () => bytes.slice().buffer }) as unknown as File;

describe('file checks', () => {
  it('refuses empty files and files over the limit, before reading them', () => {
    expect(fileSizeProblem(0, 10)).toBe('fileEmpty');
    expect(fileSizeProblem(10, 10)).toBeUndefined();
    expect(fileSizeProblem(11, 10)).toBe('fileTooLarge');
    expect(fileSizeProblem(SIGN_DATA_MAX_BYTES + 1, SIGN_DATA_MAX_BYTES)).toBe('fileTooLarge');
  });

  it('tells a PNG by its signature', () => {
    expect(isPng(new Uint8Array(PNG_HEADER))).toBe(true);
    expect(isPng(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0]))).toBe(false);
    expect(isPng(new Uint8Array(PNG_HEADER.slice(0, 8)))).toBe(false);
  });
});

describe('base64', () => {
  it('round-trips any bytes, including more than one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    const text = bytesToBase64(bytes);
    expect(text).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Array.from(base64ToBytes(text))).toEqual(Array.from(bytes));
    expect(bytesToBase64(new TextEncoder().encode('印信'))).toBe('5Y2w5L+h');
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});

describe('readChosenFile', () => {
  it('reads a PNG impression as base64', async () => {
    const bytes = new Uint8Array(PNG_HEADER);
    expect(await readChosenFile(fileOf(bytes), UPLOAD_PNG_MAX_BYTES, true)).toEqual({ name: 'x.png', size: 12, base64: bytesToBase64(bytes) });
  });

  it('refuses what is not a PNG, and what is too large without reading it', async () => {
    expect(await readChosenFile(fileOf(new Uint8Array([1, 2, 3])), UPLOAD_PNG_MAX_BYTES, true)).toBe('notPng');
    const huge = { name: 'big.pdf', size: SIGN_DATA_MAX_BYTES + 1, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as File;
    expect(await readChosenFile(huge, SIGN_DATA_MAX_BYTES)).toBe('fileTooLarge');
  });
});

describe('names and sizes', () => {
  it('names a signature after its document', () => {
    expect(signatureFileName('合同.pdf')).toBe('合同.ses');
    expect(signatureFileName('a/b:c.docx')).toBe('a_b_c.ses');
    expect(signatureFileName('  ')).toBe('signature.ses');
  });

  it('shows sizes in B, KB and MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
