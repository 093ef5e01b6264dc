/**
 * `GET /consent.js` (the banner, built from the policy version in effect) and `GET /consent/demo` (a page of
 * the website with the trackers, gated by the banner). Each representation is rendered once per version
 * and language and served with its ETag; a browser or cache revalidates it after five minutes.
 *
 * The demo is the website as deployed with this bundle: its trackers are the bundled policy's, which its
 * Content-Security-Policy (fixed per cold start) allows by hash. The banner follows the version in effect.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { demoTags, renderDemoPage, sha256Base64 } from '../../domain/consent/pages';
import { CONSENT_STYLE, renderConsentScript } from '../../domain/consent/script';
import { negotiateLanguage } from '../../domain/policy/language';
import type { PolicyDocument } from '../../domain/policy/schema';
import type { HttpRoute } from '../http/http-handler';
import { HTML, type Representation, representation, serveRepresentation } from '../http/representation';
import type { ConsentPolicy } from './consent-policy';

export const JAVASCRIPT = 'text/javascript; charset=utf-8';

/** Where the demo's trackers fetch from and send to, as their vendors document it. */
const TRACKER_SCRIPT_HOSTS = ['https://www.googletagmanager.com', 'https://connect.facebook.net'];
const TRACKER_BEACON_HOSTS = [
  'https://*.google-analytics.com',
  'https://*.analytics.google.com',
  'https://*.googletagmanager.com',
  'https://www.facebook.com',
  'https://connect.facebook.net',
];

/**
 * The demo's CSP: the banner from this origin, the inert tags' inline code by hash (the banner runs the same
 * text once consent is given), the trackers' own hosts, and the two stylesheets by hash. Without Trusted
 * Types (middy's default asks for them): the vendors' snippets assign script URLs as plain strings.
 */
export function demoContentSecurityPolicy(policy: Pick<PolicyDocument, 'systems'>, pageStyle: string) {
  const inline = demoTags(policy).inlineScripts.map((text) => `'sha256-${sha256Base64(text)}'`);
  return {
    'default-src': "'none'",
    'script-src': ["'self'", ...inline, ...TRACKER_SCRIPT_HOSTS].join(' '),
    'connect-src': ["'self'", ...TRACKER_BEACON_HOSTS].join(' '),
    'img-src': ["'self'", ...TRACKER_BEACON_HOSTS].join(' '),
    'style-src': `'sha256-${sha256Base64(pageStyle)}' 'sha256-${sha256Base64(CONSENT_STYLE)}'`,
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
    'require-trusted-types-for': '',
    // The banner keeps the choice in localStorage (same origin) and opens the record page in a new tab.
    sandbox: 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox',
  };
}

export function consentScriptRoutes(
  policy: ConsentPolicy,
  bundled: PolicyDocument,
  pageStyle: string,
): Readonly<Record<string, HttpRoute>> {
  const cache = new Map<string, Representation>();
  const cached = (key: string, make: () => Representation): Representation => {
    const found = cache.get(key) ?? make();
    cache.set(key, found);
    return found;
  };

  const script: HttpRoute = async (event) => {
    const { document, degraded } = await policy.current();
    const name = `consent-${document.version}`;
    const body = cached(name, () => representation(renderConsentScript(document), JAVASCRIPT, name));
    return serveRepresentation(event, body, `public, max-age=${degraded ? 30 : 300}, must-revalidate`);
  };

  const demo: HttpRoute = async (event: APIGatewayProxyEvent) => {
    const lang = negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
    const name = `consent-demo-${bundled.version}-${lang}`;
    // Relative links keep working under the API's stage prefix (/v1): the page is /consent/demo.
    const page = cached(name, () =>
      representation(renderDemoPage(bundled, lang, '..', pageStyle), HTML, name),
    );
    return serveRepresentation(event, page, 'public, max-age=300, must-revalidate');
  };

  return {
    '/consent.js': script,
    '/consent/demo': demo,
  };
}
