/**
 * Abuse of the public forms (issue 17): the attacks of the penetration test, against the running stack.
 * Each failed before its fix: the contact form mailed any address without limit, and a name carried
 * line breaks and links into STERK's own emails.
 */
import { bundledPolicy } from '../../lambdas/adapters/policy/bundled-policy';
import { CODE_ATTEMPT_LIMIT } from '../../lambdas/domain/intake/rate-limits';
import { errorOf, postJson } from '../support/http-submissions';
import { eventually } from '../support/local-process';
import type { LocalStackFixture, StoredEmail } from '../support/local-stack-fixture';

const STAFF = new Set(bundledPolicy.controllers.map((controller) => controller.privacyContactEmail));

/** Registers the suite; `stack` is the local stack the test file started. */
export function abuseSuite(stack: () => LocalStackFixture): void {
  describe('Abuse of the public forms', () => {
    const run = Date.now();
    let client = 0;
    /** A new client address for each post, as an attacker with many addresses would have. */
    const from = () => {
      client += 1;
      return `127.40.${Math.floor(client / 250)}.${(client % 250) + 1}`;
    };

    it('does not let the contact form mail-bomb a stranger: one confirmation a day, and 429 after five messages an hour', async () => {
      // Prepare: the victim's address, dressed up with +tags so each post looks like another address
      const victim = `offer.${run}`;
      const post = (n: number) =>
        postJson(
          stack().apiUrl,
          '/contact',
          { name: 'Kari Nordmann', email: `${victim}+${n}@example.no`, message: 'Hei!' },
          { from: from() },
        );

      // Act
      const answers = [];
      for (let n = 1; n <= 6; n += 1) answers.push(await post(n));
      const ids = answers.filter((a) => a.status === 202).map((a) => (a.json as { id: string }).id);
      const aboutThem = await eventually(async () => {
        const emails = (await stack().emails()).filter((email) =>
          ids.some((id) => email.body.text?.includes(id)),
        );
        return emails.filter(toStaff).length >= ids.length ? emails : undefined;
      }, 60_000);

      // Assess
      expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202, 429]);
      const [refused] = answers.slice(-1);
      expect(refused && errorOf(refused).code).toBe('rate_limited');
      expect(aboutThem.filter(toStaff)).toHaveLength(5);
      const toVictim = aboutThem.filter((email) =>
        email.destination.to.some((to) => to.startsWith(`${victim}+`)),
      );
      expect(toVictim).toHaveLength(1);
    });

    it('slows down one client guessing codes, across requests, without stopping anyone else', async () => {
      // Prepare: a real request, and a guesser who tries codes on ids, known or not
      const email = `gjetning.${run}@example.no`;
      const filed = await postJson(
        stack().apiUrl,
        '/requests',
        { type: 'access', name: 'Kari Nordmann', email, lang: 'en' },
        { from: from() },
      );
      const { id } = filed.json as { id: string };
      const guesser = from();
      const guess = (target: string, code: string) =>
        postJson(stack().apiUrl, `/requests/${target}/verify`, { code }, { from: guesser });

      // Act
      const answers = [];
      for (let n = 0; n < CODE_ATTEMPT_LIMIT.limit; n++) {
        answers.push(
          (await guess(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, '123456')).status,
        );
      }
      const over = await guess(id, '123456');
      const [receipt] = await eventually(async () => {
        const mine = (await stack().emails()).filter((e) => e.destination.to.includes(email));
        return mine.length > 0 ? mine : undefined;
      }, 60_000);
      const code = /^\s+(\d{6})$/m.exec(receipt?.body.text ?? '')?.[1] ?? '';
      const requester = await postJson(stack().apiUrl, `/requests/${id}/verify`, { code }, { from: from() });

      // Assess
      expect(new Set(answers)).toEqual(new Set([404]));
      expect(over.status).toBe(429);
      expect(errorOf(over).code).toBe('rate_limited');
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(requester.status).toBe(200);
    });

    it('refuses a name that carries a link, on both forms, and keeps a name on one line without direction tricks', async () => {
      // Prepare
      const phishing = 'Kari. Your account is locked, log in at https://sterk-login.example';
      const email = `navn.${run}@example.no`;

      // Act
      const contact = await postJson(
        stack().apiUrl,
        '/contact',
        { name: phishing, email, message: 'Hei!' },
        { from: from() },
      );
      const request = await postJson(
        stack().apiUrl,
        '/requests',
        {
          type: 'access',
          name: 'Kari',
          email,
          onBehalfOf: {
            name: 'www.sterk-gevinst.example',
            birthDate: '2015-01-01',
            relationship: 'guardian',
          },
        },
        { from: from() },
      );
      const tricked = await postJson(
        stack().apiUrl,
        '/contact',
        { name: 'Kari\r\nNordmann\u202E', email, message: 'Hei!', lang: 'en' },
        { from: from() },
      );
      const { id } = tricked.json as { id: string };
      const [confirmation] = await eventually(async () => {
        const mine = (await stack().emails()).filter(
          (e) => e.destination.to.includes(email) && e.body.text?.includes(id),
        );
        return mine.length > 0 ? mine : undefined;
      }, 60_000);

      // Assess
      expect(contact.status).toBe(400);
      expect(errorOf(contact).fields).toEqual({
        name: expect.stringMatching(/no web or email addresses|uten nettadresser/),
      });
      expect(request.status).toBe(400);
      expect(Object.keys(errorOf(request).fields ?? {})).toEqual(['onBehalfOf.name']);
      expect(tricked.status).toBe(202);
      expect(confirmation?.body.text).toMatch(/^Hi Kari Nordmann,$/m);
      expect(confirmation?.body.text).not.toContain('\u202E');
    });
  });
}

function toStaff(email: StoredEmail): boolean {
  return email.destination.to.some((to) => STAFF.has(to));
}
