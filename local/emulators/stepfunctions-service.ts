import { randomUUID } from 'node:crypto';
import type {
  DescribeExecutionOutput,
  ExecutionStatus,
  GetExecutionHistoryOutput,
  ListExecutionsOutput,
  StartExecutionOutput,
  StopExecutionOutput,
} from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import { CallbackTasks, type PendingTask } from './stepfunctions-callbacks';
import { prepareDefinition } from './stepfunctions-definition';
import {
  ExecutionEndedError,
  StateMachineRegistrationError,
  StepFunctionsApiError,
  TaskFailureReportedError,
} from './stepfunctions-errors';
import type { JsonValue, StateMachineDefinition } from './stepfunctions-library-types';
import type {
  DescribeExecutionRequest,
  GetExecutionHistoryRequest,
  ListExecutionsRequest,
  SendTaskFailureRequest,
  SendTaskHeartbeatRequest,
  SendTaskSuccessRequest,
  StartExecutionRequest,
  StopExecutionRequest,
} from './stepfunctions-requests';
import {
  type ExecutionOutcome,
  type RunnableStateMachine,
  type RunningExecution,
  runExecution,
} from './stepfunctions-runner';
import { findLambdaHandler, type LambdaHandlers } from './stepfunctions-tasks';
import { WaitTimers } from './stepfunctions-waits';

const STATE_MACHINE_ARN =
  /^arn:(?<partition>aws[a-z-]*):states:(?<region>[a-z0-9-]+):(?<account>\d{12}):stateMachine:(?<name>[\w-]{1,80})$/;
/** The service's rule for execution names: no whitespace, brackets, wildcards, special or control characters. */
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;
const DEFAULT_PAGE_SIZE = 100;

export interface StateMachineRegistration {
  /** `arn:aws:states:<region>:<account>:stateMachine:<name>`; executions get ARNs in the same region and account. */
  readonly stateMachineArn: string;
  /** Parsed Amazon States Language, with Lambda ARNs already resolved to strings. */
  readonly definition: Record<string, unknown>;
  /** Keyed by function ARN or name, as the definition names the function. */
  readonly lambdaHandlers: LambdaHandlers;
}

interface RegisteredStateMachine extends RunnableStateMachine {
  readonly executionArnPrefix: string;
}

interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  readonly run: RunningExecution;
  readonly finished: Promise<void>;
}

