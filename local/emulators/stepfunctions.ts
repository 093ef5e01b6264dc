import { endpointFor, type RunningEmulator } from './emulator';
import { closeServer, listen } from './ports';
import { createStepFunctionsApi } from './stepfunctions-api';
import { LocalStepFunctions } from './stepfunctions-service';
import { borrowStatesTimeoutError } from './stepfunctions-timeout';

export interface StepFunctionsEmulatorOptions {
  /** 0 picks a free port. */
  readonly port: number;
}

export interface RunningStepFunctions extends RunningEmulator {
  /** Registration of state machines, and a look at pending callback tasks, without going over HTTP. */
  readonly stepFunctions: LocalStepFunctions;
}

/** The Step Functions API shim; executions are run in this process by aws-local-stepfunctions. */
export async function startStepFunctions({
  port,
}: StepFunctionsEmulatorOptions): Promise<RunningStepFunctions> {
  const stepFunctions = new LocalStepFunctions(await borrowStatesTimeoutError());
  const server = createStepFunctionsApi(stepFunctions);
  const boundPort = await listen(server, 'Step Functions', port);
  return {
    endpoint: endpointFor(boundPort),
    stepFunctions,
    async stop() {
      await stepFunctions.stopAllExecutions();
      await closeServer(server);
    },
  };
}
