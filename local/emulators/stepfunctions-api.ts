import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { StepFunctionsApiError } from './stepfunctions-errors';
import {
  DescribeExecutionRequest,
  GetExecutionHistoryRequest,
  ListExecutionsRequest,
  parseRequest,
  SendTaskFailureRequest,
  SendTaskHeartbeatRequest,
  SendTaskSuccessRequest,
  StartExecutionRequest,
  StopExecutionRequest,
} from './stepfunctions-requests';
import type { LocalStepFunctions } from './stepfunctions-service';

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

type Operation = (service: LocalStepFunctions, body: unknown) => unknown;

const operations: Readonly<Record<string, Operation>> = {
  StartExecution: (service, body) => service.startExecution(parseRequest(StartExecutionRequest, body)),
  DescribeExecution: (service, body) =>
    service.describeExecution(parseRequest(DescribeExecutionRequest, body)),
  StopExecution: (service, body) => service.stopExecution(parseRequest(StopExecutionRequest, body)),
  ListExecutions: (service, body) => service.listExecutions(parseRequest(ListExecutionsRequest, body)),
  GetExecutionHistory: (service, body) =>
    service.getExecutionHistory(parseRequest(GetExecutionHistoryRequest, body)),
  SendTaskSuccess: (service, body) => service.sendTaskSuccess(parseRequest(SendTaskSuccessRequest, body)),
  SendTaskFailure: (service, body) => service.sendTaskFailure(parseRequest(SendTaskFailureRequest, body)),
  SendTaskHeartbeat: (service, body) =>
    service.sendTaskHeartbeat(parseRequest(SendTaskHeartbeatRequest, body)),
};

interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The Step Functions API over HTTP, in the AWS JSON 1.0 protocol the real SDK speaks: `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Operation>`; errors as `{ "__type", "message" }` with status 400, so the SDK
 * raises its own exception classes. Nothing is logged: task tokens are secrets.
 */
export function createStepFunctionsApi(service: LocalStepFunctions): Server {
  return createServer((request, response) => {
    reply(service, request).then((result) => send(response, result));
  });
}

async function reply(service: LocalStepFunctions, request: IncomingMessage): Promise<Reply> {
  try {
    const operation = operationOf(request);
    const body = parseBody(await readBody(request));
    return { status: 200, body: operation(service, body) };
  } catch (error) {
    if (error instanceof StepFunctionsApiError)
      return { status: 400, body: { __type: error.type, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: { __type: 'InternalFailure', message } };
  }
}

function operationOf(request: IncomingMessage): Operation {
  const target = request.headers['x-amz-target'];
  const name =
    typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (request.method === 'POST' && operation !== undefined) return operation;
  throw new StepFunctionsApiError('UnknownOperationException', `Unknown operation ${String(target)}`);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new StepFunctionsApiError('SerializationException', 'The request body is not valid JSON');
  }
}

function send(response: ServerResponse, { status, body }: Reply): void {
  response.writeHead(status, { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID() });
  response.end(serialize(body));
}

/**
 * JSON 1.0 sends timestamps as epoch seconds. Date#toJSON runs before a replacer sees the value, so the
 * replacer reads the original value from its holder.
 */
function serialize(body: unknown): string {
  return JSON.stringify(body, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : value;
  });
}
