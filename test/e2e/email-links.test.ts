/**
 * Every link in every email leads somewhere, on `npm start`. The flows people go through (a contact
 * message; requests filed, given a new code, confirmed, answered, refused, extended, stuck on a step; the
 * morning deadline digest with an overdue request) fill the local SES store; then each http(s) address in
 * each stored email, text and HTML, is requested. Our pages must answer (2xx/3xx, never 404 or 5xx), even
 * when the link's one-time code has been used. A console link is a `#/` route of the single-page console:
 * its page must be the console, its fragment one of the console's routes, naming something that exists.
 * Finally one message link and one request link are opened in Chromium, through the local sign-in.
 */
import { existsSync } from 'node:fs';
import { jest } from '@jest/globals';
import { chromium } from 'playwright-core';
import { eventually } from '../support/local-process';
import {
  deleteFromExports,
  type LocalStackFixture,
  type StoredEmail,
  useLocalStack,
} from '../support/local-stack-fixture';
import { LOCAL_PASSWORD, WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(300_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const fixture = useLocalStack();
let counter = 0;
const address = (name: string) => `${name}.${Date.now()}${counter++}@example.no`;

/** The console's hash routes with an id, as console/src/routes.ts `route()` reads them. */
const CONSOLE_ROUTES = [
  { kind: 'request', pattern: /^#\/requests\/([A-Za-z0-9-]+)$/ },
  { kind: 'message', pattern: /^#\/messages\/([A-Za-z0-9-]+)$/ },
] as const;
/** Its routes without an id. */
const CONSOLE_PLAIN_ROUTES = ['', '#', '#/', '#/messages', '#/holds', '#/policy'];

interface Seeded {
  readonly contactId: string;
  /** The request left open with a step stuck (attention), then overdue in the digest. */
  readonly stuckId: string;
}

let seeded: Promise<Seeded> | undefined;

/** Runs the flows once for the suite, whichever test asks first. */
function seed(): Promise<Seeded> {
  seeded ??= runFlows(fixture());
  return seeded;
}

async function runFlows(stack: LocalStackFixture): Promise<Seeded> {
  const driver = new WorkflowDriver(stack);
  const officer = await driver.token('personvernombud');

  // A request in bokmål that will ask for a new code, be confirmed with it, and be refused. Filed first:
  // a new code may be asked for a minute after the last one, and the other flows fill that minute.
  const filed = await fetch(`${stack.apiUrl}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ type: 'objection', name: 'Nils Nykode', email: address('nils'), lang: 'nb' }),
  });
  const { id: refusedId } = (await filed.json()) as { id: string };
  await driver.emailsAbout(refusedId, 1);
  const filedAt = Date.now();

  // A contact message: a confirmation to the sender, a notification (console link) to the company.
  const contactId = await driver.sendContact({
    name: 'Lenke Lenkesen',
    email: address('lenke.kontakt'),
    message: 'Hvor lenge lagrer dere treningsloggen min?',
    controller: 'sterk-hasle',
    lang: 'nb',
  });

  // An access request answered with an export: receipt, answer (status link), download code.
  const answered = await driver.submitVerified({
    type: 'access',
    name: 'Anna Svar',
    email: address('anna.svar'),
    lang: 'en',
  });
  const [identity] = await driver.openTasks(officer, answered.id, 'identity-check');
  await driver.decide(officer, identity?.taskId ?? '', { decision: 'approve', comment: 'Called her' });
  for (const task of await driver.openTasks(officer, answered.id, 'manual-collection', 3)) {
    await driver.decide(officer, task.taskId, { decision: 'approve', noDataFound: true, comment: 'None' });
  }
  const [review] = await driver.openTasks(officer, answered.id, 'review');
  await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
  await driver.finished(officer, answered.id);
  const asked = await fetch(answered.statusUrl.replace('/status?', '/download?'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: '{}',
  });
  if (asked.status !== 202) throw new Error(`Asking for a download code answered ${asked.status}`);

  // A portability request whose uploaded export goes missing before the answer: a step fails after its
  // retries and staff get the attention email. Its deadline is extended, and it stays open.
  const stuck = await driver.submitVerified({
    type: 'portability',
    name: 'Siri Stopp',
    email: address('siri.stopp'),
    lang: 'en',
  });
  const [collection] = await driver.openTasks(officer, stuck.id, 'manual-collection');
  const uploadKey = await driver.uploadExport(officer, stuck.id, collection?.systemId ?? '', 'id;name\n');
  await driver.decide(officer, collection?.taskId ?? '', { decision: 'approve', uploadKey });
  const [stuckReview] = await driver.openTasks(officer, stuck.id, 'review');
  await deleteFromExports(stack, uploadKey);
  await driver.decide(officer, stuckReview?.taskId ?? '', { decision: 'approve' });
  await driver.openTasks(officer, stuck.id, 'attention');
  const extended = await driver.staff(officer, 'POST', `/staff/requests/${stuck.id}/extension`, {
    reason: 'The export must be fetched again by hand.',
  });
  if (extended.status !== 200) throw new Error(`Extending the deadline answered ${extended.status}`);

  // The refused request from the start: its new code, confirmed, then refused.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, filedAt + 61_000 - Date.now())));
  const resent = await fetch(`${stack.apiUrl}/requests/${refusedId}/resend`, {
    method: 'POST',
    headers: { accept: 'application/json' },
  });
  if (resent.status !== 202) throw new Error(`Resending a code answered ${resent.status}`);
  const [, newCode] = await driver.emailsAbout(refusedId, 2);
  const verified = await fetch(`${stack.apiUrl}/requests/${refusedId}/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ code: /^\s+(\d{6})$/m.exec(newCode?.body.text ?? '')?.[1] ?? '' }),
  });
  if (verified.status !== 200) throw new Error(`Verifying with the new code answered ${verified.status}`);
  const [refusal] = await driver.openTasks(officer, refusedId, 'review');
  await driver.decide(officer, refusal?.taskId ?? '', {
    decision: 'reject',
    comment: 'Vi bruker ikke opplysningene dine til markedsføring.',
  });
  await driver.finished(officer, refusedId);

  // The morning digest the day after the (extended) due date: overdue, so it is escalated to the privacy
  // officer (one copy when the company's contact is the officer's own address).
  const { dueDate } = (await driver.requestFile(officer, stuck.id)) as { dueDate: string };
  const now = new Date(Date.parse(`${dueDate}T06:00:00Z`) + 86_400_000).toISOString();
  const run = await fetch(`${stack.apiUrl}/local/reminders/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now }),
  });
  if (run.status !== 200) throw new Error(`The reminder run answered ${run.status}`);

  // Every email the flows send has arrived before anyone reads the store.
  const runAnswer = await run.text();
  await eventually(async () => {
    const emails = await stack.emails();
    const kinds = {
      contactNotification: emails.some((e) => e.body.text?.includes(contactId)),
      attention: emails.some((e) => e.subject.includes(stuck.id)),
      digests: emails.filter(
        (e) => /^(Fristoversikt|Eskalert)/.test(e.subject) && e.body.text?.includes(stuck.id),
      ),
    };
    return kinds.contactNotification && kinds.attention && kinds.digests.length > 0 ? true : undefined;
  }, 60_000).catch(async () => {
    const subjects = (await stack.emails()).map((e) => e.subject);
    throw new Error(`Not every email arrived. Reminder run: ${runAnswer}. Subjects: ${subjects.join(' | ')}`);
  });
  return { contactId, stuckId: stuck.id };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

/** Every http(s) address in an email: bare in the text body, in `href`s in the HTML. */
function linksIn(email: StoredEmail): string[] {
  // A sentence may end right after an address; the full stop is not part of it.
  const inText = [...(email.body.text ?? '').matchAll(/https?:\/\/[^\s<>"]+/g)].map(([url]) =>
    url.replace(/[.,;:)]+$/, ''),
  );
  const inHtml = [...(email.body.html ?? '').matchAll(/href="([^"]*)"/g)]
    .map(([, href = '']) =>
      href.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ENTITIES[name] ?? ''),
    )
    .filter((href) => /^https?:\/\//.test(href));
  return [...inText, ...inHtml];
}

describe('Links in emails, end to end', () => {
  it('answers every link in every stored email with a page, and console links with the console on a route that names something real', async () => {
    // Prepare
    const stack = fixture();
    const { contactId, stuckId } = await seed();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const emails = await stack.emails();
    const linksBySubject = new Map<string, Set<string>>();
    for (const email of emails) {
      for (const link of linksIn(email)) {
        const subjects = linksBySubject.get(link) ?? new Set<string>();
        linksBySubject.set(link, subjects.add(email.subject));
      }
    }
    const api = new URL(stack.apiUrl);

    // Act
    const answers: { link: string; subjects: string[]; status: number; type: string; note: string }[] = [];
    for (const [link, subjects] of linksBySubject) {
      const url = new URL(link);
      if (url.origin !== api.origin) {
        // Another site (the data protection authority): not ours to crawl from a test; https is all we ask.
        answers.push({
          link,
          subjects: [...subjects],
          status: 0,
          type: '',
          note: `external ${url.protocol}`,
        });
        continue;
      }
      const response = await fetch(`${url.origin}${url.pathname}${url.search}`, {
        redirect: 'manual',
        headers: { accept: 'text/html' },
      });
      const body = await response.text();
      let note = '';
      if (url.pathname.startsWith('/console')) {
        const route = CONSOLE_ROUTES.map(({ kind, pattern }) => ({
          kind,
          id: pattern.exec(url.hash)?.[1],
        })).find((r) => r.id !== undefined);
        const isConsole = body.includes('<meta name="personvern-api"') && body.includes('src="console.js"');
        const target =
          route === undefined
            ? CONSOLE_PLAIN_ROUTES.includes(url.hash)
              ? 200
              : 0
            : (
                await driver.staff(
                  officer,
                  'GET',
                  `/staff/${route.kind === 'request' ? 'requests' : 'messages'}/${route.id}`,
                )
              ).status;
        note = `console ${isConsole ? 'page' : 'NOT the console'}, route ${url.hash || '(none)'} → ${target}`;
      }
      answers.push({
        link,
        subjects: [...subjects],
        status: response.status,
        type: response.headers.get('content-type') ?? '',
        note,
      });
    }

    // Assess
    const subjectsOf = emails.map((e) => e.subject);
    // The flows reached every email with a link that this suite means to follow.
    expect(subjectsOf).toEqual(
      expect.arrayContaining([
        `Ny melding fra kontaktskjemaet (${contactId})`,
        "We've received your request – please confirm it's you",
        'Ny kode for å bekrefte forespørselen din',
        'The answer to your request',
        'Vi kan ikke gjennomføre forespørselen din',
        `Forespørsel ${stuckId} trenger oppfølging`,
      ]),
    );
    expect(subjectsOf.some((s) => s.startsWith('Eskalert'))).toBe(true);
    const ours = answers.filter((a) => !a.note.startsWith('external'));
    expect(ours.filter((a) => a.status < 200 || a.status >= 400)).toEqual([]);
    expect(
      ours.filter((a) => !a.type.startsWith('text/html') && (a.status < 300 || a.status >= 400)),
    ).toEqual([]);
    const consoleLinks = ours.filter((a) => new URL(a.link).pathname.startsWith('/console'));
    expect(consoleLinks.filter((a) => !/^console page, route #\/\S+ → 200$/.test(a.note))).toEqual([]);
    expect(consoleLinks.map((a) => new URL(a.link).hash)).toEqual(
      expect.arrayContaining([`#/messages/${contactId}`, `#/requests/${stuckId}`]),
    );
    // Each kind of requester link was followed: confirm (GET verify), status page.
    expect(ours.some((a) => /\/requests\/[^/]+\/verify\?code=\d{6}/.test(a.link))).toBe(true);
    expect(ours.some((a) => /\/requests\/[^/]+\/status\?token=/.test(a.link))).toBe(true);
    expect(answers.filter((a) => a.note.startsWith('external') && a.note !== 'external https:')).toEqual([]);
  });

  it('opens a message link and a request link from the emails in Chromium, and shows each after the local sign-in', async () => {
    // Prepare
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
    const stack = fixture();
    const { contactId, stuckId } = await seed();
    const emails = await stack.emails();
    const linkTo = (route: string) =>
      emails.flatMap(linksIn).find((link) => link.endsWith(route)) ?? `(no email links to ${route})`;
    const messageLink = linkTo(`/#/messages/${contactId}`);
    const requestLink = linkTo(`/#/requests/${stuckId}`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });

    try {
      // Act
      const opened: { hash: string; heading: string }[] = [];
      for (const link of [messageLink, requestLink]) {
        const context = await browser.newContext({ locale: 'nb-NO' });
        context.setDefaultTimeout(20_000);
        const page = await context.newPage();
        await page.goto(link);
        await page.getByLabel('Brukernavn eller e-post').fill('personvernombud');
        await page.getByLabel('Passord').fill(LOCAL_PASSWORD);
        await page.getByRole('button', { name: 'Logg inn' }).click();
        // The view has loaded what the link names: its full id is on the page.
        await page
          .locator('main')
          .getByText(link.split('/').at(-1) ?? '', { exact: true })
          .first()
          .waitFor();
        opened.push({
          hash: new URL(page.url()).hash,
          heading: (await page.locator('main h1').textContent()) ?? '',
        });
        await context.close();
      }

      // Assess
      expect(opened).toEqual([
        { hash: `#/messages/${contactId}`, heading: `Melding ${contactId.slice(0, 8)}` },
        {
          hash: `#/requests/${stuckId}`,
          heading: expect.stringContaining(`Forespørsel ${stuckId.slice(0, 8)}`),
        },
      ]);
    } finally {
      await browser.close();
    }
  });
});
