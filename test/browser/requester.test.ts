import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { unzip } from '../adapters/export/unzip';
import { DEVICES, press, tooWide, useChromium, type Width, widthOf } from '../support/chromium';
import { eventually } from '../support/local-process';
import { type StoredEmail, useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

/**
 * The requester's whole way in a real browser (Debian's Chromium, headless) against the whole local
 * stack: the request form, the status page and its code, staff answering (over the staff API: the
 * console has its own browser test), and the export downloaded as a file. Once on a desktop in English,
 * typing the code; once on a phone in bokmål, tapping the link in the receipt. Every public page on the
 * way must fit the screen.
 */

const TEST_TIMEOUT_MS = 240_000;

/** What the person reads and presses, as the pages say it. Written out, so a changed word fails here. */
const WORDS = {
  en: {
    right: 'Right of access',
    name: 'Full name',
    email: 'Email address',
    send: 'Send request',
    statusTitle: 'Your request',
    awaiting: 'Waiting for you to confirm your email address',
    confirmedStatus: 'Confirmed – we are working on your request',
    answeredStatus: 'Done – we have sent you our answer',
    progress: 'How far your request has come',
    steps: ['Received', 'Confirmed', 'Being handled', 'Answered'],
    done: 'Done:',
    now: 'Now:',
    later: 'Later:',
    switchTo: 'Les dette på norsk',
    code: 'The code from the email',
    confirm: 'Confirm',
    verifiedTitle: 'Thank you, that is confirmed',
    statusLink: 'See the status of your request',
    askDownload: 'Send me a code to download',
    downloadTitle: 'Download your information',
    downloadLink: 'Download the file (ZIP)',
  },
  nb: {
    right: 'Rett til innsyn',
    name: 'Fullt navn',
    email: 'E-postadresse',
    send: 'Send forespørselen',
    statusTitle: 'Forespørselen din',
    awaiting: 'Venter på at du bekrefter e-postadressen din',
    confirmedStatus: 'Bekreftet – vi jobber med forespørselen',
    answeredStatus: 'Ferdig – vi har svart deg',
    progress: 'Hvor langt forespørselen har kommet',
    steps: ['Mottatt', 'Bekreftet', 'Under behandling', 'Besvart'],
    done: 'Ferdig:',
    now: 'Nå:',
    later: 'Senere:',
    switchTo: 'Read this in English',
    code: 'Koden fra e-posten',
    confirm: 'Bekreft',
    verifiedTitle: 'Takk, nå er det bekreftet',
    statusLink: 'Se status for forespørselen',
    askDownload: 'Send meg en kode for nedlasting',
    downloadTitle: 'Last ned opplysningene dine',
    downloadLink: 'Last ned filen (ZIP)',
  },
} as const;

type Lang = keyof typeof WORDS;

interface Person {
  readonly device: 'desktop' | 'phone';
  readonly lang: Lang;
  readonly name: string;
  /** How they confirm the address: the code typed on the status page, or the link in the receipt. */
  readonly confirmsBy: 'typing the code' | 'opening the emailed link';
}

const PEOPLE: readonly Person[] = [
  { device: 'desktop', lang: 'en', name: 'Kari Nordmann', confirmsBy: 'typing the code' },
  { device: 'phone', lang: 'nb', name: 'Ådne Fjellheimsætersen', confirmsBy: 'opening the emailed link' },
];

const stack = useLocalStack();
const newContext = useChromium();
let counter = 0;

/** A browser tab on this device that keeps what the browser complained about (a refused download says so there). */
async function openTab(person: Person): Promise<{ page: Page; complaints: string[] }> {
  const context = await newContext({
    ...DEVICES[person.device],
    locale: person.lang === 'nb' ? 'nb-NO' : 'en-GB',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') complaints.push(message.text());
  });
  page.on('pageerror', (error) => complaints.push(error.message));
  return { page, complaints };
}

/** Screenshots to look at after a run (the folder is git-ignored), as console.test.ts keeps them. */
async function screenshot(page: Page, person: Person, name: string): Promise<void> {
  await mkdir('artifacts/screenshots', { recursive: true });
  await page.screenshot({
    path: `artifacts/screenshots/requester-${person.device}-${name}.png`,
    fullPage: true,
  });
}

/** The progress steps as a screen reader reads them ("Done: Received", …), and which one is current. */
async function progressOf(page: Page, lang: Lang): Promise<{ steps: string[]; current: string | undefined }> {
  const items = page.getByRole('list', { name: WORDS[lang].progress }).getByRole('listitem');
  const steps = (await items.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
  const flags = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('aria-current')));
  return { steps, current: steps[flags.indexOf('step')] };
}

