import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { useChromium } from '../support/chromium';
import { eventually } from '../support/local-process';
import { type Item, useLocalStack } from '../support/local-stack-fixture';

/**
 * The cookie banner in Chromium on the demo page of the website (`GET /consent/demo`), against the whole
 * local stack. The trackers' hosts cannot be reached from here, and need not be: what matters is whether the
 * browser tries. Every request to Google's or Meta's hosts is recorded (and answered with an empty script),
 * so "nothing loads" means the browser did not even ask.
 */

const TEST_TIMEOUT_MS = 90_000;
const TRACKER_HOSTS =
  /^https:\/\/([a-z0-9-]+\.)*(googletagmanager\.com|google-analytics\.com|analytics\.google\.com|facebook\.net|facebook\.com)\//;

const stack = useLocalStack();
const newContext = useChromium();

interface Visit {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every tracker request the browser made in this context, in order. */
  readonly trackers: string[];
}

async function visitor(locale = 'nb-NO'): Promise<Visit> {
  const context = await newContext({ locale, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  const trackers: string[] = [];
  await context.route(TRACKER_HOSTS, (route) => {
    trackers.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
  });
  return { context, page: await context.newPage(), trackers };
}

async function openDemo(visit: Visit, lang: 'nb' | 'en' = 'nb'): Promise<void> {
  await visit.page.goto(`${stack().apiUrl}/consent/demo?lang=${lang}`);
  await visit.page.waitForLoadState('networkidle');
}

/** `window.dataLayer`, with gtag's `arguments` entries as arrays. */
async function dataLayer(page: Page): Promise<unknown[]> {
  return (await page.evaluate(
    '(window.dataLayer || []).map((entry) => (entry && typeof entry.length === "number" ? Array.from(entry) : entry))',
  )) as unknown[];
}

const consentCalls = (layer: unknown[], kind: 'default' | 'update') =>
  layer.filter(
    (entry): entry is [string, string, Record<string, string>] =>
      Array.isArray(entry) && entry[0] === 'consent' && entry[1] === kind,
  );

const hostsOf = (urls: readonly string[]) => [...new Set(urls.map((url) => new URL(url).hostname))].sort();

const banner = (page: Page) => page.getByRole('dialog', { name: 'Informasjonskapsler på nettsidene våre' });

const consentRecords = (): Promise<Item[]> => stack().scanItems((item) => item.kind === 'consent-record');

/** Clicks one of the banner's choices and waits for the record's post to be answered. */
async function choose(visit: Visit, button: string): Promise<void> {
  await Promise.all([
    visit.page.waitForResponse((r) => new URL(r.url()).pathname === '/consent'),
    visit.page.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

/** Waits until the browser has asked for something from each of `hosts`. */
async function triedToReach(visit: Visit, hosts: readonly string[]): Promise<void> {
  await eventually(async () =>
    hosts.every((host) => visit.trackers.some((url) => new URL(url).hostname === host)) ? true : undefined,
  );
}

describe('The cookie banner on the demo page (Chromium)', () => {
  it(
    'loads nothing of Google or Meta before a choice, with Consent Mode denied, and shows the two choices side by side in one size',
    async () => {
      // Prepare
      const visit = await visitor();

      // Act
      await openDemo(visit);

      // Assess
      expect(visit.trackers).toEqual([]);
      const layer = await dataLayer(visit.page);
      expect(consentCalls(layer, 'default')).toEqual([
        [
          'consent',
          'default',
          {
            ad_storage: 'denied',
            analytics_storage: 'denied',
            ad_user_data: 'denied',
            ad_personalization: 'denied',
          },
        ],
      ]);
      expect(consentCalls(layer, 'update')).toEqual([]);
      await expect(banner(visit.page).isVisible()).resolves.toBe(true);
      const accept = visit.page.getByRole('button', { name: 'Godta alle' });
      const reject = visit.page.getByRole('button', { name: 'Avvis alle' });
      const [a, r] = await Promise.all([accept.boundingBox(), reject.boundingBox()]);
      expect(a).not.toBeNull();
      expect(Math.abs((a?.width ?? 0) - (r?.width ?? -1))).toBeLessThan(1);
      expect(Math.abs((a?.height ?? 0) - (r?.height ?? -1))).toBeLessThan(1);
      expect(Math.abs((a?.y ?? 0) - (r?.y ?? -1))).toBeLessThan(1);
      const looks = (await visit.page.evaluate(
        '(() => { const root = document.querySelector("[data-personvern-consent]").shadowRoot; return Array.from(root.querySelectorAll(".pv-m button"), (el) => { const s = getComputedStyle(el); return [el.textContent, s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderTopWidth].join(" | "); }); })()',
      )) as string[];
      const style = (look: string | undefined) => look?.split(' | ').slice(1);
      expect(looks.map((look) => look.split(' | ')[0])).toEqual(['Godta alle', 'Avvis alle']);
      expect(style(looks[1])).toEqual(style(looks[0]));
      expect(
        await visit.page.getByRole('link', { name: 'Les mer i personvernerklæringen' }).getAttribute('href'),
      ).toBe(`${stack().apiUrl}/policy?lang=nb#website`);
      // No cookie wall: the page under the banner can still be used.
      await visit.page.getByRole('link', { name: 'Personvernerklæring', exact: true }).click({ trial: true });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'loads nothing after "Avvis alle", nor after a reload, and records the refusal',
    async () => {
      // Prepare
      const visit = await visitor();
      await openDemo(visit);
      const before = (await consentRecords()).length;

      // Act
      await choose(visit, 'Avvis alle');
      await visit.page.waitForLoadState('networkidle');
      await visit.page.reload();
      await visit.page.waitForLoadState('networkidle');

      // Assess
      expect(visit.trackers).toEqual([]);
      await expect(banner(visit.page).isVisible()).resolves.toBe(false);
      const layer = await dataLayer(visit.page);
      expect(consentCalls(layer, 'update').at(-1)?.[2]).toEqual({
        ad_storage: 'denied',
        analytics_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
      });
      const records = await eventually(async () => {
        const now = await consentRecords();
        return now.length > before ? now : undefined;
      });
      expect(records.filter((r) => r.action === 'reject-all').at(-1)?.choices).toEqual({
        analytics: false,
        marketing: false,
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'runs the tags after "Godta alle": the browser tries Google Tag Manager, gtag.js and the Pixel, and Consent Mode is granted',
    async () => {
      // Prepare
      const visit = await visitor();
      await openDemo(visit);

      // Act
      await choose(visit, 'Godta alle');
      await triedToReach(visit, ['www.googletagmanager.com', 'connect.facebook.net']);

      // Assess
      expect(visit.trackers.some((url) => url.includes('/gtm.js?id=GTM-DEMO000'))).toBe(true);
      expect(visit.trackers.some((url) => url.includes('/gtag/js?id=G-DEMO000000'))).toBe(true);
      expect(visit.trackers.some((url) => url.includes('/en_US/fbevents.js'))).toBe(true);
      expect(consentCalls(await dataLayer(visit.page), 'update').at(-1)?.[2]).toEqual({
        ad_storage: 'granted',
        analytics_storage: 'granted',
        ad_user_data: 'granted',
        ad_personalization: 'granted',
      });
      await expect(banner(visit.page).isVisible()).resolves.toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'loads analytics only when "Tilpass" says yes to statistics alone, with nothing ticked to begin with',
    async () => {
      // Prepare
      const visit = await visitor();
      await openDemo(visit);
      await visit.page.getByRole('button', { name: 'Tilpass' }).click();
      const statistics = visit.page.getByRole('checkbox', { name: 'Statistikk' });
      const marketing = visit.page.getByRole('checkbox', { name: 'Markedsføring' });
      const ticked = [await statistics.isChecked(), await marketing.isChecked()];

      // Act
      await statistics.check();
      await choose(visit, 'Lagre valgene');
      await triedToReach(visit, ['www.googletagmanager.com']);
      await visit.page.reload();
      await visit.page.waitForLoadState('networkidle');

      // Assess
      expect(ticked).toEqual([false, false]);
      expect(hostsOf(visit.trackers)).toEqual(['www.googletagmanager.com']);
      expect(consentCalls(await dataLayer(visit.page), 'update').at(-1)?.[2]).toEqual({
        ad_storage: 'denied',
        analytics_storage: 'granted',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stops the tags on the next page once consent is withdrawn with "Endre samtykke" and "Avvis alle", as easily as it was given',
    async () => {
      // Prepare
      const visit = await visitor();
      await openDemo(visit);
      await choose(visit, 'Godta alle');
      await triedToReach(visit, ['www.googletagmanager.com', 'connect.facebook.net']);
      await visit.page.reload();
      await visit.page.waitForLoadState('networkidle');

      // Act
      await visit.page.getByRole('link', { name: 'Endre samtykke' }).click();
      await choose(visit, 'Avvis alle');
      visit.trackers.splice(0);
      await visit.page.reload();
      await visit.page.waitForLoadState('networkidle');

      // Assess
      expect(visit.trackers).toEqual([]);
      await expect(banner(visit.page).isVisible()).resolves.toBe(false);
      expect(consentCalls(await dataLayer(visit.page), 'update').at(-1)?.[2]?.analytics_storage).toBe(
        'denied',
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'works from the keyboard: "Endre samtykke" opens the dialog with focus in it, Escape closes it and gives focus back',
    async () => {
      // Prepare
      const visit = await visitor();
      await openDemo(visit);
      await choose(visit, 'Avvis alle');
      const change = visit.page.getByRole('link', { name: 'Endre samtykke' });

      // Act
      await change.focus();
      await visit.page.keyboard.press('Enter');
      const openedFocus = await visit.page.evaluate(
        '(() => { const host = document.querySelector("[data-personvern-consent]"); const inner = host && host.shadowRoot && host.shadowRoot.activeElement; return inner ? inner.getAttribute("role") : null; })()',
      );
      await visit.page.keyboard.press('Tab');
      const next = await visit.page.evaluate(
        '(() => { const host = document.querySelector("[data-personvern-consent]"); const inner = host.shadowRoot.activeElement; return inner ? inner.textContent : null; })()',
      );
      await visit.page.keyboard.press('Escape');

      // Assess
      expect(openedFocus).toBe('dialog');
      expect(next).toBe('Les mer i personvernerklæringen');
      await expect(banner(visit.page).isVisible()).resolves.toBe(false);
      expect(await visit.page.evaluate('document.activeElement && document.activeElement.textContent')).toBe(
        'Endre samtykke',
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows the consent id under "Tilpass", and the visitor can see what is kept and erase it',
    async () => {
      // Prepare
      const visit = await visitor('en-GB');
      await openDemo(visit, 'en');
      await choose(visit, 'Accept all');
      await visit.page.getByRole('link', { name: 'Change consent' }).click();
      await visit.page.getByRole('button', { name: 'Customise' }).click();
      const id = (await visit.page.locator('code').textContent()) ?? '';
      await eventually(async () => ((await consentRecords()).length > 0 ? true : undefined));

      // Act
      const [recordPage] = await Promise.all([
        visit.context.waitForEvent('page'),
        visit.page.getByRole('link', { name: 'See what we keep about your choices' }).click(),
      ]);
      await recordPage.waitForLoadState();
      const shown = (await recordPage.locator('main, body').first().textContent()) ?? '';
      await recordPage.getByRole('button', { name: 'Erase what we keep' }).click();
      await recordPage.waitForLoadState();

      // Assess
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(shown).toContain(id);
      expect(shown).toContain('Accept all');
      expect(await recordPage.locator('h1').textContent()).toBe('Erased');
      const lookup = await fetch(`${stack().apiUrl}/consent/${id}`);
      expect(lookup.status).toBe(404);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('The cookie banner on a website of another origin (Chromium)', () => {
  let website: Server;
  let websiteUrl = '';

  beforeAll(async () => {
    // A page as STERK's own site would have it: the banner from the API, first in <head>, and one inert tag.
    website = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><head><title>STERK</title>
<script src="${stack().apiUrl}/consent.js"></script></head>
<body><h1>STERK</h1><footer><button type="button" data-consent-open>Change consent</button></footer>
<script type="text/plain" data-consent="marketing" async src="https://connect.facebook.net/en_US/fbevents.js"></script>
</body></html>`);
    });
    await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
    // localhost and 127.0.0.1 are different origins: the page is cross-origin to the API.
    websiteUrl = `http://localhost:${(website.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => website.close(resolve));
  });

  it(
    'loads the banner across origins and records the choice with a simple post the API accepts',
    async () => {
      // Prepare
      const visit = await visitor('en-GB');
      const posts: number[] = [];
      visit.page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/consent') posts.push(response.status());
      });
      await visit.page.goto(websiteUrl);
      const before = (await consentRecords()).length;

      // Act
      await choose(visit, 'Accept all');
      await triedToReach(visit, ['connect.facebook.net']);

      // Assess
      const records = await eventually(async () => {
        const now = await consentRecords();
        return now.length > before ? now : undefined;
      });
      expect(records.some((r) => r.action === 'accept-all')).toBe(true);
      expect(posts.filter((status) => status !== 201)).toEqual([]);
      const sent = await eventually(async () =>
        (await visit.page.evaluate('JSON.parse(localStorage.getItem("personvern-consent")).sent')) === true
          ? true
          : undefined,
      );
      expect(sent).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );
});
