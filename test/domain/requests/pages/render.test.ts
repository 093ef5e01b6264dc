import { FORM_PAGE_STYLE } from '../../../../lambdas/domain/forms/style';
import type { Language } from '../../../../lambdas/domain/policy/language';
import {
  nextStepText,
  REQUEST_PAGE_STYLE,
  renderConfirmLinkPage,
  renderNotFoundPage,
  renderResendPage,
  renderStatusPage,
  renderVerificationPage,
} from '../../../../lambdas/domain/requests/pages/render';
import type {
  PublicRequestStatus,
  RequestPageLinks,
  RequestStatusView,
  ResendOutcome,
  VerificationOutcome,
} from '../../../../lambdas/domain/requests/views';
import { sterkPolicy } from '../../policy/sterk-fixture';

const LANGUAGES = ['nb', 'en'] as const;
const STATUSES: readonly PublicRequestStatus[] = ['awaiting-verification', 'verified', 'closed-unverified'];

const LINKS: RequestPageLinks = {
  verifyUrl: 'https://api.example.no/v1/requests/R-1/verify?token=s3cret&x=1',
  resendUrl: 'https://api.example.no/v1/requests/R-1/resend?token=s3cret',
  statusUrl: 'https://api.example.no/v1/requests/R-1?token=s3cret',
  policyUrl: 'https://api.example.no/v1/policy?lang=nb',
};

const VERIFICATION_OUTCOMES: readonly VerificationOutcome[] = [
  { kind: 'verified' },
  { kind: 'wrong-code', attemptsLeft: 3 },
  { kind: 'code-burned' },
  { kind: 'code-expired' },
  { kind: 'request-closed' },
  { kind: 'awaiting-eid' },
];

const RESEND_OUTCOMES: readonly ResendOutcome[] = [
  { kind: 'sent' },
  { kind: 'already-verified' },
  { kind: 'too-soon', retryAfterSeconds: 42 },
  { kind: 'request-closed' },
];

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
const codeInput = (page: string) => tags(page, ['input']).find((input) => input.attributes.name === 'code');
const h1 = (page: string) => /<h1>([^<]*)<\/h1>/.exec(page)?.[1];
/** The page's words, without markup, for checks on what a reader sees. */
const visibleText = (page: string) =>
  page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** What every requester page must be, whatever it says. */
function expectSafeDocument(page: string, lang: Language): void {
  expect(page.startsWith('<!doctype html>\n')).toBe(true);
  expect(page).toContain(`<html lang="${lang}">`);
  expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
  expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(page).toContain('<meta name="referrer" content="no-referrer">');
  expect(page).toContain('<meta name="robots" content="noindex">');
  expect(page).not.toMatch(/<script/i);
  expect(page).not.toMatch(/\sstyle=/i);
  expect(page).not.toMatch(/\son[a-z]+=/i);
  expect(page.match(/<style>/g)).toHaveLength(1);
  expect(page).toContain(`<style>${REQUEST_PAGE_STYLE}</style>`);
  expect(page.trimEnd().endsWith('</html>')).toBe(true);
}

/** The code field and its form, as the brief for browsers and password managers needs them. */
function expectCodeForm(page: string, lang: Language): void {
  const form = tags(page, ['form']).find(
    (candidate) => decode(candidate.attributes.action) === LINKS.verifyUrl,
  );
  expect(form?.attributes.method).toBe('post');
  const input = codeInput(page);
  expect(input?.attributes).toMatchObject({
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '[0-9]{6}',
    maxlength: '6',
  });
  expect(input !== undefined && 'required' in input.attributes).toBe(true);
  expect(page.match(new RegExp(`<label for="${input?.attributes.id}">`, 'g'))).toHaveLength(1);
  for (const id of (input?.attributes['aria-describedby'] ?? '').split(' ').filter(Boolean)) {
    expect(page).toContain(`id="${id}"`);
  }
  expect(page).toContain(`<input type="hidden" name="lang" value="${lang}">`);
}

