import {
  FORM_PAGE_STYLE,
  FORM_SCRIPT,
  formPageFor,
  frameAncestors,
  renderContactForm,
  renderFormPage,
  renderRequestForm,
  renderThankYouPage,
  thankYouOrigins,
} from '../../../lambdas/domain/forms/render';
import { escapeHtml } from '../../../lambdas/domain/policy/html';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import { sterkDocument, sterkPolicy } from '../policy/sterk-fixture';

const LANGUAGES = ['nb', 'en'] as const;

const FORMS = [
  ['contact', renderContactForm],
  ['request', renderRequestForm],
] as const;

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

const controls = (page: string) =>
  tags(page, ['input', 'select', 'textarea']).filter((control) => control.attributes.type !== 'hidden');

function control(page: string, name: string): Tag {
  const found = controls(page).find((candidate) => candidate.attributes.name === name);
  if (found === undefined) throw new Error(`No control named ${name}`);
  return found;
}

/** The markup between a start tag matching `open` and its `close`. */
function between(page: string, open: RegExp, close: string): string {
  const start = page.search(open);
  if (start < 0) throw new Error(`No ${open}`);
  return page.slice(start, page.indexOf(close, start) + close.length);
}

describe('Functions: renderContactForm and renderRequestForm', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    describe.each(FORMS)('the %s form', (_form, render) => {
      const policy = sterkPolicy();
      const page = render(policy, lang);

      it('is a complete HTML document in the right language with exactly one h1', () => {
        // Assess
        expect(page.startsWith('<!doctype html>\n')).toBe(true);
        expect(page).toContain(`<html lang="${lang}">`);
        expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
        expect(page.trimEnd().endsWith('</html>')).toBe(true);
      });

      it('gives every visible control a label of its own', () => {
        // Prepare
        const all = controls(page);

        // Assess
        expect(all.length).toBeGreaterThan(4);
        for (const { attributes } of all) {
          expect(attributes.id).toMatch(/^f-/);
          expect(page.match(new RegExp(`<label for="${attributes.id}">`, 'g'))).toHaveLength(1);
        }
        expect(new Set(all.map((c) => c.attributes.id)).size).toBe(all.length);
      });

      it('says how to fill in every text field with an autocomplete attribute', () => {
        // Prepare
        const textual = controls(page).filter(
          ({ attributes }) => attributes.type !== 'radio' && attributes.type !== 'checkbox',
        );

        // Assess
        for (const { attributes } of textual) expect(attributes.autocomplete).toMatch(/^[a-z]+$/);
      });

      it('points every aria-describedby at an element that exists', () => {
        // Assess
        for (const { attributes } of controls(page)) {
          for (const id of (attributes['aria-describedby'] ?? '').split(' ').filter(Boolean)) {
            expect(page).toContain(`id="${id}"`);
          }
        }
      });

      it.each([
        ['name', true, { type: 'text', autocomplete: 'name', maxlength: '200' }],
        ['email', true, { type: 'email', autocomplete: 'email' }],
        ['phone', false, { type: 'tel', autocomplete: 'tel' }],
      ])('asks for %s (required: %s) as %o', (name, required, expected) => {
        // Act
        const { attributes } = control(page, name);

        // Assess
        expect(attributes).toMatchObject(expected);
        expect('required' in attributes).toBe(required);
      });

      it('lists every controller by legal name, with only the main one preselected', () => {
        // Prepare
        const select = between(page, /<select /, '</select>');
        const options = tags(select, ['option']);

        // Assess
        expect(options.map((option) => option.attributes.value)).toEqual(policy.controllers.map((c) => c.id));
        expect(
          options.filter((option) => 'selected' in option.attributes).map((o) => o.attributes.value),
        ).toEqual(['sterk-helse-og-trening']);
        for (const controller of policy.controllers)
          expect(select).toContain(escapeHtml(controller.legalName));
      });

      it('carries the page language in a hidden field', () => {
        // Assess
        expect(page).toContain(`<input type="hidden" name="lang" value="${lang}">`);
      });

      it('has a honeypot that bots fill and people never meet', () => {
        // Prepare
        const wrapper = between(page, /<div class="hp"/, '</div>');
        const honeypot = control(page, 'website');

        // Assess
        expect(wrapper).toMatch(/^<div class="hp" aria-hidden="true">/);
        expect(wrapper).toContain('<label for="f-website">');
        expect(wrapper).toContain('name="website"');
        expect(honeypot.attributes).toMatchObject({ type: 'text', tabindex: '-1', autocomplete: 'off' });
        expect(honeypot.attributes).not.toHaveProperty('required');
        expect(FORM_PAGE_STYLE).toMatch(/\.hp \{ position: absolute; left: -10000px;/);
      });

      it('posts urlencoded, links to the notice in its language, and loads exactly the exported style and script', () => {
        // Prepare
        const [form] = tags(page, ['form']);

        // Assess
        expect(form?.attributes).toMatchObject({
          method: 'post',
          enctype: 'application/x-www-form-urlencoded',
          'data-enhance': '',
        });
        expect(page).toContain(`<a href="/policy?lang=${lang}">`);
        expect(page.match(/<style/g)).toHaveLength(1);
        expect(page).toContain(`<style>${FORM_PAGE_STYLE}</style>`);
        expect(page.match(/<script/g)).toHaveLength(1);
        expect(page).toContain(`<script>${FORM_SCRIPT}</script>`);
        expect(page).not.toMatch(/\son[a-z]+=/i);
      });

      it('has an empty error summary that announces itself, and a hidden error slot for every field people see', () => {
        // Assess
        expect(page).toContain(
          '<div id="form-errors" class="error-summary" role="alert" tabindex="-1"></div>',
        );
        for (const { attributes } of controls(page).filter((c) => c.attributes.name !== 'website')) {
          const name = attributes.name ?? '';
          const slot = `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}-error`;
          expect(page).toContain(`<p class="field-error" id="${slot}" hidden></p>`);
        }
      });
    });

    describe('the contact form', () => {
      const policy = sterkPolicy();
      const page = renderContactForm(policy, lang);

      it('posts to /contact and asks for a message of at most 5,000 characters', () => {
        // Assess
        expect(tags(page, ['form'])[0]?.attributes.action).toBe('/contact');
        expect(control(page, 'message')).toEqual({
          tag: 'textarea',
          attributes: expect.objectContaining({ required: '', 'data-maxlength': '5000' }),
        });
        // A maxlength would cut pasted text without a word; the script counts instead.
        expect(control(page, 'message').attributes).not.toHaveProperty('maxlength');
      });

      it('sends exactly the fields of the contact API', () => {
        // Act
        const names = tags(page, ['input', 'select', 'textarea']).map((tag) => tag.attributes.name);

        // Assess
        expect(names.sort()).toEqual([
          'controller',
          'email',
          'lang',
          'message',
          'name',
          'phone',
          'policyNotices',
          'website',
        ]);
      });

      it('says how the policy uses what people write', () => {
        // Assess
        expect(page).toContain(escapeHtml(policy.contactForm.use[lang]));
      });
    });

    describe('the request form', () => {
      const policy = sterkPolicy();
      const page = renderRequestForm(policy, lang);
      const offered = policy.rights.flatMap((right) => (right.kind === 'request' ? [right] : []));

      it('posts to /requests', () => {
        // Assess
        expect(tags(page, ['form'])[0]?.attributes.action).toBe('/requests');
      });

      it('offers every request right of the policy as a radio, in order, with its title and description', () => {
        // Prepare
        const group = between(page, /<fieldset class="field">/, '</fieldset>');

        // Act
        const radios = tags(group, ['input']).filter((tag) => tag.attributes.type === 'radio');

        // Assess
        expect(group).toMatch(/^<fieldset class="field">\n<legend>[^<]+<\/legend>/);
        expect(radios.map((radio) => radio.attributes.value)).toEqual(offered.map((right) => right.type));
        for (const right of offered) {
          const id = `f-type-${right.type}`;
          expect(group).toContain(`<label for="${id}">${escapeHtml(right.title[lang])}</label>`);
          expect(group).toContain(
            `<p class="hint" id="${id}-hint">${escapeHtml(right.description[lang])}</p>`,
          );
        }
        for (const radio of radios) expect(radio.attributes).toMatchObject({ name: 'type', required: '' });
      });

      it('does not offer the complaint, which is not a request', () => {
        // Assess
        const complaint = policy.rights.find((right) => right.kind === 'complaint');
        expect(complaint).toBeDefined();
        expect(page).not.toContain(escapeHtml(complaint?.title[lang] ?? '-'));
      });

      it('sends exactly the fields of the request API', () => {
        // Act
        const names = new Set(tags(page, ['input', 'select', 'textarea']).map((tag) => tag.attributes.name));

        // Assess
        expect([...names].sort()).toEqual([
          'birthDate',
          'controller',
          'details',
          'email',
          'lang',
          'name',
          'onBehalfOf.birthDate',
          'onBehalfOf.name',
          'onBehalfOf.relationship',
          'phone',
          'policyNotices',
          'type',
          'website',
        ]);
      });

      it('asks for dates as dates and details as text that rectification requires', () => {
        // Assess
        expect(control(page, 'birthDate').attributes).toMatchObject({ type: 'date', autocomplete: 'bday' });
        expect(control(page, 'onBehalfOf.birthDate').attributes).toMatchObject({ type: 'date' });
        expect(control(page, 'details')).toEqual({
          tag: 'textarea',
          attributes: expect.objectContaining({
            'data-maxlength': '5000',
            'aria-describedby': 'f-details-hint f-details-count',
          }),
        });
        expect(control(page, 'details').attributes).not.toHaveProperty('required');
        const hint = between(page, /<p class="hint" id="f-details-hint">/, '</p>');
        expect(hint).toMatch(lang === 'nb' ? /retting.*feil.*riktig/ : /rectification.*wrong.*right/);
      });

      it('groups the optional child fields under a legend with the age rule and a guardian checkbox', () => {
        // Prepare
        const group = between(page, /<fieldset>\n<legend>[^<]*(barn|child)/, '</fieldset>');

        // Assess
        expect(group).toContain(lang === 'nb' ? 'under 18 år' : 'under 18');
        expect(control(group, 'onBehalfOf.name').attributes).toMatchObject({
          type: 'text',
          autocomplete: 'off',
        });
        expect(control(group, 'onBehalfOf.relationship').attributes).toMatchObject({
          type: 'checkbox',
          value: 'guardian',
        });
        expect(group).toContain(
          lang === 'nb' ? 'Jeg har foreldreansvar for barnet' : 'I am the child&#39;s guardian',
        );
        for (const { attributes } of controls(group)) expect(attributes).not.toHaveProperty('required');
      });
    });

    describe('the request form where ID-porten is offered', () => {
      const policy = sterkPolicy();
      const page = renderRequestForm(policy, lang, { eidOffered: true });
      const legend =
        lang === 'nb' ? 'Hvordan vil du bekrefte hvem du er?' : 'How do you want to confirm who you are?';
      const group = () => {
        const start = page.indexOf(`<fieldset class="field">\n<legend>${legend}</legend>`);
        expect(start).toBeGreaterThan(0);
        return page.slice(start, page.indexOf('</fieldset>', start));
      };

      it('asks how to confirm, with the emailed code chosen and ID-porten as the other radio', () => {
        // Act
        const radios = tags(group(), ['input']);

        // Assess
        expect(radios.map(({ attributes }) => [attributes.type, attributes.name, attributes.value])).toEqual([
          ['radio', 'verification', 'email'],
          ['radio', 'verification', 'eid'],
        ]);
        expect(radios.map(({ attributes }) => 'checked' in attributes)).toEqual([true, false]);
        for (const { attributes } of radios) expect(attributes).not.toHaveProperty('required');
      });

      it('labels each way and says what it means for the identity check', () => {
        // Prepare
        const words = {
          nb: {
            email: 'Med koden vi sender på e-post',
            eid: 'Med ID-porten (BankID, MinID, Buypass eller Commfides)',
            emailHint: /helseopplysninger.*for hånd/,
            eidHint: /raskeste.*helseopplysninger.*kode på e-post/,
          },
          en: {
            email: 'With the code we send by email',
            eid: 'With ID-porten (BankID, MinID, Buypass or Commfides)',
            emailHint: /health information.*by hand/,
            eidHint: /quickest.*health information.*code by email/,
          },
        }[lang];

        // Assess
        expect(group()).toContain(`<label for="f-verification-email">${words.email}</label>`);
        expect(group()).toContain(`<label for="f-verification-eid">${words.eid}</label>`);
        expect(between(page, /<p class="hint" id="f-verification-email-hint">/, '</p>')).toMatch(
          words.emailHint,
        );
        expect(between(page, /<p class="hint" id="f-verification-eid-hint">/, '</p>')).toMatch(words.eidHint);
        expect(group()).toContain('<p class="field-error" id="f-verification-error" hidden></p>');
      });

      it('comes after the fields about the requester and before the details', () => {
        // Prepare
        const aboutYou = page.indexOf(`<legend>${lang === 'nb' ? 'Om deg' : 'About you'}</legend>`);
        const verification = page.indexOf(`<legend>${legend}</legend>`);

        // Assess
        expect(aboutYou).toBeGreaterThan(0);
        expect(verification).toBeGreaterThan(page.indexOf('</fieldset>', aboutYou));
        expect(verification).toBeLessThan(page.indexOf('name="details"'));
      });

      it('keeps one label per control and describes the radios with hints that exist', () => {
        // Prepare
        const all = controls(page);

        // Assess
        expect(new Set(all.map((c) => c.attributes.id)).size).toBe(all.length);
        for (const { attributes } of all) {
          expect(page.match(new RegExp(`<label for="${attributes.id}">`, 'g'))).toHaveLength(1);
          for (const id of (attributes['aria-describedby'] ?? '').split(' ').filter(Boolean)) {
            expect(page).toContain(`id="${id}"`);
          }
        }
      });

      it('is the plain request form when ID-porten is not offered', () => {
        // Act
        const plain = renderRequestForm(policy, lang);

        // Assess
        expect(renderRequestForm(policy, lang, { eidOffered: false })).toBe(plain);
        expect(plain).not.toContain('name="verification"');
        // The script is the same for every form page (one CSP hash); the markup must not mention eID.
        expect(plain.replace(/<script>[\s\S]*<\/script>/, '')).not.toContain('ID-porten');
        expect(page).not.toBe(plain);
      });

      it('is what renderFormPage gives when asked to offer ID-porten', () => {
        // Act & Assess
        expect(renderFormPage(policy, 'request', lang, { eidOffered: true })).toBe(page);
      });
    });
  });

  it.each([
    [
      'without portability',
      (document: PolicyDocumentJson) => dropRight(document, 'portability'),
      'portability',
    ],
    ['without erasure', (document: PolicyDocumentJson) => dropRight(document, 'erasure'), 'erasure'],
  ])('follows the policy: a policy %s offers no such radio', (_, change, type) => {
    // Prepare
    const document = sterkDocument();
    change(document);

    // Act
    const page = renderRequestForm(document as PolicyDocument, 'en');

    // Assess
    expect(page).not.toContain(`value="${type}"`);
    expect(page).toContain('value="access"');
  });

  it("states the policy's own guardian age and preselects whichever controller is main", () => {
    // Prepare
    const document = sterkDocument();
    document.ageRules[0].belowAge = 16;
    document.controllers[0].main = false;
    document.controllers[2].main = true;

    // Act
    const page = renderRequestForm(document as PolicyDocument, 'en');

    // Assess
    expect(page).toContain('on behalf of a child under 16.');
    expect(page).toContain('<option value="sterk-helse" selected>');
    expect(page).toContain('<option value="sterk-helse-og-trening">');
  });

  it.each(FORMS)('escapes every string taken from the policy in the %s form', (_form, render) => {
    // Prepare
    const document = sterkDocument();
    document.rights[0].title.nb = '<script>alert("x")</script>';
    document.rights[0].description.nb = '<img src=x onerror=alert(1)>';
    document.controllers[1].legalName = '</option><script>alert(2)</script>';
    document.contactForm.use.nb = 'Bruk & "misbruk"';

    // Act
    const page = render(document as PolicyDocument, 'nb');

    // Assess
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;/option&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    if (_form === 'request') {
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    } else {
      expect(page).toContain('Bruk &amp; &quot;misbruk&quot;');
    }
  });

  it.each([
    ['an https thank-you page', 'https://sterkhelse.no/takk', 'data-thank-you="https://sterkhelse.no/takk"'],
    ['a javascript: address', 'javascript:alert(1)', undefined],
    ['a plain http address', 'http://sterkhelse.no/takk', undefined],
  ])("hands the script a controller's own thank-you page only when it is %s", (_, url, expected) => {
    // Prepare
    const document = sterkDocument();
    document.controllers[1].thankYouUrl = url;

    // Act
    const page = renderContactForm(document as PolicyDocument, 'nb');

    // Assess
    if (expected === undefined) expect(page).not.toContain('data-thank-you="http');
    else expect(page).toContain(`<option value="sterk-hasle" ${expected}>`);
  });

  it.each([
    ['', '/contact', '/policy?lang=en', '/forms/thank-you?form=contact&amp;lang=en'],
    ['..', '../contact', '../policy?lang=en', '../forms/thank-you?form=contact&amp;lang=en'],
    [
      'https://api.sterkhelse.no/v1',
      'https://api.sterkhelse.no/v1/contact',
      'https://api.sterkhelse.no/v1/policy?lang=en',
      'https://api.sterkhelse.no/v1/forms/thank-you?form=contact&amp;lang=en',
    ],
  ])('with baseUrl %j posts to %s and links to %s', (baseUrl, action, policyLink, thankYou) => {
    // Act
    const page = renderContactForm(sterkPolicy(), 'en', { baseUrl });

    // Assess
    expect(page).toContain(`action="${action}"`);
    expect(page).toContain(`<a href="${policyLink}">`);
    expect(page).toContain(`data-thank-you="${thankYou}"`);
  });

  it('posts wherever the action option says', () => {
    // Act
    const page = renderRequestForm(sterkPolicy(), 'nb', { action: 'https://api.example/v1/requests' });

    // Assess
    expect(tags(page, ['form'])[0]?.attributes.action).toBe('https://api.example/v1/requests');
  });
});

