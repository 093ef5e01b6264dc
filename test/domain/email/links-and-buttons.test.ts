import { consoleMessageUrl, consoleRequestUrl } from '../../../lambdas/domain/email/console-links';
import { renderEmail } from '../../../lambdas/domain/email/render';
import { everyKind, LANGUAGES, receipt, verificationCode } from './fixtures';

/** The console's routes with an id, as console/src/routes.ts `route()` reads `location.hash`. */
const REQUEST_ROUTE = /^#\/requests\/([A-Za-z0-9-]+)$/;
const MESSAGE_ROUTE = /^#\/messages\/([A-Za-z0-9-]+)$/;

describe('Function: consoleRequestUrl / consoleMessageUrl', () => {
  it.each([
    [
      'the CloudFront root on AWS',
      'https://d111111abcdef8.cloudfront.net',
      'https://d111111abcdef8.cloudfront.net/',
    ],
    ['a custom domain with a trailing slash', 'https://konsoll.sterk.no/', 'https://konsoll.sterk.no/'],
    ['the local stack', 'http://127.0.0.1:3000/console', 'http://127.0.0.1:3000/console/'],
    ['the local stack with slashes', 'http://127.0.0.1:3000/console//', 'http://127.0.0.1:3000/console/'],
  ])('links to the console page at %s, with the view in the fragment', (_where, consoleUrl, page) => {
    // Act
    const request = new URL(consoleRequestUrl(consoleUrl, 'req-01JZ3K8Q'));
    const message = new URL(consoleMessageUrl(consoleUrl, 'msg-01JZ3M2A'));

    // Assess
    // What the server is asked for is the console's own page; the route never reaches it.
    expect(`${request.origin}${request.pathname}${request.search}`).toBe(page);
    expect(`${message.origin}${message.pathname}${message.search}`).toBe(page);
    expect(REQUEST_ROUTE.exec(request.hash)?.[1]).toBe('req-01JZ3K8Q');
    expect(MESSAGE_ROUTE.exec(message.hash)?.[1]).toBe('msg-01JZ3M2A');
  });

  it('encodes an id, so a strange one cannot steer the link elsewhere', () => {
    // Act
    const url = consoleRequestUrl('https://konsoll.sterk.no', '../x?y#z');

    // Assess
    expect(url).toBe('https://konsoll.sterk.no/#/requests/..%2Fx%3Fy%23z');
  });
});

describe('Function: renderEmail (buttons and links)', () => {
  it.each(LANGUAGES.flatMap((lang) => everyKind(lang).map((email) => [email.kind, lang, email] as const)))(
    'never mentions a button in the plain text of %s (%s), which has only addresses',
    (_kind, _lang, email) => {
      // Act
      const { text } = renderEmail(email);

      // Assess
      expect(text).not.toMatch(/button|knapp/i);
    },
  );

  it.each([
    [
      'nb',
      receipt('nb'),
      'trykk på lenken. Koden og lenken virker i',
      'trykk på knappen. Koden og knappen virker i',
    ],
    [
      'en',
      receipt('en'),
      'or open the link. The code and the link work for',
      'or press the button. The code and the button work for',
    ],
    ['nb', verificationCode('nb'), 'Koden og lenken virker i', 'Koden og knappen virker i'],
    ['en', verificationCode('en'), 'The code and the link work for', 'The code and the button work for'],
  ] as const)('says "link" in the text and "button" in the HTML (%s, %p)', (_lang, email, inText, inHtml) => {
    // Act
    const { text, html } = renderEmail(email);

    // Assess
    expect(text).toContain(inText);
    expect(html).toContain(inHtml);
    expect(html).not.toContain(inText);
  });
});
