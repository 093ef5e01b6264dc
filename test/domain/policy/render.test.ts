import { escapeHtml } from '../../../lambdas/domain/policy/html';
import { POLICY_PAGE_STYLE, renderPolicyPage } from '../../../lambdas/domain/policy/render';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import { sterkDocument, sterkPolicy } from './sterk-fixture';

const LANGUAGES = ['nb', 'en'] as const;

/** The levels of every heading, in document order. */
function headingLevels(page: string): number[] {
  return [...page.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
}

describe('Function: renderPolicyPage', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const policy = sterkPolicy();
    const page = renderPolicyPage(policy, lang);
    const t = (text: { nb: string; en: string }) => escapeHtml(text[lang]);

    it('is a complete HTML document in the right language', () => {
      // Assess
      expect(page.startsWith('<!doctype html>\n')).toBe(true);
      expect(page).toContain(`<html lang="${lang}">`);
      expect(page).toContain('<meta charset="utf-8">');
      expect(page.trimEnd().endsWith('</html>')).toBe(true);
    });

    it('has exactly one h1 and never skips a heading level', () => {
      // Act
      const levels = headingLevels(page);

      // Assess
      expect(levels.filter((level) => level === 1)).toHaveLength(1);
      expect(levels[0]).toBe(1);
      levels.forEach((level, index) => {
        const previous = levels[index - 1] ?? 0;
        expect(level).toBeLessThanOrEqual(previous + 1);
      });
    });

    it('gives every section of the policy its own h2, in the policy order', () => {
      // Act
      const h2s = [...page.matchAll(/<h2 id="([^"]+)-title">([^<]*)<\/h2>/g)].map((match) => match[1]);

      // Assess
      expect(h2s).toEqual(policy.sections.map((section) => section.id));
    });

    it.each(['898 503 992', '827 118 362', '923 215 891'])(
      'prints org number %s grouped in threes',
      (number) => {
        // Assess
        expect(page).toContain(`<td>${number}</td>`);
      },
    );

    it('names every controller with its address', () => {
      // Assess
      for (const controller of policy.controllers) {
        expect(page).toContain(escapeHtml(controller.legalName));
        expect(page).toContain(
          escapeHtml(
            `${controller.address.street}, ${controller.address.postalCode} ${controller.address.city}`,
          ),
        );
      }
    });

    it('describes every system under its own h3 with its purpose and legal basis', () => {
      // Assess
      for (const system of policy.systems) {
        expect(page).toContain(`<h3 id="system-${system.id}">${escapeHtml(system.name)}</h3>`);
        expect(page).toContain(t(system.purpose));
        expect(page).toContain(t(system.legalBasis.explanation));
      }
    });

    it('explains why a not-linkable system cannot be searched, and what the reader can do', () => {
      // Prepare
      const notLinkable = policy.systems.flatMap((system) =>
        system.handling.kind === 'not-linkable' ? [system.handling] : [],
      );

      // Assess
      expect(notLinkable.length).toBeGreaterThan(0);
      for (const handling of notLinkable) {
        expect(page).toContain(t(handling.reason));
        expect(page).toContain(t(handling.whatYouCanDo));
      }
    });

    it('lists every recipient and every right, including the complaint to Datatilsynet', () => {
      // Assess
      for (const recipient of policy.recipients) expect(page).toContain(t(recipient.name));
      for (const right of policy.rights) {
        expect(page).toContain(t(right.title));
        expect(page).toContain(t(right.description));
      }
      expect(page).toMatch(/<h3 id="right-complaint">[^<]*Datatilsynet<\/h3>/);
      expect(page).toContain('<a href="https://www.datatilsynet.no">');
      expect(page).toContain(t(policy.supervisoryAuthority.contactUsFirst));
    });

    it("shows every retention rule's legal reference", () => {
      // Assess
      for (const rule of policy.retention) expect(page).toContain(t(rule.legalReference.citation));
    });

    it('shows the age rules, the change promise and the cookie explanation', () => {
      // Assess
      for (const rule of policy.ageRules) expect(page).toContain(t(rule.description));
      expect(page).toContain(t(policy.changes.description));
      expect(page).toContain(t(policy.website.cookies));
      expect(page).toContain(t(policy.website.anonymisedStatistics));
    });

    it('gives the contact channels as working links', () => {
      // Assess
      expect(page).toContain('<a href="mailto:kundeservice@sterkhelse.no">kundeservice@sterkhelse.no</a>');
      expect(page).toContain('<a href="tel:+4721082800">21 08 28 00</a>');
    });

    it('states the version and the effective date', () => {
      // Assess
      const date = lang === 'nb' ? '6. desember 2026' : '6 December 2026';
      expect(page).toContain(`1.1.0`);
      expect(page).toContain(`<time datetime="2026-12-06">${date}</time>`);
    });

    it('links to the other language', () => {
      // Assess
      const other = lang === 'nb' ? 'en' : 'nb';
      expect(page).toContain(`<a href="?lang=${other}" hreflang="${other}" lang="${other}">`);
    });

    it('sends the reader from the rights section to the request form, the contact form, email and phone', () => {
      // Act
      const start = page.indexOf('<section id="rights"');
      const rights = page.slice(start, page.indexOf('</section>', start));

      // Assess
      expect(rights).toContain(`<a href="./forms/request?lang=${lang}">`);
      expect(rights).toContain(`<a href="./forms/contact?lang=${lang}">`);
      expect(rights).toContain('<a href="mailto:kundeservice@sterkhelse.no">kundeservice@sterkhelse.no</a>');
      expect(rights).toContain('<a href="tel:+4721082800">21 08 28 00</a>');
      expect(rights).toContain(
        lang === 'nb' ? 'personvernforordningen artikkel 12 nr. 3' : 'GDPR Article 12(3)',
      );
      expect(rights).toContain('<a href="#contact">');
      // The form comes first: before the list of rights, right under the section's introduction.
      expect(rights.indexOf('forms/request')).toBeLessThan(rights.indexOf('<dl>'));
    });

    it('lists the contact form among the ways to reach us', () => {
      // Act
      const start = page.indexOf('<section id="contact"');
      const contact = page.slice(start, page.indexOf('</section>', start));

      // Assess
      expect(contact).toContain(`<li><a href="./forms/contact?lang=${lang}">`);
    });

    it('links back to the privacy centre in the same language', () => {
      // Assess
      const name = lang === 'nb' ? 'Personvern hos STERK: forsiden' : 'Privacy at STERK: start page';
      expect(page).toContain(`<p class="home"><a href="./?lang=${lang}">${name}</a></p>`);
    });

    it.each([
      ['controllers-table', 'controllers'],
      ['retention-table', 'retention'],
    ])('puts the %s in a focusable scrolling region named by its caption, with the scroll hint', (id) => {
      // Assess
      const hint = lang === 'nb' ? 'sveipe tabellen sidelengs' : 'swipe the table sideways';
      expect(page).toMatch(new RegExp(`<p class="scroll-hint" id="${id}-hint">[^<]*${hint}[^<]*</p>`));
      expect(page).toContain(
        `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}-caption" aria-describedby="${id}-hint"><table>\n<caption id="${id}-caption">`,
      );
    });

    it('has no scripts and exactly one style element whose text is the exported constant', () => {
      // Assess
      expect(page).not.toMatch(/<script/i);
      expect(page).not.toMatch(/\son[a-z]+=/i);
      expect(page.match(/<style/g)).toHaveLength(1);
      expect(page).toContain(`<style>${POLICY_PAGE_STYLE}</style>`);
    });
  });

  it('escapes every string taken from the document', () => {
    // Prepare
    const document = sterkDocument();
    document.controllers[0].legalName = '<script>alert("x")</script> & Co';
    document.systems[0].name = '<img src=x onerror=alert(1)>';
    document.title.nb = 'Erklæring "med" <b>fet</b> tittel';

    // Act
    const page = renderPolicyPage(document as PolicyDocument, 'nb');

    // Assess
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('<h1>Erklæring &quot;med&quot; &lt;b&gt;fet&lt;/b&gt; tittel</h1>');
  });

  it('never turns a non-https address into a link, even in an unvalidated document', () => {
    // Prepare
    const document = sterkDocument();
    document.supervisoryAuthority.url = 'javascript:alert(1)';

    // Act
    const page = renderPolicyPage(document as PolicyDocument, 'en');

    // Assess
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('Read more and complain at Datatilsynet');
  });

  it('links to the forms and the centre from a root it is given, as /policy/versions/{version} needs', () => {
    // Act
    const page = renderPolicyPage(sterkPolicy(), 'en', { root: '../..' });

    // Assess
    expect(page).toContain('<a href="../../forms/request?lang=en">');
    expect(page).toContain('<a href="../../forms/contact?lang=en">');
    expect(page).toContain('<a href="../../?lang=en">');
    expect(page).not.toContain('href="./');
  });

  it('keeps headings from overflowing a phone and shows the scroll hint only on narrow screens', () => {
    // Assess: the rules the phone layout rests on (the browser suite measures the result)
    expect(POLICY_PAGE_STYLE).toMatch(/body \{[^}]*overflow-wrap: break-word/);
    expect(POLICY_PAGE_STYLE).toMatch(/h1, h2, h3 \{ hyphens: auto; \}/);
    expect(POLICY_PAGE_STYLE).toMatch(/\.scroll-hint \{ display: none;/);
    expect(POLICY_PAGE_STYLE).toMatch(
      /@media \(max-width: 48rem\) \{ \.scroll-hint \{ display: block; \} \}/,
    );
    expect(POLICY_PAGE_STYLE).toMatch(/\.table-wrap \{ overflow-x: auto;/);
  });

  it('prints a statutory retention period as a minimum, says what cannot be erased, and how erasure is decided where it is a decision', () => {
    // Prepare
    const policy = sterkPolicy();

    // Act
    const page = renderPolicyPage(policy, 'en');

    // Assess
    expect(page).toContain('At least 10 years after the last entry in your record');
    expect(page).toContain('At least 5 years after the end of the financial year');
    // Accounting only: the journal's erasure is the practitioner's decision, the membership's waits for its end.
    expect(page.match(/No, the law requires us to keep it/g)).toHaveLength(1);
    expect(page).toContain(
      'the responsible practitioner assesses it under the Health Personnel Act sections 43 and 44, and we tell you what was decided.',
    );
    expect(page).toContain('they cannot be erased until the membership has ended');
  });
});