/**
 * A local Step Functions: registered state machines, their executions and callback tasks, behind methods
 * shaped like the API operations (the HTTP layer only translates). Everything is kept in memory, so executions
 * do not survive a restart of the local stack.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, RegisteredStateMachine>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly watchers = new Set<() => void>();
  private readonly callbacks: CallbackTasks;
  private readonly waits = new WaitTimers();

  /** `createTimeoutError` makes the runner's own States.Timeout error (see borrowStatesTimeoutError). */
  constructor(createTimeoutError: () => Error) {
    this.callbacks = new CallbackTasks(createTimeoutError, () => this.notify());
  }

  /** Makes a state machine startable; registering an ARN again replaces it for executions started afterwards. */
  registerStateMachine({ stateMachineArn, definition, lambdaHandlers }: StateMachineRegistration): void {
    const { partition, region, account, name } = parseStateMachineArn(stateMachineArn);
    const { runner, tasks, waits } = prepareRunner(stateMachineArn, definition);
    for (const task of tasks.values()) {
      if (task.functionName === undefined || findLambdaHandler(lambdaHandlers, task.functionName)) continue;
      const problem = `Task state "${task.stateName}" calls ${task.functionName}, for which no Lambda handler was given`;
      throw new StateMachineRegistrationError(stateMachineArn, problem);
    }
    this.machines.set(stateMachineArn, {
      stateMachineArn,
      name,
      roleArn: `arn:${partition}:iam::${account}:role/${name}-local`,
      executionArnPrefix: `arn:${partition}:states:${region}:${account}:execution:${name}:`,
      runner,
      tasks,
      waits,
      lambdaHandlers,
    });
  }

  /** Idempotent as in AWS: the same name and input while the execution runs return that execution again. */
  startExecution(request: StartExecutionRequest): StartExecutionOutput {
    const machine = this.machine(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    if (!EXECUTION_NAME.test(name)) throw new StepFunctionsApiError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    const parsedInput = parseJson(input, 'InvalidExecutionInput', 'Invalid execution input');
    const executionArn = `${machine.executionArnPrefix}${name}`;
    const existing = this.executions.get(executionArn);
    if (existing !== undefined) {
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new StepFunctionsApiError(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${executionArn}'`,
      );
    }
    const startDate = new Date();
    const run = runExecution(
      machine,
      { executionArn, name, input: parsedInput, startDate },
      this.callbacks,
      this.waits,
    );
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.stateMachineArn,
      name,
      input,
      startDate,
      status: 'RUNNING',
      run,
      finished: run.outcome.then((outcome) => this.finish(record, outcome)),
    };
    this.executions.set(executionArn, record);
    return { executionArn, startDate };
  }

  describeExecution({ executionArn }: DescribeExecutionRequest): DescribeExecutionOutput {
    const record = this.execution(executionArn);
    return {
      executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      stopDate: record.stopDate,
      input: record.input,
      inputDetails: { included: true },
      output: record.output,
      outputDetails: record.output === undefined ? undefined : { included: true },
      error: record.error,
      cause: record.cause,
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    };
  }

  stopExecution({ executionArn, error, cause }: StopExecutionRequest): StopExecutionOutput {
    const record = this.execution(executionArn);
    if (record.status === 'RUNNING') {
      record.status = 'ABORTED';
      record.stopDate = new Date();
      record.error = error;
      record.cause = cause;
      record.run.abort();
      this.notify();
    }
    return { stopDate: record.stopDate };
  }

  /** Newest first, like the service. */
  listExecutions({
    stateMachineArn,
    statusFilter,
    maxResults,
    nextToken,
  }: ListExecutionsRequest): ListExecutionsOutput {
    this.machine(stateMachineArn);
    const matching = [...this.executions.values()]
      .filter((record) => record.stateMachineArn === stateMachineArn)
      .filter((record) => statusFilter === undefined || record.status === statusFilter)
      .reverse()
      .map(({ executionArn, name, status, startDate, stopDate }) => ({
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate,
        stopDate,
      }));
    const page = paginate(matching, maxResults, nextToken);
    return { executions: page.items, nextToken: page.nextToken };
  }

  getExecutionHistory({
    executionArn,
    maxResults,
    reverseOrder,
    nextToken,
  }: GetExecutionHistoryRequest): GetExecutionHistoryOutput {
    const events = [...this.execution(executionArn).run.history.events];
    const page = paginate(reverseOrder ? events.reverse() : events, maxResults, nextToken);
    return { events: page.items, nextToken: page.nextToken };
  }

  sendTaskSuccess({ taskToken, output }: SendTaskSuccessRequest): Record<string, never> {
    this.callbacks.succeed(taskToken, parseJson(output, 'InvalidOutput', 'Invalid Output'));
    return {};
  }

  sendTaskFailure({ taskToken, error, cause }: SendTaskFailureRequest): Record<string, never> {
    this.callbacks.fail(taskToken, new TaskFailureReportedError(error ?? '', cause ?? ''));
    return {};
  }

  sendTaskHeartbeat({ taskToken }: SendTaskHeartbeatRequest): Record<string, never> {
    this.callbacks.heartbeat(taskToken);
    return {};
  }

  /** The callback tasks an execution waits on right now, with their tokens and the payloads their functions got. */
  listPendingTasks(executionArn: string): PendingTask[] {
    return this.callbacks.pendingFor(executionArn);
  }

  /**
   * Local only, for tests of long waits: times out the callback task the execution `executionName` (of any
   * state machine) waits on in `stateName`, as its TimeoutSeconds would. False when no such task is open.
   */
  expireTask(executionName: string, stateName: string): boolean {
    return [...this.executions.values()]
      .filter((record) => record.executionArn.endsWith(`:${executionName}`) && record.status === 'RUNNING')
      .some((record) => this.callbacks.expire(record.executionArn, stateName));
  }

  /**
   * Local only, for tests of long waits: ends the timed Wait the execution `executionName` (of any state
   * machine) is in, `stateName`, as its Seconds would. False when it is not waiting there.
   */
  endWait(executionName: string, stateName: string): boolean {
    return [...this.executions.values()]
      .filter((record) => record.executionArn.endsWith(`:${executionName}`) && record.status === 'RUNNING')
      .some((record) => this.waits.end(record.executionArn, stateName));
  }

  /** Resolves once at least `count` callback tasks of the execution are pending; rejects if it ends first. */
  async waitForPendingTasks(executionArn: string, count = 1): Promise<PendingTask[]> {
    const record = this.execution(executionArn);
    return new Promise((resolve, reject) => {
      const check = () => {
        const pending = this.callbacks.pendingFor(executionArn);
        if (pending.length < count && record.status === 'RUNNING') return;
        this.watchers.delete(check);
        if (pending.length >= count) resolve(pending);
        else reject(new ExecutionEndedError(executionArn, record.status));
      };
      this.watchers.add(check);
      check();
    });
  }

  /** Resolves with the description of the execution once it has ended. */
  async waitForExecution(executionArn: string): Promise<DescribeExecutionOutput> {
    await this.execution(executionArn).finished;
    return this.describeExecution({ executionArn });
  }

  /** Stops every running execution and resolves once each has wound down, timers included. */
  async stopAllExecutions(): Promise<void> {
    const records = [...this.executions.values()];
    for (const { executionArn } of records) this.stopExecution({ executionArn });
    await Promise.all(records.map((record) => record.finished));
  }

  private finish(record: ExecutionRecord, outcome: ExecutionOutcome): void {
    if (record.status === 'RUNNING') Object.assign(record, outcome, { stopDate: new Date() });
    this.notify();
  }

  private notify(): void {
    for (const watcher of [...this.watchers]) watcher();
  }

  private machine(stateMachineArn: string): RegisteredStateMachine {
    const machine = this.machines.get(stateMachineArn);
    if (machine !== undefined) return machine;
    throw new StepFunctionsApiError(
      'StateMachineDoesNotExist',
      `State Machine Does Not Exist: '${stateMachineArn}'`,
    );
  }

  private execution(executionArn: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (record !== undefined) return record;
    throw new StepFunctionsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  }
}

