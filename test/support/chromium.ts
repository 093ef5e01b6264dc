import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

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
