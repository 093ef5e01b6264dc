/**
 * The receipt and the reminder code for a requester who chose ID-porten (docs/id-porten.md section 5, "Notice
 * and emails"): the code confirms the address, ID-porten the person, and the status page is where to sign in.
 * Without the flag, the emails are as they were and say nothing about ID-porten.
 */
import { EMAIL_TEXT } from '../../../lambdas/domain/email/i18n';
import { renderEmail } from '../../../lambdas/domain/email/render';
import { OutgoingEmailSchema } from '../../../lambdas/domain/email/schema';
import { escapeHtml } from '../../../lambdas/domain/policy/html';
import { REQUEST_PAGE_TEXT } from '../../../lambdas/domain/requests/pages/i18n';
import { LANGUAGES, receipt, verificationCode } from './fixtures';

describe('Function: renderEmail (request-receipt with eidChosen)', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const t = EMAIL_TEXT[lang].receipt;
    const page = REQUEST_PAGE_TEXT[lang];
    const hours = EMAIL_TEXT[lang].hours(24);

    it('says the code confirms the address, and where to confirm who you are with ID-porten', () => {
      // Act
      const { text, html } = renderEmail(receipt(lang, { eidChosen: true }));

      // Assess
      expect(text).toContain(t.eid.confirm(hours, 'link'));
      expect(text).toContain(t.eid.signIn(t.statusButton, 'link'));
      expect(html).toContain(escapeHtml(t.eid.confirm(hours, 'button')));
      expect(html).toContain(escapeHtml(t.eid.signIn(t.statusButton, 'button')));
      expect(text).not.toContain(t.confirm(hours, 'link'));
    });

    it('names the status page’s button by the label it has there, and the status link by its own', () => {
      // Act
      const { text } = renderEmail(receipt(lang, { eidChosen: true }));

      // Assess
      expect(t.eid.signIn(t.statusButton, 'link')).toContain(page.eid.start);
      expect(text).toContain(`${t.statusButton}:\n`);
    });

    it('starts the request once both the code and ID-porten are done', () => {
      // Act
      const { text } = renderEmail(receipt(lang, { eidChosen: true }));

      // Assess
      expect(text).toContain(`1. ${t.eid.firstStep}\n2. `);
      const [first] = t.nextSteps('');
      expect(text).not.toContain(`1. ${first}`);
    });

    it('says nothing about ID-porten without the flag', () => {
      // Act
      const { text, html } = renderEmail(receipt(lang));

      // Assess
      expect(text).toContain(t.confirm(hours, 'link'));
      expect(text).not.toContain('ID-porten');
      expect(html).not.toContain('ID-porten');
    });
  });
});

describe('Function: renderEmail (verification-code with eidChosen)', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const ui = EMAIL_TEXT[lang];

    it('adds one sentence on ID-porten, before the status link it points to', () => {
      // Act
      const { text, html } = renderEmail(verificationCode(lang, { eidChosen: true }));

      // Assess
      const sentence = ui.newCode.eid(ui.receipt.statusButton, 'link');
      expect(text).toContain(sentence);
      expect(sentence.match(/[.!?](\s|$)/g)).toHaveLength(1);
      expect(text.indexOf(sentence)).toBeLessThan(text.indexOf(`${ui.receipt.statusButton}:\n`));
      expect(html).toContain(escapeHtml(ui.newCode.eid(ui.receipt.statusButton, 'button')));
    });

    it('says nothing about ID-porten without the flag', () => {
      // Act
      const { text, html } = renderEmail(verificationCode(lang));

      // Assess
      expect(text).not.toContain('ID-porten');
      expect(html).not.toContain('ID-porten');
    });
  });
});

describe('Schema: eidChosen', () => {
  it.each([
    ['request-receipt', receipt('nb', { eidChosen: true })],
    ['verification-code', verificationCode('en', { eidChosen: true })],
  ])('is accepted on %s', (_kind, email) => {
    // Act
    const result = OutgoingEmailSchema.safeParse(email);

    // Assess
    expect(result.success).toBe(true);
  });

  it('is only ever true: a stored email with false is refused rather than read as a choice', () => {
    // Act
    const result = OutgoingEmailSchema.safeParse({ ...receipt('nb'), eidChosen: false });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('eidChosen');
  });
});
