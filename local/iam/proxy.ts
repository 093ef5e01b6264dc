/**
 * A proxy in front of one emulator that does what AWS does before a call reaches the service: it finds who
 * signed the call (the function, by its access key id: credentials.ts), maps the call to IAM actions and
 * resources (requests.ts), evaluates them against the function's execution role (authorizer.ts), and answers a
 * denied call with the service's own AccessDeniedException. Calls signed with anything but a function's key (the
 * tests' clients, the stack's own set-up) go through unchecked.
 */

import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { forward, listenLocally, readBody } from '../forward';
import type { IamAuthorizer } from './authorizer';
import { accessKeyIdOf, functionOfAccessKeyId } from './credentials';
import {
  type AccessCheck,
  accessChecks,
  type CheckedService,
  type MappingContext,
  UnmappedRequestError,
  type WireRequest,
} from './requests';

export interface Denial {
  readonly functionLogicalId: string;
  readonly role: string;
  readonly action: string;
  readonly resource: string;
  readonly message: string;
}

export interface IamProxyOptions {
  readonly service: CheckedService;
  /** The emulator (or the fault proxy in front of it). */
  readonly target: string;
  readonly authorizer: IamAuthorizer;
  readonly context?: MappingContext;
  /** Told about every denied call; the stack logs it. */
  readonly onDenied: (denial: Denial) => void;
}

export interface IamProxy {
  readonly url: string;
  close(): Promise<void>;
}

/** The first check that is denied, or undefined when every one is allowed. */
export async function firstDenial(
  service: CheckedService,
  wire: WireRequest,
  authorizer: IamAuthorizer,
  context: MappingContext = {},
): Promise<Denial | undefined> {
  const functionLogicalId = functionOfAccessKeyId(accessKeyIdOf(wire.headers, wire.url));
  if (functionLogicalId === undefined) return undefined;
  const role = authorizer.roleOf(functionLogicalId)?.name ?? 'none';
  let checks: AccessCheck[];
  try {
    checks = accessChecks(service, wire, context);
  } catch (error) {
    if (!(error instanceof UnmappedRequestError)) throw error;
    return { functionLogicalId, role, action: '?', resource: '?', message: error.message };
  }
  for (const check of checks) {
    const decision = await authorizer.authorize(functionLogicalId, check);
    if (!decision.allowed)
      return { functionLogicalId, role, ...check, message: decision.message ?? 'Access denied' };
  }
  return undefined;
}

export async function startIamProxy(options: IamProxyOptions): Promise<IamProxy> {
  const upstream = new URL(options.target);
  const server: Server = createServer((incoming, outgoing) => {
    readBody(incoming)
      .then(async (body) => {
        const wire: WireRequest = {
          method: incoming.method ?? 'GET',
          url: incoming.url ?? '/',
          headers: incoming.headers,
          body: body.toString('utf8'),
        };
        const denial = await firstDenial(options.service, wire, options.authorizer, options.context);
        if (denial !== undefined) {
          options.onDenied(denial);
          return answerDenied(options.service, wire, denial, outgoing);
        }
        forward(upstream, incoming, outgoing, body);
      })
      .catch((error: unknown) => {
        if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
      });
  });
  return listenLocally(server);
}

/**
 * The AccessDeniedException each service answers with, in its own protocol. When KMS refused the service
 * (`kms` true: the caller may not use the resource's key), the service says so in its own words: SQS with
 * KmsAccessDenied and KMS's message, Secrets Manager with "Access to KMS is not allowed".
 */
export function deniedAnswer(
  service: CheckedService,
  wire: Pick<WireRequest, 'method' | 'url'>,
  message: string,
  kms = false,
): { status: number; headers: Record<string, string>; body: string } {
  const requestId = randomUUID();
  if (kms && service === 'sqs') {
    return {
      status: 400,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': requestId,
        'x-amzn-query-error': 'KMS.AccessDeniedException;Sender',
      },
      body: JSON.stringify({
        __type: 'com.amazonaws.sqs#KmsAccessDenied',
        message: `${message} (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: ${randomUUID()})`,
      }),
    };
  }
  if (kms && service === 'secretsmanager') {
    return {
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
      body: JSON.stringify({ __type: 'AccessDeniedException', Message: 'Access to KMS is not allowed' }),
    };
  }
  switch (service) {
    case 'dynamodb':
    case 'stepfunctions':
      return {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', Message: message }),
      };
    case 'sqs':
      return {
        status: 400,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-requestid': requestId,
          'x-amzn-query-error': 'AccessDenied;Sender',
        },
        body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message }),
      };
    case 'secretsmanager':
      return {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ __type: 'AccessDeniedException', Message: message }),
      };
    case 'kms':
      return {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ __type: 'AccessDeniedException', message }),
      };
    case 'ses': {
      if (new URL(wire.url, 'http://localhost').pathname.startsWith('/v2/')) {
        // SES v2 is REST-JSON: 403 with the error type in a header.
        return {
          status: 403,
          headers: {
            'content-type': 'application/json',
            'x-amzn-requestid': requestId,
            'x-amzn-errortype': 'AccessDeniedException',
          },
          body: JSON.stringify({ message }),
        };
      }
      const xml = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return {
        status: 403,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${xml}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    }
  }
}

function answerDenied(
  service: CheckedService,
  wire: WireRequest,
  denial: Denial,
  outgoing: ServerResponse,
): void {
  const { status, headers, body } = deniedAnswer(
    service,
    wire,
    denial.message,
    denial.action.startsWith('kms:'),
  );
  outgoing.writeHead(status, headers);
  outgoing.end(body);
}
