import { UnsupportedDefinitionError } from './stepfunctions-errors';
import type { AslState, StateMachineDefinition } from './stepfunctions-library-types';
import { capTimerSeconds, MAX_TIMER_SECONDS, peopleWaitScale } from './timers';

/** AWS's default when a Task names no TimeoutSeconds; the runner would use the States Language spec's 60. */
const AWS_DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

/**
 * The runner rebuilds `$$.Execution` for every Map iteration and Parallel branch (its Input becomes the item),
 * so the emulator passes the real one under this key and points every `$$.Execution` path at it.
 */
export const ROOT_EXECUTION_CONTEXT_KEY = 'RootExecution';

const EXECUTION_CONTEXT_PATH = /\$\$\.Execution(?!\w)/g;
const LAMBDA_INVOKE = /^arn:aws[a-z-]*:states:::lambda:invoke$/;
const LAMBDA_CALLBACK = /^arn:aws[a-z-]*:states:::lambda:invoke\.waitForTaskToken$/;
const LAMBDA_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;

/** How a Task state reaches its Lambda function: by ARN, through lambda:invoke, or as a callback task. */
export type TaskIntegration = 'lambda-function' | 'lambda-invoke' | 'lambda-callback';

export interface TaskSpec {
  readonly stateName: string;
  readonly integration: TaskIntegration;
  readonly resource: string;
  /** The function as the definition names it, unless it is picked at run time (`FunctionName.$`). */
  readonly functionName: string | undefined;
  /**
   * Callback tasks only: the emulator times these itself, since the runner knows no heartbeats. Absent when
   * TimeoutSecondsPath decides; then the runner times the task.
   */
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
}

export interface PreparedDefinition {
  /** What aws-local-stepfunctions runs. */
  readonly definition: StateMachineDefinition;
  /** Every Task state, nested ones included, by state name: the runner overrides Task states by name. */
  readonly tasks: ReadonlyMap<string, TaskSpec>;
  /**
   * Every Wait state with fixed `Seconds`, by state name, and how long it waits locally (capped, scaled):
   * each runs as a Task a WaitTimers timer answers, so the local API can end it (stepfunctions-waits.ts).
   */
  readonly waits: ReadonlyMap<string, number>;
}

/** The resource of a Wait state turned into a timed Task; never called, the runner's override answers it. */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::personvern-local:wait';

/** Adapts a valid definition to the local runner: context paths, timers, and what each Task state calls. */
export function prepareDefinition(original: StateMachineDefinition): PreparedDefinition {
  const definition = pointAtRootExecution(original) as StateMachineDefinition;
  if (definition.TimeoutSeconds !== undefined)
    definition.TimeoutSeconds = capTimerSeconds(definition.TimeoutSeconds);
  const tasks = new Map<string, TaskSpec>();
  const waits = new Map<string, number>();
  const stateNames = new Set<string>();
  for (const [stateName, state] of statesOf(definition)) {
    if (stateNames.has(stateName)) {
      throw new UnsupportedDefinitionError(`state name "${stateName}" is used more than once`);
    }
    stateNames.add(stateName);
    // A Wait for days (keeping a closed request's data) is compressed with the waits for people.
    if (state.Type === 'Wait' && state.Seconds !== undefined)
      waits.set(stateName, capTimerSeconds(state.Seconds) * peopleWaitScale());
    if (state.Type === 'Task') tasks.set(stateName, prepareTask(stateName, state));
  }
  timeWaits(definition, waits);
  return { definition, tasks, waits };
}

/** Replaces each timed Wait with a Task of the same paths and transition, answered by a WaitTimers timer. */
function timeWaits(
  machine: Pick<StateMachineDefinition, 'States'>,
  waits: ReadonlyMap<string, number>,
): void {
  const states = machine.States as Record<string, AslState>;
  for (const [stateName, state] of Object.entries(states)) {
    if (state.Type === 'Wait' && waits.has(stateName)) {
      const { Type: _type, Seconds: _seconds, ...kept } = state as AslState & { Seconds?: number };
      states[stateName] = { ...kept, Type: 'Task', Resource: LOCAL_WAIT_RESOURCE } as unknown as AslState;
    }
    if (state.Type === 'Map') {
      const iterator = state.ItemProcessor ?? state.Iterator;
      if (iterator !== undefined) timeWaits(iterator, waits);
    }
    if (state.Type === 'Parallel') for (const branch of state.Branches) timeWaits(branch, waits);
  }
}

