import type { Page, Request } from 'playwright-core';
import { useChromium } from '../support/chromium';
import { deliverControlMessage, expectNothingKeptSince } from '../support/http-submissions';
import { eventually } from '../support/local-process';
import { type StoredEmail, useLocalStack } from '../support/local-stack-fixture';

/**
 * The public forms in a real browser (Debian's Chromium, headless) against the whole local stack: a plain
 * form post without JavaScript, and the script's inline errors with it.
 */

const TEST_TIMEOUT_MS = 60_000;

const stack = useLocalStack();
const newContext = useChromium();

async function openPage(options: { javaScript: boolean; locale?: string }): Promise<Page> {
  const context = await newContext({
    javaScriptEnabled: options.javaScript,
    locale: options.locale ?? 'en-GB',
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

const emailsMentioning = async (id: string): Promise<StoredEmail[]> =>
  (await stack().emails()).filter((email) => email.body.text?.includes(id));

/** The id of the one item of `kind` whose person has this email address. */
async function storedIdFor(kind: 'contact-message' | 'request', email: string): Promise<string> {
  const items = await stack().scanItems(
    (item) => item.kind === kind && (item.sender ?? item.requester)?.email === email,
  );
  expect(items).toHaveLength(1);
  return String(items[0]?.id);
}

/** The script's POST, with its headers, and the answer the server gave it. */
function nextPost(page: Page, path: string): Promise<Request> {
  return page.waitForRequest(
    (request) => request.method() === 'POST' && new URL(request.url()).pathname === path,
  );
}

async function describedBy(page: Page, selector: string): Promise<string[]> {
  return ((await page.locator(selector).getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
}

describe('Forms in Chromium without JavaScript', () => {
  it(
    'posts the contact form, follows the 303 to the thank-you page, and both emails arrive',
    async () => {
      // Prepare
      // A Norwegian browser gets the form in bokmål from its Accept-Language.
      const page = await openPage({ javaScript: false, locale: 'nb-NO' });
      const email = 'uten.skript@example.no';
      await page.goto(`${stack().apiUrl}/forms/contact`);
      await page.getByLabel('Fullt navn').fill('Kari Nordmann');
      await page.getByLabel('E-postadresse').fill(email);
      await page.getByLabel('Melding').fill('Hei! Når åpner dere på lørdager?');

      // Act
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/contact'),
        page.getByRole('button', { name: 'Send meldingen' }).click(),
      ]);
      await page.waitForURL(/\/forms\/thank-you/);

      // Assess
      expect(response.status()).toBe(303);
      expect(page.url()).toBe(`${stack().apiUrl}/forms/thank-you?form=contact&lang=nb`);
      expect(await page.locator('h1').textContent()).toBe('Takk for meldingen');
      const id = await storedIdFor('contact-message', email);
      const sent = await eventually(async () => {
        const mine = await emailsMentioning(id);
        return mine.length >= 2 ? mine : undefined;
      });
      expect(sent.flatMap((e) => e.destination.to).sort()).toEqual(['kundeservice@sterkhelse.no', email]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'posts the request form, lands on the status page that says it awaits verification, and the code arrives',
    async () => {
      // Prepare
      const page = await openPage({ javaScript: false });
      const email = 'uten.skript.foresporsel@example.no';
      await page.goto(`${stack().apiUrl}/forms/request?lang=en`);
      await page.getByLabel('Right of access').check();
      await page.getByLabel('Full name', { exact: true }).fill('Kari Nordmann');
      await page.getByLabel('Email address').fill(email);

      // Act
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/requests'),
        page.getByRole('button', { name: 'Send request' }).click(),
      ]);
      await page.waitForURL(/\/status\?/);

      // Assess
      expect(response.status()).toBe(303);
      const id = await storedIdFor('request', email);
      expect(page.url()).toMatch(
        new RegExp(`^${stack().apiUrl}/requests/${id}/status\\?token=[\\w-]+&lang=en$`),
      );
      expect(await page.locator('body').textContent()).toContain(
        'Waiting for you to confirm your email address',
      );
      const [receipt] = await eventually(async () => {
        const mine = await emailsMentioning(id);
        return mine.length >= 1 ? mine : undefined;
      });
      expect(receipt?.destination.to).toEqual([email]);
      expect(receipt?.body.text).toMatch(/\b\d{6}\b/);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('Forms in Chromium with JavaScript', () => {
  it(
    'answers an empty message with our own summary in the page’s language, not the browser’s bubble',
    async () => {
      // Prepare: a browser in German, a page in English
      const page = await openPage({ javaScript: true, locale: 'de-DE' });
      await page.goto(`${stack().apiUrl}/forms/contact?lang=en`);
      await page.getByLabel('Full name', { exact: true }).fill('Kari Nordmann');
      await page.getByLabel('Email address').fill('kari@example.no');

      // Act
      const [post] = await Promise.all([
        nextPost(page, '/contact'),
        page.getByRole('button', { name: 'Send message' }).click(),
      ]);
      await page.getByRole('alert').locator('a').first().waitFor();

      // Assess
      expect((await post.response())?.status()).toBe(400);
      expect(await page.getByRole('alert').locator('a').allTextContents()).toEqual(['Write your message']);
      expect(await page.locator(':focus').getAttribute('id')).toBe('f-message');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'counts a long message as it is written, keeps all of a pasted text, and says when it is too long',
    async () => {
      // Prepare
      const page = await openPage({ javaScript: true });
      await page.goto(`${stack().apiUrl}/forms/contact?lang=nb`);
      const counter = page.locator('#f-message-count');
      const atStart = await counter.textContent();

      // Act
      await page.getByLabel('Melding').fill(`${'Hei. '.repeat(1000)}Takk!`);
      const typed = await page.getByLabel('Melding').inputValue();
      const shown = await counter.textContent();

      // Assess
      expect(atStart).toBe('0 av 5000 tegn');
      expect(typed).toHaveLength(5005);
      expect(shown).toBe('5005 av 5000 tegn: 5 for mange, gjør teksten kortere');
      expect(await page.getByLabel('Melding').getAttribute('aria-describedby')).toContain('f-message-count');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows the server’s messages next to an invalid email and a blank message, linked for screen readers, and keeps nothing; corrected, it is sent',
    async () => {
      // Prepare
      const page = await openPage({ javaScript: true });
      await page.goto(`${stack().apiUrl}/forms/contact?lang=en`);
      const before = await stack().state();
      await page.getByLabel('Full name', { exact: true }).fill('Kari Nordmann');
      // Both pass the browser's own checks (an address without a dot in the domain, a message of spaces),
      // so the server is the one to refuse them.
      await page.getByLabel('Email address').fill('kari@example');
      await page.getByLabel('Message').fill('   ');

      // Act
      const [post] = await Promise.all([
        nextPost(page, '/contact'),
        page.getByRole('button', { name: 'Send message' }).click(),
      ]);
      await page.locator('#f-email-error').waitFor({ state: 'visible' });

      // Assess
      expect(post.headers()).toMatchObject({
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect((await post.response())?.status()).toBe(400);
      expect(page.url()).toBe(`${stack().apiUrl}/forms/contact?lang=en`);
      expect(await page.locator('#f-email-error').textContent()).toBe(
        'Enter a valid email address, such as ola@example.no',
      );
      expect(await page.locator('#f-message-error').textContent()).toBe('Write your message');
      expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Message').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Full name', { exact: true }).getAttribute('aria-invalid')).toBeNull();
      expect(await describedBy(page, '#f-email')).toEqual(['f-email-error', 'f-email-hint']);
      expect(await describedBy(page, '#f-message')).toEqual([
        'f-message-error',
        'f-message-hint',
        'f-message-count',
      ]);
      expect(await page.locator('#f-name-error').isHidden()).toBe(true);
      const summary = page.getByRole('alert');
      expect(await summary.locator('h2').textContent()).toBe('Please check the following before you send');
      expect(
        await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ).toEqual(['#f-email', '#f-message']);
      expect(await page.locator(':focus').getAttribute('id')).toBe('f-email');
      await expectNothingKeptSince(stack(), before);

      // Act
      await page.getByLabel('Email address').fill('kari.skript@example.no');
      await page.getByLabel('Message').fill('Hei igjen!');
      const [retry] = await Promise.all([
        nextPost(page, '/contact'),
        page.getByRole('button', { name: 'Send message' }).click(),
      ]);
      await page.waitForURL(/\/forms\/thank-you/);

      // Assess
      expect((await retry.response())?.status()).toBe(202);
      expect(retry.headers()['idempotency-key']).not.toBe(post.headers()['idempotency-key']);
      expect(page.url()).toBe(`${stack().apiUrl}/forms/thank-you?form=contact&lang=en`);
      expect(await page.locator('h1').textContent()).toBe('Thank you for your message');
      const id = await storedIdFor('contact-message', 'kari.skript@example.no');
      await eventually(async () => ((await emailsMentioning(id)).length >= 2 ? true : undefined));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows “details required” next to the details of a rectification and keeps nothing; with details, it is sent',
    async () => {
      // Prepare
      const page = await openPage({ javaScript: true });
      const email = 'retting.skript@example.no';
      await page.goto(`${stack().apiUrl}/forms/request?lang=en`);
      await deliverControlMessage(stack());
      const before = await stack().state();
      await page.getByLabel('Right to rectification').check();
      await page.getByLabel('Full name', { exact: true }).fill('Kari Nordmann');
      await page.getByLabel('Email address').fill(email);

      // Act
      const [post] = await Promise.all([
        nextPost(page, '/requests'),
        page.getByRole('button', { name: 'Send request' }).click(),
      ]);
      await page.locator('#f-details-error').waitFor({ state: 'visible' });

      // Assess
      expect((await post.response())?.status()).toBe(400);
      expect(await page.locator('#f-details-error').textContent()).toBe(
        'Tell us what is wrong and what it should say',
      );
      expect(await page.getByLabel('Details').getAttribute('aria-invalid')).toBe('true');
      expect(await describedBy(page, '#f-details')).toEqual([
        'f-details-error',
        'f-details-hint',
        'f-details-count',
      ]);
      expect(await page.locator(':focus').getAttribute('id')).toBe('f-details');
      expect(await page.getByRole('alert').locator('a').textContent()).toBe(
        'Tell us what is wrong and what it should say',
      );
      await expectNothingKeptSince(stack(), before);

      // Act
      await page.getByLabel('Details').fill('My address is wrong: it should be Storgata 1, 0155 Oslo.');
      const [retry] = await Promise.all([
        nextPost(page, '/requests'),
        page.getByRole('button', { name: 'Send request' }).click(),
      ]);
      await page.waitForURL(/\/requests\/[^/]+\/status\?/);

      // Assess: the person goes on to their request's status page, where the emailed code goes
      expect((await retry.response())?.status()).toBe(202);
      const id = await storedIdFor('request', email);
      expect(new URL(page.url()).pathname).toBe(`/requests/${encodeURIComponent(id)}/status`);
      expect(await page.getByLabel('The code from the email').count()).toBe(1);
      expect(await page.locator('#f-details-error').count()).toBe(0);
      await eventually(async () => ((await emailsMentioning(id)).length >= 1 ? true : undefined));
    },
    TEST_TIMEOUT_MS,
  );
});