type PolicyDocumentJson = ReturnType<typeof sterkDocument>;

function dropRight(document: PolicyDocumentJson, type: string): void {
  document.rights = document.rights.filter((right: { type?: string }) => right.type !== type);
}

describe('Function: renderThankYouPage', () => {
  it.each([
    ['contact', 'nb', 'Takk for meldingen', /bekreftelse/],
    ['contact', 'en', 'Thank you for your message', /confirmation/],
    ['request', 'nb', 'Sjekk e-posten din', /kode på seks siffer/],
    ['request', 'en', 'Check your email', /six-digit code/],
  ] as const)('for the %s form in %s says %j', (form, lang, title, says) => {
    // Act
    const page = renderThankYouPage(sterkPolicy(), lang, { form });

    // Assess
    expect(page).toContain(`<html lang="${lang}">`);
    expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page).toContain(`<h1>${title}</h1>`);
    expect(page).toMatch(says);
    expect(page).toContain(`<a href="/policy?lang=${lang}">`);
    expect(page).toContain(`<a href="?form=${form}&amp;lang=${lang === 'nb' ? 'en' : 'nb'}"`);
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<form');
  });
});

describe('Function: formPageFor', () => {
  it.each([
    ['contact', undefined, 'contact'],
    ['request', 'contact', 'request'],
    ['thank-you', 'contact', 'thank-you-contact'],
    ['thank-you', 'request', 'thank-you-request'],
    ['thank-you', undefined, undefined],
    ['thank-you', 'thank-you', undefined],
    ['thank-you-contact', undefined, undefined],
    ['policy', undefined, undefined],
    [undefined, undefined, undefined],
  ])('maps /forms/%s?form=%s to %s', (form, thankYouFor, expected) => {
    // Act & Assess
    expect(formPageFor(form, thankYouFor)).toBe(expected);
  });
});

