import { existsSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';

/** Debian's Chromium (scripts/install-test-tools.sh installs it), or another one named by CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * One headless Chromium for a test file: started before its tests, each test's browser contexts closed after
 * it, the browser closed at the end. Call at the top of a describe or file; the returned function opens a
 * fresh context (its own cookies and storage, as a new visitor has).
 */
export function useChromium(): (options?: BrowserContextOptions) => Promise<BrowserContext> {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `No Chromium at ${CHROMIUM}. The browser tests need Debian's chromium: run \`sudo apt-get install chromium\` ` +
          '(or set CHROMIUM_PATH to a Chromium binary).',
      );
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  return async (options = {}) => {
    if (browser === undefined) throw new Error('Chromium did not start (see beforeAll)');
    const context = await browser.newContext(options);
    contexts.push(context);
    return context;
  };
}

/** The two screens the person-facing pages are tested on: a desktop and a phone. */
export const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
} as const;

export type Device = keyof typeof DEVICES;

/** A tap on a phone, a click on a desktop. */
export async function press(device: Device, target: Locator): Promise<void> {
  if (device === 'phone') await target.tap();
  else await target.click();
}

export interface Width {
  readonly page: string;
  readonly scrollWidth: number;
  readonly innerWidth: number;
}

/**
 * How wide the page is against the window. A phone zooms out to show a page wider than the screen, which
 * widens `innerWidth` too, so the caller compares both with the screen's width (tooWide).
 */
export async function widthOf(page: Page, name: string): Promise<Width> {
  await page.waitForLoadState('load');
  // A string, evaluated in the page: this project's types have no DOM.
  const measured = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  )) as { scrollWidth: number; innerWidth: number };
  return { page: name, ...measured };
}

/** The measured pages that did not fit a screen of this width. */
export function tooWide(widths: readonly Width[], screenWidth: number): Width[] {
  return widths.filter((w) => w.scrollWidth > w.innerWidth || w.innerWidth > screenWidth);
}

/**
 * Collects what a page reports as broken: uncaught script errors and console errors (a CSP refusal shows
 * there), so a test can assert the list stays empty.
 */
export function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return problems;
}
