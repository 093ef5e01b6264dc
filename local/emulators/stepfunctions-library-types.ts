import type { RunOptions, StateMachine, StateMachineDefinition } from 'aws-local-stepfunctions';

// aws-local-stepfunctions exports its classes but not these types; they are read off its signatures.

export type { StateMachineDefinition };
export type JsonValue = Parameters<StateMachine['run']>[0];
export type JsonObject = Extract<JsonValue, Record<string, unknown>>;
export type AslState = StateMachineDefinition['States'][string];
export type EventLog =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;
type TaskLocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
export type TaskLocalHandler = TaskLocalHandlers[string];
export type ContextObject = NonNullable<RunOptions['context']>;
