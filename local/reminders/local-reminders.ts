import type { APIGatewayProxyResult } from 'aws-lambda';
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
}

export function createLocalReminders(
  functions: Map<string, LocalFunction>,
  runtime: Pick<LocalLambdaRuntime, 'invoke'>,
): LocalReminders {
  const fn = [...functions.values()].find((f) => f.entry === SEND_DIGESTS_ENTRY);
  return {
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
        const result = await runtime.invoke(fn.logicalId, { scheduledTime: now ?? new Date().toISOString() });
        return json(200, result);
      } catch (error) {
        return json(502, { message: `The digest run failed: ${(error as Error).message}` });
      }
    },
  };
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
