import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { WEBSITE_DEMO_PATH, websiteDemo } from '../../local/api/website-demo';
import { useChromium } from '../support/chromium';
import { send } from '../support/http-submissions';
import { eventually } from '../support/local-process';
import { useLocalStack } from '../support/local-stack-fixture';

/**
 * The three ways the organisation's website uses the forms (docs/website-integration.md), in Chromium, from
 * another origin than the API's. npm start's default website origin is `http://localhost:<its port>`, and it
 * serves the documented snippets there (`/local/website`): a second origin beside the API's
 * `http://127.0.0.1:<port>`. A small server of this test serves the same page from an origin that is not the
 * website's, `http://127.0.0.1:<another port>`.
 */

const TEST_TIMEOUT_MS = 60_000;

const stack = useLocalStack();
const newContext = useChromium();

/** The same documented page, on an origin the API does not know. */
let stranger: Server;
let strangerOrigin = '';

beforeAll(async () => {
  stranger = createServer((req, res) => {
    const url = new URL(req.url ?? '/', strangerOrigin);
    const page = websiteDemo(url.pathname, url.searchParams, {
      apiUrl: stack().apiUrl,
      origin: strangerOrigin,
    });
    res.writeHead(page?.statusCode ?? 404, page?.headers as Record<string, string>);
    res.end(page?.body ?? 'Not found');
  });
  await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  strangerOrigin = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
  // Each function's first start (the intake reads its key from Secrets Manager) happens here, not inside a
  // test's 15-second waits, which a busy machine could use up on cold starts alone. Bad input keeps nothing.
  await Promise.all([
    ...['/contact', '/requests'].flatMap((path) => [
      send(stack().apiUrl, path, { contentType: 'application/json', body: '[]' }),
      send(stack().apiUrl, path, { method: 'OPTIONS', headers: { origin: websiteOrigin() } }),
    ]),
    send(stack().apiUrl, '/forms/contact', { method: 'GET' }),
  ]);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => stranger?.close(() => resolve()));
});

/** npm start's own origin for the website: localhost, where the API is 127.0.0.1. */
const websiteOrigin = () => stack().apiUrl.replace('127.0.0.1', 'localhost');

