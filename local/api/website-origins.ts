import { parseWebsiteOrigins } from '../../lambdas/domain/intake/website-origins';

/**
 * The website origins `npm start` gives the functions that have WEBSITE_ORIGINS (the intake, the forms, the
 * preflight), in place of the template's: `WEBSITE_ORIGINS` of npm start's own environment when set (comma-
 * separated; empty for none), else `http://localhost:<the API's port>`. That is another origin than the
 * API's `http://127.0.0.1:<port>`, on the same machine, so a page served from it tries the three integrations
 * as STERK's website would (docs/website-integration.md); `/local/website` is such a page.
 */
export function localWebsiteOrigins(value: string | undefined): (apiUrl: string) => string[] {
  // Before the API listens there is no port yet (and no function has started).
  if (value === undefined)
    return (apiUrl) => (apiUrl === '' ? [] : [`http://localhost:${new URL(apiUrl).port}`]);
  const { origins, problems } = parseWebsiteOrigins(value);
  if (problems.length > 0) throw new LocalWebsiteOriginsError(problems);
  return () => origins;
}

/** npm start's WEBSITE_ORIGINS holds something the functions would refuse: it stops before starting anything. */
export class LocalWebsiteOriginsError extends Error {
  override readonly name = 'LocalWebsiteOriginsError';

  constructor(problems: readonly string[]) {
    super(`WEBSITE_ORIGINS: ${problems.join('; ')} (comma-separated origins, e.g. http://localhost:8080)`);
  }
}
