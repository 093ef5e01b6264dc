/**
 * The single table's key layout. Every item has `pk` and `sk`; open requests also carry the sparse
 * `openController`/`dueAt` pair that the reminders' index is built on.
 */
export const keys = {
  contactMessage: (id: string) => ({ pk: `MESSAGE#${id}`, sk: 'MESSAGE' }),
  request: (id: string) => ({ pk: `REQUEST#${id}`, sk: 'REQUEST' }),
  /** Staff tasks live in their request's partition, so one Query reads a request with its tasks. */
  staffTask: (requestId: string, taskId: string) => ({ pk: `REQUEST#${requestId}`, sk: `TASK#${taskId}` }),
  /** What collection found in one system, also in the request's partition. */
  finding: (requestId: string, systemId: string) => ({ pk: `REQUEST#${requestId}`, sk: `FINDING#${systemId}` }),
  /** Points at the open request with this (hashed) company, type and email. */
  duplicateLock: (key: string) => ({ pk: `DEDUPE#${key}`, sk: 'DEDUPE' }),
  /** One rate-limit counter per (hashed) key and fixed window. */
  rateCounter: (key: string, windowStart: number) => ({ pk: `RATE#${key}#${windowStart}`, sk: 'RATE' }),
};

export const OPEN_BY_DUE_DATE_INDEX = 'OpenByDueDate';
export const OPEN_TASKS_INDEX = 'OpenTasks';
export const REQUESTS_BY_CONTROLLER_INDEX = 'RequestsByController';
