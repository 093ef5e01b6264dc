import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { LambdaHandler } from '../../../local/emulators';
import { type RunningStepFunctions, startStepFunctions } from '../../../local/emulators/stepfunctions';
import { StateMachineRegistrationError } from '../../../local/emulators/stepfunctions-errors';

const STATE_MACHINE_ARN = 'arn:aws:states:eu-north-1:000000000000:stateMachine:DataSubjectRequest';
const functionArn = (name: string) => `arn:aws:lambda:eu-north-1:000000000000:function:${name}`;

class ConnectorUnavailableError extends Error {
  override readonly name = 'ConnectorUnavailableError';
}

/** A callback task: the function gets the token and the request id, the worker's output lands in `$.confirmation`. */
const awaitConfirmation = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: {
    FunctionName: functionArn('SendConfirmation'),
    Payload: { 'requestId.$': '$.requestId', 'taskToken.$': '$$.Task.Token' },
  },
  ResultPath: '$.confirmation',
};

describe('Class: LocalStepFunctions', () => {
  let emulator: RunningStepFunctions;
  let client: SFNClient;
  let invocations: Record<string, unknown[]>;

  beforeEach(async () => {
    emulator = await startStepFunctions({ port: 0 });
    client = new SFNClient({
      endpoint: emulator.endpoint,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    invocations = {};
  });

  afterEach(async () => {
    client.destroy();
    await emulator.stop();
  });

  /** A handler that records each payload it gets and answers with `result`. */
  const recording =
    (name: string, result: (payload: unknown) => unknown = () => ({})): LambdaHandler =>
    async (payload) => {
      invocations[name] = [...(invocations[name] ?? []), payload];
      return result(payload);
    };

  function register(
    states: Record<string, unknown>,
    startAt: string,
    handlers: Record<string, LambdaHandler> = {},
  ) {
    emulator.stepFunctions.registerStateMachine({
      stateMachineArn: STATE_MACHINE_ARN,
      definition: { StartAt: startAt, States: states },
      lambdaHandlers: { [functionArn('SendConfirmation')]: recording('SendConfirmation'), ...handlers },
    });
  }

  async function start(input: unknown, name?: string): Promise<string> {
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, input: JSON.stringify(input), name }),
    );
    if (executionArn === undefined) throw new Error('StartExecution returned no executionArn');
    return executionArn;
  }

  async function settledDescription(executionArn: string) {
    await emulator.stepFunctions.waitForExecution(executionArn);
    return client.send(new DescribeExecutionCommand({ executionArn }));
  }

  describe('callback tasks', () => {
    beforeEach(() => {
      register(
        {
          Verify: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: functionArn('VerifyIdentity'), 'Payload.$': '$' },
            ResultSelector: { 'verified.$': '$.Payload.verified' },
            ResultPath: '$.verification',
            Next: 'AwaitConfirmation',
          },
          AwaitConfirmation: {
            ...awaitConfirmation,
            Catch: [{ ErrorEquals: ['Request.Rejected'], ResultPath: '$.rejection', Next: 'Rejected' }],
            End: true,
          },
          Rejected: { Type: 'Pass', End: true },
        },
        'Verify',
        { [functionArn('VerifyIdentity')]: recording('VerifyIdentity', () => ({ verified: true })) },
      );
    });

    it('stays RUNNING while the callback task waits for its token', async () => {
      // Prepare
      const executionArn = await start({ requestId: 'r-1' });

      // Act
      const [pending] = await emulator.stepFunctions.waitForPendingTasks(executionArn);
      const { status } = await client.send(new DescribeExecutionCommand({ executionArn }));

      // Assess
      expect(status).toBe('RUNNING');
      expect(pending?.stateName).toBe('AwaitConfirmation');
      expect(pending?.taskToken).toMatch(/^[\w-]{43}$/);
      expect(invocations.SendConfirmation).toEqual([{ requestId: 'r-1', taskToken: pending?.taskToken }]);
    });

    it('completes a callback task when SendTaskSuccess arrives', async () => {
      // Prepare
      const executionArn = await start({ requestId: 'r-1' });
      const [pending] = await emulator.stepFunctions.waitForPendingTasks(executionArn);

      // Act
      await client.send(
        new SendTaskSuccessCommand({
          taskToken: pending?.taskToken,
          output: JSON.stringify({ confirmed: true }),
        }),
      );
      const { status, output } = await settledDescription(executionArn);

      // Assess
      expect(status).toBe('SUCCEEDED');
      expect(JSON.parse(output ?? 'null')).toEqual({
        requestId: 'r-1',
        verification: { verified: true },
        confirmation: { confirmed: true },
      });
      expect(invocations.VerifyIdentity).toEqual([{ requestId: 'r-1' }]);
    });

    it('lands a SendTaskFailure in the Catch with its error and cause', async () => {
      // Prepare
      const executionArn = await start({ requestId: 'r-1' });
      const [pending] = await emulator.stepFunctions.waitForPendingTasks(executionArn);

      // Act
      await client.send(
        new SendTaskFailureCommand({
          taskToken: pending?.taskToken,
          error: 'Request.Rejected',
          cause: 'not confirmed',
        }),
      );
      const { status, output } = await settledDescription(executionArn);

      // Assess
      expect(status).toBe('SUCCEEDED');
      expect(JSON.parse(output ?? 'null')).toMatchObject({
        rejection: { Error: 'Request.Rejected', Cause: 'not confirmed' },
      });
    });

    it('answers a token it never issued with InvalidToken', async () => {
      // Prepare
      const taskToken = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

      // Act
      const sending = client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));

      // Assess
      await expect(sending).rejects.toBeInstanceOf(InvalidToken);
    });

    it('answers a token that was already used with TaskTimedOut', async () => {
      // Prepare
      const executionArn = await start({ requestId: 'r-1' });
      const [pending] = await emulator.stepFunctions.waitForPendingTasks(executionArn);
      await client.send(new SendTaskSuccessCommand({ taskToken: pending?.taskToken, output: '{}' }));

      // Act
      const sendingAgain = client.send(
        new SendTaskSuccessCommand({ taskToken: pending?.taskToken, output: '{}' }),
      );

      // Assess
      await expect(sendingAgain).rejects.toBeInstanceOf(TaskTimedOut);
    });

    it('stops an execution, reports it ABORTED and withdraws its tokens', async () => {
      // Prepare
      const executionArn = await start({ requestId: 'r-1' });
      const [pending] = await emulator.stepFunctions.waitForPendingTasks(executionArn);

      // Act
      await client.send(
        new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'request withdrawn' }),
      );
      const { executions } = await client.send(
        new ListExecutionsCommand({ stateMachineArn: STATE_MACHINE_ARN, statusFilter: 'ABORTED' }),
      );
      const sending = client.send(
        new SendTaskSuccessCommand({ taskToken: pending?.taskToken, output: '{}' }),
      );

      // Assess
      expect(executions?.map((execution) => execution.executionArn)).toEqual([executionArn]);
      await expect(sending).rejects.toBeInstanceOf(TaskTimedOut);
      expect(emulator.stepFunctions.listPendingTasks(executionArn)).toEqual([]);
    });

    it('returns the same execution for the same name and input', async () => {
      // Prepare
      const request = { stateMachineArn: STATE_MACHINE_ARN, name: 'r-1', input: '{"requestId":"r-1"}' };
      const first = await client.send(new StartExecutionCommand(request));

      // Act
      const second = await client.send(new StartExecutionCommand(request));

      // Assess
      expect(second.executionArn).toBe(first.executionArn);
      expect(second.startDate?.getTime()).toBe(first.startDate?.getTime());
      const { executions } = await client.send(
        new ListExecutionsCommand({ stateMachineArn: STATE_MACHINE_ARN }),
      );
      expect(executions).toHaveLength(1);
    });

    it('raises ExecutionAlreadyExists for the same name with different input', async () => {
      // Prepare
      await start({ requestId: 'r-1' }, 'r-1');

      // Act
      const startingAgain = start({ requestId: 'r-2' }, 'r-1');

      // Assess
      await expect(startingAgain).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    });

    it('records the execution history in the shape of GetExecutionHistory', async () => {
      // Prepare
      const executionArn = await start({ requestId: 'r-1' });
      const [pending] = await emulator.stepFunctions.waitForPendingTasks(executionArn);
      await client.send(new SendTaskSuccessCommand({ taskToken: pending?.taskToken, output: '{}' }));
      await emulator.stepFunctions.waitForExecution(executionArn);

      // Act
      const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));

      // Assess
      expect(events?.map((event) => event.type)).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'TaskStateExited',
        'TaskStateEntered',
        'TaskStateExited',
        'ExecutionSucceeded',
      ]);
      expect(events?.[1]?.stateEnteredEventDetails?.name).toBe('Verify');
      expect(events?.[0]?.timestamp).toBeInstanceOf(Date);
    });
  });

  describe('timeouts', () => {
    it('fails a callback task with States.Timeout after TimeoutSeconds, past a States.TaskFailed catcher', async () => {
      // Prepare
      register(
        {
          AwaitConfirmation: {
            ...awaitConfirmation,
            TimeoutSeconds: 1,
            Catch: [
              { ErrorEquals: ['States.TaskFailed'], Next: 'TaskFailed' },
              { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'TimedOut' },
            ],
            End: true,
          },
          TaskFailed: { Type: 'Fail', Error: 'WrongCatcher' },
          TimedOut: { Type: 'Pass', End: true },
        },
        'AwaitConfirmation',
      );

      // Act
      const executionArn = await start({ requestId: 'r-1' });
      const { status, output } = await settledDescription(executionArn);

      // Assess
      expect(status).toBe('SUCCEEDED');
      expect(JSON.parse(output ?? 'null')).toMatchObject({ timeout: { Error: 'States.Timeout' } });
    });

    it('times a waiting callback task out on demand, as its TimeoutSeconds would days later (expireTask)', async () => {
      // Prepare: a three-day wait, which no test could sit through.
      register(
        {
          AwaitConfirmation: {
            ...awaitConfirmation,
            TimeoutSeconds: 3 * 24 * 60 * 60,
            Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'TimedOut' }],
            End: true,
          },
          TimedOut: { Type: 'Pass', End: true },
        },
        'AwaitConfirmation',
      );
      const executionArn = await start({ requestId: 'r-1' }, 'r-1');
      await emulator.stepFunctions.waitForPendingTasks(executionArn);

      // Act
      const elsewhere = emulator.stepFunctions.expireTask('r-1', 'SomeOtherState');
      const expired = emulator.stepFunctions.expireTask('r-1', 'AwaitConfirmation');
      const { status, output } = await settledDescription(executionArn);
      const again = emulator.stepFunctions.expireTask('r-1', 'AwaitConfirmation');

      // Assess
      expect([elsewhere, expired, again]).toEqual([false, true, false]);
      expect(status).toBe('SUCCEEDED');
      expect(JSON.parse(output ?? 'null')).toMatchObject({ timeout: { Error: 'States.Timeout' } });
    });

    it('ends a Wait of fourteen days on demand, passing its input on, with Wait events in the history (endWait)', async () => {
      // Prepare
      register(
        {
          KeepStoredData: { Type: 'Wait', Seconds: 14 * 24 * 60 * 60, OutputPath: '$.kept', Next: 'Done' },
          Done: { Type: 'Pass', End: true },
        },
        'KeepStoredData',
      );
      const executionArn = await start({ kept: { requestId: 'r-2' } }, 'r-2');
      const waiting = () => emulator.stepFunctions.endWait('r-2', 'KeepStoredData');

      // Act
      const elsewhere = emulator.stepFunctions.endWait('r-2', 'Done');
      let ended = waiting();
      for (let tries = 0; !ended && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ended = waiting();
      }
      const { status, output } = await settledDescription(executionArn);
      const again = waiting();
      const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));

      // Assess
      expect([elsewhere, ended, again]).toEqual([false, true, false]);
      expect(status).toBe('SUCCEEDED');
      expect(JSON.parse(output ?? 'null')).toEqual({ requestId: 'r-2' });
      const types = (events ?? []).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['WaitStateEntered', 'WaitStateExited']));
      expect(types).not.toContain('TaskStateEntered');
    });

    it('fails a callback task with States.Timeout when no heartbeat arrives within HeartbeatSeconds', async () => {
      // Prepare
      register(
        { AwaitConfirmation: { ...awaitConfirmation, HeartbeatSeconds: 1, End: true } },
        'AwaitConfirmation',
      );
      const executionArn = await start({ requestId: 'r-1' });
      const [pending] = await emulator.stepFunctions.waitForPendingTasks(executionArn);
      await client.send(new SendTaskHeartbeatCommand({ taskToken: pending?.taskToken }));

      // Act
      const { status, error } = await settledDescription(executionArn);

      // Assess
      expect(status).toBe('FAILED');
      expect(error).toBe('States.Timeout');
    });
  });

  describe('Lambda errors', () => {
    it('retries a function that throws ConnectorUnavailableError on a Retry for that error name', async () => {
      // Prepare
      let calls = 0;
      register(
        {
          Export: {
            Type: 'Task',
            Resource: functionArn('ExportData'),
            Retry: [
              {
                ErrorEquals: ['ConnectorUnavailableError'],
                IntervalSeconds: 1,
                MaxAttempts: 2,
                BackoffRate: 1,
              },
            ],
            End: true,
          },
        },
        'Export',
        {
          [functionArn('ExportData')]: async () => {
            calls += 1;
            if (calls === 1) throw new ConnectorUnavailableError('the CRM is down');
            return { exported: true };
          },
        },
      );

      // Act
      const { status, output } = await settledDescription(await start({ requestId: 'r-1' }));

      // Assess
      expect(status).toBe('SUCCEEDED');
      expect(JSON.parse(output ?? 'null')).toEqual({ exported: true });
      expect(calls).toBe(2);
    });

    it('fails the execution with the thrown error name and the serialized error as cause', async () => {
      // Prepare
      register(
        {
          Export: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'ExportData', 'Payload.$': '$' },
            End: true,
          },
        },
        'Export',
        {
          ExportData: async () => {
            throw new ConnectorUnavailableError('the CRM is down');
          },
        },
      );

      // Act
      const { status, error, cause } = await settledDescription(await start({ requestId: 'r-1' }));

      // Assess
      expect(status).toBe('FAILED');
      expect(error).toBe('ConnectorUnavailableError');
      expect(JSON.parse(cause ?? 'null')).toMatchObject({
        errorType: 'ConnectorUnavailableError',
        errorMessage: 'the CRM is down',
      });
    });
  });

  describe('the 256 KB payload quota', () => {
    it.each([
      [
        'over it fails the execution with States.DataLimitExceeded, which not even States.ALL catches',
        256 * 1024 + 1,
        'FAILED',
      ],
      ['just under it passes', 256 * 1024 - 64, 'SUCCEEDED'],
    ])('a task result %s', async (_, bytes, expected) => {
      // Prepare: the quota counts the result as JSON, where {"records":""} takes 14 bytes
      register(
        {
          Export: {
            Type: 'Task',
            Resource: functionArn('ExportData'),
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
        'Export',
        { [functionArn('ExportData')]: async () => ({ records: 'x'.repeat(bytes - 14) }) },
      );

      // Act
      const { status, error } = await settledDescription(await start({ requestId: 'r-1' }));

      // Assess
      expect(status).toBe(expected);
      if (expected === 'FAILED') expect(error).toBe('States.DataLimitExceeded');
    });
  });

  describe('Map states', () => {
    beforeEach(() => {
      register(
        {
          EachSystem: {
            Type: 'Map',
            ItemsPath: '$.systems',
            ItemSelector: { 'system.$': '$$.Map.Item.Value', 'requestId.$': '$.requestId' },
            ItemProcessor: {
              StartAt: 'AwaitSystem',
              States: {
                AwaitSystem: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                  Parameters: {
                    FunctionName: functionArn('SendConfirmation'),
                    Payload: {
                      'system.$': '$.system',
                      'taskToken.$': '$$.Task.Token',
                      'requestedSystems.$': '$$.Execution.Input.systems',
                    },
                  },
                  End: true,
                },
              },
            },
            End: true,
          },
        },
        'EachSystem',
      );
    });

    it('gives the callback task of each iteration a token of its own', async () => {
      // Prepare
      const systems = ['crm', 'billing', 'newsletter'];
      const executionArn = await start({ requestId: 'r-1', systems });

      // Act
      const pending = await emulator.stepFunctions.waitForPendingTasks(executionArn, systems.length);

      // Assess
      expect(new Set(pending.map((task) => task.taskToken)).size).toBe(systems.length);
      expect(pending.map((task) => task.payload)).toEqual(
        expect.arrayContaining(
          systems.map((system) => ({
            system,
            taskToken: pending.find((task) => (task.payload as { system: string }).system === system)
              ?.taskToken,
            requestedSystems: systems,
          })),
        ),
      );
    });

    it('collects the output of every iteration once each token has been reported', async () => {
      // Prepare
      const systems = ['crm', 'billing'];
      const executionArn = await start({ requestId: 'r-1', systems });
      const pending = await emulator.stepFunctions.waitForPendingTasks(executionArn, systems.length);

      // Act
      for (const task of pending) {
        const { system } = task.payload as { system: string };
        await client.send(
          new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ system }) }),
        );
      }
      const { status, output } = await settledDescription(executionArn);

      // Assess
      expect(status).toBe('SUCCEEDED');
      expect(JSON.parse(output ?? 'null')).toEqual([{ system: 'crm' }, { system: 'billing' }]);
    });
  });

  describe('registration', () => {
    it('refuses a Task resource it cannot run', () => {
      // Prepare
      const definition = {
        StartAt: 'Put',
        States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } },
      };

      // Act
      const registering = () =>
        emulator.stepFunctions.registerStateMachine({
          stateMachineArn: STATE_MACHINE_ARN,
          definition,
          lambdaHandlers: {},
        });

      // Assess
      expect(registering).toThrow(StateMachineRegistrationError);
    });

    it('refuses a definition that calls a function without a handler', () => {
      // Prepare
      const definition = {
        StartAt: 'Export',
        States: { Export: { Type: 'Task', Resource: functionArn('ExportData'), End: true } },
      };

      // Act
      const registering = () =>
        emulator.stepFunctions.registerStateMachine({
          stateMachineArn: STATE_MACHINE_ARN,
          definition,
          lambdaHandlers: {},
        });

      // Assess
      expect(registering).toThrow(/no Lambda handler/);
    });
  });

  describe('HTTP protocol', () => {
    it('answers an unknown operation with UnknownOperationException', async () => {
      // Prepare
      const request = {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AWSStepFunctions.CreateActivity',
        },
        body: '{}',
      };

      // Act
      const response = await fetch(emulator.endpoint, request);

      // Assess
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
    });
  });
});
