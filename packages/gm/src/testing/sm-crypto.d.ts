// Minimal typings for sm-crypto 0.5.8, used only as an independent cross-check in tests and the benchmark.
declare module 'sm-crypto' {
  export const sm2: {
    generateKeyPairHex(): { privateKey: string; publicKey: string };
    getPublicKeyFromPrivateKey(privateKey: string): string;
    doSignature(
      msg: string | number[] | Uint8Array,
      privateKey: string,
      opts?: { der?: boolean; hash?: boolean; publicKey?: string; userId?: string },
    ): string;
    doVerifySignature(
      msg: string | number[] | Uint8Array,
      signHex: string,
      publicKey: string,
      opts?: { der?: boolean; hash?: boolean; userId?: string },
    ): boolean;
    doEncrypt(msg: string | number[] | Uint8Array, publicKey: string, cipherMode?: 0 | 1): string;
    doDecrypt(
      encryptData: string,
      privateKey: string,
      cipherMode?: 0 | 1,
      opts?: { output?: 'string' | 'array' },
    ): string | number[];
  };
  export const sm3: (msg: string | number[] | Uint8Array) => string;
}