describe('Function: renderStatusPage', () => {
  const policy = sterkPolicy();

  describe.each(LANGUAGES)('in %s', (lang) => {
    describe.each(STATUSES)('for a request that is %s', (status) => {
      const page = renderStatusPage(policy, view({ lang, status }), LINKS);

      it('is a complete, script-free document in the requester language with one h1', () => {
        // Assess
        expectSafeDocument(page, lang);
      });

      it('names the request type as the policy does in this language, and shows the reference', () => {
        // Prepare
        const right = policy.rights.find((r) => r.kind === 'request' && r.type === 'access');

        // Assess
        expect(right).toBeDefined();
        expect(page).toContain(`<dd>${right?.title[lang]}</dd>`);
        expect(page).toContain('<dd>R-2026-000123</dd>');
        expect(page).toContain('<dd>STERK Helse og Trening AS</dd>');
      });

      it('shows the received date for people, with a machine-readable datetime', () => {
        // Assess
        expect(page).toContain(
          `<time datetime="2026-11-25">${lang === 'nb' ? '25. november 2026' : '25 November 2026'}</time>`,
        );
      });

      it('links the privacy notice', () => {
        // Assess
        expect(page).toContain(`<a href="${LINKS.policyUrl}">`);
      });
    });

    it('asks for the code while the request waits for verification, with a form to ask for a new one', () => {
      // Act
      const page = renderStatusPage(policy, view({ lang, status: 'awaiting-verification' }), LINKS);

      // Assess
      expectCodeForm(page, lang);
      expect(forms(page)).toEqual([LINKS.verifyUrl, LINKS.resendUrl]);
      expect(codeInput(page)?.attributes['aria-invalid']).toBeUndefined();
    });

    it('offers no forms once the request is verified, and says by when we answer', () => {
      // Act
      const page = renderStatusPage(policy, view({ lang, status: 'verified' }), LINKS);

      // Assess
      expect(forms(page)).toEqual([]);
      const due = lang === 'nb' ? '25. desember 2026' : '25 December 2026';
      expect(page).toContain(`<time datetime="2026-12-25">${due}</time>`);
      expect(visibleText(page)).toContain(due);
    });

    it('offers no forms and promises no due date for a request closed unverified', () => {
      // Act
      const page = renderStatusPage(policy, view({ lang, status: 'closed-unverified' }), LINKS);

      // Assess
      expect(forms(page)).toEqual([]);
      expect(page).not.toContain('2026-12-25');
      expect(page).toContain(`<a href="${LINKS.policyUrl}">`);
    });

    it('says something different about each status', () => {
      // Act
      const pages = STATUSES.map((status) =>
        visibleText(renderStatusPage(policy, view({ lang, status }), LINKS)),
      );

      // Assess
      expect(new Set(pages).size).toBe(STATUSES.length);
    });
  });

  it.each([
    ['2026-01-01', 'nb', '1. januar 2026'],
    ['2026-12-31', 'en', '31 December 2026'],
    ['2027-03-01', 'nb', '1. mars 2027'],
  ] as const)('formats %s in %s as "%s" from the digits, whatever the time zone', (date, lang, expected) => {
    // Act
    const page = renderStatusPage(policy, view({ lang, receivedDate: date }), LINKS);

    // Assess
    expect(page).toContain(`<time datetime="${date}">${expected}</time>`);
  });

  it('shows a date it cannot read as it came, escaped, rather than a made-up one', () => {
    // Act
    const page = renderStatusPage(policy, view({ receivedDate: '2026-13-01<b>' }), LINKS);

    // Assess
    expect(page).toContain('<dd>2026-13-01&lt;b&gt;</dd>');
  });

  it('uses the other language for the same request', () => {
    // Act
    const nb = renderStatusPage(policy, view({ lang: 'nb' }), LINKS);
    const en = renderStatusPage(policy, view({ lang: 'en' }), LINKS);

    // Assess
    expect(h1(nb)).not.toBe(h1(en));
    expect(nb).toContain('Rett til innsyn');
    expect(en).toContain('Right of access');
  });

  it('escapes a hostile id, controller name and link everywhere they appear', () => {
    // Prepare
    const hostile = '"><script>alert(1)</script><a href=\'x';
    const links = { ...LINKS, verifyUrl: `https://x/"onmouseover="alert(1)` };

    // Act
    const page = renderStatusPage(policy, view({ id: hostile, controllerName: hostile }), links);

    // Assess
    expect(page).not.toContain('<script');
    expect(page).not.toContain('"onmouseover="');
    expect(page).toContain('<dd>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&#39;x</dd>');
    expect(page).toContain('action="https://x/&quot;onmouseover=&quot;alert(1)"');
  });

  it.each([
    ['nb', 'Gjelder barnet'],
    ['en', 'About your child'],
  ] as const)('names the child a guardian asks for, escaped (%s)', (lang, label) => {
    // Act
    const forChild = renderStatusPage(policy, view({ lang, aboutChild: 'Ola <b>Nordmann</b>' }), LINKS);
    const own = renderStatusPage(policy, view({ lang }), LINKS);

    // Assess
    expect(forChild).toContain(`<dt>${label}</dt>\n<dd>Ola &lt;b&gt;Nordmann&lt;/b&gt;</dd>`);
    expect(own).not.toContain(label);
  });

  it('still names a request type the policy no longer offers', () => {
    // Prepare
    const policy = sterkPolicy();
    const trimmed = { ...policy, rights: policy.rights.filter((r) => r.kind !== 'request') };

    // Act
    const page = renderStatusPage(trimmed, view({ type: 'erasure' }), LINKS);

    // Assess
    expect(page).toContain('<dd>erasure</dd>');
  });
});

