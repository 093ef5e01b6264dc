import type { EidRefusal } from '../../../../lambdas/domain/eid/complete-eid';
import type { Language } from '../../../../lambdas/domain/policy/language';
import { eidRefusalStatus, renderEidRefusalPage } from '../../../../lambdas/domain/requests/pages/eid';
import { EID_REFUSAL_TEXT } from '../../../../lambdas/domain/requests/pages/eid-i18n';
import {
  REQUEST_PAGE_STYLE,
  renderStatusPage,
  renderVerificationPage,
} from '../../../../lambdas/domain/requests/pages/render';
import type { RequestPageLinks, RequestStatusView } from '../../../../lambdas/domain/requests/views';
import { sterkPolicy } from '../../policy/sterk-fixture';

const LANGUAGES = ['nb', 'en'] as const;

const LINKS: RequestPageLinks = {
  verifyUrl: 'https://api.example.no/v1/requests/R-1/verify?token=s3cret&x=1',
  resendUrl: 'https://api.example.no/v1/requests/R-1/resend?token=s3cret',
  statusUrl: 'https://api.example.no/v1/requests/R-1?token=s3cret',
  policyUrl: 'https://api.example.no/v1/policy?lang=nb',
};
const EID_URL = 'https://api.example.no/v1/requests/R-1/eid?token=s3cret&lang=nb';
const WITH_EID: RequestPageLinks = { ...LINKS, eidUrl: EID_URL };

const WORDS = {
  nb: {
    start: 'Bekreft med ID-porten',
    byHand: 'for hånd',
    codeStillNeeded: 'Du må fortsatt skrive inn koden fra e-posten',
    high: 'Identiteten din er bekreftet med ID-porten (høyt nivå).',
    substantial: 'Identiteten din er bekreftet med ID-porten (betydelig nivå).',
    typeCodeNow: 'Skriv nå inn koden fra e-posten',
    emailConfirmed: 'E-postadressen din er bekreftet',
    withoutEid: 'Fortsett uten ID-porten',
    tryAgain: 'Prøv igjen med ID-porten',
    statusLink: 'Se status for forespørselen',
    backViaEmail: 'Åpne lenken i e-posten vi sendte deg',
  },
  en: {
    start: 'Confirm with ID-porten',
    byHand: 'by hand',
    codeStillNeeded: 'You still need to enter the code from the email',
    high: 'Your identity is confirmed with ID-porten (level high).',
    substantial: 'Your identity is confirmed with ID-porten (level substantial).',
    typeCodeNow: 'Now enter the code from the email',
    emailConfirmed: 'Your email address is confirmed',
    withoutEid: 'Continue without ID-porten',
    tryAgain: 'Try again with ID-porten',
    statusLink: 'See the status of your request',
    backViaEmail: 'Open the link in the email we sent you',
  },
} as const;

function view(overrides: Partial<RequestStatusView> = {}): RequestStatusView {
  return {
    id: 'R-2026-000123',
    type: 'access',
    status: 'awaiting-verification',
    lang: 'nb',
    controllerName: 'STERK Helse og Trening AS',
    receivedDate: '2026-11-25',
    dueDate: '2026-12-25',
    ...overrides,
  };
}

interface Tag {
  readonly tag: string;
  readonly attributes: Record<string, string>;
}

/** Every start tag of these names with its attributes, entities left as written. */
function tags(page: string, names: string[]): Tag[] {
  const pattern = new RegExp(`<(${names.join('|')})((?:\\s+[\\w-]+(?:="[^"]*")?)*)\\s*>`, 'g');
  return [...page.matchAll(pattern)].map((match) => ({
    tag: match[1] ?? '',
    attributes: Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((attribute) => [
        attribute[1],
        attribute[2] ?? '',
      ]),
    ),
  }));
}

const decode = (attribute: string | undefined) => attribute?.replaceAll('&amp;', '&');
const forms = (page: string) => tags(page, ['form']).map((form) => decode(form.attributes.action));
/** Each link's target (decoded) and class. */
const anchors = (page: string) =>
  tags(page, ['a']).map((a) => ({ href: decode(a.attributes.href), class: a.attributes.class }));
const h1 = (page: string) => /<h1>([^<]*)<\/h1>/.exec(page)?.[1];
const visibleText = (page: string) =>
  page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

