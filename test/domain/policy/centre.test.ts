import { renderPrivacyCentre } from '../../../lambdas/domain/policy/centre';
import { escapeHtml } from '../../../lambdas/domain/policy/html';
import { POLICY_PAGE_STYLE } from '../../../lambdas/domain/policy/page-style';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import { bundleModule } from '../../support/bundle';
import { sterkDocument, sterkPolicy } from './sterk-fixture';

const LANGUAGES = ['nb', 'en'] as const;

/** What the page says in each language, written out so a changed word fails here. */
const WORDS = {
  nb: {
    title: 'Personvern hos STERK',
    switchTo: 'Read this in English',
    policy: 'Les personvernerklæringen',
    request: 'Send en forespørsel',
    contact: 'Kontakt oss',
    check: 'Følg med på en forespørsel',
    receipt: 'kvittering på e-post',
    rights: 'rett til innsyn, rett til retting',
    deadline: 'personvernforordningen artikkel 12 nr. 3',
    controller: 'personvernforordningen artikkel 4 nr. 7',
    complaint: 'personvernforordningen artikkel 77',
    org: 'Org.nr.',
    activities: 'klinikk og treningssenter',
  },
  en: {
    title: 'Privacy at STERK',
    switchTo: 'Les på norsk',
    policy: 'Read the privacy notice',
    request: 'Make a request',
    contact: 'Contact us',
    check: 'Follow a request',
    receipt: 'emailed you a receipt',
    rights: 'right of access, right to rectification',
    deadline: 'GDPR Article 12(3)',
    controller: 'GDPR Article 4(7)',
    complaint: 'GDPR Article 77',
    org: 'Org. no.',
    activities: 'clinic and gym',
  },
} as const;

