import { randomUUID } from 'node:crypto';
import { type CallbackTasks, createTaskToken } from './stepfunctions-callbacks';
import type { TaskSpec } from './stepfunctions-definition';
import {
  DataLimitExceededError,
  ExecutionClosedError,
  FunctionFailedError,
  STATE_PAYLOAD_LIMIT_BYTES,
  TaskParametersError,
} from './stepfunctions-errors';
import type { JsonObject, JsonValue, TaskLocalHandler } from './stepfunctions-library-types';

/** A Lambda function as the emulator calls it: the event in, the result out, a thrown error for a failure. */
export type LambdaHandler = (payload: unknown) => Promise<unknown>;

/** Keyed by function ARN or name, as the definition names the function. */
export type LambdaHandlers = Readonly<Record<string, LambdaHandler>>;

/** What a running execution lends its Task states. */
export interface TaskScope {
  readonly executionArn: string;
  /** Stands in for `$$.Task.Token` in the Context object; each callback task replaces it with a token of its own. */
  readonly tokenPlaceholder: string;
  readonly lambdaHandlers: LambdaHandlers;
  readonly callbacks: CallbackTasks;
  readonly isOpen: () => boolean;
}

/** The local stand-in for a Task state's resource; receives the state's effective input (after Parameters). */
export function createTaskHandler(spec: TaskSpec, scope: TaskScope): TaskLocalHandler {
  return async (input) => withinPayloadLimit(await runTask(spec, scope, input));
}

async function runTask(spec: TaskSpec, scope: TaskScope, input: JsonValue): Promise<JsonValue> {
  // The runner can still start states of an execution that was stopped (e.g. queued Map iterations).
  if (!scope.isOpen()) throw new ExecutionClosedError();
  switch (spec.integration) {
    case 'lambda-function':
      return invokeFunction(scope.lambdaHandlers, spec.resource, input);
    case 'lambda-invoke': {
      const { functionName, payload } = invokeParameters(input);
      return lambdaInvokeResult(await invokeFunction(scope.lambdaHandlers, functionName, payload));
    }
    case 'lambda-callback':
      return runCallbackTask(spec, input, scope);
  }
}

/** A task's result over 256 KB fails the execution, as on AWS (checked here, where results enter the state). */
function withinPayloadLimit(result: JsonValue): JsonValue {
  const bytes = Buffer.byteLength(JSON.stringify(result) ?? '');
  if (bytes > STATE_PAYLOAD_LIMIT_BYTES) throw new DataLimitExceededError(bytes);
  return result;
}

/** The handler for a function ARN or name: as registered, else by bare function name (ignoring ARN and alias). */
export function findLambdaHandler(handlers: LambdaHandlers, functionName: string): LambdaHandler | undefined {
  if (Object.hasOwn(handlers, functionName)) return handlers[functionName];
  const wanted = bareFunctionName(functionName);
  return Object.entries(handlers).find(([key]) => bareFunctionName(key) === wanted)?.[1];
}

/** `name`, `name:alias`, `account:function:name[:alias]` or a full ARN, down to `name`. */
function bareFunctionName(nameOrArn: string): string {
  const afterFunction = nameOrArn.split(':function:').pop() ?? nameOrArn;
  return afterFunction.split(':')[0] ?? afterFunction;
}

async function runCallbackTask(spec: TaskSpec, input: JsonValue, scope: TaskScope): Promise<JsonValue> {
  const { functionName, payload: template } = invokeParameters(input);
  const taskToken = createTaskToken();
  const payload = replaceInStrings(template, scope.tokenPlaceholder, taskToken);
  const task = {
    taskToken,
    executionArn: scope.executionArn,
    stateName: spec.stateName,
    functionName,
    payload,
  };
  // Opened before the invocation: a worker may report back before the function has even returned.
  const outcome = scope.callbacks.wait(task, spec);
  const invocation = invokeFunction(scope.lambdaHandlers, functionName, payload).catch((error: unknown) => {
    scope.callbacks.withdraw(taskToken);
    throw error;
  });
  const [, output] = await Promise.all([invocation, outcome]);
  return output;
}

async function invokeFunction(
  handlers: LambdaHandlers,
  functionName: string,
  payload: JsonValue,
): Promise<JsonValue> {
  const handler = findLambdaHandler(handlers, functionName);
  if (handler === undefined) {
    throw new FunctionFailedError('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
  }
  let result: unknown;
  try {
    result = await handler(viaJson(payload));
  } catch (error) {
    throw FunctionFailedError.from(error);
  }
  return viaJson(result);
}

/** A value as it arrives on the other side of Lambda's JSON (de)serialization; nothing at all arrives as null. */
function viaJson(value: unknown): JsonValue {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function invokeParameters(input: JsonValue): { functionName: string; payload: JsonValue } {
  if (isJsonObject(input) && typeof input.FunctionName === 'string') {
    // Lambda hands an empty payload to the function as `{}`.
    return { functionName: input.FunctionName, payload: input.Payload ?? {} };
  }
  throw new TaskParametersError('lambda:invoke needs Parameters with a FunctionName string');
}

/** The result shape of the optimized lambda:invoke integration; definitions usually select `$.Payload`. */
function lambdaInvokeResult(payload: JsonValue): JsonObject {
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: { HttpHeaders: {}, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: randomUUID() },
    StatusCode: 200,
  };
}

function replaceInStrings(value: JsonValue, search: string, replacement: string): JsonValue {
  if (typeof value === 'string') return value.replaceAll(search, replacement);
  if (Array.isArray(value)) return value.map((item) => replaceInStrings(item, search, replacement));
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceInStrings(item, search, replacement)]),
    );
  }
  return value;
}

function isJsonObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
