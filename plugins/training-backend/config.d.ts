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
    };
  };
}