async function openWebsite(
  origin: string,
  lang: 'nb' | 'en' = 'nb',
): Promise<{ page: Page; console: string[] }> {
  const context = await newContext({ locale: 'nb-NO' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  await page.goto(`${origin}${WEBSITE_DEMO_PATH}?lang=${lang}`);
  return { page, console };
}

const messagesFrom = async (email: string) =>
  stack().scanItems((item) => item.kind === 'contact-message' && item.sender?.email === email);

/** The iframe's CSS height in pixels, once the host page's listener has set one. */
const frameHeight = async (page: Page): Promise<number> =>
  Number.parseFloat(String(await page.evaluate("document.getElementById('pv-frame').style.height")));

/** The framed page's own height, as its script measures it. */
async function framedContentHeight(page: Page): Promise<number> {
  const frame = await (await page.$('#pv-frame'))?.contentFrame();
  if (!frame) throw new Error('No iframe');
  return Number(await frame.evaluate('Math.ceil(document.documentElement.getBoundingClientRect().height)'));
}

describe('The website’s plain HTML form', () => {
  it(
    'posts from the website, lands on the website’s own thank-you page, and the message is kept',
    async () => {
      // Prepare
      const { page } = await openWebsite(websiteOrigin());
      const email = 'nettsted.skjema@example.no';
      await page.fill('#pv-form-name', 'Kari Nordmann');
      await page.fill('#pv-form-email', email);
      await page.fill('#pv-form-message', 'Hei fra nettstedet!');

      // Act
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/contact'),
        page.getByRole('button', { name: 'Send meldingen' }).first().click(),
      ]);
      await page.waitForURL(`${websiteOrigin()}${WEBSITE_DEMO_PATH}/takk`);

      // Assess
      expect(response.status()).toBe(303);
      expect(await response.headerValue('location')).toBe(`${websiteOrigin()}${WEBSITE_DEMO_PATH}/takk`);
      expect(await page.locator('h1').textContent()).toBe('Takk! Dette er nettstedets egen takkeside.');
      expect(await messagesFrom(email)).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'sends a request the same way: it lands on the website too, and the code is emailed',
    async () => {
      // Prepare: the request form as the documentation describes it, built in the website's page
      const { page } = await openWebsite(websiteOrigin(), 'en');
      const email = 'nettsted.foresporsel@example.no';
      await page.evaluate(`(() => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = ${JSON.stringify(`${stack().apiUrl}/requests`)};
        const fields = { type: 'access', name: 'Kari Nordmann', email: ${JSON.stringify(email)}, lang: 'en',
          returnUrl: ${JSON.stringify(`${websiteOrigin()}${WEBSITE_DEMO_PATH}/thanks`)} };
        for (const [name, value] of Object.entries(fields)) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          form.appendChild(input);
        }
        document.body.appendChild(form);
        form.submit();
      })()`);

      // Act
      await page.waitForURL(`${websiteOrigin()}${WEBSITE_DEMO_PATH}/thanks`);

      // Assess
      const [request] = await stack().scanItems(
        (item) => item.kind === 'request' && item.requester?.email === email,
      );
      expect(request).toBeDefined();
      const sent = await eventually(async () => {
        const mine = (await stack().emails()).filter((e) => e.body.text?.includes(String(request?.id)));
        return mine.length > 0 ? mine : undefined;
      });
      expect(sent[0]?.destination.to).toEqual([email]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'is refused with 400 and a clear message when its return URL is not on a website origin, and nothing is kept',
    async () => {
      // Prepare: the documented form, served from an origin the API does not know
      const { page } = await openWebsite(strangerOrigin);
      const email = 'fremmed.skjema@example.no';
      await page.fill('#pv-form-name', 'Kari Nordmann');
      await page.fill('#pv-form-email', email);
      await page.fill('#pv-form-message', 'Hei fra et annet sted');

      // Act
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/contact'),
        page.getByRole('button', { name: 'Send meldingen' }).first().click(),
      ]);

      // Assess
      expect(response.status()).toBe(400);
      expect(await response.json()).toEqual({
        error: {
          code: 'validation_failed',
          message: 'Se over noen av feltene en gang til',
          fields: {
            returnUrl: `Skjemaet ble ikke sendt: vi sender ikke videre til ${strangerOrigin}, som ikke er en av nettstedets adresser (websiteOrigins)`,
          },
        },
      });
      expect(await messagesFrom(email)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('The website’s script posting JSON', () => {
  it(
    'gets 202 with CORS for the website’s origin, and reads a 400’s field messages too',
    async () => {
      // Prepare
      const { page } = await openWebsite(websiteOrigin());
      const email = 'nettsted.skript@example.no';
      await page.fill('#pv-fetch-name', 'Kari Nordmann');
      await page.fill('#pv-fetch-email', 'kari@example');
      await page.fill('#pv-fetch-message', 'Hei fra skriptet');

      // Act: first an address the server refuses, then a good one
      const [refused] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/contact',
        ),
        page.click('#pv-fetch button'),
      ]);
      await page.getByText('Skriv inn en gyldig e-postadresse').waitFor();
      await page.fill('#pv-fetch-email', email);
      const [accepted] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/contact',
        ),
        page.click('#pv-fetch button'),
      ]);
      await page.getByText('Takk! Vi har fått meldingen').waitFor();

      // Assess
      expect(refused.status()).toBe(400);
      expect(await refused.headerValue('access-control-allow-origin')).toBe(websiteOrigin());
      expect(accepted.status()).toBe(202);
      expect(await accepted.allHeaders()).toMatchObject({
        'access-control-allow-origin': websiteOrigin(),
        vary: 'Origin',
      });
      expect(await accepted.headerValue('access-control-allow-credentials')).toBeNull();
      expect(await accepted.request().allHeaders()).toMatchObject({
        'content-type': 'application/json',
        origin: websiteOrigin(),
      });
      expect(await messagesFrom(email)).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'posts a request as JSON with an Idempotency-Key and reads its status link',
    async () => {
      // Prepare
      const { page } = await openWebsite(websiteOrigin(), 'en');

      // Act
      const answer = (await page.evaluate(`fetch(${JSON.stringify(`${stack().apiUrl}/requests`)}, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ type: 'access', name: 'Kari Nordmann', email: 'nettsted.json@example.no', lang: 'en' }),
      }).then(async (response) => ({ status: response.status, body: await response.json() }))`)) as {
        status: number;
        body: { statusUrl?: string };
      };

      // Assess
      expect(answer.status).toBe(202);
      expect(answer.body.statusUrl).toMatch(
        new RegExp(`^${stack().apiUrl}/requests/[0-9a-f-]{36}/status\\?token=`),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fails from an origin that is not the website’s: the preflight has no CORS headers, and nothing is sent',
    async () => {
      // Prepare
      const { page } = await openWebsite(strangerOrigin);
      const email = 'fremmed.skript@example.no';
      await page.fill('#pv-fetch-name', 'Kari Nordmann');
      await page.fill('#pv-fetch-email', email);
      await page.fill('#pv-fetch-message', 'Hei fra et annet sted');
      const preflight = await send(stack().apiUrl, '/contact', {
        method: 'OPTIONS',
        headers: {
          origin: strangerOrigin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });

      // Act
      await page.click('#pv-fetch button');
      await page.getByText('Vi fikk ikke kontakt med serveren').waitFor();

      // Assess
      expect(preflight.status).toBe(403);
      expect([...preflight.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(await messagesFrom(email)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('Our form in the website’s iframe', () => {
  it(
    'shows the form, fits its height, grows with the error summary, and sends from inside the frame',
    async () => {
      // Prepare
      const { page } = await openWebsite(websiteOrigin());
      const frame = page.frameLocator('#pv-frame');
      await frame.locator('h1').filter({ hasText: 'Kontakt oss' }).waitFor();
      const fitted = await eventually(async () => {
        const height = await frameHeight(page);
        return height > 0 && Math.abs(height - (await framedContentHeight(page))) <= 1 ? height : undefined;
      });
      const email = 'nettsted.ramme@example.no';

      // Act 1: a message without text gets the summary, and the frame grows with it
      await frame.getByLabel('Fullt navn').fill('Kari Nordmann');
      await frame.getByLabel('E-postadresse').fill(email);
      await frame.getByRole('button', { name: 'Send meldingen' }).click();
      await frame.getByRole('alert').locator('a').first().waitFor();
      const grown = await eventually(async () => {
        const height = await frameHeight(page);
        return height > fitted ? height : undefined;
      });

      // Act 2: with a message, it is sent and the thank-you page shows in the frame, which shrinks to it
      await frame.getByLabel('Melding').fill('Hei fra rammen!');
      await frame.getByRole('button', { name: 'Send meldingen' }).click();
      await frame.locator('h1').filter({ hasText: 'Takk for meldingen' }).waitFor();
      const shrunk = await eventually(async () => {
        const height = await frameHeight(page);
        return height < fitted && Math.abs(height - (await framedContentHeight(page))) <= 1
          ? height
          : undefined;
      });

      // Assess
      expect(grown).toBeGreaterThan(fitted);
      expect(shrunk).toBeLessThan(fitted);
      expect(page.url()).toBe(`${websiteOrigin()}${WEBSITE_DEMO_PATH}?lang=nb`);
      expect(await messagesFrom(email)).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'ends a request sent in the frame on our “check your email” page in the frame, never the status page',
    async () => {
      // Prepare: the documented iframe, pointed at the request form as the documentation says
      const { page } = await openWebsite(websiteOrigin());
      await page.evaluate(
        `document.getElementById('pv-frame').src = ${JSON.stringify(`${stack().apiUrl}/forms/request?lang=nb`)}`,
      );
      const frame = page.frameLocator('#pv-frame');
      await frame.locator('h1').filter({ hasText: 'Forespørsel om personopplysningene dine' }).waitFor();
      const email = 'nettsted.ramme.foresporsel@example.no';
      await frame.getByLabel('Rett til innsyn').check();
      await frame.getByLabel('Fullt navn', { exact: true }).fill('Kari Nordmann');
      await frame.getByLabel('E-postadresse').fill(email);

      // Act
      await frame.getByRole('button', { name: 'Send forespørselen' }).click();
      await frame.locator('h1').filter({ hasText: 'Sjekk e-posten din' }).waitFor();

      // Assess
      const inner = await (await page.$('#pv-frame'))?.contentFrame();
      expect(inner?.url()).toBe(`${stack().apiUrl}/forms/thank-you?form=request&lang=nb`);
      expect(page.url()).toBe(`${websiteOrigin()}${WEBSITE_DEMO_PATH}?lang=nb`);
      expect(
        await stack().scanItems((item) => item.kind === 'request' && item.requester?.email === email),
      ).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'cannot be framed by an origin that is not the website’s: Chromium refuses by frame-ancestors',
    async () => {
      // Prepare
      const { page, console } = await openWebsite(strangerOrigin);

      // Act
      await eventually(async () =>
        console.some((text) => text.includes('frame-ancestors')) ? true : undefined,
      );
      const frame = await (await page.$('#pv-frame'))?.contentFrame();

      // Assess
      expect(console.find((text) => text.includes('frame-ancestors'))).toContain(
        `violates the following Content Security Policy directive: "frame-ancestors ${websiteOrigin()}"`,
      );
      expect(await frame?.locator('form').count()).toBe(0);
      expect(await page.evaluate("document.getElementById('pv-frame').style.height")).toBe('60rem');
    },
    TEST_TIMEOUT_MS,
  );
});