function headingLevels(page: string): number[] {
  return [...page.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
}

/** The text of the element that starts at the first match of `start`, up to its closing tag. */
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('Function: renderPrivacyCentre', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const policy = sterkPolicy();
    const page = renderPrivacyCentre(policy, lang);
    const w = WORDS[lang];

    it('is a complete HTML document in the right language, with a viewport for phones', () => {
      // Assess
      expect(page.startsWith('<!doctype html>\n')).toBe(true);
      expect(page).toContain(`<html lang="${lang}">`);
      expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(page).toContain(`<title>${w.title}</title>`);
      expect(page.trimEnd().endsWith('</html>')).toBe(true);
    });

    it('has the landmarks, exactly one h1, and never skips a heading level', () => {
      // Act
      const levels = headingLevels(page);

      // Assess
      for (const tag of ['<header>', '<main>', '<footer>']) expect(page.split(tag)).toHaveLength(2);
      expect(page).toContain(`<h1>${w.title}</h1>`);
      expect(levels.filter((level) => level === 1)).toHaveLength(1);
      expect(levels[0]).toBe(1);
      levels.forEach((level, index) => {
        expect(level).toBeLessThanOrEqual((levels[index - 1] ?? 0) + 1);
      });
    });

    it('labels each section by its heading', () => {
      // Assess
      for (const id of ['tasks', 'who']) {
        expect(page).toContain(`<section id="${id}" aria-labelledby="${id}-title">`);
        expect(page).toMatch(new RegExp(`<h2 id="${id}-title">[^<]+</h2>`));
      }
    });

    it('leads to the notice, the request form and the contact form in the same language', () => {
      // Assess
      expect(page).toContain(`<a href="./policy?lang=${lang}">${w.policy}</a>`);
      expect(page).toContain(`<a href="./forms/request?lang=${lang}">${w.request}</a>`);
      expect(page).toContain(`<a href="./forms/contact?lang=${lang}">${w.contact}</a>`);
    });

    it('names the request rights the policy offers, and the answer deadline with its article', () => {
      // Prepare
      const requestRights = policy.rights.filter((right) => right.kind === 'request');

      // Assess
      expect(requestRights.length).toBeGreaterThan(0);
      for (const right of requestRights)
        expect(page.toLowerCase()).toContain(right.title[lang].toLowerCase());
      expect(page).toContain(w.rights);
      expect(page).toContain(w.deadline);
    });

    it('says how to follow a request through the emailed link, and offers no lookup by email', () => {
      // Act
      const check = page.slice(
        page.indexOf('<li id="check">'),
        page.indexOf('</li>', page.indexOf('<li id="check">')),
      );

      // Assess
      expect(check).toContain(`<h3>${w.check}</h3>`);
      expect(check).toContain(w.receipt);
      // A lookup by address would tell anyone whether a person has filed a request: none here.
      expect(page).not.toMatch(/<form|<input|<button/);
      expect(page).not.toContain('/requests/');
    });

    it('names every company as controller with org number, address, activities and privacy contact', () => {
      // Act
      const who = sectionOf(page, 'who');

      // Assess
      expect(who).toContain(w.controller);
      for (const controller of policy.controllers) {
        const { street, postalCode, city } = controller.address;
        expect(who).toContain(`<h3>${escapeHtml(controller.legalName)}</h3>`);
        expect(who).toContain(
          `<dt>${w.org}</dt><dd>${controller.orgNumber.replace(/(\d{3})(?=\d)/g, '$1 ')}</dd>`,
        );
        expect(who).toContain(escapeHtml(`${street}, ${postalCode} ${city}`));
        expect(who).toContain(
          `<a href="mailto:${controller.privacyContactEmail}">${controller.privacyContactEmail}</a>`,
        );
      }
      expect(who).toContain(w.activities);
    });

    it('gives every contact channel as a working link, and the contact form', () => {
      // Act
      const who = sectionOf(page, 'who');

      // Assess
      expect(who).toContain('<a href="mailto:kundeservice@sterkhelse.no">kundeservice@sterkhelse.no</a>');
      expect(who).toContain('<a href="tel:+4721082800">21 08 28 00</a>');
      expect(who).toContain(`<a href="./forms/contact?lang=${lang}">`);
      for (const channel of policy.contactChannels)
        expect(who).toContain(escapeHtml(channel.description[lang]));
    });

    it('points to the complaint to the supervisory authority, with its article', () => {
      // Assess
      expect(page).toContain(w.complaint);
      expect(page).toContain(policy.supervisoryAuthority.name);
      expect(page).toContain(`<a href="./policy?lang=${lang}#right-complaint">`);
    });

    it('states which version of the notice its facts come from', () => {
      // Assess
      const date = lang === 'nb' ? '6. desember 2026' : '6 December 2026';
      expect(page).toContain(`<time datetime="2026-12-06">${date}</time>`);
      expect(page).toContain('1.1.0');
    });

    it('links to the other language', () => {
      // Assess
      const other = lang === 'nb' ? 'en' : 'nb';
      expect(page).toContain(
        `<a href="?lang=${other}" hreflang="${other}" lang="${other}">${w.switchTo}</a>`,
      );
      expect(page).toContain(`<link rel="alternate" hreflang="${other}" href="?lang=${other}">`);
    });

    it("has no scripts and exactly one style element: the notice's, so one CSP hash covers both", () => {
      // Assess
      expect(page).not.toMatch(/<script/i);
      expect(page).not.toMatch(/\son[a-z]+=/i);
      expect(page).not.toMatch(/\sstyle=/i);
      expect(page.match(/<style/g)).toHaveLength(1);
      expect(page).toContain(`<style>${POLICY_PAGE_STYLE}</style>`);
    });

    it('has no table, so nothing in it can be wider than a phone', () => {
      // Assess
      expect(page).not.toContain('<table');
    });
  });

  it('puts the links under the root it is given', () => {
    // Act
    const page = renderPrivacyCentre(sterkPolicy(), 'en', { root: '/v1' });

    // Assess
    expect(page).toContain('<a href="/v1/policy?lang=en">');
    expect(page).toContain('<a href="/v1/forms/request?lang=en">');
    expect(page).toContain('<a href="/v1/forms/contact?lang=en">');
    expect(page).not.toContain('href="./');
  });

  it('takes the companies and contacts from the document, so the page follows a change to it', () => {
    // Prepare
    const document = sterkDocument();
    document.controllers[2].legalName = 'STERK Nydalen AS';
    document.controllers[2].privacyContactEmail = 'personvern@nydalen.example';
    document.contactChannels[1].display = '22 22 22 22';

    // Act
    const page = renderPrivacyCentre(document as PolicyDocument, 'nb');

    // Assess
    expect(page).toContain('<h3>STERK Nydalen AS</h3>');
    expect(page).toContain('<a href="mailto:personvern@nydalen.example">');
    expect(page).toContain('>22 22 22 22</a>');
    expect(page).not.toContain('STERK Helse AS<');
  });

  it('escapes every string taken from the document', () => {
    // Prepare
    const document = sterkDocument();
    document.controllers[0].legalName = '<script>alert("x")</script> & Co';
    document.organisation.name = '<b>STERK</b>';
    document.contactChannels[0].description.nb = '<img src=x onerror=alert(1)>';

    // Act
    const page = renderPrivacyCentre(document as PolicyDocument, 'nb');

    // Assess
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(page).toContain('<h1>Personvern hos &lt;b&gt;STERK&lt;/b&gt;</h1>');
  });

  it('leaves the complaint line out when the document offers no complaint right', () => {
    // Prepare
    const document = sterkDocument();
    document.rights = document.rights.filter((right: { kind: string }) => right.kind !== 'complaint');

    // Act
    const page = renderPrivacyCentre(document as PolicyDocument, 'en');

    // Assess
    expect(page).not.toContain('#right-complaint');
    expect(page).toContain('Make a request');
  });

  it('bundles without zod or any package, and small: it rides in the policy function', async () => {
    // Act
    const { inputs, bytes } = await bundleModule('lambdas/domain/policy/centre.ts');

    // Assess
    expect(inputs.filter((input) => input.includes('node_modules/'))).toEqual([]);
    expect(inputs.some((input) => input.endsWith('policy/schema.ts'))).toBe(false);
    // About 18 KB today, most of it the shared stylesheet and the notice's words (i18n.ts).
    expect(bytes).toBeLessThan(24_000);
  });
});
