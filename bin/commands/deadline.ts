/**
 * `personvern deadline <ISO-8601 timestamp>`: prints the receipt's Oslo date and its due dates as one JSON line,
 * e.g. `{"receivedDate":"2026-11-25","dueDate":"2026-12-28","extendedDueDate":"2027-02-25"}`.
 */
import { computeDeadlines, InvalidTimestampError } from '../../lambdas/domain/deadlines';
import type { CliIo } from '../cli';

const USAGE =
  'Usage: personvern deadline <ISO-8601 timestamp>   e.g. personvern deadline 2026-11-25T09:30:00Z';

export async function run(args: string[], io: CliIo): Promise<number> {
  const [timestamp, ...extra] = args;
  if (timestamp === undefined || extra.length > 0) {
    io.err(USAGE);
    return 2;
  }
  try {
    io.out(JSON.stringify(computeDeadlines(timestamp)));
    return 0;
  } catch (error) {
    if (!(error instanceof InvalidTimestampError)) throw error;
    io.err(`personvern deadline: ${error.message}`);
    return 1;
  }
}
