import * as z from 'zod';
import { StepFunctionsApiError } from './stepfunctions-errors';

// The request bodies of the supported operations, as the AWS JSON 1.0 protocol carries them.

const pageSize = z.number().int().min(0).max(1000).optional();

export const StartExecutionRequest = z.object({
  stateMachineArn: z.string(),
  name: z.string().optional(),
  input: z.string().optional(),
});
export type StartExecutionRequest = z.infer<typeof StartExecutionRequest>;

export const DescribeExecutionRequest = z.object({ executionArn: z.string() });
export type DescribeExecutionRequest = z.infer<typeof DescribeExecutionRequest>;

export const StopExecutionRequest = z.object({
  executionArn: z.string(),
  error: z.string().optional(),
  cause: z.string().optional(),
});
export type StopExecutionRequest = z.infer<typeof StopExecutionRequest>;

export const ListExecutionsRequest = z.object({
  stateMachineArn: z.string(),
  statusFilter: z
    .enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'])
    .optional(),
  maxResults: pageSize,
  nextToken: z.string().optional(),
});
export type ListExecutionsRequest = z.infer<typeof ListExecutionsRequest>;

export const GetExecutionHistoryRequest = z.object({
  executionArn: z.string(),
  maxResults: pageSize,
  reverseOrder: z.boolean().optional(),
  nextToken: z.string().optional(),
});
export type GetExecutionHistoryRequest = z.infer<typeof GetExecutionHistoryRequest>;

export const SendTaskSuccessRequest = z.object({ taskToken: z.string().min(1), output: z.string() });
export type SendTaskSuccessRequest = z.infer<typeof SendTaskSuccessRequest>;

export const SendTaskFailureRequest = z.object({
  taskToken: z.string().min(1),
  error: z.string().optional(),
  cause: z.string().optional(),
});
export type SendTaskFailureRequest = z.infer<typeof SendTaskFailureRequest>;

export const SendTaskHeartbeatRequest = z.object({ taskToken: z.string().min(1) });
export type SendTaskHeartbeatRequest = z.infer<typeof SendTaskHeartbeatRequest>;

/** Reads a request body, answering a malformed one the way the service does. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new StepFunctionsApiError('ValidationException', z.prettifyError(parsed.error));
  return parsed.data;
}
