/** Configuration of the training backend plugin (`yinxin.training`). */
export interface Config {
  yinxin?: {
    training?: {
      /**
       * Directory of the plugin's files: `files/` (stored materials), `tmp/` (uploads being
       * received), `previews/` (office files converted to PDF). Relative paths are resolved from
       * the backend's working directory (packages/backend). Default `../../.data/training`.
       * Several backend replicas must share it (a network file system).
       */
      storageDir?: string;
      /** Upload size limits in bytes, per kind of material. */
      limits?: {
        /** PDF, Word and PowerPoint files (default 52428800, 50 MB) */
        documentBytes?: number;
        /** MP4 and WebM videos (default 524288000, 500 MB) */
        videoBytes?: number;
        /** PNG and JPEG images (default 10485760, 10 MB) */
        imageBytes?: number;
      };
      /**
       * The pdftotext program (poppler-utils) that extracts PDF text for search: a name looked up
       * on PATH or an absolute path. Default `pdftotext`; without it PDFs are stored unindexed.
       */
      pdftotext?: string;
      /**
       * The LibreOffice program converting office files to PDF previews: a name on PATH or an
       * absolute path. Default `soffice`, then `libreoffice`; without it previews of office files
       * are `unavailable`.
       */
      soffice?: string;
      /** Who issues certificates of completion (printed on them). Default `电子签名服务项目组`. */
      certificateIssuer?: string;
      /**
       * Secret (at least 16 characters) from which the HMAC key of signed video stream URLs
       * (`/api/training/stream/<token>`) is derived, so that several backend replicas accept each
       * other's URLs. Absent: a random key per backend process (URLs then work only on the
       * replica that issued them, and not after a restart).
       * @visibility secret
       */
      streamSecret?: string;
      /** Lifetime of a signed stream URL, seconds (default 600, 10 minutes; at most 86400). */
      streamTtlSeconds?: number;
    };
  };
}
