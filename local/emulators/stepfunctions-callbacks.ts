import { randomBytes } from 'node:crypto';
import { ExecutionClosedError, StepFunctionsApiError } from './stepfunctions-errors';
import type { JsonValue } from './stepfunctions-library-types';

/** A callback task waiting for SendTaskSuccess, SendTaskFailure or its timeout. */
export interface PendingTask {
  readonly taskToken: string;
  readonly executionArn: string;
  readonly stateName: string;
  readonly functionName: string;
  /** What the function was invoked with, the task token included. */
  readonly payload: JsonValue;
}

export interface CallbackTimers {
  /** From the moment the task opens; absent when the runner times the task. */
  readonly timeoutSeconds: number | undefined;
  /** From the moment the task opens, restarted by every SendTaskHeartbeat. */
  readonly heartbeatSeconds: number | undefined;
}

interface OpenTask {
  readonly task: PendingTask;
  readonly heartbeatSeconds: number | undefined;
  readonly resolve: (output: JsonValue) => void;
  readonly reject: (error: Error) => void;
  timeout?: NodeJS.Timeout;
  heartbeat?: NodeJS.Timeout;
}

/** 256 random bits, URL-safe: as unguessable as the real service's opaque tokens. */
export function createTaskToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Every callback task of every execution, by token. Kept in memory only: executions do not survive a restart
 * of the local stack, and neither do their tokens.
 */
export class CallbackTasks {
  private readonly open = new Map<string, OpenTask>();
  /** Tokens that were valid once: the API answers TaskTimedOut for them, InvalidToken for anything else. */
  private readonly spent = new Set<string>();

  constructor(
    private readonly createTimeoutError: () => Error,
    /** Called whenever a task opens or closes. */
    private readonly onChange: () => void,
  ) {}

  /** Opens a task; the promise settles with the worker's output, or rejects with its failure or States.Timeout. */
  wait(task: PendingTask, timers: CallbackTimers): Promise<JsonValue> {
    return new Promise<JsonValue>((resolve, reject) => {
      const entry: OpenTask = { task, heartbeatSeconds: timers.heartbeatSeconds, resolve, reject };
      if (timers.timeoutSeconds !== undefined) {
        entry.timeout = setTimeout(() => this.timeOut(task.taskToken), timers.timeoutSeconds * 1000);
      }
      this.open.set(task.taskToken, entry);
      this.restartHeartbeat(entry);
      this.onChange();
    });
  }

  succeed(taskToken: string, output: JsonValue): void {
    this.close(this.entryFor(taskToken)).resolve(output);
  }

  fail(taskToken: string, failure: Error): void {
    this.close(this.entryFor(taskToken)).reject(failure);
  }

  heartbeat(taskToken: string): void {
    this.restartHeartbeat(this.entryFor(taskToken));
  }

  /** Closes a task whose function could not be invoked; nobody awaits its outcome any more. */
  withdraw(taskToken: string): void {
    const entry = this.open.get(taskToken);
    if (entry !== undefined) this.close(entry);
  }

  /** Closes every task of an execution that has closed, so nothing waits on its timers any longer. */
  closeExecution(executionArn: string): void {
    for (const entry of [...this.open.values()]) {
      if (entry.task.executionArn === executionArn) this.close(entry).reject(new ExecutionClosedError());
    }
  }

  /**
   * Times out the execution's open task in `stateName` now, as if its TimeoutSeconds had run out: for tests
   * of long waits, which then need no compressed clock. False when no such task is open.
   */
  expire(executionArn: string, stateName: string): boolean {
    const entry = [...this.open.values()].find(
      ({ task }) => task.executionArn === executionArn && task.stateName === stateName,
    );
    if (entry === undefined) return false;
    this.timeOut(entry.task.taskToken);
    return true;
  }

  pendingFor(executionArn: string): PendingTask[] {
    return [...this.open.values()]
      .filter(({ task }) => task.executionArn === executionArn)
      .map(({ task }) => task);
  }

  private entryFor(taskToken: string): OpenTask {
    const entry = this.open.get(taskToken);
    if (entry !== undefined) return entry;
    if (this.spent.has(taskToken)) {
      throw new StepFunctionsApiError('TaskTimedOut', 'Task Timed Out: Provided task does not exist anymore');
    }
    throw new StepFunctionsApiError(
      'InvalidToken',
      'Invalid Token: the task token is not one this service issued',
    );
  }

  private restartHeartbeat(entry: OpenTask): void {
    clearTimeout(entry.heartbeat);
    if (entry.heartbeatSeconds === undefined) return;
    entry.heartbeat = setTimeout(() => this.timeOut(entry.task.taskToken), entry.heartbeatSeconds * 1000);
  }

  private timeOut(taskToken: string): void {
    const entry = this.open.get(taskToken);
    if (entry !== undefined) this.close(entry).reject(this.createTimeoutError());
  }

  private close(entry: OpenTask): OpenTask {
    clearTimeout(entry.timeout);
    clearTimeout(entry.heartbeat);
    this.open.delete(entry.task.taskToken);
    this.spent.add(entry.task.taskToken);
    this.onChange();
    return entry;
  }
}
