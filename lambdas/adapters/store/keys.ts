/**
 * The single table's key layout. Every item has `pk` and `sk`; open requests also carry the sparse
 * `openController`/`dueAt` pair that the reminders' index is built on.
 */
export const keys = {
  contactMessage: (id: string) => ({ pk: `MESSAGE#${id}`, sk: 'MESSAGE' }),
  request: (id: string) => ({ pk: `REQUEST#${id}`, sk: 'REQUEST' }),
  /** Points at the open request with this (hashed) company, type and email. */
  duplicateLock: (key: string) => ({ pk: `DEDUPE#${key}`, sk: 'DEDUPE' }),
  /** One rate-limit counter per (hashed) key and fixed window. */
  rateCounter: (key: string, windowStart: number) => ({ pk: `RATE#${key}#${windowStart}`, sk: 'RATE' }),
};

export const OPEN_BY_DUE_DATE_INDEX = 'OpenByDueDate';
