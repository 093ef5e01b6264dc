/**
 * The intake under load with injected faults, shared by the CI-sized suite (intake-load.test.ts) and the
 * 5,000-submission stress run (intake-load.stress.test.ts, `npm run test:stress`).
 *
 * Each submission has its own email address, its own Idempotency-Key and its own loopback source address
 * (127.20.x.y), so the intake's rate limits (5 per email an hour, 30 per client address in 10 minutes)
 * stay exactly as strict as in production and still never refuse a well-behaved client. The client
 * behaves as the API asks: on 429 or 503 it waits for Retry-After and sends the same request with the same
 * key again. Anything else that is not 2xx is counted as undocumented (and retried, so the storage
 * property is still checked).
 */
import { paginateListExecutions, SFNClient } from '@aws-sdk/client-sfn';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../local/template/intrinsics';
import { type Answer, JSON_TYPE, send } from '../support/http-submissions';
import { eventually } from '../support/local-process';
import type { Item, LocalStackFixture, StoredEmail } from '../support/local-stack-fixture';

/** 10% of the handlers' calls to each service fail with a retryable 503 (local/faults/fault-proxy.ts). */
export const LOAD_FAULTS = 'dynamodb=0.1,ses=0.1,stepfunctions=0.1';

/**
 * The non-2xx answers POST /requests documents for a client to retry, each with Retry-After: too many
 * (429), a passing fault (503), and the same Idempotency-Key still in progress (409 `in_progress`).
 */
export const RETRYABLE = [429, 503] as const;
const IN_PROGRESS = 'in_progress';

/** Locally a state machine's ARN ends in its logical id, which npm start prints. */
export function requestMachineArn(stack: LocalStackFixture): string {
  const names = /state machines: ([^)]*)\)/.exec(stack.output())?.[1]?.split(', ') ?? [];
  const name = names.find((n) => n.startsWith('RequestWorkflow'));
  if (name === undefined) throw new Error(`npm start listed no request workflow among: ${names.join(', ')}`);
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;
}

export interface LoadPlan {
  readonly submissions: number;
  readonly concurrency: number;
  /** Tells two runs on one stack apart (keys and addresses). */
  readonly run: string;
  /** Give up on a submission after this many answers; a give-up fails the suite. */
  readonly maxAttempts?: number;
  /** Longest wait for one Retry-After (default 15 s), so a suite stays bounded; the header is still checked. */
  readonly maxRetryWaitMs?: number;
}

export interface Submission {
  readonly index: number;
  readonly email: string;
  readonly idempotencyKey: string;
  readonly from: string;
  readonly body: string;
}

export interface SubmissionOutcome {
  readonly submission: Submission;
  /** Every answer's status, in order (0: the connection failed). */
  readonly statuses: number[];
  /** Non-2xx answers that broke the contract: not 429/503, or 429/503 without Retry-After. */
  readonly undocumented: string[];
  /** The id of the 2xx answer, if one came. */
  readonly id?: string;
  /** Milliseconds from the first send to the 2xx answer (all retries included). */
  readonly millis: number;
}

