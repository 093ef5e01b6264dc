/**
 * An ID-porten sign-in on the local provider without a browser, for suites that need many or need to run
 * beside other flows (the personal-data scan): the same redirects a browser follows, with each side's
 * cookies carried by hand. The browser test (test/browser/eid.test.ts) is the one that clicks.
 */

/** Cookies by origin, as a browser keeps them (name=value only: enough for these two servers). */
class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();

  take(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    this.jar.set(origin, cookies);
  }

  header(url: string): string {
    const cookies = this.jar.get(new URL(url).origin) ?? new Map<string, string>();
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Follows `eidUrl` through the local provider's login as `pid`; resolves to the status page's URL. */
export async function signInWithLocalIdporten(eidUrl: string, pid: string): Promise<string> {
  const jar = new CookieJar();
  const step = async (url: string, init: RequestInit = {}): Promise<string> => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url), accept: 'text/html' },
    });
    jar.take(url, response);
    const location = response.headers.get('location');
    if (location === null)
      throw new Error(`${new URL(url).pathname} answered ${response.status}, not a redirect`);
    return new URL(location, url).href;
  };
  let url = await step(eidUrl);
  while (!/\/interaction\/[^/]+$/.test(new URL(url).pathname)) url = await step(url);
  url = await step(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ pid }).toString(),
  });
  while (!url.includes('/status?')) url = await step(url);
  return url;
}
