import type { BrowserContext, Page } from 'playwright-core';
import { useChromium } from '../support/chromium';
import { eventually } from '../support/local-process';
import { type StoredEmail, useLocalStack } from '../support/local-stack-fixture';
import { type StaffTaskView, WorkflowDriver } from '../support/workflow-driver';

/**
 * ID-porten in a real browser (Debian's Chromium) against the whole local stack and its local provider:
 * the person chooses ID-porten on the form, signs in on the provider's test login page as one of the
 * README's test users, comes back to their status page and types the code; staff then see the sign-in and
 * no identity check opens. Then what goes wrong: a level too low, a cancelled sign-in, the sign-in link
 * finished in another browser, and the same callback replayed.
 */

const TEST_TIMEOUT_MS = 240_000;

/** The test users (local/idporten/test-users.ts; the README lists them). */
const KARI = { pid: '14838512470', name: 'Kari Testesen', born: '1985-03-14' };
const OLA = { pid: '02917845630', name: 'Ola Testmann', born: '1978-11-02' };
const EMMA = { name: 'Emma Testesen', born: '2014-06-21' };
const JONAS = { pid: '09890160015', name: 'Jonas Substansiell', born: '2001-09-09' };

/** What the person reads and presses, as the pages say it (bokmål). */
const WORDS = {
  right: 'Rett til innsyn',
  name: 'Fullt navn',
  email: 'E-postadresse',
  birthDate: 'Fødselsdato',
  withEid: 'Med ID-porten (BankID, MinID, Buypass eller Commfides)',
  send: 'Send forespørselen',
  pid: 'Personidentifikator',
  signIn: 'Autentiser',
  cancel: 'Avbryt',
  confirmedHigh: 'Identiteten din er bekreftet med ID-porten (høyt nivå).',
  code: 'Koden fra e-posten',
  confirm: 'Bekreft',
  verifiedTitle: 'Takk, nå er det bekreftet',
  startEid: 'Bekreft med ID-porten',
} as const;

const stack = useLocalStack();
const newContext = useChromium();
let counter = 0;

const addressFor = (who: string) => `eid.${who}.${Date.now()}${counter++}@example.no`;

async function openTab(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext({ locale: 'nb-NO' });
  context.setDefaultTimeout(20_000);
  return { context, page: await context.newPage() };
}

async function receiptTo(address: string): Promise<StoredEmail> {
  return eventually(async () => {
    const mine = (await stack().emails()).filter((email) => email.destination.to.includes(address));
    return mine[0];
  }, 60_000);
}

function codeIn(email: StoredEmail): string {
  const code = /^\s*(\d{6})\s*$/m.exec(email.body.text ?? '')?.[1];
  if (code === undefined) throw new Error(`No code in the email "${email.subject}"`);
  return code;
}

/** The local provider's login page, as ID-porten's test login: one field and a button. */
async function signInAs(page: Page, pid: string): Promise<void> {
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel(WORDS.pid).fill(pid);
  await page.getByRole('button', { name: WORDS.signIn }).click();
}

/** Files an access request on the form, choosing ID-porten; the browser goes on to the login page. */
async function fileWithEid(page: Page, person: { name: string; born: string }, address: string) {
  await page.goto(`${stack().apiUrl}/forms/request?lang=nb`);
  await page.getByLabel(WORDS.right).check();
  await page.getByLabel(WORDS.name, { exact: true }).fill(person.name);
  await page.getByLabel(WORDS.email).fill(address);
  await page.getByLabel(new RegExp(`^${WORDS.birthDate}`)).fill(person.born);
  await page.getByLabel(WORDS.withEid).check();
  await page.getByRole('button', { name: WORDS.send }).click();
}