type StateMachineArnParts = Record<'partition' | 'region' | 'account' | 'name', string>;

function parseStateMachineArn(stateMachineArn: string): StateMachineArnParts {
  const parts = STATE_MACHINE_ARN.exec(stateMachineArn)?.groups;
  if (parts !== undefined) return parts as StateMachineArnParts;
  throw new StateMachineRegistrationError(stateMachineArn, 'this is not a state machine ARN');
}

function prepareRunner(
  stateMachineArn: string,
  definition: Record<string, unknown>,
): Pick<RunnableStateMachine, 'runner' | 'tasks' | 'waits'> {
  try {
    const asl = definition as unknown as StateMachineDefinition;
    // Constructing validates the definition (asl-validator); the prepared copy is then run unchecked.
    new StateMachine(asl);
    const { definition: prepared, tasks, waits } = prepareDefinition(asl);
    return { runner: new StateMachine(prepared, { validationOptions: { noValidate: true } }), tasks, waits };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw new StateMachineRegistrationError(stateMachineArn, problem, { cause: error });
  }
}

function parseJson(text: string, errorType: string, description: string): JsonValue {
  try {
    return JSON.parse(text);
  } catch {
    throw new StepFunctionsApiError(errorType, `${description}: the value is not valid JSON`);
  }
}

/** Pages by position; the token is the offset of the next page. */
function paginate<Item>(
  items: Item[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { items: Item[]; nextToken?: string } {
  const offset = nextToken === undefined ? 0 : Number(nextToken);
  if (!Number.isInteger(offset) || offset < 0 || offset > items.length) {
    throw new StepFunctionsApiError(
      'InvalidToken',
      'Invalid Token: the nextToken is not one this service issued',
    );
  }
  const end = offset + (maxResults || DEFAULT_PAGE_SIZE);
  return { items: items.slice(offset, end), nextToken: end < items.length ? String(end) : undefined };
}
