/**
 * Where the national identity number from ID-porten is kept (docs/id-porten.md section 4): sealed under a
 * data key of its own KMS key, in its own item beside the request, never on the request item (which many
 * functions read). Only the callback stores it, only the staff reveal route opens it, and the request's
 * end deletes it.
 */
export interface NationalIdVault {
  /** Seals and stores the number for the request, replacing one stored before (the same person's). */
  store(requestId: string, nationalId: string): Promise<void>;
  /** The number, opened; undefined when the request has none. */
  reveal(requestId: string): Promise<string | undefined>;
}

/** Deletes the sealed number: needs no key, so the functions that erase need no KMS grant. */
export interface NationalIdEraser {
  remove(requestId: string): Promise<void>;
}