const requestIdOf = (url: string) => decodeURIComponent(/\/requests\/([^/]+)\//.exec(url)?.[1] ?? '');

async function tasksOf(driver: WorkflowDriver, token: string, requestId: string): Promise<StaffTaskView[]> {
  const response = await driver.staff(token, 'GET', '/staff/tasks');
  const { tasks } = (await response.json()) as { tasks: StaffTaskView[] };
  return tasks.filter((task) => task.requestId === requestId);
}

describe('ID-porten in Chromium', () => {
  it(
    'an adult files an access request with ID-porten, signs in at level high, types the code, and no identity check opens',
    async () => {
      // Prepare
      const address = addressFor('kari');
      const { page } = await openTab();
      const driver = new WorkflowDriver(stack());

      // Act: the form, then the provider's login page, then back on the status page
      await fileWithEid(page, KARI, address);
      await signInAs(page, KARI.pid);
      await page.waitForURL(/\/requests\/[^/]+\/status\?/);
      const id = requestIdOf(page.url());
      await expect(page.getByText(WORDS.confirmedHigh).count()).resolves.toBe(1);
      // The code from the receipt still confirms the address.
      const code = codeIn(await receiptTo(address));
      await page.getByLabel(WORDS.code).fill(code);
      await page.getByRole('button', { name: WORDS.confirm, exact: true }).click();
      await page.getByRole('heading', { name: WORDS.verifiedTitle }).waitFor();

      // Assess: staff see the sign-in, the plan says why no check opened, and collection goes on
      const officer = await driver.token('personvernombud');
      const manual = await driver.openTasks(officer, id, 'manual-collection');
      expect(manual.length).toBeGreaterThan(0);
      expect((await tasksOf(driver, officer, id)).map((task) => task.type)).not.toContain('identity-check');
      const file = (await driver.requestFile(officer, id)) as {
        eidSignIn?: Record<string, unknown>;
        plan?: { identityCheck: boolean; satisfiedByEid?: string[] };
        history: { text: { nb: string } }[];
      };
      expect(file.eidSignIn).toEqual({
        method: 'eid',
        level: 'high',
        amr: ['BankID'],
        birthDate: 'matches',
        verifiedAt: expect.any(String),
      });
      expect(file.plan).toMatchObject({ identityCheck: false, satisfiedByEid: ['special-category'] });
      expect(file.history.map((entry) => entry.text.nb)).toContain(
        `${KARI.name} bekreftet identiteten med ID-porten, høyt nivå (BankID)`,
      );
      // The number never reaches the staff view, the trail or the pages.
      expect(JSON.stringify(file)).not.toContain(KARI.pid);
      expect(await page.content()).not.toContain(KARI.pid);
      // Staff see it on demand, with a reason, and the view is in the trail first.
      const unexplained = await driver.staff(officer, 'POST', `/staff/requests/${id}/national-id`, {});
      const revealed = await driver.staff(officer, 'POST', `/staff/requests/${id}/national-id`, {
        reason: 'manual-collection',
        taskId: manual[0]?.taskId,
      });
      expect(unexplained.status).toBe(400);
      expect(revealed.status).toBe(200);
      expect(revealed.headers.get('cache-control')).toBe('no-store');
      expect(await revealed.json()).toEqual({ nationalId: KARI.pid });
      const after = (await driver.requestFile(officer, id)) as {
        timeline: { action: string; actor: { id: string }; details: Record<string, unknown> }[];
      };
      expect(after.timeline.filter((event) => event.action === 'national-id-viewed')).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ id: 'personvernombud' }),
          details: { reason: 'manual-collection', taskId: manual[0]?.taskId },
        }),
      ]);
      expect(JSON.stringify(after.timeline)).not.toContain(KARI.pid);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "a guardian's request verified at level high still opens the check, which asks only about the relationship",
    async () => {
      // Prepare: Ola asks for Emma (12); the form's script would do the same post
      const address = addressFor('ola');
      const driver = new WorkflowDriver(stack());
      const filed = await fetch(`${stack().apiUrl}/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          type: 'access',
          name: OLA.name,
          email: address,
          birthDate: OLA.born,
          lang: 'nb',
          verification: 'eid',
          onBehalfOf: { name: EMMA.name, birthDate: EMMA.born, relationship: 'guardian' },
        }),
      });
      const { id, eidUrl } = (await filed.json()) as { id: string; eidUrl: string };
      const { page } = await openTab();

      // Act: the code first this time, then ID-porten
      await page.goto(eidUrl.replace(/\/eid\?/, '/status?'));
      await page.getByLabel(WORDS.code).fill(codeIn(await receiptTo(address)));
      await page.getByRole('button', { name: WORDS.confirm, exact: true }).click();
      await page.getByRole('link', { name: WORDS.startEid }).click();
      await signInAs(page, OLA.pid);
      await page.waitForURL(/\/requests\/[^/]+\/status\?/);

      // Assess
      const officer = await driver.token('personvernombud');
      const [check] = await driver.openTasks(officer, id, 'identity-check');
      const file = (await driver.requestFile(officer, id)) as {
        status: string;
        eidSignIn?: { level: string };
        openTasks: { type: string; guide?: { checks: { nb: string }[] } }[];
      };
      expect(check?.type).toBe('identity-check');
      expect(file.eidSignIn?.level).toBe('high');
      const guide = file.openTasks.find((task) => task.type === 'identity-check')?.guide;
      expect(guide?.checks[0]?.nb).toBe(
        `Identiteten til ${OLA.name} er bekreftet med ID-porten (høyt nivå): det trengs ingen legitimasjon. Det som gjenstår, er å bekrefte forholdet til ${EMMA.name}.`,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses a sign-in below the level the request needs, and records nothing',
    async () => {
      // Prepare
      const address = addressFor('jonas');
      const { page } = await openTab();

      // Act: Jonas has MinID only (level substantial); an access request reaches health data (high)
      await fileWithEid(page, JONAS, address);
      const answer = page.waitForResponse((response) => response.url().includes('/eid/callback'));
      await signInAs(page, JONAS.pid);
      const refused = await answer;

      // Assess
      expect(refused.status()).toBe(403);
      await page.getByText('BankID').first().waitFor();
      const id = requestIdOf(
        (await page
          .getByRole('link', { name: /status/i })
          .first()
          .getAttribute('href')) ?? '',
      );
      const driver = new WorkflowDriver(stack());
      const file = (await driver.requestFile(await driver.token('personvernombud'), id)) as Record<
        string,
        unknown
      >;
      expect(file).not.toHaveProperty('eidSignIn');
      expect(file.status).toBe('awaiting-verification');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a cancelled sign-in says so and leads back, with the code as the other way',
    async () => {
      // Prepare
      const { page } = await openTab();

      // Act
      await fileWithEid(page, KARI, addressFor('cancel'));
      await page.waitForURL(/\/interaction\//);
      const answer = page.waitForResponse((response) => response.url().includes('/eid/callback'));
      await page.getByRole('button', { name: WORDS.cancel }).click();

      // Assess
      expect((await answer).status()).toBe(200);
      await page
        .getByRole('link', { name: WORDS.startEid })
        .or(page.getByRole('link', { name: /prøv igjen/i }))
        .first()
        .waitFor();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a sign-in finished in another browser is refused, the right browser still finishes it once, and a replay is refused',
    async () => {
      // Prepare: the first browser signs in, but its way back is held so the callback URL can be taken.
      // Chromium follows redirects without asking a route, so the login post is answered here and the
      // provider's redirects are read one at a time, with the first browser's cookies.
      const address = addressFor('bound');
      const { context, page } = await openTab();
      let callbackUrl = '';
      await page.route(/\/interaction\/[^/]+\/login/, async (route) => {
        let answer = await route.fetch({ maxRedirects: 0 });
        let url = route.request().url();
        while (answer.status() >= 300 && answer.status() < 400) {
          url = new URL(answer.headers().location ?? '', url).href;
          if (url.includes('/eid/callback')) break;
          answer = await context.request.get(url, { maxRedirects: 0 });
        }
        callbackUrl = url;
        await route.fulfill({ status: 200, contentType: 'text/plain', body: 'held' });
      });
      await fileWithEid(page, KARI, address);
      await signInAs(page, KARI.pid);
      await eventually(async () => (callbackUrl.includes('/eid/callback') ? callbackUrl : undefined), 20_000);

      // Act: another browser (no cookie) opens the callback; then the right one; then the right one again
      const other = await openTab();
      const inOther = await other.page.goto(callbackUrl);
      const inRight = await page.goto(callbackUrl);
      const rightUrl = page.url();
      const replayed = await page.goto(callbackUrl);

      // Assess
      expect(inOther?.status()).toBe(400);
      expect(inRight?.status()).toBe(200);
      expect(rightUrl).toMatch(/\/requests\/[^/]+\/status\?/);
      expect(replayed?.status()).toBe(400);
      const driver = new WorkflowDriver(stack());
      const file = (await driver.requestFile(
        await driver.token('personvernombud'),
        requestIdOf(rightUrl),
      )) as {
        eidSignIn?: { level: string };
      };
      expect(file.eidSignIn?.level).toBe('high');
    },
    TEST_TIMEOUT_MS,
  );
});
