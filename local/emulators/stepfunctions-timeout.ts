import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';

/** aws-local-stepfunctions changed the way it times out a task, so heartbeats cannot borrow its error any more. */
export class TimeoutErrorUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('aws-local-stepfunctions did not time out a task as expected', options);
    this.name = 'TimeoutErrorUnavailableError';
  }
}

/**
 * Returns a factory for the runner's own States.Timeout error. The runner lets `States.TaskFailed` match every
 * Task error except an instance of that (unexported) class, so callback and heartbeat timeouts, which the
 * emulator times itself, must be real instances: one task is deliberately timed out after 1 ms to get the class.
 */
export async function borrowStatesTimeoutError(): Promise<() => Error> {
  const probe = new StateMachine(
    {
      StartAt: 'Probe',
      States: {
        Probe: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe',
          TimeoutSeconds: 0.001,
          End: true,
        },
      },
    },
    { validationOptions: { noValidate: true } },
  );
  const never = new Promise<never>(() => {});
  try {
    await probe.run(null, { overrides: { taskResourceLocalHandlers: { Probe: () => never } } }).result;
  } catch (error) {
    const timeout = error instanceof ExecutionError ? error.cause : undefined;
    if (timeout instanceof Error && timeout.name === 'States.Timeout') {
      const TimeoutError = timeout.constructor as new () => Error;
      return () => new TimeoutError();
    }
    throw new TimeoutErrorUnavailableError({ cause: error });
  }
  throw new TimeoutErrorUnavailableError();
}
