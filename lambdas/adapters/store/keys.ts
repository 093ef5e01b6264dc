/**
 * The single table's key layout. Every item has `pk` and `sk`; open requests also carry the sparse
 * `openController`/`dueAt` pair that the reminders' index is built on.
 */
export const keys = {
  contactMessage: (id: string) => ({ pk: `MESSAGE#${id}`, sk: 'MESSAGE' }),
  request: (id: string) => ({ pk: `REQUEST#${id}`, sk: 'REQUEST' }),
  /** An audit event lives in its request's partition; the padded seq keeps the sort keys in order. */
  auditEvent: (requestId: string, seq: number) => ({
    pk: `REQUEST#${requestId}`,
    sk: `${AUDIT_EVENT_PREFIX}${String(seq).padStart(8, '0')}`,
  }),
  /** Staff tasks live in their request's partition, so one Query reads a request with its tasks. */
  staffTask: (requestId: string, taskId: string) => ({ pk: `REQUEST#${requestId}`, sk: `TASK#${taskId}` }),
  /**
   * A legal hold placed by staff. All holds share one partition, the register the privacy officer reads
   * with one Query (holds are few); the workflow finds a person's holds through the subject index.
   */
  legalHold: (holdId: string) => ({ pk: LEGAL_HOLDS_PARTITION, sk: `${HOLD_PREFIX}${holdId}` }),
  /** "Do not use for marketing": written on an objection or a withdrawn consent. */
  suppression: (subjectHash: string) => ({ pk: `SUPPRESSION#${subjectHash}`, sk: 'SUPPRESSION' }),
  /** The legal-hold check's decisions for a request. */
  retention: (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'RETENTION' }),
  /** What collection found in one system, also in the request's partition. */
  finding: (requestId: string, systemId: string) => ({
    pk: `REQUEST#${requestId}`,
    sk: `FINDING#${systemId}`,
  }),
  /** Points at the open request with this (hashed) company, type and email. */
  duplicateLock: (key: string) => ({ pk: `DEDUPE#${key}`, sk: 'DEDUPE' }),
  /** One rate-limit counter per (hashed) key and fixed window. */
  rateCounter: (key: string, windowStart: number) => ({ pk: `RATE#${key}#${windowStart}`, sk: 'RATE' }),
  /** Which contact message holds a mailbox's daily confirmation (hashed mailbox). */
  contactConfirmation: (mailboxHash: string) => ({ pk: `CONTACT-ACK#${mailboxHash}`, sk: 'CONTACT-ACK' }),
  /** An upload key issued to staff for a request, in its partition: found again by the exact key. */
  issuedUpload: (requestId: string, key: string) => ({ pk: `REQUEST#${requestId}`, sk: `UPLOAD#${key}` }),
  /** The sealed national identity number from ID-porten, beside its request (never on the request item). */
  nationalId: (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'NATIONAL-ID' }),
  /** An ID-porten sign-in in progress, by the hash of its `state` (its own partition: found from the callback). */
  eidFlow: (stateHash: string) => ({ pk: `EID-FLOW#${stateHash}`, sk: 'EID-FLOW' }),
  /**
   * One choice made in the cookie banner, in the partition of its consent id's hash (domain/consent/record.ts):
   * one Query reads a visitor's records, and erasing them deletes that partition.
   */
  consentRecord: (consentKey: string, recordId: string) => ({
    pk: `CONSENT#${consentKey}`,
    sk: `${CONSENT_RECORD_PREFIX}${recordId}`,
  }),
  /** The banner's choices counted per Oslo day, all in one partition: the summary is one Query by date. */
  consentDay: (date: string) => ({ pk: CONSENT_COUNTS_PARTITION, sk: `${CONSENT_DAY_PREFIX}${date}` }),
};

export const AUDIT_EVENT_PREFIX = 'AUDIT#';
export const LEGAL_HOLDS_PARTITION = 'LEGAL-HOLDS';
export const HOLD_PREFIX = 'HOLD#';
export const CONSENT_RECORD_PREFIX = 'CHOICE#';
export const CONSENT_COUNTS_PARTITION = 'CONSENT-COUNTS';
export const CONSENT_DAY_PREFIX = 'DAY#';

/**
 * Ids arrive from URLs. One that cannot be ours (too long for a DynamoDB key, or with other characters)
 * is simply not found: reading it would make DynamoDB refuse the key with a 500.
 */
export function isStorableId(id: string): boolean {
  return /^[A-Za-z0-9_.-]{1,200}$/.test(id);
}
