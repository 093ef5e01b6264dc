import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { recordProblems, useChromium } from '../support/chromium';
import { JSON_TYPE, send } from '../support/http-submissions';
import { useLocalStack } from '../support/local-stack-fixture';
import { LOCAL_PASSWORD } from '../support/workflow-driver';

/**
 * The consent summary in the staff console (`#/consent`), in Chromium against the local stack, which serves
 * the console at `/console/` on the API's own origin (as test/browser/console-eid.test.ts uses it).
 */

const TEST_TIMEOUT_MS = 90_000;
const stack = useLocalStack();
const newContext = useChromium();
async function signedIn(username: string): Promise<{ page: Page; problems: string[] }> {
  const context = await newContext({ locale: 'nb-NO' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${stack().apiUrl}/console/`);
  await page.getByLabel('Brukernavn eller e-post').fill(username);
  await page.getByLabel('Passord').fill(LOCAL_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();
  return { page, problems };
}

const choice = (action: string, analytics: boolean, marketing: boolean) =>
  send(stack().apiUrl, '/consent', {
    contentType: JSON_TYPE,
    body: JSON.stringify({
      consentId: randomUUID(),
      choices: { analytics, marketing },
      action,
      policyVersion: '1.1.0',
      bannerVersion: '1.0a1b2c3d4e',
      decidedAt: new Date().toISOString(),
    }),
  });

describe('The consent summary in the staff console (Chromium)', () => {
  it(
    "shows the privacy officer today's choices per action and purpose, in a table and in shares",
    async () => {
      // Prepare
      await choice('accept-all', true, true);
      await choice('reject-all', false, false);
      await choice('reject-all', false, false);
      await choice('custom', true, false);
      const { page, problems } = await signedIn('personvernombud');

      // Act
      await page.getByRole('link', { name: 'Samtykker' }).click();
      await page.getByRole('heading', { level: 1, name: 'Samtykker på nettsidene' }).waitFor();
      const rows = await page.locator('tbody tr').allTextContents();
      const headers = await page.locator('thead th').allTextContents();
      const shares = await page.locator('ul.consent-shares li').allTextContents();

      // Assess
      expect(headers).toEqual([
        'Dato',
        'Valg',
        'Godta alle',
        'Avvis alle',
        'Tilpasset',
        'Statistikk: ja / nei',
        'Markedsføring: ja / nei',
      ]);
      expect(rows.at(-1)).toBe('Til sammen4121' + '2 / 2' + '1 / 3');
      expect(shares).toEqual([
        'Statistikk: 2 sa ja og 2 nei (50 % ja)',
        'Markedsføring: 1 sa ja og 3 nei (25 % ja)',
      ]);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'offers the page to the privacy officer alone: other staff have no link, and the API refuses them',
    async () => {
      // Prepare
      const { page } = await signedIn('staff-sterk-hasle');

      // Act
      const links = await page.getByRole('navigation').getByRole('link').allTextContents();
      await page.goto(`${stack().apiUrl}/console/#/consent`);
      const refused = await page.getByRole('alert').textContent();

      // Assess
      expect(links).not.toContain('Samtykker');
      expect(refused).toMatch(/tilgang|Only the privacy officer/i);
    },
    TEST_TIMEOUT_MS,
  );
});
