import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { DEVICES, press, tooWide, useChromium, type Width, widthOf } from '../support/chromium';
import { useLocalStack } from '../support/local-stack-fixture';

/**
 * The privacy centre (`GET /`) in a real browser (Debian's Chromium, headless) against the whole local
 * stack: the page the browser's language picks, the language switch, on to the notice, from the notice's
 * rights section to the request form, and back through the centre to the contact form. Once on a desktop
 * in English, once on a phone in bokmål; on the phone neither the centre nor the notice may be wider than
 * the screen, and the retention table shows its last column or says that it scrolls.
 */

const TEST_TIMEOUT_MS = 120_000;

/** What the person reads and presses, as the pages say it. Written out, so a changed word fails here. */
const WORDS = {
  en: {
    centreTitle: 'Privacy at STERK',
    switchTo: 'Les på norsk',
    readPolicy: 'Read the privacy notice',
    makeRequest: 'Make a request',
    contactUs: 'Contact us',
    followRequest: 'Follow a request',
    policyTitle: 'STERK privacy notice',
    rightsTitle: 'Your rights',
    requestFormLink: 'the request form',
    contactFormLink: 'Contact form',
    centreLink: 'Privacy at STERK: start page',
    requestFormTitle: 'Make a request about your personal data',
    contactFormTitle: 'Contact us',
  },
  nb: {
    centreTitle: 'Personvern hos STERK',
    switchTo: 'Read this in English',
    readPolicy: 'Les personvernerklæringen',
    makeRequest: 'Send en forespørsel',
    contactUs: 'Kontakt oss',
    followRequest: 'Følg med på en forespørsel',
    policyTitle: 'Personvernerklæring for STERK',
    rightsTitle: 'Rettighetene dine',
    requestFormLink: 'skjemaet for forespørsler',
    contactFormLink: 'Kontaktskjema',
    centreLink: 'Personvern hos STERK: forsiden',
    requestFormTitle: 'Forespørsel om personopplysningene dine',
    contactFormTitle: 'Kontakt oss',
  },
} as const;

type Lang = keyof typeof WORDS;

interface Person {
  readonly device: keyof typeof DEVICES;
  readonly lang: Lang;
}

const PEOPLE: readonly Person[] = [
  { device: 'desktop', lang: 'en' },
  { device: 'phone', lang: 'nb' },
];

const stack = useLocalStack();
const newContext = useChromium();

/** A tab whose browser asks for the person's language, keeping the CSP refusals and script errors. */
async function openTab(person: Person): Promise<{ page: Page; complaints: string[] }> {
  const context = await newContext({
    ...DEVICES[person.device],
    locale: person.lang === 'nb' ? 'nb-NO' : 'en-GB',
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const complaints: string[] = [];
  // A stylesheet or anything else the CSP refused is reported here. (The shared security headers' long
  // Permissions-Policy also draws "Unrecognized feature" errors from Chromium; those are not about the pages.)
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) complaints.push(message.text());
  });
  page.on('pageerror', (error) => complaints.push(error.message));
  return { page, complaints };
}

/**
 * The retention table: whether its last column lies inside its box, whether the box scrolls, and whether
 * the hint that it scrolls is shown. Evaluated in the page (this project's types have no DOM).
 */
async function retentionTableOf(
  page: Page,
): Promise<{ lastColumnVisible: boolean; scrolls: boolean; hintShown: boolean }> {
  return (await page.evaluate(`(() => {
    const wrap = document.querySelector('#retention .table-wrap');
    const last = wrap.querySelector('thead th:last-child').getBoundingClientRect();
    const box = wrap.getBoundingClientRect();
    const hint = document.getElementById('retention-table-hint');
    return {
      lastColumnVisible: last.left >= box.left && last.right <= box.right + 1,
      scrolls: wrap.scrollWidth > wrap.clientWidth,
      hintShown: getComputedStyle(hint).display !== 'none' && hint.getBoundingClientRect().height > 0,
    };
  })()`)) as { lastColumnVisible: boolean; scrolls: boolean; hintShown: boolean };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: `artifacts/screenshots/${name}.png`, fullPage: true });
}

async function h1Of(page: Page): Promise<string | null> {
  return page.locator('h1').textContent();
}

