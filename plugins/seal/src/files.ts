/*
 * Files read in the browser for the seal API, which takes binary values as base64 in JSON: the
 * document to seal, an uploaded impression, a signature to verify. Sizes are checked before a
 * file is read, with the API's limits.
 */

/** Largest document a seal is applied to (the API's limit, decoded). */
export const SIGN_DATA_MAX_BYTES = 8 * 1024 * 1024;
/** Largest uploaded impression (PNG). */
export const UPLOAD_PNG_MAX_BYTES = 2 * 1024 * 1024;
/** Largest seal signature taken for verification. */
export const SIGNATURE_MAX_BYTES = 8 * 1024 * 1024;

/** Why a file is refused: a message id of `messages.ts`. */
export type FileProblem = 'fileEmpty' | 'fileTooLarge' | 'notPng';

/** Whether a file of `size` bytes may be sent where at most `max` are taken. */
export function fileSizeProblem(size: number, max: number): FileProblem | undefined {
  if (size <= 0) return 'fileEmpty';
  return size > max ? 'fileTooLarge' : undefined;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Base64 of bytes (in chunks, so that megabytes do not overflow the call stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 text. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file read for the API: its name, size and base64 content. */
export interface ReadFile {
  name: string;
  size: number;
  base64: string;
}

/**
 * Reads a file the user chose, after checking its size (and for impressions, that it is a PNG).
 * Resolves to the file, or to the problem that refuses it.
 */
export async function readChosenFile(file: File, max: number, png = false): Promise<ReadFile | FileProblem> {
  const sizeProblem = fileSizeProblem(file.size, max);
  if (sizeProblem) return sizeProblem;
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (png && !isPng(bytes)) return 'notPng';
  return { name: file.name, size: file.size, base64: bytesToBase64(bytes) };
}

/** A file name for a seal signature of a document: its name without extension, then `.ses`. */
export function signatureFileName(documentName: string): string {
  const base = documentName.trim().replace(/\.[^./\\]{1,8}$/, '').replace(/[\\/:*?"<>|]+/g, '_');
  return `${base || 'signature'}.ses`;
}

/** A size for people: bytes, KB or MB. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
