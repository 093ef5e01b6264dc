/**
 * The requests' use cases wired to in-memory fakes of their ports: the request store and the rate limiter
 * (test/support/in-memory-*.ts, held to the DynamoDB adapters' contract by the shared contract suites,
 * request-store-contract.ts and rate-limiter-contract.ts), and small recording fakes for the mailer, the
 * workflow's callback and starter, the secrets and the clock.
 */

import { DEFAULT_SUBMISSION_LIMITS, type SubmissionLimits } from '../../../lambdas/domain/intake/rate-limits';
import type { Mailer, OutgoingMessage } from '../../../lambdas/domain/ports/mailer';
import type { WorkflowStarter } from '../../../lambdas/domain/ports/workflow-starter';
import { acceptRequest, parseRequestSubmission } from '../../../lambdas/domain/requests/accept-request';
import { closeUnverified } from '../../../lambdas/domain/requests/close-unverified';
import { issueVerification } from '../../../lambdas/domain/requests/issue-verification';
import type { Secrets, VerificationCallback } from '../../../lambdas/domain/requests/record';
import { requestStatus } from '../../../lambdas/domain/requests/request-status';
import { resendCode } from '../../../lambdas/domain/requests/resend-code';
import { verifyRequest } from '../../../lambdas/domain/requests/verify-request';
import { InMemoryRateLimiter } from '../../support/in-memory-rate-limiter';
import { InMemoryRequests } from '../../support/in-memory-requests';
import { testPseudonyms } from '../../support/pseudonyms';
import { sterkPolicy } from '../policy/sterk-fixture';

export const START = new Date('2026-03-02T09:00:00.000Z');
export const PUBLIC_BASE_URL = 'https://personvern.example/v1';
export const MAIL_FROM = 'personvern@sterk.example';
/** A code the fake secrets never hand out. */
export const WRONG_CODE = '999999';

export const SUBMISSION = { type: 'access', name: 'Kari Nordmann', email: 'kari@example.no', lang: 'en' };

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMessage[] = [];
  private readonly failures: Error[] = [];

  /** The next send throws this instead of sending. */
  failNext(error: Error): void {
    this.failures.push(error);
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    this.sent.push(message);
    return { messageId: `message-${this.sent.length}` };
  }
}

export class RecordingCallback implements VerificationCallback {
  readonly resumed: string[] = [];

  async resume(taskToken: string): Promise<boolean> {
    const first = !this.resumed.includes(taskToken);
    this.resumed.push(taskToken);
    return first;
  }
}

export class RecordingWorkflow implements WorkflowStarter {
  readonly started: string[] = [];

  async start(id: string): Promise<void> {
    this.started.push(id);
  }
}

/** Hands out 100001, 100002, … and token-1, token-2, …, remembering each. */
export class SequentialSecrets implements Secrets {
  readonly codes: string[] = [];
  readonly tokens: string[] = [];

  newCode(): string {
    const code = String(100_001 + this.codes.length);
    this.codes.push(code);
    return code;
  }

  newStatusToken(): string {
    const token = `token-${this.tokens.length + 1}`;
    this.tokens.push(token);
    return token;
  }

  get lastCode(): string {
    const code = this.codes.at(-1);
    if (code === undefined) throw new Error('No code was issued');
    return code;
  }
}

export class FakeClock {
  now = new Date(START);

  advance(milliseconds: number): void {
    this.now = new Date(this.now.getTime() + milliseconds);
  }

  readonly read = () => this.now;
}

export const SECOND = 1000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Harness {
  readonly requests: InMemoryRequests;
  readonly limiter: InMemoryRateLimiter;
  readonly mailer: RecordingMailer;
  readonly callback: RecordingCallback;
  readonly workflow: RecordingWorkflow;
  readonly secrets: SequentialSecrets;
  readonly clock: FakeClock;
  /** Requests whose sealed national identity number was deleted. */
  readonly numbersRemoved: readonly string[];
  accept(input?: Record<string, unknown>, context?: { clientIp?: string }): ReturnType<typeof acceptRequest>;
  issue(requestId: string, taskToken?: string): ReturnType<typeof issueVerification>;
  verify(id: string, code: unknown, context?: { clientIp?: string }): ReturnType<typeof verifyRequest>;
  resend(id: string): ReturnType<typeof resendCode>;
  status(id: string, token: string | undefined): ReturnType<typeof requestStatus>;
  close(id: string): ReturnType<typeof closeUnverified>;
  /** Accepts a request and runs the workflow's first step for it, as the workflow would. */
  acceptAndIssue(input?: Record<string, unknown>): Promise<{ id: string; statusToken: string; code: string }>;
}

export async function harness(limits: SubmissionLimits = DEFAULT_SUBMISSION_LIMITS) {
  const requests = new InMemoryRequests();
  const limiter = new InMemoryRateLimiter();
  const mailer = new RecordingMailer();
  const callback = new RecordingCallback();
  const workflow = new RecordingWorkflow();
  const secrets = new SequentialSecrets();
  const clock = new FakeClock();
  const policy = sterkPolicy();
  /** Requests whose sealed national identity number was deleted (closeUnverified after a sign-in). */
  const numbersRemoved: string[] = [];
  let ids = 0;
  const deps = {
    policy,
    requests,
    workflow,
    limiter,
    pseudonyms: testPseudonyms,
    limits,
    secrets,
    clock: clock.read,
    newId: () => `req-${++ids}`,
    callback,
    mailer,
    mailFrom: MAIL_FROM,
    publicBaseUrl: PUBLIC_BASE_URL,
    nationalIds: { remove: async (id: string) => void numbersRemoved.push(id) },
  };

  const h: Harness = {
    requests,
    limiter,
    mailer,
    callback,
    workflow,
    secrets,
    clock,
    numbersRemoved,
    accept: (input = SUBMISSION, context = {}) =>
      // As a deployment that offers ID-porten: a submission may choose it (`verification: 'eid'`).
      acceptRequest(parseRequestSubmission(policy, input, clock.now, { eidOffered: true }), context, deps),
    issue: (requestId, taskToken = `task-${requestId}`) => issueVerification({ requestId, taskToken }, deps),
    verify: (id, code, context = {}) => verifyRequest(id, code, deps, context),
    resend: (id) => resendCode(id, deps),
    status: (id, token) => requestStatus(id, token, deps),
    close: (id) => closeUnverified(id, deps),
    async acceptAndIssue(input = SUBMISSION) {
      const accepted = await h.accept(input);
      await h.issue(accepted.id);
      return { id: accepted.id, statusToken: accepted.statusToken, code: secrets.lastCode };
    },
  };
  return h;
}
