/**
 * Enumeration (issue 7): can a stranger learn whether Personvern knows someone? Pairs of requests, one
 * about a person known everywhere (a contact message in the table, a Mailchimp member, and an open
 * request of the same type already, so the new one is a duplicate) and one about nobody, go through
 * intake, the status page and verification (a wrong code, then the right one). Status codes and bodies
 * must be identical apart from ids and tokens.
 *
 * Latency is reported, not asserted: on a shared CI machine a timed assertion would flake. The figures
 * (p50/p95 per step and the p95 difference) are printed and kept in docs/security.md.
 */
import { type Answer, send } from '../support/http-submissions';
import type { LocalStackFixture } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

const PAIRS = 20;
const JSON_HEADERS = { accept: 'application/json', contentType: 'application/json' };

/** The body with what must differ between any two requests (ids, tokens) masked out. */
function masked(answer: Answer): string {
  return `${answer.status} ${answer.text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/token=[\w-]{43}/g, 'token=<token>')}`;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

const STEPS = ['intake', 'status', 'wrong code', 'right code'] as const;
type Step = (typeof STEPS)[number];

interface Journey {
  readonly answers: Record<Step, string>;
  readonly millis: Record<Step, number>;
}

const codeIn = (text: string | undefined) => /^\s+(\d{6})$/m.exec(text ?? '')?.[1] ?? '';

/** Registers the suites; `stack` is the local stack the test file started. */
export function enumerationSuite(stack: () => LocalStackFixture): void {
  describe('Enumeration: a person known everywhere and a person nobody knows look the same', () => {
    const journeys: { known: Journey; nobody: Journey }[] = [];

    beforeAll(async () => {
      const driver = new WorkflowDriver(stack());
      const run = Date.now();
      let address = 0;
      const from = () => {
        address += 1;
        return `127.30.${Math.floor(address / 250)}.${(address % 250) + 1}`;
      };
      /** One requester's way through intake, status and verification; `code` finds the code they got. */
      const journey = async (email: string, code: (id: string) => Promise<string>): Promise<Journey> => {
        const answers = {} as Record<Step, string>;
        const millis = {} as Record<Step, number>;
        const timed = async (step: Step, path: string, options: Parameters<typeof send>[2]) => {
          const started = performance.now();
          const answer = await send(stack().apiUrl, path, options);
          millis[step] = performance.now() - started;
          answers[step] = masked(answer);
          return answer;
        };
        const submitted = await timed('intake', '/requests', {
          ...JSON_HEADERS,
          body: JSON.stringify({ type: 'access', name: 'Kari Nordmann', email, lang: 'en' }),
          from: from(),
        });
        const { id, statusUrl } = submitted.json as { id: string; statusUrl: string };
        const status = new URL(statusUrl);
        await timed('status', `${status.pathname}${status.search}`, {
          method: 'GET',
          accept: 'application/json',
        });
        const right = await code(id);
        const wrong = right === '000000' ? '000001' : '000000';
        // From the requester's own address: code attempts are limited per client address.
        const requester = from();
        await timed('wrong code', `/requests/${id}/verify`, {
          ...JSON_HEADERS,
          body: JSON.stringify({ code: wrong }),
          from: requester,
        });
        await timed('right code', `/requests/${id}/verify`, {
          ...JSON_HEADERS,
          body: JSON.stringify({ code: right }),
          from: requester,
        });
        return { answers, millis };
      };

      // One journey first to start every function (their cold starts would otherwise fall on one side).
      await journey(`oppvarming.${run}@example.no`, async (id) =>
        codeIn((await driver.emailsAbout(id, 1))[0]?.body.text),
      );
      for (let pair = 0; pair < PAIRS; pair += 1) {
        const known = `kjent.${run}.${pair}@example.no`;
        const nobody = `ukjent.${run}.${pair}@example.no`;
        // Known everywhere: the table (a contact message), Mailchimp, and an open access request already.
        await driver.sendContact({ name: 'Kari Nordmann', email: known, message: 'Når åpner dere?' });
        await driver.seedMailchimpMember(known, { FNAME: 'Kari', LNAME: 'Nordmann' });
        const earlier = await send(stack().apiUrl, '/requests', {
          ...JSON_HEADERS,
          body: JSON.stringify({ type: 'access', name: 'Kari Nordmann', email: known, lang: 'en' }),
          from: from(),
        });
        const earlierId = (earlier.json as { id: string }).id;
        const earlierCode = codeIn((await driver.emailsAbout(earlierId, 1))[0]?.body.text);
        // Alternate who goes first, so drift in the machine's load falls on both sides alike.
        const runKnown = () => journey(known, async () => earlierCode);
        const runNobody = () =>
          journey(nobody, async (id) => codeIn((await driver.emailsAbout(id, 1))[0]?.body.text));
        if (pair % 2 === 0) {
          const k = await runKnown();
          journeys.push({ known: k, nobody: await runNobody() });
        } else {
          const n = await runNobody();
          journeys.push({ known: await runKnown(), nobody: n });
        }
      }
    });

    it.each(STEPS)('answers %s with the same status and body for both', (step) => {
      // Assess
      expect(journeys).toHaveLength(PAIRS);
      for (const { known, nobody } of journeys) expect(known.answers[step]).toBe(nobody.answers[step]);
    });

    it('answers each step as the requester expects (so the sameness is not two errors alike)', () => {
      // Assess
      const [first] = journeys;
      expect(first?.nobody.answers).toEqual({
        intake: expect.stringMatching(/^202 \{"id":"<id>","status":"awaiting-verification"/),
        status: expect.stringMatching(/^200 \{"id":"<id>","type":"access","status":"awaiting-verification"/),
        'wrong code': expect.stringMatching(/^422 \{"error":\{"code":"wrong_code"/),
        'right code': '200 {"status":"verified"}',
      });
    });

    it('reports the latency of each step for both, and the p95 difference', () => {
      // Act
      const lines = STEPS.map((step) => {
        const known = journeys.map((j) => j.known.millis[step]);
        const nobody = journeys.map((j) => j.nobody.millis[step]);
        const [k50, k95, n50, n95] = [
          percentile(known, 0.5),
          percentile(known, 0.95),
          percentile(nobody, 0.5),
          percentile(nobody, 0.95),
        ].map(Math.round);
        return `${step}: known p50 ${k50} ms, p95 ${k95} ms; nobody p50 ${n50} ms, p95 ${n95} ms; p95 difference ${Math.round((k95 ?? 0) - (n95 ?? 0))} ms`;
      });
      process.stdout.write(`\nEnumeration latency over ${PAIRS} pairs:\n${lines.join('\n')}\n`);

      // Assess
      expect(lines).toHaveLength(STEPS.length);
      expect(journeys.every((j) => STEPS.every((s) => j.known.millis[s] > 0 && j.nobody.millis[s] > 0))).toBe(
        true,
      );
    });
  });
}
