import { randomUUID } from 'node:crypto';
import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  type StateMachine,
} from 'aws-local-stepfunctions';
import type { CallbackTasks } from './stepfunctions-callbacks';
import { ROOT_EXECUTION_CONTEXT_KEY, type TaskSpec } from './stepfunctions-definition';
import { ExecutionHistory } from './stepfunctions-history';
import type { ContextObject, JsonValue } from './stepfunctions-library-types';
import { createTaskHandler, type LambdaHandlers, type TaskScope } from './stepfunctions-tasks';
import type { WaitTimers } from './stepfunctions-waits';

/** A registered state machine, ready to run. */
export interface RunnableStateMachine {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly roleArn: string;
  /** aws-local-stepfunctions' machine for the prepared definition. */
  readonly runner: StateMachine;
  readonly tasks: ReadonlyMap<string, TaskSpec>;
  /** Timed Wait states and their local length in seconds (stepfunctions-waits.ts). */
  readonly waits: ReadonlyMap<string, number>;
  readonly lambdaHandlers: LambdaHandlers;
}

export interface ExecutionStart {
  readonly executionArn: string;
  readonly name: string;
  readonly input: JsonValue;
  readonly startDate: Date;
}

export interface ExecutionOutcome {
  readonly status: Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface RunningExecution {
  readonly history: ExecutionHistory;
  /** Settles once the runner has finished and its event log is fully recorded; never rejects. */
  readonly outcome: Promise<ExecutionOutcome>;
  abort(): void;
}

/**
 * Runs one execution with aws-local-stepfunctions: every Task state goes to a local handler, the Context
 * object is filled in, and the runner's event log becomes the execution's history. The execution's callback
 * tasks are closed as soon as it is over.
 */
export function runExecution(
  machine: RunnableStateMachine,
  start: ExecutionStart,
  callbacks: CallbackTasks,
  waits: WaitTimers,
): RunningExecution {
  let open = true;
  const close = () => {
    open = false;
    callbacks.closeExecution(start.executionArn);
    waits.closeExecution(start.executionArn);
  };
  const scope: TaskScope = {
    executionArn: start.executionArn,
    tokenPlaceholder: `local-task-token-placeholder-${randomUUID()}`,
    lambdaHandlers: machine.lambdaHandlers,
    callbacks,
    isOpen: () => open,
  };
  const taskResourceLocalHandlers = Object.fromEntries([
    ...[...machine.tasks.values()].map((spec) => [spec.stateName, createTaskHandler(spec, scope)]),
    // A timed Wait passes its input on once its timer ends, as the Wait state does.
    ...[...machine.waits].map(([stateName, seconds]) => [
      stateName,
      async (input: JsonValue) => {
        await waits.wait(start.executionArn, stateName, seconds * 1000);
        return input;
      },
    ]),
  ]);
  const history = new ExecutionHistory(machine.tasks, machine.roleArn, new Set(machine.waits.keys()));
  const run = machine.runner.run(start.input, {
    overrides: { taskResourceLocalHandlers },
    context: contextObject(machine, start, scope.tokenPlaceholder),
  });
  const recorded = (async () => {
    for await (const event of run.eventLogs) history.record(event);
  })();
  const outcome = outcomeOf(run.result).then(async (settled) => {
    close();
    await recorded;
    return settled;
  });
  return {
    history,
    outcome,
    abort: () => {
      close();
      run.abort();
    },
  };
}

/**
 * The Context object, as far as the runner can carry it: it is shared by every state, so `$$.Task.Token` is a
 * placeholder each callback task swaps for its own token, and `$$.State` is not available at all.
 */
function contextObject(
  machine: RunnableStateMachine,
  start: ExecutionStart,
  tokenPlaceholder: string,
): ContextObject {
  return {
    [ROOT_EXECUTION_CONTEXT_KEY]: {
      Id: start.executionArn,
      Input: start.input,
      Name: start.name,
      RoleArn: machine.roleArn,
      StartTime: start.startDate.toISOString(),
      RedriveCount: 0,
    },
    StateMachine: { Id: machine.stateMachineArn, Name: machine.name },
    Task: { Token: tokenPlaceholder },
  };
}

function outcomeOf(result: Promise<JsonValue>): Promise<ExecutionOutcome> {
  return result.then(
    (output): ExecutionOutcome => ({ status: 'SUCCEEDED', output: JSON.stringify(output) }),
    (error: unknown): ExecutionOutcome => {
      if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
      if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT' };
      const failure = error instanceof ExecutionError ? error.cause : error;
      if (failure instanceof Error) return { status: 'FAILED', error: failure.name, cause: failure.message };
      return { status: 'FAILED', error: 'States.Runtime', cause: String(failure) };
    },
  );
}