function expectSafeDocument(page: string, lang: Language): void {
  expect(page.startsWith('<!doctype html>\n')).toBe(true);
  expect(page).toContain(`<html lang="${lang}">`);
  expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
  expect(page).toContain('<meta name="referrer" content="no-referrer">');
  expect(page).toContain('<meta name="robots" content="noindex">');
  expect(page).not.toMatch(/<script/i);
  expect(page).not.toMatch(/\sstyle=/i);
  expect(page).not.toMatch(/\son[a-z]+=/i);
  expect(page).toContain(`<style>${REQUEST_PAGE_STYLE}</style>`);
  expect(page.trimEnd().endsWith('</html>')).toBe(true);
}

describe('Function: renderStatusPage, with ID-porten', () => {
  const policy = sterkPolicy();

  describe.each(LANGUAGES)('in %s', (lang) => {
    const words = WORDS[lang];

    it('is the page it always was when no sign-in is offered, whatever the view says about eID', () => {
      // Act
      const plain = renderStatusPage(policy, view({ lang }), LINKS);
      const chosen = renderStatusPage(policy, view({ lang, eid: { chosen: true } }), LINKS);

      // Assess
      expect(chosen).toBe(plain);
      expect(plain).not.toContain('ID-porten');
      expect(anchors(plain).map((a) => a.href)).not.toContain(EID_URL);
    });

    it('makes the sign-in the main action, before the code form, when the requester chose it', () => {
      // Act
      const page = renderStatusPage(policy, view({ lang, eid: { chosen: true } }), WITH_EID);

      // Assess
      expectSafeDocument(page, lang);
      const link = anchors(page).find((a) => a.href === EID_URL);
      expect(link?.class).toBe('button');
      expect(page).toContain(`>${words.start}</a>`);
      expect(page.indexOf(words.start)).toBeLessThan(page.indexOf('<form'));
      expect(visibleText(page)).toContain(words.byHand);
      expect(visibleText(page)).toContain(words.codeStillNeeded);
      expect(forms(page)).toEqual([LINKS.verifyUrl, LINKS.resendUrl]);
    });

    it.each([
      ['did not choose it', { chosen: false }],
      ['has no eID state', undefined],
    ])('offers the sign-in as an option when the requester %s', (_, eid) => {
      // Act
      const page = renderStatusPage(policy, view({ lang, ...(eid === undefined ? {} : { eid }) }), WITH_EID);

      // Assess
      const link = anchors(page).find((a) => a.href === EID_URL);
      expect(link?.class).toBe('button secondary');
      expect(page).toContain(`>${words.start}</a>`);
      expect(visibleText(page)).toContain(words.codeStillNeeded);
      expect(forms(page)).toEqual([LINKS.verifyUrl, LINKS.resendUrl]);
    });

    it('says the two offers differently', () => {
      // Act
      const chosen = visibleText(renderStatusPage(policy, view({ lang, eid: { chosen: true } }), WITH_EID));
      const optional = visibleText(
        renderStatusPage(policy, view({ lang, eid: { chosen: false } }), WITH_EID),
      );

      // Assess
      expect(chosen).not.toBe(optional);
    });

    it.each(['high', 'substantial'] as const)(
      'after a sign-in at level %s, says so and asks for the code, with no second sign-in',
      (level) => {
        // Act
        const page = renderStatusPage(
          policy,
          view({ lang, eid: { chosen: true, signedInLevel: level } }),
          WITH_EID,
        );

        // Assess
        expectSafeDocument(page, lang);
        expect(page).toContain(`<p class="eid-confirmed">${words[level]}</p>`);
        expect(visibleText(page)).toContain(words.typeCodeNow);
        expect(page).not.toContain(`>${words.start}</a>`);
        expect(anchors(page).map((a) => a.href)).not.toContain(EID_URL);
        expect(page.indexOf(words[level])).toBeLessThan(page.indexOf('<form'));
        expect(forms(page)).toEqual([LINKS.verifyUrl, LINKS.resendUrl]);
      },
    );

    it('names the level that was reached, not the other', () => {
      // Act
      const high = renderStatusPage(
        policy,
        view({ lang, eid: { chosen: true, signedInLevel: 'high' } }),
        WITH_EID,
      );

      // Assess
      expect(high).toContain(words.high);
      expect(high).not.toContain(words.substantial);
    });

    it.each(['verified', 'closed-unverified', 'completed'] as const)(
      'offers no sign-in once the request is %s',
      (status) => {
        // Act
        const page = renderStatusPage(policy, view({ lang, status, eid: { chosen: true } }), WITH_EID);

        // Assess
        expect(page).not.toContain('ID-porten');
        expect(anchors(page).map((a) => a.href)).not.toContain(EID_URL);
      },
    );
  });

  it('escapes a hostile sign-in link', () => {
    // Act
    const page = renderStatusPage(policy, view({ eid: { chosen: true } }), {
      ...LINKS,
      eidUrl: 'https://x/"><script>alert(1)</script>',
    });

    // Assess
    expect(page).not.toContain('<script');
    expect(page).toContain('href="https://x/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});

describe('Function: renderVerificationPage, awaiting the ID-porten sign-in', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const words = WORDS[lang];
    const page = renderVerificationPage({ kind: 'awaiting-eid' }, lang, WITH_EID);

    it('says the address is confirmed and leads on to ID-porten as the main action', () => {
      // Assess
      expectSafeDocument(page, lang);
      expect(h1(page)).toBe(words.emailConfirmed);
      expect(anchors(page).find((a) => a.href === EID_URL)?.class).toBe('button');
      expect(page).toContain(`>${words.start}</a>`);
      expect(page.indexOf(words.start)).toBeLessThan(page.indexOf('<form'));
    });

    it('offers to go on without ID-porten: the code again, marked withoutEid, warning of the manual check', () => {
      // Prepare
      const form = page.slice(page.indexOf('<form'), page.indexOf('</form>'));
      const inputs = tags(form, ['input']).map((input) => input.attributes);

      // Assess
      expect(forms(page)).toEqual([LINKS.verifyUrl]);
      expect(tags(form, ['form'])[0]?.attributes.method).toBe('post');
      expect(inputs).toContainEqual(
        expect.objectContaining({ name: 'code', type: 'text', autocomplete: 'one-time-code', required: '' }),
      );
      expect(inputs).toContainEqual({ type: 'hidden', name: 'withoutEid', value: '1' });
      expect(inputs).toContainEqual({ type: 'hidden', name: 'lang', value: lang });
      expect(form).toContain(`<button type="submit" class="secondary">${words.withoutEid}</button>`);
      expect(visibleText(page.slice(0, page.indexOf('<form')))).toContain(words.byHand);
    });

    it('points to the status page when it has no sign-in link, and to the email when it has neither', () => {
      // Act
      const toStatus = renderVerificationPage({ kind: 'awaiting-eid' }, lang, LINKS);
      const toEmail = renderVerificationPage({ kind: 'awaiting-eid' }, lang, {
        ...LINKS,
        statusUrl: undefined,
      });

      // Assess
      expect(anchors(toStatus)).toContainEqual({ href: LINKS.statusUrl, class: 'button' });
      expect(forms(toStatus)).toEqual([LINKS.verifyUrl]);
      expect(toEmail).not.toContain('token=s3cret"');
      expect(visibleText(toEmail)).toContain(
        lang === 'nb' ? 'lenken i den første e-posten' : 'the link in the first email',
      );
      expect(forms(toEmail)).toEqual([LINKS.verifyUrl]);
    });
  });
});

const REFUSALS: readonly EidRefusal[] = [
  'expired-or-used',
  'other-browser',
  'cancelled',
  'not-accepted',
  'level-too-low',
  'different-person',
  'request-closed',
  'try-later',
];

/** What each refusal page must say, in the design's words (docs/id-porten.md, "Refusals"). */
const KEY_TEXT: Record<EidRefusal, Record<Language, string>> = {
  'expired-or-used': { nb: 'utløpt eller allerede brukt', en: 'expired or has already been used' },
  'other-browser': { nb: 'samme nettleseren', en: 'same browser you started it in' },
  cancelled: { nb: 'bekrefte med koden fra e-posten', en: 'confirm with the code from the email' },
  'not-accepted': { nb: 'ikke lagret noe', en: 'nothing was saved' },
  'level-too-low': { nb: 'MinID er ikke nok', en: 'MinID is not enough' },
  'different-person': { nb: 'annen person', en: 'different person' },
  'request-closed': { nb: 'aldri ble bekreftet', en: 'never confirmed' },
  'try-later': { nb: 'om noen minutter', en: 'in a few minutes' },
};

const TRY_AGAIN: readonly EidRefusal[] = [
  'expired-or-used',
  'cancelled',
  'not-accepted',
  'level-too-low',
  'try-later',
];

const REFUSAL_LINKS = { policyUrl: LINKS.policyUrl, statusUrl: LINKS.statusUrl, eidUrl: EID_URL };

describe('Constant: eidRefusalStatus', () => {
  it('gives each refusal the status of the design', () => {
    // Assess
    expect(eidRefusalStatus).toEqual({
      'expired-or-used': 400,
      'other-browser': 400,
      cancelled: 200,
      'not-accepted': 400,
      'level-too-low': 403,
      'different-person': 409,
      'request-closed': 410,
      'try-later': 503,
    });
  });
});

describe('Function: renderEidRefusalPage', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const words = WORDS[lang];

    describe.each(REFUSALS)('for %s', (reason) => {
      const page = renderEidRefusalPage(reason, lang, REFUSAL_LINKS);

      it('is a safe document that says what happened, with the notice linked', () => {
        // Assess
        expectSafeDocument(page, lang);
        expect(visibleText(page)).toContain(KEY_TEXT[reason][lang]);
        expect(anchors(page)).toContainEqual({ href: LINKS.policyUrl, class: undefined });
        expect(forms(page)).toEqual([]);
      });

      it('links back to the status page when it may, and to the email otherwise', () => {
        // Act
        const withoutStatus = renderEidRefusalPage(reason, lang, { ...REFUSAL_LINKS, statusUrl: undefined });

        // Assess
        expect(page).toContain(`>${words.statusLink}</a>`);
        expect(anchors(page).map((a) => a.href)).toContain(LINKS.statusUrl);
        expect(visibleText(page)).not.toContain(words.backViaEmail);
        expect(withoutStatus).not.toContain('R-1?token');
        expect(visibleText(withoutStatus)).toContain(words.backViaEmail);
      });

      const mendable = TRY_AGAIN.includes(reason);
      it(`${mendable ? 'offers' : 'does not offer'} a new sign-in`, () => {
        // Act
        const withoutEidUrl = renderEidRefusalPage(reason, lang, { ...REFUSAL_LINKS, eidUrl: undefined });

        // Assess
        expect(anchors(page).some((a) => a.href === EID_URL)).toBe(mendable);
        expect(
          page.includes(`<a class="button" href="${EID_URL.replaceAll('&', '&amp;')}">${words.tryAgain}</a>`),
        ).toBe(mendable);
        expect(withoutEidUrl).not.toContain(words.tryAgain);
        expect(withoutEidUrl).not.toContain('/eid?');
      });
    });

    it('gives every refusal its own heading', () => {
      // Act
      const headings = REFUSALS.map((reason) => h1(renderEidRefusalPage(reason, lang, REFUSAL_LINKS)));

      // Assess
      expect(new Set(headings).size).toBe(REFUSALS.length);
    });

    it('says a closed request is closed as the code pages do', () => {
      // Act
      const eid = renderEidRefusalPage('request-closed', lang, { policyUrl: LINKS.policyUrl });
      const code = renderVerificationPage({ kind: 'request-closed' }, lang, LINKS);

      // Assess
      expect(h1(eid)).toBe(h1(code));
    });
  });

  it.each(REFUSALS)('says %s in the two languages differently', (reason) => {
    // Act
    const nb = renderEidRefusalPage(reason, 'nb', REFUSAL_LINKS);
    const en = renderEidRefusalPage(reason, 'en', REFUSAL_LINKS);

    // Assess
    expect(h1(nb)).not.toBe(h1(en));
  });

  it('escapes hostile links', () => {
    // Act
    const page = renderEidRefusalPage('cancelled', 'nb', {
      policyUrl: LINKS.policyUrl,
      statusUrl: 'https://x/"><script>alert(1)</script>',
      eidUrl: "https://y/'onclick='alert(2)",
    });

    // Assess
    expect(page).not.toContain('<script');
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).toContain('href="https://x/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});

/** Every leaf's path (arrays are leaves) and every leaf's texts. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keyPaths(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}
function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(leaves);
  return [];
}

describe('Constant: EID_REFUSAL_TEXT', () => {
  it('has the same keys in bokmål and English, a page for every refusal but the closed request', () => {
    // Act
    const nb = keyPaths(EID_REFUSAL_TEXT.nb).sort();
    const en = keyPaths(EID_REFUSAL_TEXT.en).sort();

    // Assess
    expect(en).toEqual(nb);
    expect(Object.keys(EID_REFUSAL_TEXT.nb.refusals).sort()).toEqual(
      REFUSALS.filter((reason) => reason !== 'request-closed').sort(),
    );
  });

  it('says everything, and says it differently in the two languages', () => {
    // Act
    const nb = leaves(EID_REFUSAL_TEXT.nb);
    const en = leaves(EID_REFUSAL_TEXT.en);

    // Assess
    expect(nb).toHaveLength(en.length);
    for (const text of [...nb, ...en]) expect(text.trim()).not.toBe('');
    expect(nb.filter((text, index) => text === en[index])).toEqual([]);
  });
});