describe('Function: renderVerificationPage', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    it.each(VERIFICATION_OUTCOMES.map((outcome) => [outcome.kind, outcome] as const))(
      'renders %s as a safe document with the notice linked',
      (_kind, outcome) => {
        // Act
        const page = renderVerificationPage(outcome, lang, LINKS);

        // Assess
        expectSafeDocument(page, lang);
        expect(page).toContain(`<a href="${LINKS.policyUrl}">`);
      },
    );

    it('gives every outcome its own heading', () => {
      // Act
      const headings = VERIFICATION_OUTCOMES.map((outcome) =>
        h1(renderVerificationPage(outcome, lang, LINKS)),
      );

      // Assess
      expect(new Set(headings).size).toBe(VERIFICATION_OUTCOMES.length);
    });

    it('links the status page after a verified code when there is one, and not otherwise', () => {
      // Act
      const withLink = renderVerificationPage({ kind: 'verified' }, lang, LINKS);
      const withoutLink = renderVerificationPage({ kind: 'verified' }, lang, {
        ...LINKS,
        statusUrl: undefined,
      });

      // Assess
      expect(withLink).toContain('href="https://api.example.no/v1/requests/R-1?token=s3cret"');
      expect(withoutLink).not.toContain('token=s3cret');
      expect(forms(withLink)).toEqual([]);
    });

    it.each([
      [1, { nb: 'Du har 1 forsøk igjen.', en: 'You have 1 attempt left.' }],
      [4, { nb: 'Du har 4 forsøk igjen.', en: 'You have 4 attempts left.' }],
    ])('after a wrong code with %i attempts left, says so and shows the code form again', (left, text) => {
      // Act
      const page = renderVerificationPage({ kind: 'wrong-code', attemptsLeft: left }, lang, LINKS);

      // Assess
      expect(page).toContain(`<p>${text[lang]}</p>`);
      expectCodeForm(page, lang);
      expect(codeInput(page)?.attributes['aria-invalid']).toBe('true');
      expect(codeInput(page)?.attributes['aria-describedby']).toContain('f-code-error');
      expect(forms(page)).toEqual([LINKS.verifyUrl, LINKS.resendUrl]);
    });

    it('treats a wrong code with no attempts left as a burned code', () => {
      // Act
      const page = renderVerificationPage({ kind: 'wrong-code', attemptsLeft: 0 }, lang, LINKS);

      // Assess
      expect(page).toBe(renderVerificationPage({ kind: 'code-burned' }, lang, LINKS));
    });

    it.each(['code-burned', 'code-expired'] as const)('after %s, offers only a new code', (kind) => {
      // Act
      const page = renderVerificationPage({ kind }, lang, LINKS);

      // Assess
      expect(forms(page)).toEqual([LINKS.resendUrl]);
      expect(codeInput(page)).toBeUndefined();
      expect(page).toContain(`<input type="hidden" name="lang" value="${lang}">`);
    });

    it('says a code expires after 24 hours', () => {
      // Act
      const page = renderVerificationPage({ kind: 'code-expired' }, lang, LINKS);

      // Assess
      expect(visibleText(page)).toContain(lang === 'nb' ? '24 timer' : '24 hours');
    });

    it('offers no forms for a closed request', () => {
      // Act
      const page = renderVerificationPage({ kind: 'request-closed' }, lang, LINKS);

      // Assess
      expect(forms(page)).toEqual([]);
    });
  });
});

