/**
 * The staff console in a real browser (Debian's Chromium, headless) against the whole local stack. The
 * console is not hooked into the local API server yet, so this suite serves it the way that hook will:
 * `createConsoleRequestHandler` answers `/console/…`, and everything else is passed through to the
 * stack's API on the same origin, as `npm start` will do once the handler sits in front of it.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { repoRoot } from '../../lib/paths';
import { allowConsoleUploads, createConsoleRequestHandler } from '../../local/console/serve';
import { CHROMIUM, recordProblems } from '../support/chromium';
import { useLocalStack } from '../support/local-stack-fixture';
import { LOCAL_PASSWORD, WorkflowDriver } from '../support/workflow-driver';

const SECOND_POLICY = `${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`;
const TEST_TIMEOUT_MS = 120_000;

const stack = useLocalStack();
let browser: Browser | undefined;
let server: Server | undefined;
let consoleUrl = '';
let s3Endpoint = '';
const contexts: BrowserContext[] = [];
let counter = 0;
const address = (name: string) => `${name}.${Date.now()}${counter++}@example.no`;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}. The browser tests need Debian's chromium: run \`sudo apt-get install chromium\` ` +
        '(or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
  s3Endpoint = /^\s+S3\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(stack().output())?.[1] ?? '';
  const consoleRequestHandler = await createConsoleRequestHandler({ uploadOrigin: s3Endpoint });
  const api = new URL(stack().apiUrl);
  server = createServer((req, res) => {
    if (consoleRequestHandler(req, res)) return;
    // Same origin for the API, as on the local server once /console is hooked in.
    const upstream = httpRequest(
      { host: api.hostname, port: api.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  consoleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/console/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

function localS3(): S3Client {
  return new S3Client({
    endpoint: s3Endpoint,
    region: 'eu-north-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Screenshots people can look at (linked from the README); the folder is git-ignored, docs/ keeps copies. */
const SCREENSHOTS = 'artifacts/screenshots';

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A staff export of one system: a CSV with a header and one data row. */
const JOURNAL_CSV = 'dato,notat\n2025-03-01,Kontroll av kne\n';

/** Codes and ids the API uses that staff must never have to read on the request page. */
const RAW_CODES = [
  'task-decided',
  'request-viewed',
  'export-previewed',
  'manual-collection',
  'identity-check',
  'age-rule',
  'special-category',
  'guardian-consent',
  'own-record-rights',
  'child-view',
  'membership',
  'patient-record',
  'health-record',
  'brp-systems',
];

const exportsBucket = (): string => /buckets: [^)]*?(exportsbucket\w+)/.exec(stack().output())?.[1] ?? '';

/** A new browser tab that records what the CSP refused and any script error. */
async function openConsole(): Promise<{ page: Page; problems: string[] }> {
  if (browser === undefined) throw new Error('Chromium did not start (see beforeAll)');
  const context = await browser.newContext({ locale: 'nb-NO' });
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(consoleUrl);
  return { page, problems };
}

/** Signs in with the keyboard only: the username field has focus, Tab to the password, Enter to send. */
async function signInWithKeyboard(page: Page, username: string): Promise<void> {
  await page.getByLabel('Brukernavn eller e-post').waitFor();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(LOCAL_PASSWORD);
  await page.keyboard.press('Enter');
}

/**
 * A verified access request whose identity check is open, and the privacy officer's console on its page
 * with that task's form showing.
 */
async function identityCheckOpened(name: string, localPart: string) {
  const driver = new WorkflowDriver(stack());
  const officer = await driver.token('personvernombud');
  const { id } = await driver.submitVerified({ type: 'access', name, email: address(localPart), lang: 'nb' });
  const [identity] = await driver.openTasks(officer, id, 'identity-check');
  const { page, problems } = await openConsole();
  await signInWithKeyboard(page, 'personvernombud');
  await page.locator(`tr[data-request-id="${id}"]`).getByRole('link').click();
  const task = page.locator(`section[data-task-id="${identity?.taskId}"]`);
  await task.waitFor();
  return { driver, officer, id, identity, page, problems, task };
}

