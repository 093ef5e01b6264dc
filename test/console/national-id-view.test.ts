/**
 * The requester's ID-porten sign-in and the national identity number on a request page, drawn in Chromium
 * (the project has no DOM library; Debian's Chromium is what the browser tests use) from the console's own
 * modules, bundled as the console is, with a stand-in for the staff API that records what it was sent.
 * The whole stack, with the real route and its audit event, is test/browser/console-eid.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { CONSOLE_SOURCE } from '../../console/build';
import { useChromium } from '../support/chromium';

const KARI_PID = '14838512470';
const ORIGIN = 'http://console.test';

/** The modules under test, bundled for the browser as console/build.ts bundles the console. */
const ENTRY = `
export { eidIdentity, hideNationalId } from './views/national-id';
export { personFacts } from './views/people';
export { ApiError } from './api';
export { TEXTS } from './i18n';
export { lang, switchLanguage } from './state';
`;

/**
 * In the page: a staff API whose answers the test queues (`replies`), recording every post, and `draw`,
 * which puts the requester's facts on the page as the request page does.
 */
const HARNESS = `
window.posts = [];
window.replies = [];
window.api = {
  post: (path, body) => {
    posts.push({ path, body });
    const reply = replies.shift();
    return reply === undefined ? Promise.reject(new Error('no reply queued')) : reply();
  },
  get: () => Promise.reject(new Error('not used')),
  postText: () => Promise.reject(new Error('not used')),
  delete: () => Promise.reject(new Error('not used')),
};
window.answer = () => Promise.resolve({ nationalId: '${KARI_PID}' });
window.refuse = (status, message) => () => Promise.reject(new consoleView.ApiError(status, message));
window.later = () => {
  let resolve;
  const promise = new Promise((done) => { resolve = done; });
  window.finish = () => resolve({ nationalId: '${KARI_PID}' });
  return () => promise;
};
window.draw = (signIn, tasks, lang) => {
  // The page's language, which the requester's labels follow, as the language switch sets it.
  if (consoleView.lang !== lang) consoleView.switchLanguage();
  const file = { id: 'req-1', requester: { name: 'Kari Testesen', email: 'kari@example.no' } };
  const identity = consoleView.eidIdentity('req-1', signIn, tasks, { api, text: consoleView.TEXTS[lang] });
  document.getElementById('main').replaceChildren(consoleView.personFacts(file, identity));
};
`;

const SIGN_IN = {
  method: 'eid',
  level: 'high',
  amr: ['BankID'],
  birthDate: 'matches',
  verifiedAt: '2026-03-02T09:05:00.000Z',
};
const IDENTITY_CHECK = {
  taskId: 'req-1.identity',
  requestId: 'req-1',
  type: 'identity-check',
  status: 'open',
  createdAt: '2026-03-02T09:10:00.000Z',
};

const newContext = useChromium();
let page: Page;
let bundle = '';