describe('Function: renderResendPage', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    it.each(RESEND_OUTCOMES.map((outcome) => [outcome.kind, outcome] as const))(
      'renders %s as a safe document with the notice linked',
      (_kind, outcome) => {
        // Act
        const page = renderResendPage(outcome, lang, LINKS);

        // Assess
        expectSafeDocument(page, lang);
        expect(page).toContain(`<a href="${LINKS.policyUrl}">`);
      },
    );

    it('gives every outcome its own heading', () => {
      // Act
      const headings = RESEND_OUTCOMES.map((outcome) => h1(renderResendPage(outcome, lang, LINKS)));

      // Assess
      expect(new Set(headings).size).toBe(RESEND_OUTCOMES.length);
    });

    it('shows the code form after sending a new code', () => {
      // Act
      const page = renderResendPage({ kind: 'sent' }, lang, LINKS);

      // Assess
      expectCodeForm(page, lang);
      expect(forms(page)).toEqual([LINKS.verifyUrl]);
    });

    it('links the status page, with no forms, when the address is already verified', () => {
      // Act
      const page = renderResendPage({ kind: 'already-verified' }, lang, LINKS);

      // Assess
      expect(forms(page)).toEqual([]);
      expect(page).toContain('href="https://api.example.no/v1/requests/R-1?token=s3cret"');
    });

    it('offers no forms for a closed request', () => {
      // Act
      const page = renderResendPage({ kind: 'request-closed' }, lang, LINKS);

      // Assess
      expect(forms(page)).toEqual([]);
    });
  });

  it.each([
    [42, 'nb', '42 sekunder'],
    [1, 'en', '1 second'],
    [0.2, 'en', '1 second'],
    [59, 'en', '59 seconds'],
    [60, 'nb', '1 minutt'],
    [60, 'en', '1 minute'],
    [61, 'en', '2 minutes'],
    [600, 'nb', '10 minutter'],
  ] as const)('after %s seconds too soon, in %s, asks to wait %s', (seconds, lang, wait) => {
    // Act
    const page = renderResendPage({ kind: 'too-soon', retryAfterSeconds: seconds }, lang, LINKS);

    // Assess
    expect(visibleText(page)).toContain(` ${wait}.`);
    expectCodeForm(page, lang);
  });
});

describe('Function: renderNotFoundPage', () => {
  it.each(LANGUAGES)(
    'in %s, is a safe document that says to use the whole link, and links nothing',
    (lang) => {
      // Act
      const page = renderNotFoundPage(lang);

      // Assess
      expectSafeDocument(page, lang);
      expect(visibleText(page)).toContain(
        lang === 'nb'
          ? 'Sjekk at du brukte hele lenken fra e-posten.'
          : 'Check that you used the whole link from the email.',
      );
      expect(page).not.toMatch(/<a\s|<form/);
    },
  );

  it('is the same page every time in one language, and another page in the other', () => {
    // Act
    const first = renderNotFoundPage('en');
    const second = renderNotFoundPage('en');

    // Assess
    expect(second).toBe(first);
    expect(renderNotFoundPage('nb')).not.toBe(first);
  });

  it('takes no argument about the request, so it cannot reveal whether the id or the token was wrong', () => {
    // Assess
    expect(renderNotFoundPage.length).toBe(1);
  });
});

describe('Function: nextStepText', () => {
  it.each(LANGUAGES)('in %s, says a different sentence for each status', (lang) => {
    // Act
    const sentences = STATUSES.map((status) => nextStepText(status, lang));

    // Assess
    expect(new Set(sentences).size).toBe(STATUSES.length);
    for (const sentence of sentences) expect(sentence).toMatch(/^[A-ZÆØÅ].{20,}\.$/);
  });

  it.each(STATUSES)('for %s, differs between the languages', (status) => {
    // Assess
    expect(nextStepText(status, 'nb')).not.toBe(nextStepText(status, 'en'));
  });
});

describe('Constant: REQUEST_PAGE_STYLE', () => {
  it('extends the forms stylesheet, so the pages look like the form the requester used', () => {
    // Assess
    expect(REQUEST_PAGE_STYLE.startsWith(FORM_PAGE_STYLE)).toBe(true);
    expect(REQUEST_PAGE_STYLE.length).toBeGreaterThan(FORM_PAGE_STYLE.length);
    expect(REQUEST_PAGE_STYLE).not.toContain('</style');
  });
});

describe('Function: renderConfirmLinkPage', () => {
  it.each(LANGUAGES)(
    'puts the emailed code into a form that posts it, and confirms nothing itself (%s)',
    (lang) => {
      // Act
      const page = renderConfirmLinkPage('042917', lang, LINKS);

      // Assess
      expectSafeDocument(page, lang);
      expect(page).toContain(`<form method="post" action="${LINKS.verifyUrl.replaceAll('&', '&amp;')}"`);
      expect(page).toContain('name="code" value="042917"');
      expect(page).toContain(`<input type="hidden" name="lang" value="${lang}">`);
    },
  );

  it.each(['12345', '1234567', '"><script>alert(1)</script>', 'abcdef'])(
    'leaves the field empty for a code that is not six digits: %s',
    (code) => {
      // Act
      const page = renderConfirmLinkPage(code, 'nb', LINKS);

      // Assess
      expect(page).toContain('name="code"');
      expect(page).not.toMatch(/name="code" value=/);
      expect(page).not.toContain('<script');
    },
  );
});