describe('Staff console in Chromium', () => {
  it(
    'signs in with the keyboard only, under a strict CSP, and keeps no token in web storage',
    async () => {
      // Prepare
      const response = await fetch(consoleUrl);
      const { page, problems } = await openConsole();

      // Act: the script draws the form once it knows which sign-in to offer, and focuses the field as it
      // draws it (views/sign-in.ts); how long that takes on a busy machine is not what this test checks
      await page.getByLabel('Brukernavn eller e-post').waitFor();
      const focused = await page.evaluate<string | undefined>('document.activeElement?.id');
      await signInWithKeyboard(page, 'personvernombud');
      await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();
      const stored = await page.evaluate<unknown[]>(
        '[localStorage.length, sessionStorage.length, document.cookie]',
      );

      // Assess
      expect(response.headers.get('content-security-policy')).toBe(
        `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ${s3Endpoint}; ` +
          "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(focused).toBe('username');
      expect(await page.getByText('Logget inn som personvernombud').isVisible()).toBe(true);
      expect(stored).toEqual([0, 0, '']);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows a verified request in the inbox, opens it, approves the identity check, and shows the next tasks',
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const officer = await driver.token('personvernombud');
      const { id } = await driver.submitVerified({
        type: 'access',
        name: 'Kari Konsoll',
        email: address('kari.konsoll'),
        lang: 'nb',
      });
      const [identity] = await driver.openTasks(officer, id, 'identity-check');
      const { page, problems } = await openConsole();
      await signInWithKeyboard(page, 'personvernombud');
      const row = page.locator(`tr[data-request-id="${id}"]`);
      await row.waitFor();
      const rowText = await row.textContent();
      const rowColour = await row.getAttribute('data-deadline');

      // Act
      await row.getByRole('link').click();
      const task = page.locator(`section[data-task-id="${identity?.taskId}"]`);
      await task.waitFor();
      await task.getByLabel('Identiteten er bekreftet').check();
      await task.getByLabel('Kommentar (valgfri)').fill('Ringte pasienten og sjekket fødselsdato');
      await task.getByRole('button', { name: 'Send avgjørelsen' }).click();
      await page
        .getByRole('heading', { level: 3, name: /^Manuell innhenting/ })
        .first()
        .waitFor({
          timeout: 45_000,
        });

      // Assess
      expect(rowText).toContain('Innsyn');
      expect(rowText).toContain('STERK Helse & Trening AS');
      expect(rowText).toContain('ID-kontroll');
      expect(rowText).toMatch(/\d+ dager igjen/);
      expect(rowText).not.toContain('Kari Konsoll');
      expect(rowColour).toBe('green');
      const headings = await page.getByRole('heading', { level: 3 }).allInnerTexts();
      expect(headings.filter((h) => h.startsWith('Manuell innhenting')).sort()).toEqual([
        'Manuell innhenting – BRP Systems',
        'Manuell innhenting – Melin Convene medical',
        'Manuell innhenting – PasientSky',
      ]);
      expect(await page.locator(`section[data-task-id="${identity?.taskId}"]`).count()).toBe(0);
      const file = await driver.requestFile(officer, id);
      const decided = (file.tasks as { taskId: string; decidedBy?: string; decision?: unknown }[]).find(
        (t) => t.taskId === identity?.taskId,
      );
      expect(decided?.decidedBy).toBe('personvernombud');
      expect(decided?.decision).toEqual({
        decision: 'approve',
        comment: 'Ringte pasienten og sjekket fødselsdato',
      });
      const actions = (file.timeline as { action: string }[]).map((e) => e.action);
      expect(actions).toContain('task-decided');
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'takes a request to the end in the browser: an upload, "no data found" twice, the review, completed',
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const officer = await driver.token('personvernombud');
      const { id } = await driver.submitVerified({
        type: 'access',
        name: 'Ola Opplasting',
        email: address('ola.opplasting'),
        lang: 'nb',
      });
      const [identity] = await driver.openTasks(officer, id, 'identity-check');
      await driver.decide(officer, identity?.taskId ?? '', { decision: 'approve' });
      const manual = await driver.openTasks(officer, id, 'manual-collection', 3);
      const s3 = localS3();
      // The browser PUTs across origins to S3: the bucket must allow the console's origin (see docs/console.md).
      await allowConsoleUploads({
        s3Endpoint,
        buckets: [exportsBucket()],
        consoleOrigin: consoleUrl,
      });
      const { page, problems } = await openConsole();
      await signInWithKeyboard(page, 'personvernombud');
      await page.locator(`tr[data-request-id="${id}"]`).waitFor();
      await screenshot(page, 'console-inbox');
      await page.locator(`tr[data-request-id="${id}"]`).getByRole('link').click();
      const section = (systemId: string) =>
        page.locator(`section[data-task-id="${manual.find((t) => t.systemId === systemId)?.taskId}"]`);
      await section('pasientsky').waitFor();

      // Act
      const pasientsky = section('pasientsky');
      await pasientsky.getByLabel('Last opp eksport').check();
      await pasientsky.getByLabel('Eksportfil').setInputFiles({
        name: 'pasientsky-journal.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(JOURNAL_CSV, 'utf8'),
      });
      await pasientsky.getByRole('button', { name: 'Send avgjørelsen' }).click();
      await pasientsky.waitFor({ state: 'detached', timeout: 45_000 });
      for (const systemId of ['brp-systems', 'melin-convene-medical']) {
        const task = section(systemId);
        await task.getByLabel('Ingen data funnet').check();
        await task.getByLabel('Hvor du har lett').fill('Søkte på navn og e-post');
        await task.getByRole('button', { name: 'Send avgjørelsen' }).click();
        await task.waitFor({ state: 'detached', timeout: 45_000 });
      }
      const review = page.locator('section[data-task-id$=".review"]');
      await review.waitFor({ timeout: 45_000 });
      const preview = page.locator('section#export-preview');
      await preview.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
      await preview.getByRole('heading', { name: 'Filer i eksporten' }).waitFor();
      const previewedFiles = await preview
        .locator('#preview-body table')
        .first()
        .locator('tbody code')
        .allTextContents();
      await screenshot(page, 'console-request');
      const findingsTable = page.getByRole('table', { name: 'Funn', exact: true });
      const findingsShown = await findingsTable.textContent();
      const countCell = (system: string) =>
        findingsTable.locator('tbody tr', { hasText: system }).locator('td').nth(3).textContent();
      const counts = [
        await countCell('PasientSky'),
        await countCell('BRP Systems'),
        await countCell('Melin Convene medical'),
      ];
      const pageText = await page.locator('main').textContent();
      await review.getByLabel('Godkjenn svaret').check();
      await review.getByRole('button', { name: 'Send avgjørelsen' }).click();
      await page.getByText('Fullført', { exact: true }).first().waitFor({ timeout: 60_000 });
      const history = await page.locator('#history tbody tr td:nth-child(2)').allTextContents();
      const finalText = (await page.locator('main').textContent()) ?? '';

      // Assess
      const file = await driver.requestFile(officer, id);
      expect(file.status).toBe('completed');
      const findings = file.findings as {
        systemId: string;
        source: string;
        objectKey?: string;
        note?: string;
      }[];
      const uploaded = findings.find((f) => f.systemId === 'pasientsky');
      expect(uploaded?.source).toBe('staff-upload');
      expect(uploaded?.objectKey).toMatch(
        new RegExp(`^uploads/${id}/pasientsky/.+-pasientsky-journal\\.csv$`),
      );
      const stored = await s3.send(
        new GetObjectCommand({ Bucket: exportsBucket(), Key: uploaded?.objectKey }),
      );
      expect(await stored.Body?.transformToString()).toBe(JOURNAL_CSV);
      expect(
        findings
          .filter((f) => f.source === 'no-data')
          .map((f) => [f.systemId, f.note])
          .sort(),
      ).toEqual([
        ['brp-systems', 'Søkte på navn og e-post'],
        ['melin-convene-medical', 'Søkte på navn og e-post'],
      ]);
      expect(await page.getByText('Ingen åpne oppgaver akkurat nå.').isVisible()).toBe(true);
      // An access request erases nothing: no "Slettes", and an upload (a CSV with one row) is a file, not
      // "0" records; "no data found" says so.
      expect(findingsShown).toContain('Opplastet fil');
      expect(counts).toEqual(['Opplastet fil', 'Ingen data funnet', 'Ingen data funnet']);
      // "Slettes" as a word: "Slettestans" (a legal hold) is on the page and is no deletion.
      expect(pageText).not.toMatch(/\bSlettes\b/);
      expect(finalText).not.toMatch(/\bSlettes\b/);
      expect(previewedFiles).toEqual(
        expect.arrayContaining(['index.html', 'data.json', 'uploads/pasientsky/pasientsky-journal.csv']),
      );
      // The timeline in words: answered, "no data found" as such, the upload, confirmed, received.
      const answered = history.indexOf('Svaret ble sendt til Ola Opplasting, og forespørselen er fullført');
      expect(answered).toBeGreaterThanOrEqual(0);
      expect(answered).toBeLessThan(history.indexOf('personvernombud godkjente svaret'));
      expect(history).toEqual(
        expect.arrayContaining([
          'personvernombud godkjente svaret',
          'personvernombud: ingen opplysninger funnet i BRP Systems',
          'personvernombud: ingen opplysninger funnet i Melin Convene medical',
          'personvernombud lastet opp eksporten fra PasientSky',
          'personvernombud forhåndsviste eksporten',
          'Ola Opplasting bekreftet forespørselen med koden fra e-posten',
          'Forespørsel om innsyn kom inn fra Ola Opplasting',
        ]),
      );
      expect(history.filter((line) => line.includes('åpnet forespørselen'))).toHaveLength(1);
      expect(history.find((line) => line.includes('åpnet forespørselen'))).toMatch(
        /^personvernombud åpnet forespørselen \d+ ganger, første gang /,
      );
      for (const code of RAW_CODES) expect(finalText).not.toContain(code);
      const timeline = file.timeline as { action: string; actor: { id: string } }[];
      expect(timeline.filter((e) => e.action === 'export-previewed').map((e) => e.actor.id)).toEqual([
        'personvernombud',
      ]);
      for (const name of ['console-inbox', 'console-request'])
        expect(statSync(`${SCREENSHOTS}/${name}.png`).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
      s3.destroy();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'says who already decided a task someone else decided meanwhile, instead of an error dump',
    async () => {
      // Prepare
      const { driver, identity, task } = await identityCheckOpened('Per Samtidig', 'per.samtidig');
      const colleague = await driver.token('staff-sterk-helse-og-trening');
      await driver.decide(colleague, identity?.taskId ?? '', { decision: 'approve' });

      // Act
      await task.getByLabel('Avvis forespørselen (med begrunnelse)').check();
      await task
        .getByLabel('Begrunnelse (sendes til den registrerte)')
        .fill('Fikk ikke bekreftet identiteten');
      await task.getByRole('button', { name: 'Send avgjørelsen' }).click();
      const status = task.getByRole('status');
      await status.getByText('Oppgaven er allerede avgjort').waitFor();

      // Assess
      expect(await status.textContent()).toMatch(
        /^Oppgaven er allerede avgjort: staff-sterk-helse-og-trening avgjorde den \d{1,2}\. \S+ \d{4}, \d{2}:\d{2}\.$/,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'finds a request by the requester’s email address typed in the search box',
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const email = address('sok.epost');
      const { id } = await driver.submitVerified({ type: 'access', name: 'Siri Søk', email, lang: 'nb' });
      const { page, problems } = await openConsole();
      await signInWithKeyboard(page, 'personvernombud');

      // Act
      await page.getByLabel('Søk etter ID eller e-postadresse').fill(email);
      await page.getByRole('button', { name: 'Søk', exact: true }).click();
      await page.locator(`tr[data-request-id="${id}"]`).waitFor();

      // Assess
      expect(await page.locator('tr[data-request-id]').count()).toBe(1);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses a reason-less rejection in the form, before anything is sent',
    async () => {
      // Prepare
      const { driver, officer, id, identity, page, task } = await identityCheckOpened(
        'Siri Skjema',
        'siri.skjema',
      );
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
      });

      // Act
      await task.getByLabel('Avvis forespørselen (med begrunnelse)').check();
      await task.getByRole('button', { name: 'Send avgjørelsen' }).click();

      // Assess
      expect(await task.getByRole('status').textContent()).toBe(
        'Skriv en begrunnelse: den registrerte får vite hvorfor.',
      );
      expect(await page.evaluate<string | undefined>('document.activeElement?.tagName')).toBe('TEXTAREA');
      expect(posts).toEqual([]);
      expect((await driver.openTasks(officer, id, 'identity-check'))[0]?.taskId).toBe(identity?.taskId);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "checks the timeline's hash chain from the page, and shows where it breaks once an event is edited",
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const { id } = await driver.submitVerified({
        type: 'access',
        name: 'Tor Tidslinje',
        email: address('tor.tidslinje'),
        lang: 'nb',
      });
      const { page } = await openConsole();
      await signInWithKeyboard(page, 'personvernombud');
      await page.goto(`${consoleUrl}#/requests/${id}`);
      const check = page.getByRole('button', { name: 'Kontroller tidslinjen' });
      await check.waitFor();

      // Act
      await check.click();
      await page.locator('#audit-status').getByText('Tidslinjen er hel').waitFor();
      const intact = await page.locator('#audit-status').textContent();
      const [first] = await stack().scanItems(
        (item) => item.pk === `REQUEST#${id}` && item.sk === 'AUDIT#00000001',
      );
      await stack().db.send(
        new PutCommand({
          TableName: stack().tableName,
          Item: { ...first, actor: { kind: 'staff', id: 'someone-else' } },
        }),
      );
      await check.click();
      await page.locator('#audit-status').getByText('Tidslinjen er brutt').waitFor();

      // Assess
      expect(intact).toMatch(/^Tidslinjen er hel: \d+ hendelser, ingen endret eller fjernet\.$/);
      expect(await page.locator('#audit-status').textContent()).toMatch(
        /^Tidslinjen er brutt ved hendelse 1: /,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows a company's staff another company's request as not found (404, like an unknown id)",
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const { id } = await driver.submitVerified({
        type: 'access',
        name: 'Hanne Annet',
        email: address('hanne.annet'),
        lang: 'nb',
      });
      const { page } = await openConsole();
      await signInWithKeyboard(page, 'staff-sterk-hasle');
      await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();
      const listed = await page.locator(`tr[data-request-id="${id}"]`).count();

      // Act
      await page.goto(`${consoleUrl}#/requests/${id}`);
      const alert = page.getByRole('alert');
      await alert.getByText('Fant ikke forespørselen.').waitFor();

      // Assess
      expect(listed).toBe(0);
      expect(await page.getByText('Hanne Annet').count()).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'marks a contact message handled in the inbox of messages, and extends a request’s deadline through its form',
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const staff = await driver.token('staff-sterk-hasle');
      const messageId = await driver.sendContact({
        name: 'Mona Melding',
        email: address('mona.melding'),
        message: 'Hvor lenge lagrer dere bildene fra treningsstudioet?',
        controller: 'sterk-hasle',
        lang: 'nb',
      });
      const { id } = await driver.submitVerified({
        type: 'access',
        name: 'Frida Frist',
        email: address('frida.frist'),
        lang: 'nb',
        controller: 'sterk-hasle',
      });
      const before = (await driver.requestFile(staff, id)) as { dueDate: string };
      const { page, problems } = await openConsole();
      await signInWithKeyboard(page, 'staff-sterk-hasle');
      await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();

      // Act
      await page.getByRole('navigation').getByRole('link', { name: 'Meldinger' }).click();
      const row = page.locator(`tr[data-message-id="${messageId}"]`);
      await row.waitFor();
      const rowText = await row.textContent();
      await row.getByRole('link').click();
      await page.getByText('Mona Melding').waitFor();
      await page.getByRole('button', { name: 'Marker som behandlet' }).click();
      const refusedNote = await page.locator('#message-status').textContent();
      await page.getByLabel('Notat: hva ble gjort (påkrevd)').fill('Svarte på e-post om lagringstid.');
      await page.getByRole('button', { name: 'Marker som behandlet' }).click();
      await page.getByText('Meldingen er markert som behandlet.').waitFor();
      const handledShown = await page.locator('#handling').textContent();

      await page.goto(`${consoleUrl}#/requests/${id}`);
      const extension = page.locator('section#extension');
      await extension.waitFor();
      await extension
        .getByLabel('Begrunnelse for forlengelsen (sendes til den registrerte)')
        .fill('Journalen ligger i et arkiv som må hentes manuelt.');
      await extension.getByLabel('Hvor lenge').selectOption({ label: 'Én måned til' });
      await extension.getByRole('button', { name: 'Forleng fristen' }).click();
      const notSentYet = (await driver.requestFile(staff, id)).extension;
      await extension.getByRole('button', { name: 'Ja, forleng fristen' }).click();
      await page.locator('#extension-status').getByText('Fristen er forlenget til').waitFor();
      const extendedText = await page.locator('#extension-status').textContent();
      const afterwards = await page.locator('section#extension').textContent();
      const formsLeft = await page.locator('section#extension form').count();

      // Assess
      expect(rowText).toContain('STERK Helse og Trening Hasle AS');
      expect(rowText).toContain('Ny');
      expect(rowText).not.toContain('Mona');
      expect(refusedNote).toBe('Skriv et notat om hva som ble gjort.');
      expect(handledShown).toContain('staff-sterk-hasle');
      expect(handledShown).toContain('Svarte på e-post om lagringstid.');
      const message = (await (
        await driver.staff(staff, 'GET', `/staff/messages/${messageId}`)
      ).json()) as Record<string, unknown>;
      expect(message).toMatchObject({
        status: 'handled',
        handledBy: 'staff-sterk-hasle',
        handledNote: 'Svarte på e-post om lagringstid.',
      });
      const after = (await driver.requestFile(staff, id)) as {
        dueDate: string;
        extension?: { originalDueDate: string; extendedBy: string };
        timeline: { action: string; details?: { months?: number } }[];
      };
      expect(notSentYet).toBeUndefined();
      expect(after.dueDate > before.dueDate).toBe(true);
      expect(after.extension).toMatchObject({
        originalDueDate: before.dueDate,
        extendedBy: 'staff-sterk-hasle',
      });
      expect(after.timeline.find((e) => e.action === 'deadline-extended')?.details?.months).toBe(1);
      expect(extendedText).toMatch(/^Fristen er forlenget til \d/);
      expect(formsLeft).toBe(0);
      expect(afterwards).toContain('Fristen ble forlenget');
      expect(afterwards).toContain('av staff-sterk-hasle');
      expect(afterwards).toContain('«Journalen ligger i et arkiv som må hentes manuelt.»');
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lets the privacy officer place legal holds from a request page, lift them in the register, and says when one was already lifted',
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const officer = await driver.token('personvernombud');
      const { id } = await driver.submitVerified({
        type: 'erasure',
        name: 'Helge Hold',
        email: address('helge.hold'),
        lang: 'nb',
      });
      const policy = (await (await fetch(`${stack().apiUrl}/policy.json`)).json()) as {
        categories: { id: string; label: { nb: string } }[];
      };
      const [first, second] = policy.categories;
      const { page, problems } = await openConsole();
      await signInWithKeyboard(page, 'personvernombud');
      await page.goto(`${consoleUrl}#/requests/${id}`);
      const holds = page.locator('section#holds');
      await holds.getByText('Ingen slettestanser om denne personen.').waitFor();
      const place = async (reason: string, labels: string[]) => {
        for (const label of labels) await holds.getByLabel(label, { exact: true }).check();
        await holds.getByLabel('Begrunnelse for slettestansen').fill(reason);
        await holds.getByLabel('Siste dag for slettestansen').fill('2099-12-31');
        await holds.getByRole('button', { name: 'Sett slettestans' }).click();
        const row = holds.locator('tr', { hasText: reason });
        await row.waitFor();
        return (await row.getAttribute('data-hold-id')) ?? '';
      };

      // Act
      const disputed = await place('Tvist om medlemskap', [first?.label.nb ?? '', second?.label.nb ?? '']);
      const lifted = await place('Klagesak hos Datatilsynet', [first?.label.nb ?? '']);
      // Someone lifts the second hold elsewhere while this page still shows it in force.
      const elsewhere = await driver.staff(officer, 'DELETE', `/staff/holds/${lifted}`);
      await holds.locator(`tr[data-hold-id="${lifted}"]`).getByRole('button').click();
      await page.locator('#holds-status').getByText('Slettestansen ble ikke endret').waitFor();
      const conflict = await page.locator('#holds-status').textContent();
      await page.getByRole('navigation').getByRole('link', { name: 'Slettestanser' }).click();
      await page.getByRole('heading', { level: 1, name: 'Slettestanser' }).waitFor();
      const row = page.locator(`tr[data-hold-id="${disputed}"]`);
      await row.getByRole('button', { name: /^Opphev slettestansen/ }).click();
      await page.locator(`tr[data-hold-id="${disputed}"][data-hold-state="lifted"]`).waitFor();

      // Assess
      expect(elsewhere.status).toBe(200);
      expect(conflict).toBe(
        'Slettestansen ble ikke endret: Slettestansen finnes ikke, eller den er allerede opphevet.',
      );
      expect(await row.textContent()).toContain('Opphevet');
      const items = await stack().scanItems(
        (item) => item.pk === 'LEGAL-HOLDS' && item.sk === `HOLD#${disputed}`,
      );
      expect(items).toHaveLength(1);
      expect(items[0]?.categories).toEqual([first?.id, second?.id]);
      expect(items[0]?.expiresOn).toBe('2099-12-31');
      expect(items[0]?.liftedBy).toBe('personvernombud');
      expect(JSON.stringify(items[0])).not.toContain('helge.hold');
      const trail = await stack().scanItems(
        (item) => item.pk === 'REQUEST#legal-holds' && item.action === 'holds-viewed',
      );
      expect(trail.length).toBeGreaterThanOrEqual(1);
      expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows the holds register to the privacy officer only',
    async () => {
      // Prepare
      const { page } = await openConsole();
      await signInWithKeyboard(page, 'staff-sterk-hasle');
      await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();

      // Act
      const navLinks = await page.getByRole('navigation').getByRole('link').allTextContents();
      await page.goto(`${consoleUrl}#/holds`);
      const refused = page.getByRole('alert');
      await refused.waitFor();

      // Assess
      expect(navLinks).toEqual(['Forespørsler', 'Meldinger']);
      expect(await refused.textContent()).toContain('Du har ikke tilgang til dette.');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows a company’s staff the policy versions in words, but not the forms only the privacy officer may use',
    async () => {
      // Prepare
      const { page, problems } = await openConsole();
      await signInWithKeyboard(page, 'staff-sterk-hasle');
      await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();

      // Act
      await page.goto(`${consoleUrl}#/policy`);
      await page.getByRole('heading', { level: 1, name: 'Personvernerklæringen' }).waitFor();
      const seedRow = await page.locator('tbody tr', { hasText: '1.1.0' }).first().textContent();
      await page.getByRole('button', { name: 'Vis endringer 1.1.0' }).click();
      await page.getByRole('heading', { name: 'Versjon 1.1.0' }).waitFor();
      const changes = await page.locator('#policy-changes').textContent();

      // Assess
      expect(seedRow).toContain('utrullingen (versjonen som fulgte med koden)');
      expect(changes).toContain('Dette er den første versjonen.');
      expect(changes).not.toContain('1.1.0 til 1.1.0');
      expect(await page.locator('section#policy-publish, form#publish, section#policy-report').count()).toBe(
        0,
      );
      expect(await page.getByRole('button', { name: 'Publiser' }).count()).toBe(0);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lets the privacy officer publish a new policy version, scheduled for its date, and read what changed',
    async () => {
      // Prepare
      const { page, problems } = await openConsole();
      await signInWithKeyboard(page, 'personvernombud');
      // At once, before the inbox has loaded: the late inbox must not be drawn over the policy page.
      await page.getByRole('navigation').getByRole('link', { name: 'Personvernerklæringen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Personvernerklæringen' }).waitFor();
      const publish = page.locator('section#policy-publish');
      const status = page.locator('#publish-status');
      const report = page.locator('section#policy-report');

      // Act
      const reportHeading = await report.getByRole('heading', { level: 2 }).textContent();
      const reportSummary = await report.locator('p').first().textContent();
      const toConfirm = await report.locator('li[data-severity="warning"]').allTextContents();
      const errors = await report.locator('li[data-severity="error"]').count();
      await publish.getByLabel('Dokumentet (JSON)').setInputFiles(SECOND_POLICY);
      await publish.getByRole('button', { name: 'Publiser' }).click();
      const withoutSummary = await status.textContent();
      await publish
        .getByLabel('Sammendrag av endringene (vises for alle)')
        .fill('Nye regler for oppbevaring.');
      await publish.getByLabel('Vesentlig endring').check();
      await publish.getByRole('button', { name: 'Publiser' }).click();
      await status.getByText('Versjon 2.0.0 er publisert').waitFor();
      const published = await status.textContent();
      const states = await page
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) => [row.children[0]?.textContent, row.children[2]?.textContent]),
        );
      await page.getByRole('button', { name: 'Vis endringer 2.0.0' }).click();
      await page.getByRole('heading', { name: 'Endringer fra 1.1.0 til 2.0.0' }).waitFor();
      const changes = await page.locator('#policy-changes li').count();
      const notices = page.locator('section#notices');
      await notices.getByLabel('Mottakerliste (valgfri, CSV)').setInputFiles({
        name: 'medlemmer.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`email,lang\n${address('kari.varsel')},nb\n${address('ola.notice')},en\n`),
      });
      await notices.getByRole('button', { name: 'Send varsel' }).click();
      await page.locator('#notices-status').getByText('2 mottakere').waitFor();
      const started = await page.locator('#notices-status').textContent();
      const sent = notices.locator('#notice-progress dd').nth(2);
      for (let i = 0; i < 40 && (await sent.textContent()) !== '2'; i++) {
        await notices.getByRole('button', { name: 'Oppdater status' }).click();
        await page.waitForTimeout(500);
      }
      await publish.getByLabel('Dokumentet (JSON)').setInputFiles(SECOND_POLICY);
      await publish.getByLabel('Sammendrag av endringene (vises for alle)').fill('Samme igjen.');
      await publish.getByRole('button', { name: 'Publiser' }).click();
      await status.getByText('Versjonen ble ikke publisert').waitFor();

      // Assess
      // The linter's report on the deployed policy: no errors, the assumptions STERK has still to confirm.
      expect(reportHeading).toBe('Kontroll av den utrullede erklæringen (versjon 1.1.0)');
      expect(reportSummary).toMatch(/^0 feil og \d+ punkter å se på\./);
      expect(errors).toBe(0);
      expect(toConfirm.length).toBeGreaterThan(10);
      expect(
        toConfirm.some((item) => item.includes('foreldelsesloven') && item.startsWith('Bekreft: ')),
      ).toBe(true);
      expect(withoutSummary).toBe('Skriv et sammendrag av endringene.');
      expect(published).toMatch(/^Versjon 2\.0\.0 er publisert og gjelder fra .*2027\.$/);
      expect(states).toEqual([
        ['2.0.0', 'Planlagt'],
        ['1.1.0', 'Gjeldende'],
      ]);
      expect(changes).toBeGreaterThan(0);
      expect(started).toBe('2 mottakere: 2 lagt i kø, 0 har reservert seg.');
      expect(await sent.textContent()).toBe('2');
      const noticeEmails = (await stack().emails()).filter((email) =>
        email.destination.to.some((to) => /^(kari\.varsel|ola\.notice)\./.test(to)),
      );
      expect(noticeEmails).toHaveLength(2);
      expect(await status.textContent()).toBe(
        'Versjonen ble ikke publisert: Versjon 2.0.0 er allerede publisert (av personvernombud).',
      );
      expect(problems.filter((p) => !/40\d/.test(p))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'asks to sign in again with a clear message when the API answers 401 (an expired token)',
    async () => {
      // Prepare
      const { page } = await openConsole();
      await signInWithKeyboard(page, 'personvernombud');
      await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();
      // As API Gateway answers once the hour is up.
      await page.route('**/staff/requests**', (route) =>
        route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: '{"message":"Unauthorized"}',
        }),
      );

      // Act
      await page.getByLabel('Type', { exact: true }).selectOption('erasure');
      await page.getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();

      // Assess
      expect(await page.getByRole('alert').textContent()).toBe(
        'Innloggingen din har gått ut. Logg inn igjen for å fortsette.',
      );
      expect(await page.getByText('Logget inn som').count()).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
  it(
    'shows a parent’s identity check for a 16-year-old: the child named, the rules, what to check, the people beside the form, the timeline in words; approving without the young person’s consent withholds the journal',
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const officer = await driver.token('personvernombud');
      const born = new Date();
      born.setUTCFullYear(born.getUTCFullYear() - 16, born.getUTCMonth() - 2);
      const { id } = await driver.submitVerified({
        type: 'access',
        name: 'Kari Nordmann',
        email: address('kari.forelder'),
        lang: 'nb',
        onBehalfOf: {
          name: 'Ola Nordmann',
          birthDate: born.toISOString().slice(0, 10),
          relationship: 'guardian',
        },
      });
      const [identity] = await driver.openTasks(officer, id, 'identity-check');
      const { page, problems } = await openConsole();
      await page.setViewportSize({ width: 1280, height: 900 });
      await signInWithKeyboard(page, 'personvernombud');
      const row = page.locator(`tr[data-request-id="${id}"]`);
      await row.waitFor();
      const rowText = await row.textContent();

      // Act
      await row.getByRole('link').click();
      const task = page.locator(`section[data-task-id="${identity?.taskId}"]`);
      await task.waitFor();
      // A second look, to see views grouped in the timeline.
      await page.getByRole('link', { name: '← Tilbake til forespørslene' }).click();
      await page.locator(`tr[data-request-id="${id}"]`).getByRole('link').click();
      await task.waitFor();
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      const guide = (await task.locator('.identity-guide').textContent()) ?? '';
      const checks = await task.locator('.guide-checks li').allTextContents();
      const people = (await task.locator('.identity-people').textContent()) ?? '';
      const peopleBox = await task.locator('.identity-people').boundingBox();
      const formBox = await task.locator('form').boundingBox();
      const sections = await page.getByRole('heading', { level: 2 }).allTextContents();
      const history = await page.locator('#history tbody tr td:nth-child(2)').allTextContents();
      const pageText = (await page.locator('main').textContent()) ?? '';
      await screenshot(page, 'console-identity-check');
      const consent = task.locator('fieldset.task-question');
      const consentLegend = await consent.locator('legend').textContent();
      const noConsentChecked = await consent.getByLabel(/^Ikke samtykket/).isChecked();
      // Read before deciding: the decided task leaves the page.
      const assumption = await task.locator('.assumption').first().textContent();
      await task.getByLabel('Identiteten er bekreftet').check();
      await task.getByRole('button', { name: 'Send avgjørelsen' }).click();
      // The journal system is withheld: collection opens tasks for the other two manual systems only.
      const collecting = await driver.openTasks(officer, id, 'manual-collection', 2);
      const file = await driver.requestFile(officer, id);

      // Assess
      expect(rowText).toContain('Ola Nordmann (barn), meldt av en med foreldreansvar');
      expect(rowText).not.toContain('Kari');
      expect(heading).toBe(
        `Innsyn · Ola Nordmann (barn), meldt av Kari Nordmann · Forespørsel ${id.slice(0, 8)}`,
      );
      expect(guide).toContain('Fra 16 år har Ola Nordmann selv rettighetene til journalopplysninger');
      expect(guide).toContain('Uten registrert samtykke holdes PasientSky tilbake fra svaret');
      expect(guide).toContain('pasient- og brukerrettighetsloven §§ 3-4, 4-3 og 5-1');
      expect(consentLegend).toBe('Samtykke fra Ola Nordmann');
      expect(noConsentChecked).toBe(true);
      expect(file.findings).toContainEqual(
        expect.objectContaining({ systemId: 'pasientsky', source: 'withheld' }),
      );
      expect(collecting.map((t) => t.systemId).sort()).toEqual(['brp-systems', 'melin-convene-medical']);
      expect(guide).toContain('Kontroller at Kari Nordmann har foreldreansvar for Ola Nordmann');
      expect(assumption).toMatch(/^Antakelse å bekrefte: /);
      expect(checks.some((c) => c.includes('foreldreansvar for Ola Nordmann'))).toBe(true);
      expect(people).toContain('Kari Nordmann');
      expect(people).toContain('kari.forelder.');
      expect(people).toContain('16 år');
      // Side by side: the people to the left of the form, level with it.
      expect(peopleBox && formBox && peopleBox.x + peopleBox.width <= formBox.x).toBe(true);
      expect(peopleBox && formBox && Math.abs(peopleBox.y - formBox.y) < 80).toBe(true);
      const at = (name: string) => sections.indexOf(name);
      expect(at('Åpne oppgaver')).toBe(0);
      expect(at('Åpne oppgaver') < at('Om forespørselen')).toBe(true);
      expect(at('Om forespørselen') < at('Funn')).toBe(true);
      expect(at('Funn') < at('Tidslinje')).toBe(true);
      expect(history).toEqual(
        expect.arrayContaining([
          'Forespørsel om innsyn kom inn fra Kari Nordmann på vegne av Ola Nordmann (barn)',
          'Kari Nordmann bekreftet forespørselen med koden fra e-posten',
          'En ansatt må kontrollere identiteten før forespørselen går videre',
        ]),
      );
      expect(history[0]).toMatch(/^personvernombud åpnet forespørselen 2 ganger, første gang \d/);
      for (const code of RAW_CODES) expect(pageText).not.toContain(code);
      expect(statSync(`${SCREENSHOTS}/console-identity-check.png`).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'records what the practitioner decided about erasing journal entries: refused without a choice, then kept, and the requester is told why',
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const officer = await driver.token('personvernombud');
      const { id } = await driver.submitVerified({
        type: 'erasure',
        name: 'Siri Sletting',
        email: address('siri.sletting'),
        lang: 'nb',
      });
      const [identity] = await driver.openTasks(officer, id, 'identity-check');
      await driver.decide(officer, identity?.taskId ?? '', { decision: 'approve' });
      for (const task of await driver.openTasks(officer, id, 'manual-collection', 3)) {
        await driver.decide(
          officer,
          task.taskId,
          task.systemId === 'pasientsky'
            ? {
                decision: 'approve',
                uploadKey: await driver.uploadExport(officer, id, 'pasientsky', 'Journal: 2 notes'),
              }
            : { decision: 'approve', noDataFound: true, comment: 'Søkte på navn' },
        );
      }
      const [review] = await driver.openTasks(officer, id, 'review');
      await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
      const [journal] = await driver.openTasks(officer, id, 'manual-action');
      const { page, problems } = await openConsole();
      await signInWithKeyboard(page, 'personvernombud');
      await page.goto(`${consoleUrl}#/requests/${id}`);
      const task = page.locator(`section[data-task-id="${journal?.taskId}"]`);
      await task.waitFor();

      // Act
      const legend = await task.locator('fieldset.task-question legend').textContent();
      const intro = await task.locator('fieldset.task-question .hint').textContent();
      await task.getByLabel('Hva du gjorde i systemet').fill('Behandleren vurderte notatene');
      await task.getByRole('button', { name: 'Send avgjørelsen' }).click();
      const refusal = await task.locator('.task-status .error').textContent();
      await task.getByLabel(/^Opplysningene blir stående/).check();
      await task.getByRole('button', { name: 'Send avgjørelsen' }).click();
      await page.getByText('Fullført', { exact: true }).first().waitFor({ timeout: 60_000 });
      const answer = (await driver.emailsAbout(id, 2)).find((e) => e.subject === 'Svar på forespørselen din');

      // Assess
      expect(legend).toBe('Avgjørelsen om sletting i PasientSky (helsepersonelloven §§ 43 og 44)');
      expect(intro).toContain('vurderer den ansvarlige behandleren det etter helsepersonelloven §§ 43 og 44');
      expect(refusal).toBe('Registrer hva som ble bestemt om slettingen.');
      expect((answer?.body.text ?? '').replace(/\s+/g, ' ')).toContain(
        'PasientSky: Forespørselen din er vurdert etter helsepersonelloven §§ 43 og 44, og opplysningene blir stående',
      );
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'decides an identity check with the keyboard only: Tab to the choice, Space, Tab to the button, Enter',
    async () => {
      // Prepare
      const { driver, officer, id, identity, page, task } = await identityCheckOpened(
        'Kai Tastatur',
        'kai.tastatur',
      );
      const clicks: string[] = [];
      await page.exposeFunction('recordClick', (detail: number) => clicks.push(String(detail)));
      // A mouse click has detail ≥ 1; a key that activates a control makes a click with detail 0.
      await page.evaluate('document.addEventListener("click", (e) => window.recordClick(e.detail), true)');
      const tabTo = async (matches: string) => {
        for (let presses = 0; presses < 40; presses++) {
          const there = await page.evaluate<boolean>(
            `document.activeElement?.matches(${JSON.stringify(matches)}) ?? false`,
          );
          if (there) return;
          await page.keyboard.press('Tab');
        }
        throw new Error(`Tab never reached ${matches}`);
      };

      // Act
      await tabTo(`section[data-task-id="${identity?.taskId}"] input[type="radio"][value="approve"]`);
      await page.keyboard.press('Space');
      await tabTo(`section[data-task-id="${identity?.taskId}"] button[type="submit"]`);
      await page.keyboard.press('Shift+Tab');
      const backOnComment = await page.evaluate<string | undefined>('document.activeElement?.tagName');
      await page.keyboard.type('Ringte og sjekket fødselsdatoen');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await task.waitFor({ state: 'detached', timeout: 45_000 });

      // Assess
      expect(backOnComment).toBe('TEXTAREA');
      const file = await driver.requestFile(officer, id);
      const decided = (file.tasks as { taskId: string; decidedBy?: string; decision?: unknown }[]).find(
        (t) => t.taskId === identity?.taskId,
      );
      expect(decided?.decidedBy).toBe('personvernombud');
      expect(decided?.decision).toEqual({ decision: 'approve', comment: 'Ringte og sjekket fødselsdatoen' });
      expect(clicks.filter((detail) => detail !== '0')).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'says in bokmål, as one sentence, why a deadline extended meanwhile cannot be extended again',
    async () => {
      // Prepare
      const driver = new WorkflowDriver(stack());
      const staff = await driver.token('staff-sterk-hasle');
      const { id } = await driver.submitVerified({
        type: 'access',
        name: 'Frode Forlenget',
        email: address('frode.forlenget'),
        lang: 'nb',
        controller: 'sterk-hasle',
      });
      const { page, problems } = await openConsole();
      await signInWithKeyboard(page, 'staff-sterk-hasle');
      await page.getByRole('heading', { level: 1, name: 'Forespørsler' }).waitFor();
      await page.goto(`${consoleUrl}#/requests/${id}`);
      const extension = page.locator('section#extension');
      await extension.waitFor();
      // A colleague extends it while this page still shows the form.
      const elsewhere = await driver.staff(staff, 'POST', `/staff/requests/${id}/extension`, {
        reason: 'Arkivet må hentes manuelt.',
        months: 1,
      });

      // Act
      await extension
        .getByLabel('Begrunnelse for forlengelsen (sendes til den registrerte)')
        .fill('Vi trenger mer tid.');
      await extension.getByRole('button', { name: 'Forleng fristen' }).click();
      await extension.getByRole('button', { name: 'Ja, forleng fristen' }).click();
      const status = page.locator('#extension-status');
      await status.getByText('Fristen kan ikke forlenges').waitFor();
      const said = await status.textContent();

      // Assess
      expect(elsewhere.status).toBe(200);
      expect(said).toMatch(
        /^Fristen kan ikke forlenges: Den ble allerede forlenget \d{1,2}\. \S+ \d{4} \(til \d{1,2}\. \S+ \d{4}\), og kan bare forlenges én gang\.$/,
      );
      expect(said).not.toMatch(/\b(the|deadline|extended|already|once)\b/i);
      expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