beforeAll(async () => {
  const built = await build({
    stdin: { contents: ENTRY, resolveDir: CONSOLE_SOURCE, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'consoleView',
    platform: 'browser',
    target: ['chrome120'],
    charset: 'utf8',
    logLevel: 'silent',
  });
  bundle = built.outputFiles[0]?.text ?? '';
});

beforeEach(async () => {
  const context = await newContext({ locale: 'nb-NO' });
  context.setDefaultTimeout(5_000);
  page = await context.newPage();
  // A page of its own origin, not about:blank: web storage is there to check that nothing went into it.
  const css = readFileSync(join(CONSOLE_SOURCE, 'console.css'), 'utf8');
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="nb"><head><meta charset="utf-8"><style>${css}</style></head><body><main id="main"></main></body></html>`,
    }),
  );
  await page.goto(`${ORIGIN}/console/`);
  await page.addScriptTag({ content: bundle });
  await page.addScriptTag({ content: HARNESS });
});

const draw = (signIn: object | undefined, tasks: object[] = [], lang = 'nb') =>
  page.evaluate(
    `draw(${signIn === undefined ? 'undefined' : JSON.stringify(signIn)}, ${JSON.stringify(tasks)}, '${lang}')`,
  );
const labels = () => page.locator('dl.facts dt').allTextContents();
// The body only: the harness's scripts in the head hold the stand-in's answer.
const bodyHtml = () => page.evaluate<string>('document.body.outerHTML');
const posts = () => page.evaluate<unknown[]>('posts');

describe('the requester’s ID-porten sign-in on a request page', () => {
  it('adds nothing when the requester did not sign in with ID-porten', async () => {
    // Act
    await draw(undefined);

    // Assess
    expect(await labels()).toEqual(['Navn', 'E-post']);
    expect(await page.getByRole('button').count()).toBe(0);
  });

  it.each([
    ['nb', 'high', 'Identitet', 'Bekreftet med ID-porten, høyt nivå (BankID)', 'Vis fødselsnummer'],
    [
      'nb',
      'substantial',
      'Identitet',
      'Bekreftet med ID-porten, betydelig nivå (BankID)',
      'Vis fødselsnummer',
    ],
    [
      'en',
      'high',
      'Identity',
      'Verified with ID-porten, level high (BankID)',
      'Show national identity number',
    ],
  ])(
    'says in %s how the requester signed in at level %s, with the button beside it',
    async (lang, level, label, line, button) => {
      // Act
      await draw({ ...SIGN_IN, level }, [], lang);

      // Assess
      expect(await labels()).toEqual([...(lang === 'nb' ? ['Navn', 'E-post'] : ['Name', 'Email']), label]);
      expect(await page.locator('dd .eid-level').textContent()).toBe(line);
      expect(await page.getByRole('button', { name: button }).isVisible()).toBe(true);
      expect(await page.locator('.eid-warning').count()).toBe(0);
    },
  );

  it.each([
    ['nb', 'Fødselsdatoen stemmer ikke med fødselsnummeret fra ID-porten'],
    ['en', 'The birth date does not match the national identity number from ID-porten'],
  ])('warns visibly in %s when the birth date differs from the number', async (lang, warning) => {
    // Act
    await draw({ ...SIGN_IN, birthDate: 'differs' }, [], lang);

    // Assess
    expect(await page.getByText(warning).isVisible()).toBe(true);
  });

  it.each(['matches', 'not-given', 'unknown'])(
    'gives no warning when the birth date check says %s',
    async (birthDate) => {
      // Act
      await draw({ ...SIGN_IN, birthDate });

      // Assess
      expect(await page.locator('.eid-warning').count()).toBe(0);
    },
  );
});

describe('the national identity number on demand', () => {
  it('asks with the open identity check as the reason, shows the number in monospace, says the view is logged, and hides it', async () => {
    // Prepare
    await draw(SIGN_IN, [IDENTITY_CHECK]);
    await page.evaluate('replies.push(answer)');

    // Act
    await page.getByRole('button', { name: 'Vis fødselsnummer' }).click();
    const value = page.locator('#national-id-value');
    await value.getByText(KARI_PID).waitFor();
    const style = await page.evaluate<string[]>(
      "[getComputedStyle(document.getElementById('national-id-value')).fontFamily, getComputedStyle(document.getElementById('national-id-value')).userSelect]",
    );
    const noteShown = await page.getByText('Visningen er logget').isVisible();
    const focusedText = await page.evaluate<string>('document.activeElement.textContent');
    const showHidden = await page.getByRole('button', { name: 'Vis fødselsnummer' }).isHidden();
    await page.getByRole('button', { name: 'Skjul' }).click();

    // Assess
    expect(await posts()).toEqual([
      {
        path: '/staff/requests/req-1/national-id',
        body: { reason: 'identity-check', taskId: 'req-1.identity' },
      },
    ]);
    expect(style[0]).toMatch(/monospace/);
    expect(style[1]).toBe('all');
    expect(noteShown).toBe(true);
    expect(focusedText).toContain(KARI_PID);
    expect(showHidden).toBe(true);
    // Hidden means gone from the page, not only out of sight; and never kept in web storage.
    expect(await bodyHtml()).not.toContain(KARI_PID);
    expect(await page.evaluate<number[]>('[localStorage.length, sessionStorage.length]')).toEqual([0, 0]);
    expect(await page.getByRole('button', { name: 'Vis fødselsnummer' }).isVisible()).toBe(true);
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('national-id-show');
  });

  it('asks for a manual collection when no identity check is open', async () => {
    // Prepare
    const collection = { ...IDENTITY_CHECK, taskId: 'req-1.m.pasientsky', type: 'manual-collection' };
    await draw(SIGN_IN, [collection]);
    await page.evaluate('replies.push(answer)');

    // Act
    await page.getByRole('button', { name: 'Vis fødselsnummer' }).click();
    await page.getByText(KARI_PID).waitFor();

    // Assess
    expect(await posts()).toEqual([
      {
        path: '/staff/requests/req-1/national-id',
        body: { reason: 'manual-collection', taskId: 'req-1.m.pasientsky' },
      },
    ]);
  });

  it('takes the number off the page when the page is left, and drops one that arrives after', async () => {
    // Prepare
    await draw(SIGN_IN, [IDENTITY_CHECK]);
    await page.evaluate('replies.push(answer)');
    await page.getByRole('button', { name: 'Vis fødselsnummer' }).click();
    await page.getByText(KARI_PID).waitFor();

    // Act: what the router does on leaving; then an answer that comes after the page was replaced
    await page.evaluate('consoleView.hideNationalId()');
    const afterLeaving = await bodyHtml();
    await page.evaluate('replies.push(later())');
    await page.getByRole('button', { name: 'Vis fødselsnummer' }).click();
    await page.evaluate("document.getElementById('main').replaceChildren()");
    await page.evaluate('finish()');
    await page.waitForTimeout(100);

    // Assess
    expect(afterLeaving).not.toContain(KARI_PID);
    expect(await bodyHtml()).not.toContain(KARI_PID);
  });

  it('says so when there is no number to show, as the other actions say a refusal', async () => {
    // Prepare
    await draw(SIGN_IN);
    await page.evaluate("replies.push(refuse(404, 'The national identity number is no longer stored'))");

    // Act
    await page.getByRole('button', { name: 'Vis fødselsnummer' }).click();
    const status = page.locator('#national-id-status');
    await status.locator('p.error').waitFor();

    // Assess
    expect(await status.textContent()).toBe(
      'Fødselsnummeret er ikke lagret for denne forespørselen: den ble ikke bekreftet med ID-porten, eller nummeret er slettet.',
    );
    expect(await page.getByRole('button', { name: 'Vis fødselsnummer' }).isEnabled()).toBe(true);
  });
});