describe('Function: renderFormPage', () => {
  it.each([
    ['contact', renderContactForm(sterkPolicy(), 'en')],
    ['request', renderRequestForm(sterkPolicy(), 'en')],
    ['thank-you-contact', renderThankYouPage(sterkPolicy(), 'en', { form: 'contact' })],
    ['thank-you-request', renderThankYouPage(sterkPolicy(), 'en', { form: 'request' })],
  ] as const)('renders %s like its own renderer', (formPage, expected) => {
    // Act & Assess
    expect(renderFormPage(sterkPolicy(), formPage, 'en')).toBe(expected);
  });
});

describe('Function: thankYouOrigins', () => {
  it('lists the distinct https origins of the controllers that have their own thank-you page', () => {
    // Prepare
    const document = sterkDocument();
    document.controllers[0].thankYouUrl = 'https://sterkhelse.no/takk';
    document.controllers[1].thankYouUrl = 'https://sterkhelse.no/thanks?x=1';
    document.controllers[2].thankYouUrl = 'http://insecure.example/takk';

    // Act
    const origins = thankYouOrigins(document as PolicyDocument);

    // Assess
    expect(origins).toEqual(['https://sterkhelse.no']);
    expect(thankYouOrigins(sterkPolicy())).toEqual([]);
  });
});

describe('Framing by the website', () => {
  const WEBSITE = ['https://www.sterkhelse.no', 'http://localhost:3000'];

  it.each(['contact', 'request', 'thank-you-contact', 'thank-you-request'] as const)(
    'names the website’s origins on the %s page’s body and carries the one script',
    (formPage) => {
      // Act
      const page = renderFormPage(sterkPolicy(), formPage, 'nb', { embedders: WEBSITE });

      // Assess
      expect(page).toContain('<body data-embedders="https://www.sterkhelse.no http://localhost:3000">');
      expect(page.match(/<script>/g)).toHaveLength(1);
      expect(page).toContain(`<script>${FORM_SCRIPT}</script>`);
    },
  );

  it('lists the origins as frame-ancestors, or none', () => {
    // Assess
    expect(frameAncestors(WEBSITE)).toBe('https://www.sterkhelse.no http://localhost:3000');
    expect(frameAncestors([])).toBe("'none'");
  });
});
