import { ValidationError } from '../../../lambdas/domain/errors';
import { checkReturnUrl, MAX_RETURN_URL_LENGTH } from '../../../lambdas/domain/intake/return-url';
import { afterRequestUrl, thankYouUrl } from '../../../lambdas/domain/intake/thank-you';
import {
  isWebsiteOrigin,
  parseWebsiteOrigin,
  parseWebsiteOrigins,
  websiteOriginsFromEnvironment,
} from '../../../lambdas/domain/intake/website-origins';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import { sterkDocument, sterkPolicy } from '../policy/sterk-fixture';

const WEBSITE = ['https://www.sterkhelse.no', 'http://localhost:3000'];

/** The field messages of what `run` throws. */
function refusal(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('accepted');
}

describe('Function: parseWebsiteOrigin', () => {
  it.each([
    ['https://www.sterkhelse.no', 'https://www.sterkhelse.no'],
    ['https://www.sterkhelse.no/', 'https://www.sterkhelse.no'],
    ['  https://www.sterkhelse.no  ', 'https://www.sterkhelse.no'],
    ['HTTPS://WWW.SterkHelse.NO', 'https://www.sterkhelse.no'],
    ['https://www.sterkhelse.no:443', 'https://www.sterkhelse.no'],
    ['https://sterkhelse.no:8443', 'https://sterkhelse.no:8443'],
    ['https://blåbær.no', 'https://xn--blbr-roah.no'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost', 'http://localhost'],
  ])('takes %j as the origin a browser sends, %s', (text, origin) => {
    // Act
    const check = parseWebsiteOrigin(text);

    // Assess
    expect(check).toEqual({ ok: true, origin });
  });

  it.each([
    ['www.sterkhelse.no', /is not a URL/],
    ['', /is not a URL/],
    ['https://www.sterkhelse.no/takk', /is not an origin/],
    ['https://www.sterkhelse.no?x=1', /is not an origin/],
    ['https://www.sterkhelse.no/#top', /is not an origin/],
    ['https://kari:hemmelig@www.sterkhelse.no', /is not an origin/],
    ['http://www.sterkhelse.no', /must be https/],
    ['http://localhost.evil.example:3000', /must be https/],
    ['http://192.168.1.10:3000', /must be https/],
    ['ftp://www.sterkhelse.no', /must be https|is not an origin/],
    ['*', /is not a URL/],
    ['null', /is not a URL/],
    ['data:text/html,hei', /is not an origin/],
  ])('refuses %j', (text, problem) => {
    // Act
    const check = parseWebsiteOrigin(text);

    // Assess
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.problem).toMatch(problem);
  });
});

describe('Function: parseWebsiteOrigins', () => {
  it('reads a comma-separated string (WEBSITE_ORIGINS, -c), skipping blanks and duplicates', () => {
    // Act
    const parsed = parseWebsiteOrigins(
      ' https://www.sterkhelse.no, ,https://sterkhelse.no,https://www.sterkhelse.no/,',
    );

    // Assess
    expect(parsed).toEqual({ origins: ['https://www.sterkhelse.no', 'https://sterkhelse.no'], problems: [] });
  });

  it('reads a list (cdk.json) and reports every bad entry, an empty one included', () => {
    // Act
    const parsed = parseWebsiteOrigins([
      'https://www.sterkhelse.no',
      'http://sterkhelse.no',
      '',
      'https://a.no/b',
    ]);

    // Assess
    expect(parsed.origins).toEqual(['https://www.sterkhelse.no']);
    expect(parsed.problems).toHaveLength(3);
  });

  it('takes nothing as none', () => {
    // Assess
    expect(parseWebsiteOrigins('')).toEqual({ origins: [], problems: [] });
    expect(parseWebsiteOrigins([])).toEqual({ origins: [], problems: [] });
    expect(websiteOriginsFromEnvironment(undefined)).toEqual([]);
  });

  it('throws at cold start on a value the synth would have refused', () => {
    // Assess
    expect(() => websiteOriginsFromEnvironment('https://ok.no,http://evil.example')).toThrow(
      /WEBSITE_ORIGINS: "http:\/\/evil.example" must be https/,
    );
  });
});

describe('Function: isWebsiteOrigin', () => {
  it.each([
    ['https://www.sterkhelse.no', true],
    ['http://localhost:3000', true],
    ['https://sterkhelse.no', false],
    ['https://www.sterkhelse.no.evil.example', false],
    ['https://www.sterkhelse.no/', false],
    ['HTTPS://WWW.STERKHELSE.NO', false],
    ['null', false],
    [undefined, false],
  ])('says %j is a website origin: %s', (origin, expected) => {
    // Assess
    expect(isWebsiteOrigin(origin, WEBSITE)).toBe(expected);
  });
});

