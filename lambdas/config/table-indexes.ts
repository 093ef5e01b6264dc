/**
 * The table's secondary indexes by name: the CDK construct creates them (lib/constructs/data-table.ts) and
 * the store adapters query them, so both read the names from here.
 */
export const OPEN_BY_DUE_DATE_INDEX = 'OpenByDueDate';
export const OPEN_TASKS_INDEX = 'OpenTasks';
export const REQUESTS_BY_CONTROLLER_INDEX = 'RequestsByController';
export const BY_SUBJECT_INDEX = 'BySubject';
/** Contact messages by company (`messageController`), newest first (`receivedAt`), for the staff inbox. */
export const MESSAGES_BY_CONTROLLER_INDEX = 'MessagesByController';
