/**
 * ID-porten in the staff console, in Chromium against the whole local stack (npm start serves the console at
 * /console/): a requester files with ID-porten and signs in on the local provider as the test user Kari
 * (without a browser: test/support/idporten-sign-in.ts), then the privacy officer opens the request, reads
 * how Kari was verified, shows her national identity number and hides it; the request's audit trail records
 * each view with its reason. A typed birth date that disagrees with the number is warned about, and the
 * view during the identity check it opens gives that check as the reason.
 */
import type { Page } from 'playwright-core';
import { recordProblems, useChromium } from '../support/chromium';
import { signInWithLocalIdporten } from '../support/idporten-sign-in';
import { eventually } from '../support/local-process';
import { useLocalStack } from '../support/local-stack-fixture';
import { LOCAL_PASSWORD, WorkflowDriver } from '../support/workflow-driver';

const TEST_TIMEOUT_MS = 180_000;

/** The local provider's test user (local/idporten/test-users.ts; the README lists it). */
const KARI = { pid: '14838512470', name: 'Kari Testesen', born: '1985-03-14' };

/** What the console says and shows, in bokmål. */
const WORDS = {
  verifiedHigh: 'Bekreftet med ID-porten, høyt nivå (BankID)',
  differs: 'Fødselsdatoen stemmer ikke med fødselsnummeret fra ID-porten',
  show: 'Vis fødselsnummer',
  hide: 'Skjul',
  logged: 'Visningen er logget',
  back: '← Tilbake til forespørslene',
} as const;

interface AuditEventView {
  readonly action: string;
  readonly actor: { readonly kind: string; readonly id: string };
  readonly details?: Record<string, unknown>;
}

const stack = useLocalStack();
const newContext = useChromium();
let counter = 0;
const addressFor = (who: string) => `console-eid.${who}.${Date.now()}${counter++}@example.no`;

/**
 * An access request filed with ID-porten (the form makes the birth date required for it), its code typed
 * as `submitVerified` does, then signed in on the local provider as Kari; resolves once staff see the sign-in.
 */
async function fileAsKari(driver: WorkflowDriver, officer: string, born: string): Promise<string> {
  const { id, statusUrl } = await driver.submitVerified({
    type: 'access',
    name: KARI.name,
    email: addressFor('kari'),
    birthDate: born,
    lang: 'nb',
    verification: 'eid',
  });
  await signInWithLocalIdporten(statusUrl.replace('/status?', '/eid?'), KARI.pid);
  await eventually(async () => (await driver.requestFile(officer, id)).eidSignIn);
  return id;
}

/** The console, signed in as `username`, on the request's page; records script errors and CSP refusals. */
async function openRequest(username: string, id: string): Promise<{ page: Page; problems: string[] }> {
  const context = await newContext({ locale: 'nb-NO' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${stack().apiUrl}/console/`);
  await page.getByLabel('Brukernavn eller e-post').fill(username);
  await page.getByLabel('Passord').fill(LOCAL_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();
  await page.locator(`tr[data-request-id="${id}"]`).getByRole('link').click();
  await page.locator('#request-details').waitFor();
  return { page, problems };
}

async function viewsOf(driver: WorkflowDriver, token: string, id: string): Promise<AuditEventView[]> {
  const file = (await driver.requestFile(token, id)) as { timeline: AuditEventView[] };
  return file.timeline.filter((event) => event.action === 'national-id-viewed');
}

describe('ID-porten in the staff console', () => {
  it(
    'shows the privacy officer how Kari was verified, and her national identity number on request, audited with the reason',
    async () => {
      // Prepare: no identity check opens for Kari; PasientSky, keyed on the number, is collected by hand
      const driver = new WorkflowDriver(stack());
      const officer = await driver.token('personvernombud');
      const id = await fileAsKari(driver, officer, KARI.born);
      const pasientsky = await eventually(async () =>
        (await driver.openTasks(officer, id, 'manual-collection')).find(
          (task) => task.systemId === 'pasientsky',
        ),
      );
      const { page, problems } = await openRequest('personvernombud', id);
      const details = page.locator('#request-details');

      // Act: show, hide; show again and leave the page
      const verifiedShown = await details.getByText(WORDS.verifiedHigh).isVisible();
      const warned = await details.getByText(WORDS.differs).count();
      await details.getByRole('button', { name: WORDS.show }).click();
      await details.locator('#national-id-value').getByText(KARI.pid, { exact: true }).waitFor();
      const loggedShown = await details.getByText(WORDS.logged).isVisible();
      await details.getByRole('button', { name: WORDS.hide }).click();
      const afterHiding = await page.content();
      await details.getByRole('button', { name: WORDS.show }).click();
      await details.getByText(KARI.pid, { exact: true }).waitFor();
      await page.getByRole('link', { name: WORDS.back }).click();
      await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();
      const afterLeaving = await page.content();
      const stored = await page.evaluate<unknown[]>('[localStorage.length, sessionStorage.length]');

      // Assess
      expect(verifiedShown).toBe(true);
      expect(warned).toBe(0);
      expect(loggedShown).toBe(true);
      expect(afterHiding).not.toContain(KARI.pid);
      expect(afterLeaving).not.toContain(KARI.pid);
      expect(stored).toEqual([0, 0]);
      // Each view in the trail, by the officer, with why and for which task; never the number.
      const views = await viewsOf(driver, officer, id);
      expect(views).toEqual([
        expect.objectContaining({
          actor: { kind: 'staff', id: 'personvernombud' },
          details: { reason: 'manual-collection', taskId: pasientsky.taskId },
        }),
        expect.objectContaining({
          actor: { kind: 'staff', id: 'personvernombud' },
          details: { reason: 'manual-collection', taskId: pasientsky.taskId },
        }),
      ]);
      expect(JSON.stringify(await driver.requestFile(officer, id))).not.toContain(KARI.pid);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'warns when the typed birth date differs from the number, and gives the identity check it opens as the reason',
    async () => {
      // Prepare: a day off, so the sign-in does not answer the identity check
      const driver = new WorkflowDriver(stack());
      const officer = await driver.token('personvernombud');
      const id = await fileAsKari(driver, officer, '1985-03-15');
      const [check] = await driver.openTasks(officer, id, 'identity-check');
      const { page, problems } = await openRequest('personvernombud', id);
      const details = page.locator('#request-details');

      // Act
      const warningShown = await details.getByText(WORDS.differs).isVisible();
      await details.getByRole('button', { name: WORDS.show }).click();
      await details.getByText(KARI.pid, { exact: true }).waitFor();

      // Assess
      expect(warningShown).toBe(true);
      expect(await viewsOf(driver, officer, id)).toEqual([
        expect.objectContaining({
          actor: { kind: 'staff', id: 'personvernombud' },
          details: { reason: 'identity-check', taskId: check?.taskId },
        }),
      ]);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
