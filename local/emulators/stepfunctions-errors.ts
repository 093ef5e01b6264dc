/** An error of the Step Functions API: `type` is the `__type` the real service sends, so the SDK raises its own class. */
export class StepFunctionsApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'StepFunctionsApiError';
  }
}

/** A state machine the emulator cannot run; raised when it is registered, never over the API. */
export class StateMachineRegistrationError extends Error {
  constructor(stateMachineArn: string, problem: string, options?: { cause?: unknown }) {
    super(`Cannot register ${stateMachineArn} locally: ${problem}`, options);
    this.name = 'StateMachineRegistrationError';
  }
}

/** A definition that uses something the local runner does not support. */
export class UnsupportedDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedDefinitionError';
  }
}

/**
 * Ends a task of an execution that has already closed (stopped, timed out, or failed elsewhere). The runner
 * reads `isRetryable` and `isCatchable`, so no Retry or Catch brings the task back to life.
 */
export class ExecutionClosedError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor() {
    super('The execution has closed');
    this.name = 'ExecutionClosedError';
  }
}

/** A Task's parameters that cannot work, e.g. no FunctionName; like States.Runtime, no Retry or Catch applies. */
export class TaskParametersError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor(message: string) {
    super(message);
    this.name = 'States.Runtime';
  }
}

/**
 * A Lambda function's failure as Step Functions reports it: Error is the thrown error's name, Cause the
 * serialized error. The runner takes the Cause from the message, so the serialized error is the message.
 */
export class FunctionFailedError extends Error {
  constructor(errorType: string, errorMessage: string, trace: string[] = []) {
    super(JSON.stringify({ errorType, errorMessage, trace }));
    this.name = errorType;
  }

  static from(thrown: unknown): FunctionFailedError {
    if (!(thrown instanceof Error)) return new FunctionFailedError('Error', String(thrown));
    return new FunctionFailedError(thrown.name, thrown.message, thrown.stack?.split('\n') ?? []);
  }
}

/** A callback task reported as failed through SendTaskFailure: Error and Cause are what the worker sent. */
export class TaskFailureReportedError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** A wait for pending callback tasks that cannot end well: the execution closed first. */
export class ExecutionEndedError extends Error {
  constructor(executionArn: string, status: string) {
    super(`Execution ${executionArn} ended (${status}) before the awaited callback tasks were pending`);
    this.name = 'ExecutionEndedError';
  }
}

/**
 * A state's result over Step Functions' 256 KB quota. On AWS it is a terminal error: no Retry applies and
 * not even `States.ALL` catches it, so the execution fails.
 */
export class DataLimitExceededError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor(bytes: number) {
    super(`The state's result is ${bytes} bytes, over the quota of ${STATE_PAYLOAD_LIMIT_BYTES} bytes`);
    this.name = 'States.DataLimitExceeded';
  }
}

/** Step Functions' quota for a state's input or output and an execution's input: 256 KB of UTF-8. */
export const STATE_PAYLOAD_LIMIT_BYTES = 256 * 1024;