describe('The privacy centre in Chromium', () => {
  it.each(PEOPLE.map((person) => [person.device, person.lang, person] as const))(
    'on a %s in %s: the centre in the browser’s language, on to the notice, from its rights to the request form, and back to the contact form',
    async (device, lang, person) => {
      // Prepare
      const w = WORDS[lang];
      const other: Lang = lang === 'en' ? 'nb' : 'en';
      const screenWidth = DEVICES[device].viewport.width;
      const { page, complaints } = await openTab(person);
      const widths: Width[] = [];

      // Act: the centre, in the language the browser asks for (no ?lang=)
      const response = await page.goto(`${stack().apiUrl}/`);

      // Assess
      expect(response?.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await h1Of(page)).toBe(w.centreTitle);
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('heading', { name: w.followRequest }).isVisible()).toBe(true);
      widths.push(await widthOf(page, 'centre'));
      await screenshot(page, `privacy-centre-${device}-${lang}`);

      // Act and assess: the language switch, there and back
      await press(person.device, page.getByRole('link', { name: w.switchTo }));
      await page.waitForURL((url) => url.searchParams.get('lang') === other);
      expect(await page.locator('html').getAttribute('lang')).toBe(other);
      expect(await h1Of(page)).toBe(WORDS[other].centreTitle);
      widths.push(await widthOf(page, `centre in ${other}`));
      await press(person.device, page.getByRole('link', { name: WORDS[other].switchTo }));
      await page.waitForURL((url) => url.searchParams.get('lang') === lang);
      expect(await h1Of(page)).toBe(w.centreTitle);

      // Act: on to the notice
      await press(person.device, page.getByRole('link', { name: w.readPolicy }));
      await page.waitForURL(/\/policy\?/);

      // Assess: the notice, in the same language, fitting the screen, its retention table readable
      expect(await h1Of(page)).toBe(w.policyTitle);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      widths.push(await widthOf(page, 'policy'));
      await screenshot(page, `privacy-policy-${device}-${lang}`);
      const table = await retentionTableOf(page);
      expect(table.lastColumnVisible || table.hintShown).toBe(true);
      // A table that scrolls must say so; one that fits shows its last column.
      if (table.scrolls) expect(table.hintShown).toBe(true);
      else expect(table.lastColumnVisible).toBe(true);
      if (device === 'desktop') expect(table).toMatchObject({ scrolls: false, hintShown: false });

      // Act: from the rights section to the request form
      const rights = page.getByRole('region', { name: w.rightsTitle });
      await press(person.device, rights.getByRole('link', { name: w.requestFormLink }));
      await page.waitForURL(/\/forms\/request\?/);

      // Assess
      expect(await h1Of(page)).toBe(w.requestFormTitle);
      expect(new URL(page.url()).searchParams.get('lang')).toBe(lang);
      widths.push(await widthOf(page, 'request form'));

      // Act: back to the notice, and from its rights section to the contact form
      await page.goBack();
      await page.waitForURL(/\/policy\?/);
      await press(person.device, rights.getByRole('link', { name: w.contactFormLink }));
      await page.waitForURL(/\/forms\/contact\?/);
      expect(await h1Of(page)).toBe(w.contactFormTitle);
      await page.goBack();
      await page.waitForURL(/\/policy\?/);

      // Act: from the notice back to the centre, and on to the contact form
      await press(person.device, page.getByRole('link', { name: w.centreLink }));
      await page.waitForURL((url) => url.pathname === '/');
      expect(await h1Of(page)).toBe(w.centreTitle);
      await press(person.device, page.getByRole('link', { name: w.contactUs, exact: true }));
      await page.waitForURL(/\/forms\/contact\?/);

      // Assess: the contact form in the same language; nothing on the way was too wide or refused
      expect(await h1Of(page)).toBe(w.contactFormTitle);
      expect(new URL(page.url()).searchParams.get('lang')).toBe(lang);
      widths.push(await widthOf(page, 'contact form'));
      expect(widths).toHaveLength(5);
      expect(tooWide(widths, screenWidth)).toEqual([]);
      expect(complaints).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it('on a phone, from the centre straight to the request form, both fitting 390 px', async () => {
    // Prepare
    const person: Person = { device: 'phone', lang: 'nb' };
    const { page } = await openTab(person);

    // Act
    await page.goto(`${stack().apiUrl}/?lang=nb`);
    const centre = await widthOf(page, 'centre');
    await press(person.device, page.getByRole('link', { name: WORDS.nb.makeRequest }));
    await page.waitForURL(/\/forms\/request\?lang=nb/);

    // Assess
    expect(await h1Of(page)).toBe(WORDS.nb.requestFormTitle);
    expect(tooWide([centre, await widthOf(page, 'request form')], 390)).toEqual([]);
  });
});
