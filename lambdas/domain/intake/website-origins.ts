/**
 * The organisation's own website, as the API knows it: the origins (`https://www.sterkhelse.no`) that may
 * read our answers to their scripts (CORS), frame our forms, and send people back to a thank-you page of
 * their own after a plain form post. Configured per environment (`websiteOrigins`, lib/settings.ts) and
 * handed to the functions as WEBSITE_ORIGINS, comma-separated. docs/website-integration.md is the guide.
 *
 * Pure: the settings check at synth, the handlers at cold start and the tests all use these functions, so
 * what `cdk synth` accepts is exactly what the functions accept.
 */

/** Plain http only on this machine: a page served by a developer's local server. */
const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

export type OriginCheck =
  | { readonly ok: true; readonly origin: string }
  | { readonly ok: false; readonly problem: string };

/**
 * One configured origin: `https://host[:port]` with nothing after it (a trailing `/` is forgiven), returned
 * as browsers send it in `Origin` (lower case, no default port, an international name in punycode). `http://localhost:<port>` and `http://127.0.0.1:<port>` are the only
 * plain-http origins, for trying the integrations on one machine.
 */
export function parseWebsiteOrigin(text: string): OriginCheck {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return {
      ok: false,
      problem: `"${trimmed}" is not a URL; write an origin such as https://www.example.no`,
    };
  }
  const pathless = url.pathname === '/' && url.search === '' && url.hash === '' && !/[?#]/.test(trimmed);
  if (url.origin === 'null' || !pathless || url.username !== '' || url.password !== '') {
    return {
      ok: false,
      problem: `"${trimmed}" is not an origin: write the scheme and host only, such as https://www.example.no`,
    };
  }
  if (url.protocol !== 'https:' && !LOOPBACK.test(url.origin)) {
    return {
      ok: false,
      problem: `"${trimmed}" must be https (plain http only for http://localhost:<port> or http://127.0.0.1:<port>)`,
    };
  }
  return { ok: true, origin: url.origin };
}

/**
 * A list of origins: an array (cdk.json), or one string of comma-separated origins (`-c websiteOrigins=…`,
 * the WEBSITE_ORIGINS variable). Empty means none. Each problem is returned, not only the first.
 */
export function parseWebsiteOrigins(value: string | readonly string[]): {
  readonly origins: string[];
  readonly problems: string[];
} {
  const items = typeof value === 'string' ? value.split(',') : [...value];
  const origins: string[] = [];
  const problems: string[] = [];
  for (const item of items) {
    if (typeof value === 'string' && item.trim() === '') continue;
    const check = parseWebsiteOrigin(item);
    if (!check.ok) problems.push(check.problem);
    else if (!origins.includes(check.origin)) origins.push(check.origin);
  }
  return { origins, problems };
}

/** WEBSITE_ORIGINS as a list; throws on a value the synth would have refused. */
export function websiteOriginsFromEnvironment(value: string | undefined): string[] {
  const { origins, problems } = parseWebsiteOrigins(value ?? '');
  if (problems.length > 0) throw new Error(`WEBSITE_ORIGINS: ${problems.join('; ')}`);
  return origins;
}

/** Whether an `Origin` header names one of the website's origins (exactly: a browser sends it normalised). */
export function isWebsiteOrigin(origin: string | undefined, allowed: readonly string[]): origin is string {
  return origin !== undefined && allowed.includes(origin);
}