function expectedProgress(lang: Lang, reached: number, answered = false): string[] {
  const w = WORDS[lang];
  return w.steps.map((step, index) => {
    const state =
      index < reached || (answered && index === reached) ? w.done : index === reached ? w.now : w.later;
    return `${state} ${step}`;
  });
}

/**
 * The emails to the person, oldest first, once there are `count`: the receipt (code, verify link, status
 * link), then the answer, then each download code. Staff emails about the request go elsewhere.
 */
async function emailsTo(address: string, count: number): Promise<StoredEmail[]> {
  return eventually(async () => {
    const mine = (await stack().emails()).filter((email) => email.destination.to.includes(address));
    return mine.length >= count ? mine : undefined;
  }, 60_000);
}

/** The six digits on a line of their own, as the code emails put them. */
function codeIn(email: StoredEmail | undefined): string {
  const code = /^\s*(\d{6})\s*$/m.exec(email?.body.text ?? '')?.[1];
  if (code === undefined) throw new Error(`No code in the email "${email?.subject}"`);
  return code;
}

function linkIn(email: StoredEmail | undefined, pattern: RegExp): string {
  const link = (email?.body.text ?? '').match(/https?:\/\/[^\s<>")]+/g)?.find((url) => pattern.test(url));
  if (link === undefined) throw new Error(`No link matching ${pattern} in the email "${email?.subject}"`);
  return link;
}

/** Staff take the access request to its answer, as request-workflow.test.ts does over the staff API. */
async function staffAnswer(id: string): Promise<string> {
  const driver = new WorkflowDriver(stack());
  const officer = await driver.token('personvernombud');
  const [identity] = await driver.openTasks(officer, id, 'identity-check');
  await driver.decide(officer, identity?.taskId ?? '', { decision: 'approve', comment: 'Called the person' });
  for (const task of await driver.openTasks(officer, id, 'manual-collection', 3)) {
    await driver.decide(officer, task.taskId, {
      decision: 'approve',
      noDataFound: true,
      comment: 'Searched by name',
    });
  }
  const [review] = await driver.openTasks(officer, id, 'review');
  await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
  return driver.finished(officer, id);
}

describe('The requester in Chromium', () => {
  it.each(PEOPLE.map((person) => [person.device, person.lang, person.confirmsBy, person] as const))(
    'on a %s in %s: files an access request, confirms it by %s, follows it, and downloads the answer as a ZIP',
    async (_device, lang, _confirmsBy, person) => {
      // Prepare
      const w = WORDS[lang];
      const screenWidth = DEVICES[person.device].viewport.width;
      const address = `innsyn.${person.device}.${Date.now()}${counter++}@example.no`;
      const { page, complaints } = await openTab(person);
      const widths: Width[] = [];
      const folder = await mkdtemp(join(tmpdir(), 'personvern-download-'));

      try {
        // Act: the form
        await page.goto(`${stack().apiUrl}/forms/request?lang=${lang}`);
        widths.push(await widthOf(page, 'request form'));
        await press(person.device, page.getByLabel(w.right));
        await page.getByLabel(w.name, { exact: true }).fill(person.name);
        await page.getByLabel(w.email).fill(address);
        await press(person.device, page.getByRole('button', { name: w.send }));
        // The form's script takes the person straight on to their status page, where the code goes.
        await page.waitForURL(/\/requests\/[^/]+\/status\?/);
        const [receipt] = await emailsTo(address, 1);
        const statusUrl = linkIn(receipt, /\/status\?token=/);
        const id = decodeURIComponent(/\/requests\/([^/]+)\/status/.exec(statusUrl)?.[1] ?? '');
        expect(new URL(page.url()).pathname).toBe(`/requests/${encodeURIComponent(id)}/status`);

        // Assess: the status page waits for the code, in the person's language, with the field for it
        widths.push(await widthOf(page, 'status, awaiting the code'));
        await screenshot(page, person, 'status-awaiting');
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await page.locator('h1').textContent()).toBe(w.statusTitle);
        expect(await page.getByText(w.awaiting).count()).toBe(1);
        expect(await progressOf(page, lang)).toEqual({
          steps: expectedProgress(lang, 1),
          current: `${w.now} ${w.steps[1]}`,
        });
        expect(await page.getByLabel(w.code).isVisible()).toBe(true);

        // Act and assess: the language switch, there and back
        const other: Lang = lang === 'en' ? 'nb' : 'en';
        await press(person.device, page.getByRole('link', { name: w.switchTo }));
        await page.waitForURL((url) => url.searchParams.get('lang') === other);
        widths.push(await widthOf(page, `status in ${other}`));
        expect(await page.locator('html').getAttribute('lang')).toBe(other);
        expect(await page.locator('h1').textContent()).toBe(WORDS[other].statusTitle);
        expect((await progressOf(page, other)).steps).toEqual(expectedProgress(other, 1));
        expect(await page.getByLabel(WORDS[other].code).isVisible()).toBe(true);
        await press(person.device, page.getByRole('link', { name: WORDS[other].switchTo }));
        await page.waitForURL((url) => url.searchParams.get('lang') === lang);
        expect(await page.locator('h1').textContent()).toBe(w.statusTitle);

        // Act: the code from the receipt, typed or by the link
        if (person.confirmsBy === 'typing the code') {
          await page.getByLabel(w.code).fill(codeIn(receipt));
          await press(person.device, page.getByRole('button', { name: w.confirm, exact: true }));
        } else {
          // The link opens a page with the code filled in; opening it confirms nothing until pressed.
          await page.goto(linkIn(receipt, /\/verify\?code=/));
          expect(await page.getByLabel(w.code).inputValue()).toBe(codeIn(receipt));
          widths.push(await widthOf(page, 'confirm link'));
          await press(person.device, page.getByRole('button', { name: w.confirm, exact: true }));
        }
        await page.getByRole('heading', { name: w.verifiedTitle }).waitFor();
        widths.push(await widthOf(page, 'confirmed'));
        await press(person.device, page.getByRole('link', { name: w.statusLink }));
        await page.waitForURL(/\/status\?/);

        // Assess: confirmed, and the link led back to this request's status page
        expect(new URL(page.url()).pathname).toBe(new URL(statusUrl).pathname);
        widths.push(await widthOf(page, 'status, confirmed'));
        expect(await page.getByText(w.confirmedStatus).count()).toBe(1);
        expect(await progressOf(page, lang)).toEqual({
          steps: expectedProgress(lang, 2),
          current: `${w.now} ${w.steps[2]}`,
        });
        expect(await page.getByLabel(w.code).count()).toBe(0);

        // Act: staff answer; the person opens the status link in the answer
        const outcome = await staffAnswer(id);
        const [, answer] = await emailsTo(address, 2);
        await page.goto(linkIn(answer, /\/status\?token=/));
        widths.push(await widthOf(page, 'status, answered'));
        await screenshot(page, person, 'status-answered');

        // Assess: answered, every step done
        expect(outcome).toBe('completed');
        expect(await page.getByText(w.answeredStatus).count()).toBe(1);
        expect(await progressOf(page, lang)).toEqual({
          steps: expectedProgress(lang, 3, true),
          current: `${w.done} ${w.steps[3]}`,
        });

        // Act: ask for a download code, type it from the new email, and follow the link
        await press(person.device, page.getByRole('button', { name: w.askDownload }));
        await page.getByLabel(w.code).waitFor();
        widths.push(await widthOf(page, 'download, code sent'));
        const [, , codeEmail] = await emailsTo(address, 3);
        await page.getByLabel(w.code).fill(codeIn(codeEmail));
        await press(person.device, page.getByRole('button', { name: w.confirm, exact: true }));
        const link = page.getByRole('link', { name: w.downloadLink });
        await link.waitFor();
        widths.push(await widthOf(page, 'download, ready'));
        await screenshot(page, person, 'download-ready');
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 15_000 }).catch((error: Error) => {
            const said = complaints.filter((text) => /download/i.test(text));
            throw new Error(`No download started. The browser said: ${said.join(' | ') || 'nothing'}`, {
              cause: error,
            });
          }),
          press(person.device, link),
        ]);
        const saved = join(folder, download.suggestedFilename());
        await download.saveAs(saved);
        const zip = await readFile(saved);

        // Assess: a real ZIP, saved under a sensible name, with the data in it
        expect(await page.locator('h1').textContent()).toBe(w.downloadTitle);
        expect(await download.failure()).toBeNull();
        expect(download.suggestedFilename()).toBe(`sterk-${id}.zip`);
        expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
        const files = unzip(zip);
        expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['index.html', 'data.json']));
        const data = JSON.parse(
          files.find((file) => file.path === 'data.json')?.data.toString('utf8') ?? '{}',
        );
        expect(data.request).toMatchObject({ id, type: 'access', lang });
        expect(complaints.filter((text) => /download/i.test(text))).toEqual([]);

        // Assess: every page fitted the screen
        expect(widths.length).toBeGreaterThanOrEqual(8);
        expect(tooWide(widths, screenWidth)).toEqual([]);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'on a phone in nb: a parent files for a child, and the receipt and the status page name the child',
    async () => {
      // Prepare
      const person: Person = {
        device: 'phone',
        lang: 'nb',
        name: 'Kari Nordmann',
        confirmsBy: 'opening the emailed link',
      };
      const w = WORDS.nb;
      const address = `barn.${Date.now()}${counter++}@example.no`;
      const { page } = await openTab(person);

      // Act: the parent's own details, then the child's, and the guardian box
      await page.goto(`${stack().apiUrl}/forms/request?lang=nb`);
      await press(person.device, page.getByLabel(w.right));
      await page.getByLabel(w.name, { exact: true }).fill(person.name);
      await page.getByLabel(w.email).fill(address);
      await page.getByLabel(CHILD.nameLabel).fill(CHILD.name);
      await page.getByLabel(CHILD.birthDateLabel).fill(CHILD.birthDate);
      await press(person.device, page.getByLabel(CHILD.guardianLabel));
      await press(person.device, page.getByRole('button', { name: w.send }));
      await page.waitForURL(/\/requests\/[^/]+\/status\?/);
      const [receipt] = await emailsTo(address, 1);

      // Assess: the child is named where the parent reads about the request; the parent is greeted
      const about = page
        .locator('dt', { hasText: CHILD.aboutLabel })
        .locator('xpath=following-sibling::dd[1]');
      expect(await about.textContent()).toBe(CHILD.name);
      expect(receipt?.body.text).toContain(`${CHILD.aboutLabel}: ${CHILD.name}`);
      expect(receipt?.body.text).toMatch(/^Hei Kari Nordmann,/m);
      expect(tooWide([await widthOf(page, 'status about a child')], DEVICES.phone.viewport.width)).toEqual(
        [],
      );
    },
    TEST_TIMEOUT_MS,
  );
});

/** The child's part of the form, and how the receipt and status page name the child (nb). */
const CHILD = {
  nameLabel: 'Barnets fulle navn',
  birthDateLabel: 'Barnets fødselsdato',
  guardianLabel: 'Jeg har foreldreansvar for barnet',
  aboutLabel: 'Gjelder barnet',
  name: 'Ola Nordmann',
  birthDate: '2016-03-09',
} as const;
