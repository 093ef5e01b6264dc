import type { APIGatewayProxyResult } from 'aws-lambda';
import { DateTime } from 'luxon';
import { SEND_DIGESTS_ENTRY } from '../../lib/constructs/deadline-reminders';
import type { LocalLambdaRuntime } from '../runtime/lambda-runtime';
import type { LocalFunction } from '../template/resources';

/** Only the local API server answers this; on AWS, EventBridge Scheduler runs the function at 07:00 Oslo. */
export const REMINDERS_PATH = '/local/reminders/run';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

export interface LocalReminders {
  /**
   * `POST /local/reminders/run`, optionally with `{"now":"<ISO-8601 with offset>"}`, invokes the digest
   * function as the schedule would (`{"scheduledTime": …}`) and answers with what it reports. Undefined for
   * every other method and path, which the API then answers as it would on AWS (404).
   */
  serve(method: string, path: string, body: Buffer): Promise<APIGatewayProxyResult | undefined>;
  /** Runs the digests every day at 07:00 Oslo time, as the schedule on AWS does; returns a stop function. */
  startDailyTimer(): () => void;
}

/**
 * `mayInvoke` asks, before each run, whether the schedule's role may invoke the function (local/iam's
 * ServiceRoles.invoke), and throws Lambda's AccessDeniedException if not: the run then fails as the
 * schedule's invocation fails on AWS.
 */
export function createLocalReminders(
  functions: Map<string, LocalFunction>,
  runtime: Pick<LocalLambdaRuntime, 'invoke'>,
  mayInvoke: (fn: LocalFunction) => Promise<void> = () => Promise.resolve(),
): LocalReminders {
  const fn = [...functions.values()].find((f) => f.entry === SEND_DIGESTS_ENTRY);
  const run = async (scheduledTime: string) => {
    if (fn === undefined) return undefined;
    await mayInvoke(fn);
    return runtime.invoke(fn.logicalId, { scheduledTime });
  };
  return {
    startDailyTimer() {
      let timer: NodeJS.Timeout | undefined;
      const schedule = () => {
        const next = nextSevenOclock(new Date());
        timer = setTimeout(() => {
          // A failed run is reported and the next day's run still happens, as with a scheduler.
          run(next.toISOString())
            .catch((error: unknown) => console.error(`Deadline digests failed: ${(error as Error).message}`))
            .finally(schedule);
        }, next.getTime() - Date.now());
        timer.unref();
      };
      schedule();
      return () => clearTimeout(timer);
    },
    async serve(method, path, body) {
      if (method !== 'POST' || path.replace(/\/+$/, '') !== REMINDERS_PATH) return undefined;
      if (fn === undefined) return json(500, { message: 'The template has no deadline digest function.' });
      const now = readNow(body);
      if (now === null) {
        return json(400, {
          message: 'Send nothing, or {"now": "<ISO-8601 timestamp with offset>"} as JSON.',
        });
      }
      try {
        const result = await run(now ?? new Date().toISOString());
        return json(200, result);
      } catch (error) {
        return json(502, { message: `The digest run failed: ${(error as Error).message}` });
      }
    },
  };
}

/** The next 07:00 in Europe/Oslo after `now`, across summer time changes. */
export function nextSevenOclock(now: Date): Date {
  const oslo = DateTime.fromJSDate(now, { zone: 'Europe/Oslo' });
  const today = oslo.set({ hour: 7, minute: 0, second: 0, millisecond: 0 });
  return (today > oslo ? today : today.plus({ days: 1 })).toJSDate();
}

/** The requested time, undefined for "now", or null when the body is not what we take. */
function readNow(body: Buffer): string | undefined | null {
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const { now } = parsed as Record<string, unknown>;
    if (now === undefined) return undefined;
    return typeof now === 'string' && TIMESTAMP.test(now) && !Number.isNaN(Date.parse(now)) ? now : null;
  } catch {
    return null;
  }
}

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    body: JSON.stringify(body),
  };
}
