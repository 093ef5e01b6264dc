import { EmailContentError, type OutgoingEmail, renderEmail } from '../../../lambdas/domain/email/render';
import { escapeHtml } from '../../../lambdas/domain/policy/html';
import { REQUEST_TYPES } from '../../../lambdas/domain/policy/schema';
import {
  contactConfirmation,
  contactNotification,
  everyKind,
  HOSTILE_NAME,
  HOSTILE_NAME_ESCAPED,
  LANGUAGES,
  receipt,
  verificationCode,
} from './fixtures';

const EVERY_EMAIL = LANGUAGES.flatMap((lang) =>
  everyKind(lang).map((email) => [email.kind, lang, email] as const),
);

/** True when the digits stand alone, not inside a longer number. */
function hasDigitRun(text: string, digits: string): boolean {
  return new RegExp(`(?<!\\d)${digits}(?!\\d)`).test(text);
}

describe('Function: renderEmail', () => {
  it.each(EVERY_EMAIL)(
    'renders %s (%s) as a complete, self-contained HTML document',
    (_kind, lang, email) => {
      // Act
      const { subject, text, html } = renderEmail(email);

      // Assess
      expect(subject.trim()).not.toBe('');
      expect(text.trim()).not.toBe('');
      expect(html.startsWith('<!doctype html>\n')).toBe(true);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain(`<title>${escapeHtml(subject)}</title>`);
      // Nothing that loads from elsewhere (tracking pixels, fonts, scripts), and no <style> mail clients drop.
      expect(html).not.toMatch(/<img|<script|<link|<style|<iframe|\bsrc=|url\(/i);
    },
  );

  it.each([
    [
      'request-receipt',
      'Vi har fått forespørselen din – bekreft at det er deg',
      "We've received your request – please confirm it's you",
    ],
    [
      'verification-code',
      'Ny kode for å bekrefte forespørselen din',
      'Your new code to confirm your request',
    ],
    ['request-closed-unverified', 'Forespørselen din er avsluttet', 'Your request has been closed'],
    ['contact-confirmation', 'Takk for meldingen din', 'Thank you for your message'],
    [
      'contact-notification',
      'Ny melding fra kontaktskjemaet (msg-01JZ3M2A)',
      'New message from the contact form (msg-01JZ3M2A)',
    ],
  ])('writes the subject of %s in each language', (kind, nbSubject, enSubject) => {
    // Prepare
    const pick = (lang: 'nb' | 'en') => everyKind(lang).find((email) => email.kind === kind) as OutgoingEmail;

    // Act
    const nb = renderEmail(pick('nb'));
    const en = renderEmail(pick('en'));

    // Assess
    expect(nb.subject).toBe(nbSubject);
    expect(en.subject).toBe(enSubject);
  });

  it.each(
    LANGUAGES.flatMap((lang) => [receipt(lang), verificationCode(lang)]).map((email) => [
      email.kind,
      email.lang,
      email,
    ]),
  )('writes the code of %s (%s) as six plain digits in the text and the HTML', (_kind, _lang, email) => {
    // Prepare
    const { code } = email as { code: string };

    // Act
    const { text, html } = renderEmail(email);

    // Assess
    // Outside the links: a reader who cannot click must still find the code written out.
    const prose = text.replace(/https?:\/\/\S+/g, '');
    expect(hasDigitRun(prose, code)).toBe(true);
    expect(prose.match(/(?<!\d)\d{6}(?!\d)/g)).toEqual([code]);
    expect(html).toContain(`>${code}</p>`);
  });

  it.each(
    LANGUAGES.flatMap((lang) => [
      [lang, receipt(lang), ['verifyUrl', 'statusUrl']],
      [lang, verificationCode(lang), ['verifyUrl', 'statusUrl']],
      [lang, contactNotification(lang), ['consoleUrl']],
    ]) as [string, OutgoingEmail, string[]][],
  )('puts every link in both bodies (%s, %p)', (_lang, email, fields) => {
    // Act
    const { text, html } = renderEmail(email);

    // Assess
    for (const field of fields) {
      const url = (email as unknown as Record<string, string>)[field] ?? '';
      expect(text).toContain(url);
      expect(html).toContain(`href="${escapeHtml(url)}"`);
    }
  });

  it.each(LANGUAGES)(
    'escapes an ampersand in a link for the HTML but keeps it as is in the text (%s)',
    (lang) => {
      // Prepare
      const statusUrl = 'https://personvern.sterk.example/requests/r1/status?token=abc&lang=en';

      // Act
      const { text, html } = renderEmail(receipt(lang, { statusUrl }));

      // Assess
      expect(text).toContain(statusUrl);
      expect(html).toContain(
        'href="https://personvern.sterk.example/requests/r1/status?token=abc&amp;lang=en"',
      );
      expect(html).not.toContain('token=abc&lang');
    },
  );

  it.each(
    LANGUAGES.flatMap((lang) => [receipt(lang), verificationCode(lang), contactConfirmation(lang)]).map(
      (email) => [email.kind, email.lang, email] as const,
    ),
  )('greets the recipient of %s (%s) by name, escaped in the HTML', (_kind, _lang, email) => {
    // Act
    const { text, html } = renderEmail(email);

    // Assess
    expect(text).toContain(HOSTILE_NAME);
    expect(html).toContain(HOSTILE_NAME_ESCAPED);
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('"Kari"');
  });

  it.each(EVERY_EMAIL.filter(([kind]) => kind !== 'verification-code'))(
    'escapes the controller name in %s (%s)',
    (_kind, _lang, email) => {
      // Prepare
      const hostile = { ...email, controllerName: 'Acme <script>alert(1)</script> & Co' } as OutgoingEmail;

      // Act
      const { text, html } = renderEmail(hostile);

      // Assess
      expect(text).toContain('Acme <script>alert(1)</script> & Co');
      expect(html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
      expect(html).not.toContain('<script>');
    },
  );

  it.each(LANGUAGES)(
    'tells staff where to read a contact message without any of its details (%s)',
    (lang) => {
      // Prepare
      const email = contactNotification(lang);

      // Act
      const { subject, text, html } = renderEmail(email);

      // Assess
      expect(text).toContain(email.consoleUrl);
      expect(text).toContain(email.messageId);
      expect(html).toContain(`href="${email.consoleUrl}"`);
      expect(html).toContain(email.messageId);
      expect(subject).toContain(email.messageId);
      // No email address of anyone, and no greeting by name: staff are greeted generically.
      expect(`${subject}\n${text}\n${html}`).not.toContain('@');
      expect(text.split('\n')[0]).toBe(lang === 'nb' ? 'Hei,' : 'Hello,');
    },
  );

  it.each(LANGUAGES)('thanks the sender of a contact message with its reference (%s)', (lang) => {
    // Prepare
    const email = contactConfirmation(lang);

    // Act
    const { text, html } = renderEmail(email);

    // Assess
    expect(text).toContain(email.messageId);
    expect(text).toContain(email.controllerName);
    expect(html).toContain(email.messageId);
  });

  it.each([
    ['nb', '28. november 2026', '28. desember 2026'],
    ['en', '28 November 2026', '28 December 2026'],
  ] as const)('shows the receipt and due dates the way %s readers write them', (lang, received, due) => {
    // Act
    const { text, html } = renderEmail(receipt(lang));

    // Assess
    expect(text).toContain(received);
    expect(text).toContain(due);
    expect(text).not.toContain('2026-12-28');
    expect(html).toContain(`<time datetime="2026-11-28">${received}</time>`);
    expect(html).toContain(`<time datetime="2026-12-28">${due}</time>`);
  });

  it.each([
    ['nb', 24, '24 timer'],
    ['nb', 1, '1 time'],
    ['en', 24, '24 hours'],
    ['en', 1, '1 hour'],
  ] as const)('says how long the code works (%s, %d hours)', (lang, codeValidHours, phrase) => {
    // Act
    const fromReceipt = renderEmail(receipt(lang, { codeValidHours }));
    const fromResend = renderEmail(verificationCode(lang, { codeValidHours }));

    // Assess
    expect(fromReceipt.text).toContain(phrase);
    expect(fromResend.text).toContain(phrase);
  });

  it.each(LANGUAGES)('gives every request type its own readable label (%s)', (lang) => {
    // Act
    const labels = REQUEST_TYPES.map((requestType) => {
      const { text } = renderEmail(receipt(lang, { requestType }));
      const line = text
        .split('\n')
        .find((row) => row.startsWith(lang === 'nb' ? 'Du har bedt om: ' : 'You asked for: '));
      return line?.slice(line.indexOf(': ') + 2);
    });

    // Assess
    for (const [index, label] of labels.entries()) {
      expect(label).toMatch(/^[A-ZÆØÅ]/);
      expect(label).not.toContain(REQUEST_TYPES[index]);
    }
    expect(new Set(labels).size).toBe(REQUEST_TYPES.length);
  });

  it('labels the request type differently in each language', () => {
    // Act
    const nb = renderEmail(receipt('nb', { requestType: 'erasure' })).text;
    const en = renderEmail(receipt('en', { requestType: 'erasure' })).text;

    // Assess
    expect(nb).toContain('Du har bedt om: Sletting av opplysninger om deg');
    expect(en).toContain('You asked for: Erasure of information about you');
  });

  it.each([
    ['nb', 'Gjelder barnet: Ola Nordmann'],
    ['en', 'About your child: Ola Nordmann'],
  ] as const)('names the child a guardian asks for in the receipt (%s)', (lang, line) => {
    // Act
    const forChild = renderEmail(receipt(lang, { aboutChild: 'Ola Nordmann' }));
    const own = renderEmail(receipt(lang));

    // Assess
    expect(forChild.text).toContain(line);
    expect(forChild.html).toContain('Ola Nordmann');
    expect(own.text).not.toContain(line.split(':')[0]);
  });

  it.each([
    ['nb', 'klage til Datatilsynet (personvernforordningen artikkel 77)', 'inn for domstolene (artikkel 79)'],
    ['en', 'complain to Datatilsynet (GDPR Article 77)', 'take the matter to court (Article 79)'],
  ] as const)(
    'names both remedies in a refusal, the authority and the courts (%s)',
    (lang, authority, court) => {
      // Act
      const { text, html } = renderEmail({
        kind: 'request-rejected',
        lang,
        recipientName: 'Kari Nordmann',
        requestId: 'req-01JZ3K8Q',
        requestType: 'erasure',
        controllerName: 'STERK Klinikk AS',
        reason: 'The journal must be kept for ten years.',
        authorityName: 'Datatilsynet',
        authorityUrl: 'https://www.datatilsynet.no/',
      });

      // Assess
      expect(text).toContain(authority);
      expect(text).toContain(court);
      expect(html).toContain(court);
    },
  );

  it.each(LANGUAGES)('tells a requester who did not send the request to ignore it (%s)', (lang) => {
    // Act
    const { text } = renderEmail(receipt(lang));

    // Assess
    expect(text).toContain(
      lang === 'nb' ? 'Da kan du se bort fra denne e-posten' : 'Then you can ignore this email',
    );
  });

  it.each([
    ['a five-digit code', receipt('nb', { code: '12345' }), 'code'],
    ['a code with a letter', verificationCode('en', { code: '12a456' }), 'code'],
    ['a due date that does not exist', receipt('nb', { dueDate: '2026-02-30' }), 'dueDate'],
    ['a receipt date in local form', receipt('en', { receivedDate: '28.11.2026' }), 'receivedDate'],
    ['a javascript: link', receipt('nb', { verifyUrl: 'javascript:alert(1)' }), 'verifyUrl'],
    ['a relative status link', receipt('nb', { statusUrl: '/requests/r1/status' }), 'statusUrl'],
    [
      'an ftp console link',
      contactNotification('en', { consoleUrl: 'ftp://console.sterk.example/' }),
      'consoleUrl',
    ],
    ['zero hours', verificationCode('nb', { codeValidHours: 0 }), 'codeValidHours'],
  ] as const)('refuses to render %s', (_case, email, field) => {
    // Act
    const render = () => renderEmail(email);

    // Assess
    expect(render).toThrow(EmailContentError);
    expect(render).toThrow(expect.objectContaining({ field }));
  });

  it('leaves the refused value out of the error, since it may be a secret code', () => {
    // Prepare
    const email = receipt('nb', { code: '98765' });

    // Act
    let error: unknown;
    try {
      renderEmail(email);
    } catch (caught) {
      error = caught;
    }

    // Assess
    expect(error).toBeInstanceOf(EmailContentError);
    expect((error as Error).message).not.toContain('98765');
  });
});
