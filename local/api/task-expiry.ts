/**
 * Local test controls for long waits, so that tests drive the wait itself instead of a compressed clock,
 * which races a cold Lambda on a loaded machine (three days without a code, fourteen before closing, the
 * fourteen days a closed request's data is kept). Local only: not in the template.
 * - `POST /local/stepfunctions/expire-task` with `{"execution":"<name>","state":"<state name>"}` times out the
 *   callback task that execution waits on in that state, now, as its TimeoutSeconds would after days.
 * - `POST /local/stepfunctions/end-wait` with the same body ends the Wait state it is in, now, as its
 *   Seconds would.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { LocalStepFunctions } from '../emulators';

export const EXPIRE_TASK_PATH = '/local/stepfunctions/expire-task';
export const END_WAIT_PATH = '/local/stepfunctions/end-wait';

export interface LocalTaskExpiry {
  /** Undefined for every other method and path, which the API then answers as on AWS. */
  serve(method: string, path: string, body: Buffer): APIGatewayProxyResult | undefined;
}

const ASK = 'Send {"execution":"<execution name>","state":"<state name>"} as JSON.';

export function createTaskExpiry(
  stepFunctions: Pick<LocalStepFunctions, 'expireTask' | 'endWait'>,
): LocalTaskExpiry {
  return {
    serve(method, path, body) {
      const route = path.replace(/\/+$/, '');
      if (method !== 'POST' || (route !== EXPIRE_TASK_PATH && route !== END_WAIT_PATH)) return undefined;
      let request: { execution?: unknown; state?: unknown };
      try {
        request = JSON.parse(body.toString('utf8') || '{}') as typeof request;
      } catch {
        return json(400, { message: ASK });
      }
      const { execution, state } = request;
      if (typeof execution !== 'string' || typeof state !== 'string') return json(400, { message: ASK });
      if (route === END_WAIT_PATH) {
        if (!stepFunctions.endWait(execution, state))
          return json(404, { message: `Execution ${execution} is not waiting in state ${state}.` });
        return json(200, { ended: true, execution, state });
      }
      if (!stepFunctions.expireTask(execution, state)) {
        return json(404, { message: `Execution ${execution} waits on no task in state ${state}.` });
      }
      return json(200, { expired: true, execution, state });
    },
  };
}

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
