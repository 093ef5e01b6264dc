import { OutgoingEmailSchema } from '../../../lambdas/domain/email/schema';
import { contactConfirmation, contactNotification, everyKind, LANGUAGES, receipt } from './fixtures';

describe('Schema: OutgoingEmailSchema', () => {
  it.each(LANGUAGES.flatMap((lang) => everyKind(lang).map((email) => [email.kind, lang, email] as const)))(
    'accepts a well-formed %s (%s)',
    (_kind, _lang, email) => {
      // Act
      const result = OutgoingEmailSchema.safeParse(email);

      // Assess
      expect(result.success).toBe(true);
    },
  );

  it.each([
    [
      'sender details on a staff notification',
      { ...contactNotification('nb'), senderEmail: 'ola@example.org' },
      '',
    ],
    ['the message text on a contact confirmation', { ...contactConfirmation('en'), message: 'Hei!' }, ''],
    ['a request type no policy can offer', { ...receipt('nb'), requestType: 'deletion' }, 'requestType'],
    ['a seven-digit code', receipt('nb', { code: '1234567' }), 'code'],
    ['a due date that is not YYYY-MM-DD', receipt('en', { dueDate: '28/12/2026' }), 'dueDate'],
    ['a javascript: link', receipt('en', { verifyUrl: 'javascript:alert(1)' }), 'verifyUrl'],
    ['a language we have no text in', { ...receipt('nb'), lang: 'sv' }, 'lang'],
    ['an unknown kind', { ...receipt('nb'), kind: 'newsletter' }, 'kind'],
  ])('rejects %s', (_case, input, path) => {
    // Act
    const result = OutgoingEmailSchema.safeParse(input);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});
