/**
 * `POST /local/stepfunctions/expire-task` with `{"execution":"<name>","state":"<state name>"}`: times out the
 * callback task that execution waits on in that state, now, as its TimeoutSeconds would after days. Tests of
 * long waits (three days without a code, fourteen before closing) drive them with this instead of a
 * compressed clock, which races a cold Lambda on a loaded machine. Local only: not in the template.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { LocalStepFunctions } from '../emulators';

export const EXPIRE_TASK_PATH = '/local/stepfunctions/expire-task';

export interface LocalTaskExpiry {
  /** Undefined for every other method and path, which the API then answers as on AWS. */
  serve(method: string, path: string, body: Buffer): APIGatewayProxyResult | undefined;
}

export function createTaskExpiry(stepFunctions: Pick<LocalStepFunctions, 'expireTask'>): LocalTaskExpiry {
  return {
    serve(method, path, body) {
      if (method !== 'POST' || path.replace(/\/+$/, '') !== EXPIRE_TASK_PATH) return undefined;
      let request: { execution?: unknown; state?: unknown };
      try {
        request = JSON.parse(body.toString('utf8') || '{}') as typeof request;
      } catch {
        return json(400, {
          message: 'Send {"execution":"<execution name>","state":"<state name>"} as JSON.',
        });
      }
      const { execution, state } = request;
      if (typeof execution !== 'string' || typeof state !== 'string') {
        return json(400, {
          message: 'Send {"execution":"<execution name>","state":"<state name>"} as JSON.',
        });
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
