import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../adapters/observability/logger';

/**
 * Wraps a workflow step: ids in, ids and flags out, one log line with the outcome. Errors keep their
 * names, which the state machine's Retry and Catch match on.
 */
export function workflowTask<I extends { requestId: string }, O extends object>(
  step: string,
  run: (input: I) => Promise<O>,
) {
  return middy(async (input: I) => {
    const output = await run(input);
    logger.info(`${step} done`, { requestId: input.requestId, ...summary(input), ...summary(output) });
    return output;
  }).use(injectLambdaContext(logger, { resetKeys: true }));
}

/** Only ids, flags and counts reach the log; a task token never does. */
function summary(value: object): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'taskToken') continue;
    if (typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean')
      out[key] = field;
  }
  return out;
}