function* statesOf(machine: Pick<StateMachineDefinition, 'States'>): Generator<[string, AslState]> {
  for (const [stateName, state] of Object.entries(machine.States)) {
    yield [stateName, state];
    if (state.Type === 'Map') {
      const iterator = state.ItemProcessor ?? state.Iterator;
      if (iterator !== undefined) yield* statesOf(iterator);
    }
    if (state.Type === 'Parallel') for (const branch of state.Branches) yield* statesOf(branch);
  }
}

/** A copy of the definition whose JSONPaths (`….$` values, `…Path` fields, Choice `Variable`s) read the root execution. */
function pointAtRootExecution(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    const isPath = key.endsWith('.$') || key.endsWith('Path') || key === 'Variable';
    return isPath ? value.replace(EXECUTION_CONTEXT_PATH, () => `$$.${ROOT_EXECUTION_CONTEXT_KEY}`) : value;
  }
  if (Array.isArray(value)) return value.map((item) => pointAtRootExecution(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, pointAtRootExecution(item, name)]),
    );
  }
  return value;
}

function prepareTask(stateName: string, state: Extract<AslState, { Type: 'Task' }>): TaskSpec {
  const { HeartbeatSeconds: heartbeatSeconds, HeartbeatSecondsPath } = state as {
    HeartbeatSeconds?: number;
    HeartbeatSecondsPath?: string;
  };
  // Ignoring it would quietly let a task wait forever that must time out.
  if (HeartbeatSecondsPath !== undefined) {
    throw new UnsupportedDefinitionError(
      `HeartbeatSecondsPath (state "${stateName}") is not supported locally`,
    );
  }
  const integration = integrationOf(state.Resource);
  const isCallback = integration === 'lambda-callback';
  const timedByPath = state.TimeoutSecondsPath !== undefined;
  const timeoutSeconds = capTimerSeconds(state.TimeoutSeconds ?? AWS_DEFAULT_TASK_TIMEOUT_SECONDS);
  if (!timedByPath) {
    // For callback tasks the emulator's timer decides, so the runner's own is pushed beyond any of ours.
    state.TimeoutSeconds = isCallback ? MAX_TIMER_SECONDS + 60 : timeoutSeconds;
  }
  return {
    stateName,
    integration,
    resource: state.Resource,
    functionName: integration === 'lambda-function' ? state.Resource : fixedFunctionName(state.Parameters),
    timeoutSeconds: isCallback && !timedByPath ? timeoutSeconds * peopleWaitScale() : undefined,
    heartbeatSeconds:
      isCallback && heartbeatSeconds !== undefined
        ? capTimerSeconds(heartbeatSeconds) * peopleWaitScale()
        : undefined,
  };
}

function integrationOf(resource: string): TaskIntegration {
  if (LAMBDA_INVOKE.test(resource)) return 'lambda-invoke';
  if (LAMBDA_CALLBACK.test(resource)) return 'lambda-callback';
  if (LAMBDA_FUNCTION_ARN.test(resource)) return 'lambda-function';
  throw new UnsupportedDefinitionError(
    `Task resource ${resource} is not supported locally; only Lambda functions are ` +
      '(a function ARN, arn:aws:states:::lambda:invoke, arn:aws:states:::lambda:invoke.waitForTaskToken)',
  );
}

function fixedFunctionName(parameters: unknown): string | undefined {
  if (typeof parameters !== 'object' || parameters === null || !('FunctionName' in parameters))
    return undefined;
  return typeof parameters.FunctionName === 'string' ? parameters.FunctionName : undefined;
}
