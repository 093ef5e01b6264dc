import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { TaskSpec } from './stepfunctions-definition';
import type { EventLog } from './stepfunctions-library-types';

type HistoryEventBody = Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp'>;

const UNTRUNCATED = { truncated: false };

/**
 * An execution's history in the shape GetExecutionHistory returns, translated from the runner's event log.
 * The runner logs less than the service: no TaskScheduled/TaskStarted/TaskSubmitted/TaskSucceeded, and its
 * retries, catches and Parallel branches have no counterpart, so they are left out.
 */
export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];

  constructor(
    private readonly tasks: ReadonlyMap<string, TaskSpec>,
    private readonly roleArn: string,
    /** Wait states the runner runs as timed Tasks: their history says Wait, as on AWS. */
    private readonly waits: ReadonlySet<string> = new Set(),
  ) {}

  record(event: EventLog): void {
    const body = this.translate(event);
    if (body === undefined) return;
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp: new Date(event.timestamp), ...body });
  }

  private translate(event: EventLog): HistoryEventBody | undefined {
    switch (event.type) {
      case 'ExecutionStarted':
        return {
          type: 'ExecutionStarted',
          executionStartedEventDetails: {
            input: json(event.input),
            inputDetails: UNTRUNCATED,
            roleArn: this.roleArn,
          },
        };
      case 'ExecutionSucceeded':
        return {
          type: 'ExecutionSucceeded',
          executionSucceededEventDetails: { output: json(event.output), outputDetails: UNTRUNCATED },
        };
      case 'ExecutionFailed':
        return {
          type: 'ExecutionFailed',
          executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) },
        };
      case 'ExecutionAborted':
        return { type: 'ExecutionAborted', executionAbortedEventDetails: {} };
      case 'ExecutionTimeout':
        return { type: 'ExecutionTimedOut', executionTimedOutEventDetails: {} };
      case 'StateEntered':
        return {
          type: `${this.typeOf(event.state)}StateEntered` as HistoryEventType,
          stateEnteredEventDetails: {
            name: event.state.name,
            input: json(event.state.input),
            inputDetails: UNTRUNCATED,
          },
        };
      case 'StateExited':
        return {
          type: `${this.typeOf(event.state)}StateExited` as HistoryEventType,
          stateExitedEventDetails: {
            name: event.state.name,
            output: json(event.state.output),
            outputDetails: UNTRUNCATED,
          },
        };
      case 'StateFailed':
        return this.stateFailure(event);
      case 'MapIterationStarted':
        return {
          type: 'MapIterationStarted',
          mapIterationStartedEventDetails: { name: event.parentState.name, index: event.index },
        };
      case 'MapIterationSucceeded':
        return {
          type: 'MapIterationSucceeded',
          mapIterationSucceededEventDetails: { name: event.parentState.name, index: event.index },
        };
      case 'MapIterationFailed':
        return {
          type: 'MapIterationFailed',
          mapIterationFailedEventDetails: { name: event.parentState.name, index: event.index },
        };
      default:
        return undefined;
    }
  }

  private typeOf(state: { readonly name: string; readonly type: string }): string {
    return this.waits.has(state.name) ? 'Wait' : state.type;
  }

  private stateFailure(event: Extract<EventLog, { type: 'StateFailed' }>): HistoryEventBody | undefined {
    if (event.state.type === 'Map') return { type: 'MapStateFailed' };
    if (event.state.type === 'Parallel') return { type: 'ParallelStateFailed' };
    const task = this.tasks.get(event.state.name);
    // Failures of other states reach the history as ExecutionFailed (or not at all, when caught).
    if (task === undefined) return undefined;
    const failure = { error: event.Error, cause: text(event.Cause) };
    const timedOut = event.Error === 'States.Timeout';
    if (task.integration === 'lambda-function') {
      return timedOut
        ? { type: 'LambdaFunctionTimedOut', lambdaFunctionTimedOutEventDetails: failure }
        : { type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: failure };
    }
    const resource = task.integration === 'lambda-callback' ? 'invoke.waitForTaskToken' : 'invoke';
    const details = { resourceType: 'lambda', resource, ...failure };
    return timedOut
      ? { type: 'TaskTimedOut', taskTimedOutEventDetails: details }
      : { type: 'TaskFailed', taskFailedEventDetails: details };
  }
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function text(cause: unknown): string {
  if (typeof cause === 'string') return cause;
  return cause instanceof Error ? cause.message : json(cause);
}