export interface PhaseFigures {
  readonly submissions: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** How many answers of each status, over all attempts. */
  readonly answers: Record<string, number>;
  /** Submissions that needed more than one attempt. */
  readonly retried: number;
  readonly mostAttempts: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

export function submissionsFor(plan: LoadPlan): Submission[] {
  return Array.from({ length: plan.submissions }, (_, index) => {
    const email = `load.${plan.run}.${index}@example.no`;
    return {
      index,
      email,
      idempotencyKey: `load-${plan.run}-${index}`,
      // 250 hosts per /24, so no address ends in .0 or .255.
      from: `127.20.${Math.floor(index / 250)}.${(index % 250) + 1}`,
      body: JSON.stringify({ type: 'access', name: 'Lasse Last', email, lang: 'en' }),
    };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one submission until it is accepted (or `maxAttempts` answers came), as a good client does. */
export async function submitUntilAccepted(
  apiUrl: string,
  submission: Submission,
  plan: LoadPlan,
): Promise<SubmissionOutcome> {
  const maxAttempts = plan.maxAttempts ?? 10;
  const maxWait = plan.maxRetryWaitMs ?? 15_000;
  const statuses: number[] = [];
  const undocumented: string[] = [];
  const started = performance.now();
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    let answer: Answer | undefined;
    try {
      answer = await send(apiUrl, '/requests', {
        contentType: JSON_TYPE,
        accept: JSON_TYPE,
        body: submission.body,
        headers: { 'idempotency-key': submission.idempotencyKey },
        from: submission.from,
      });
    } catch (error) {
      statuses.push(0);
      undocumented.push(`connection: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      await sleep(backoff(attempt));
      continue;
    }
    statuses.push(answer.status);
    if (answer.status >= 200 && answer.status < 300) {
      const id = (answer.json as { id?: string } | undefined)?.id;
      return { submission, statuses, undocumented, id, millis: performance.now() - started };
    }
    const retryAfter = Number(answer.headers.get('retry-after'));
    const errorCode = (answer.json as { error?: { code?: string } } | undefined)?.error?.code;
    const documented =
      ((RETRYABLE as readonly number[]).includes(answer.status) ||
        (answer.status === 409 && errorCode === IN_PROGRESS)) &&
      Number.isInteger(retryAfter) &&
      retryAfter > 0;
    if (!documented) undocumented.push(`${answer.status} ${errorCode ?? answer.text.slice(0, 80)}`);
    await sleep(documented ? Math.min(retryAfter * 1000, maxWait) : backoff(attempt));
  }
  return { submission, statuses, undocumented, millis: performance.now() - started };
}

/** Full jitter, 50 ms base, capped at 2 s. */
function backoff(attempt: number): number {
  return Math.random() * Math.min(2000, 50 * 2 ** attempt);
}

/** Sends every submission with `plan.concurrency` in flight. */
export async function submitAll(
  apiUrl: string,
  submissions: readonly Submission[],
  plan: LoadPlan,
): Promise<{ outcomes: SubmissionOutcome[]; figures: PhaseFigures }> {
  const outcomes: SubmissionOutcome[] = new Array(submissions.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      while (next < submissions.length) {
        const index = next;
        next += 1;
        const submission = submissions[index] as Submission;
        outcomes[index] = await submitUntilAccepted(apiUrl, submission, plan);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const answers: Record<string, number> = {};
  for (const status of outcomes.flatMap((o) => o.statuses)) answers[status] = (answers[status] ?? 0) + 1;
  const millis = outcomes.map((o) => o.millis).sort((a, b) => a - b);
  return {
    outcomes,
    figures: {
      submissions: submissions.length,
      concurrency: plan.concurrency,
      seconds: round(seconds),
      perSecond: round(submissions.length / seconds),
      answers,
      retried: outcomes.filter((o) => o.statuses.length > 1).length,
      mostAttempts: Math.max(...outcomes.map((o) => o.statuses.length)),
      p50Ms: Math.round(percentile(millis, 0.5)),
      p95Ms: Math.round(percentile(millis, 0.95)),
      p99Ms: Math.round(percentile(millis, 0.99)),
    },
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** What the system holds about the run: requests and duplicates by the run's emails, executions, receipts. */
export interface Stored {
  /** `kind: 'request'` items per requester email. */
  readonly requestsByEmail: Map<string, Item[]>;
  /** `kind: 'duplicate'` items: id → the request it points to. */
  readonly duplicateOf: Map<string, string>;
  /** Executions of the request workflow, by name (= request id). */
  readonly executions: Map<string, number>;
  /** Emails per recipient. */
  readonly emailsTo: Map<string, StoredEmail[]>;
  /** Items per kind (the key's prefix), for "nothing new" comparisons. */
  readonly kinds: Record<string, number>;
}

export function stepFunctionsClient(stack: LocalStackFixture): SFNClient {
  const endpoint = /^\s+Step Functions\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(stack.output())?.[1];
  if (endpoint === undefined) throw new Error('npm start did not print the Step Functions address');
  return new SFNClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export async function readStored(stack: LocalStackFixture, sfn: SFNClient): Promise<Stored> {
  const requests = await stack.scanItems((item) => String(item.pk).startsWith('REQUEST#'));
  const requestsByEmail = new Map<string, Item[]>();
  const duplicateOf = new Map<string, string>();
  for (const item of requests) {
    if (item.kind === 'request') {
      const email = String(item.requester?.email);
      requestsByEmail.set(email, [...(requestsByEmail.get(email) ?? []), item]);
    } else if (item.kind === 'duplicate') {
      duplicateOf.set(String(item.id), String(item.duplicateOf));
    }
  }
  const executions = new Map<string, number>();
  for await (const page of paginateListExecutions(
    { client: sfn, pageSize: 1000 },
    { stateMachineArn: requestMachineArn(stack) },
  )) {
    for (const execution of page.executions ?? []) {
      const name = execution.name ?? '';
      executions.set(name, (executions.get(name) ?? 0) + 1);
    }
  }
  const emailsTo = new Map<string, StoredEmail[]>();
  for (const email of await stack.emails()) {
    for (const to of email.destination.to) emailsTo.set(to, [...(emailsTo.get(to) ?? []), email]);
  }
  return { requestsByEmail, duplicateOf, executions, emailsTo, kinds: await stack.countByKind() };
}

/** Waits until every submission's address has at least one email (or the time is up), then reads again. */
export async function waitForReceipts(
  stack: LocalStackFixture,
  sfn: SFNClient,
  submissions: readonly Submission[],
  timeoutMs: number,
): Promise<Stored> {
  try {
    await eventually(async () => {
      const emails = await stack.emails();
      const reached = new Set(emails.flatMap((email) => email.destination.to));
      return submissions.every((s) => reached.has(s.email)) ? true : undefined;
    }, timeoutMs);
  } catch {
    // Fall through: the assertions name the addresses that got nothing.
  }
  // A second email for the same address would come from a retried send: give retries time to show.
  await sleep(3000);
  return readStored(stack, sfn);
}

/**
 * The properties of the issue, per submission: its 2xx names the one stored request for its email (or a
 * duplicate pointing to it), that request has exactly one execution, and the address got exactly one
 * email. Returns human-readable violations (empty when all hold), so a failure says which and why.
 */
export function violations(outcomes: readonly SubmissionOutcome[], stored: Stored): string[] {
  const problems: string[] = [];
  const ownRequestIds = new Set<string>();
  for (const { submission, id, statuses } of outcomes) {
    const label = `#${submission.index} (${statuses.join(',')})`;
    if (id === undefined) {
      problems.push(`${label}: never accepted`);
      continue;
    }
    const requests = stored.requestsByEmail.get(submission.email) ?? [];
    if (requests.length !== 1) {
      problems.push(`${label}: ${requests.length} stored requests`);
      continue;
    }
    const requestId = String(requests[0]?.id);
    ownRequestIds.add(requestId);
    if (id !== requestId && stored.duplicateOf.get(id) !== requestId) {
      problems.push(`${label}: answered ${id}, which is neither its request nor a duplicate of it`);
    }
    const executions = stored.executions.get(requestId) ?? 0;
    if (executions !== 1) problems.push(`${label}: ${executions} executions`);
    const emails = stored.emailsTo.get(submission.email) ?? [];
    if (emails.length !== 1) problems.push(`${label}: ${emails.length} emails`);
    else if (!emails[0]?.body.text?.includes(requestId))
      problems.push(`${label}: its email is not its receipt`);
  }
  // No execution for anything but the run's requests (a duplicate never gets one of its own).
  for (const name of stored.executions.keys()) {
    if (!ownRequestIds.has(name)) problems.push(`execution ${name} belongs to no accepted submission`);
  }
  return problems;
}

/** Replays every submission with its key: the same id back, and nothing new anywhere. */
export async function replayAll(
  stack: LocalStackFixture,
  sfn: SFNClient,
  outcomes: readonly SubmissionOutcome[],
  plan: LoadPlan,
): Promise<{ before: Stored; after: Stored; replays: SubmissionOutcome[]; figures: PhaseFigures }> {
  const before = await readStored(stack, sfn);
  const { outcomes: replays, figures } = await submitAll(
    stack.apiUrl,
    outcomes.map((o) => o.submission),
    plan,
  );
  await sleep(3000);
  return { before, after: await readStored(stack, sfn), replays, figures };
}

/** Counts to compare before and after the replays. */
export function totals(stored: Stored) {
  const count = <T>(map: Map<string, T[]>) => [...map.values()].reduce((n, list) => n + list.length, 0);
  return {
    requests: count(stored.requestsByEmail),
    duplicates: stored.duplicateOf.size,
    executions: [...stored.executions.values()].reduce((n, c) => n + c, 0),
    emails: count(stored.emailsTo),
    kinds: stored.kinds,
  };
}

/** The errors the handlers logged as unhandled (their 500s): name and message only. */
export function unhandledErrors(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"Unhandled error"'))
    .map((line) => {
      const error = (
        JSON.parse(line.slice(line.indexOf('{'))) as { error?: { name?: string; message?: string } }
      ).error;
      return `${error?.name}: ${error?.message}`;
    });
}

/** What grew or shrank between two `totals`, by name (item kinds flattened). */
export function changes(
  before: ReturnType<typeof totals>,
  after: ReturnType<typeof totals>,
): Record<string, number> {
  const flat = ({ kinds, ...rest }: ReturnType<typeof totals>) => ({ ...rest, ...kinds });
  const [a, b] = [flat(before), flat(after)] as Record<string, number>[];
  const names = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return Object.fromEntries(
    [...names].map((name) => [name, (b?.[name] ?? 0) - (a?.[name] ?? 0)]).filter(([, n]) => n !== 0),
  );
}

/** How many times each message occurs. */
export function tally(messages: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const message of messages) counts[message] = (counts[message] ?? 0) + 1;
  return counts;
}

/** One line of figures for the suite's output (and docs/security.md). */
export function report(title: string, figures: PhaseFigures): string {
  const answers = Object.entries(figures.answers)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
  return `${title}: ${figures.submissions} at ${figures.concurrency} concurrent in ${figures.seconds} s (${figures.perSecond}/s); answers ${answers}; ${figures.retried} retried (most attempts ${figures.mostAttempts}); time to 2xx p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms`;
}

export interface SuiteSizes extends Omit<LoadPlan, 'run'> {
  /** How long the receipts of the whole run may take to arrive. */
  readonly receiptsTimeoutMs: number;
}

/**
 * The suite itself, for both sizes: submit under faults, check storage, executions and receipts, replay
 * with the same keys, check nothing is new. Call at the top level of a test file, after setting
 * PERSONVERN_FAULTS (the local stack reads it at start).
 */
export function intakeLoadSuite(stack: () => LocalStackFixture, sizes: SuiteSizes, timeoutMs: number): void {
  const plan: LoadPlan = { ...sizes, run: String(Date.now()) };
  let sfn: SFNClient;
  let submissions: Submission[];
  let first: { outcomes: SubmissionOutcome[]; figures: PhaseFigures };
  let stored: Stored;

  beforeAll(() => {
    sfn = stepFunctionsClient(stack());
    submissions = submissionsFor(plan);
  });
  afterAll(() => sfn?.destroy());

  it(
    `accepts ${sizes.submissions} submissions at ${sizes.concurrency} concurrent under 10% faults: each 2xx is one stored request, one execution and one receipt`,
    async () => {
      // Act
      first = await submitAll(stack().apiUrl, submissions, plan);
      stored = await waitForReceipts(stack(), sfn, submissions, sizes.receiptsTimeoutMs);
      process.stdout.write(`\n${report('Load with faults, first pass', first.figures)}\n`);

      // Assess: all at once, so a failure shows every broken property and the errors the handlers logged.
      expect(stack().output()).toContain(`Fault injection is ON (PERSONVERN_FAULTS=${LOAD_FAULTS})`);
      const undocumented = tally(first.outcomes.flatMap((o) => o.undocumented));
      expect({
        violations: violations(first.outcomes, stored),
        undocumented,
        // Only to explain a failure: the errors the handlers logged (a 503 is logged too, and is fine).
        ...(Object.keys(undocumented).length > 0 ? { logged: tally(unhandledErrors(stack().output())) } : {}),
      }).toEqual({ violations: [], undocumented: {} });
      expect(totals(stored).requests).toBe(sizes.submissions);
      expect(totals(stored).executions).toBe(sizes.submissions);
    },
    timeoutMs,
  );

  it(
    'answers every replay with the same id and creates nothing new: no item, no execution, no email',
    async () => {
      // Act
      const loggedBefore = unhandledErrors(stack().output()).length;
      const { before, after, replays, figures } = await replayAll(stack(), sfn, first.outcomes, plan);
      process.stdout.write(`${report('Load with faults, replays', figures)}\n`);

      // Assess
      const undocumented = tally(replays.flatMap((o) => o.undocumented));
      expect({
        changedIds: replays.filter((r, i) => r.id !== first.outcomes[i]?.id).map((r) => r.submission.index),
        created: changes(totals(before), totals(after)),
        violations: violations(first.outcomes, after),
        undocumented,
        ...(Object.keys(undocumented).length > 0
          ? { logged: tally(unhandledErrors(stack().output()).slice(loggedBefore)) }
          : {}),
      }).toEqual({ changedIds: [], created: {}, violations: [], undocumented: {} });
    },
    timeoutMs,
  );
}
