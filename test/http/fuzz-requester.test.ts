import fc from 'fast-check';
import { type Answer, send } from '../support/http-submissions';
import { useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';
import { type GeneratedRequest, submissionRequest } from './arbitraries';

/**
 * The requester's own POST routes, fuzzed over HTTP like the intake (fuzz.test.ts): verify, resend and
 * download, each with 1,000 generated bodies, content types and headers, against a real request id, an
 * unknown id, or junk. Never a 5xx, only the route's documented codes, and no new items in the table
 * beyond what the route legitimately writes (attempt counters, audit events).
 */

const NUM_RUNS = 1000;
const PROPERTY_TIMEOUT_MS = 240_000;
const stack = useLocalStack();

const ALLOWED: Record<string, readonly number[]> = {
  verify: [200, 400, 404, 410, 413, 415, 422, 429, 431],
  resend: [200, 202, 404, 410, 429, 431],
  download: [202, 400, 404, 409, 410, 413, 415, 422, 429, 431],
};

const CODE = fc.oneof(
  fc.stringMatching(/^\d{6}$/),
  fc.stringMatching(/^\d{3} \d{3}$/),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constant(undefined),
);
const FIELDS = { code: CODE, lang: fc.constantFrom('nb', 'en', 'xx', undefined) };

async function fire(request: GeneratedRequest): Promise<Answer> {
  return send(stack().apiUrl, request.path, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    ...(request.from === undefined ? {} : { from: request.from }),
  });
}

describe('Fuzzing the requester’s routes over HTTP', () => {
  let realId = '';
  let realToken = '';

  beforeAll(async () => {
    const driver = new WorkflowDriver(stack());
    const response = await fetch(`${stack().apiUrl}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ type: 'access', name: 'Fuzz Person', email: `fuzz.${Date.now()}@example.no` }),
    });
    const { id, statusUrl } = (await response.json()) as { id: string; statusUrl: string };
    realId = id;
    realToken = new URL(statusUrl).searchParams.get('token') ?? '';
    await driver.emailsAbout(id, 1);
  }, 60_000);

  it.each(['verify', 'resend', 'download'])(
    'POST /requests/{id}/%s: only its documented codes, never 5xx',
    async (route) => {
      // Prepare
      const seen = new Set<number>();
      let runs = 0;
      const target = fc.oneof(
        fc.constant(() => realId),
        fc.constant(() => '00000000-0000-4000-8000-000000000000'),
        fc.string({ maxLength: 40 }).map((s) => () => encodeURIComponent(s) || 'x'),
      );
      const token = fc.oneof(
        fc.constant(() => realToken),
        fc.constant(() => 'A'.repeat(43)),
        fc.constant(() => ''),
      );

      // Act
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(target, token, submissionRequest('/placeholder', FIELDS)),
          async ([id, tokenOf, request]) => {
            const path = `/requests/${id()}/${route}${route === 'download' ? `?token=${tokenOf()}` : ''}`;
            const answer = await fire({ ...request, path });
            seen.add(answer.status);
            runs += 1;

            // Assess
            expect(ALLOWED[route]).toContain(answer.status);
            if (answer.status >= 400 && answer.headers.get('content-type')?.startsWith('application/json')) {
              expect(answer.json).toMatchObject({
                error: { code: expect.any(String), message: expect.any(String) },
              });
            }
          },
        ),
        { numRuns: NUM_RUNS },
      );
      expect(runs).toBeGreaterThanOrEqual(NUM_RUNS);
      // Reached more than the catch-all: real ids, valid bodies and refusals all came up.
      expect(seen.size).toBeGreaterThan(2);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('leaves the stack up, with no unhandled error logged', async () => {
    // Act
    const answer = await fetch(`${stack().apiUrl}/policy`);
    const unhandled = stack()
      .output()
      .split('\n')
      .filter((line) => line.includes('"Unhandled error"') || /npm start exited|Uncaught|ERR_/.test(line));

    // Assess
    expect(answer.status).toBe(200);
    expect(unhandled).toEqual([]);
  });
});
