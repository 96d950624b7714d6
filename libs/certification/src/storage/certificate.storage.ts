/** Where certificate PDFs live. Bound by token, so an S3-compatible store can replace the folder. */
export const CERTIFICATE_STORAGE = Symbol('CERTIFICATE_STORAGE');

export interface CertificateStorage {
  /** Stores the bytes under the key, replacing what was there (a retry renders the same key again). */
  put(key: string, body: Buffer): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
}

/** Deterministic per certificate, so a retry overwrites rather than adds a file. */
export const certificatePdfKey = (certificateId: string) => `certificates/${certificateId}.pdf`;