describe('Function: checkReturnUrl', () => {
  it.each([undefined, ''])('takes %j as no return URL', (value) => {
    // Assess
    expect(checkReturnUrl(value, WEBSITE, 'nb')).toBeUndefined();
  });

  it.each([
    ['https://www.sterkhelse.no/takk', 'https://www.sterkhelse.no/takk'],
    [
      'https://www.sterkhelse.no/takk?skjema=kontakt#topp',
      'https://www.sterkhelse.no/takk?skjema=kontakt#topp',
    ],
    ['https://WWW.sterkhelse.no:443/takk', 'https://www.sterkhelse.no/takk'],
    ['http://localhost:3000/local/website/takk', 'http://localhost:3000/local/website/takk'],
  ])('accepts %j on a website origin', (value, href) => {
    // Assess
    expect(checkReturnUrl(value, WEBSITE, 'nb')).toBe(href);
  });

  it.each([
    [
      'another site',
      'https://evil.example/takk',
      /https:\/\/evil\.example, which is not one of the website's origins/,
    ],
    ['a look-alike host', 'https://www.sterkhelse.no.evil.example/', /www\.sterkhelse\.no\.evil\.example/],
    ['the website over plain http', 'http://www.sterkhelse.no/takk', /http:\/\/www\.sterkhelse\.no, which/],
    ['another port', 'http://localhost:3001/takk', /http:\/\/localhost:3001/],
    ['a relative path', '/takk', /must be a full web address/],
    ['a scheme-relative URL', '//evil.example/takk', /must be a full web address/],
    ['javascript:', 'javascript:alert(1)', /must be a full web address/],
    ['data:', 'data:text/html,<h1>hei</h1>', /must be a full web address/],
    ['credentials', 'https://kari@www.sterkhelse.no/takk', /must be a full web address/],
    ['a number', 42, /must be a full web address/],
    ['a list', ['https://www.sterkhelse.no/takk'], /must be a full web address/],
    [
      'a very long one',
      `https://www.sterkhelse.no/${'a'.repeat(MAX_RETURN_URL_LENGTH)}`,
      /must be a full web address/,
    ],
  ])('refuses %s with a message for returnUrl', (_, value, message) => {
    // Act
    const fields = refusal(() => checkReturnUrl(value, WEBSITE, 'en'));

    // Assess
    expect(Object.keys(fields)).toEqual(['returnUrl']);
    expect(fields.returnUrl).toMatch(/^Nothing was sent: /);
    expect(fields.returnUrl).toMatch(message);
  });

  it('words the refusal in the submission’s language', () => {
    // Act
    const fields = refusal(() => checkReturnUrl('https://evil.example/', WEBSITE, 'nb'));

    // Assess
    expect(fields.returnUrl).toBe(
      'Skjemaet ble ikke sendt: vi sender ikke videre til https://evil.example, som ikke er en av nettstedets adresser (websiteOrigins)',
    );
  });

  it('refuses every return URL when the website has no origins', () => {
    // Assess
    expect(refusal(() => checkReturnUrl('https://www.sterkhelse.no/takk', [], 'en')).returnUrl).toMatch(
      /not one of the website's origins/,
    );
  });
});

describe('Function: thankYouUrl', () => {
  const withOwnPage = () => {
    const document = sterkDocument();
    document.controllers[1].thankYouUrl = 'https://hasle.example/takk';
    return document as PolicyDocument;
  };
  const contact = (controllerId: string) => ({ form: 'contact' as const, controllerId, lang: 'en' as const });

  it('goes to the website’s return URL first, then the company’s own page, then ours', () => {
    // Prepare
    const policy = withOwnPage();
    const hasle = policy.controllers[1]?.id ?? '';
    const main = policy.controllers[0]?.id ?? '';

    // Assess
    expect(
      thankYouUrl(policy, 'https://api.example/v1', contact(hasle), 'https://www.sterkhelse.no/takk'),
    ).toBe('https://www.sterkhelse.no/takk');
    expect(thankYouUrl(policy, 'https://api.example/v1', contact(hasle))).toBe('https://hasle.example/takk');
    expect(thankYouUrl(sterkPolicy(), 'https://api.example/v1', contact(main))).toBe(
      'https://api.example/v1/forms/thank-you?form=contact&lang=en',
    );
  });
});

describe('Function: afterRequestUrl', () => {
  it.each([
    [
      { eidUrl: 'https://api/eid', returnUrl: 'https://www/takk', statusUrl: 'https://api/status' },
      'https://api/eid',
    ],
    [{ returnUrl: 'https://www/takk', statusUrl: 'https://api/status' }, 'https://www/takk'],
    [{ statusUrl: 'https://api/status' }, 'https://api/status'],
  ])('sends a plain form post of %o to %s', (links, expected) => {
    // Assess
    expect(afterRequestUrl(links)).toBe(expected);
  });
});
