/**
 * The public policy routes over the policy catalogue: the privacy centre, the notice in effect, every
 * published version, and what changed between two. Each representation is rendered once per cold start and
 * version (a published version never changes) and served with its ETag.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { renderPrivacyCentre } from '../../domain/policy/centre';
import { diffPolicies } from '../../domain/policy/diff';
import { renderChangesPage } from '../../domain/policy/diff-page';
import { negotiateLanguage } from '../../domain/policy/language';
import { renderPolicyPage } from '../../domain/policy/render';
import { previousVersion } from '../../domain/policy/versions';
import { HttpError } from '../http/error-response';
import type { HttpRoute } from '../http/http-handler';
import {
  HTML,
  JSON_TYPE,
  type Representation,
  representation,
  serveRepresentation,
} from '../http/representation';
import type { CatalogueVersion, PolicyCatalogue } from './policy-catalogue';

type Variant = 'nb' | 'en' | 'json';

/** The version in effect, and whether it is the bundled seed standing in for an unreadable table. */
export type CurrentVersion = () => Promise<{
  readonly version: CatalogueVersion;
  readonly degraded: boolean;
}>;

const NO_SUCH_VERSION = 'There is no published policy version by that number.';

/** Route handlers by API Gateway resource path. */
export function policyRoutes(
  catalogue: Pick<PolicyCatalogue, 'listing' | 'version'>,
  current: CurrentVersion,
): Readonly<Record<string, HttpRoute>> {
  const cache = new Map<string, Representation>();
  const cached = (key: string, make: () => Representation): Representation => {
    const found = cache.get(key);
    if (found !== undefined) return found;
    const made = make();
    cache.set(key, made);
    return made;
  };
  /** `root` is the API's root relative to the page: the links of `/policy` and `/policy/versions/x` differ. */
  const notice = ({ info, document, documentJson }: CatalogueVersion, variant: Variant, root = '.') =>
    cached(`${info.version}-${variant}-${root}`, () =>
      variant === 'json'
        ? representation(documentJson, JSON_TYPE, `${info.version}-json`)
        : representation(renderPolicyPage(document, variant, { root }), HTML, `${info.version}-${variant}`),
    );
  const variantOf = (event: APIGatewayProxyEvent, json: boolean): Variant =>
    json ? 'json' : negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
  const freshFor = (degraded: boolean) => `public, max-age=${degraded ? 30 : 300}, must-revalidate`;

  /** `GET /policy` and `GET /policy.json`: the version in effect now. */
  const getCurrent: HttpRoute = async (event) => {
    const { version, degraded } = await current();
    const json = event.resource.endsWith('.json');
    return serveRepresentation(event, notice(version, variantOf(event, json)), freshFor(degraded));
  };

  /** `GET /policy/versions`: every version, newest first, and which is current and which is scheduled. */
  const listVersions: HttpRoute = async (event) => {
    const body = JSON.stringify(await catalogue.listing());
    return serveRepresentation(
      event,
      representation(body, JSON_TYPE, 'versions'),
      'public, max-age=60, must-revalidate',
    );
  };

  /** `GET /policy/versions/{version}` (HTML, nb/en) and `…/{version}.json`: immutable, so cached a day. */
  const getVersion: HttpRoute = async (event) => {
    const requested = event.pathParameters?.version ?? '';
    const json = requested.endsWith('.json');
    const version = await catalogue.version(json ? requested.slice(0, -'.json'.length) : requested);
    if (version === undefined) throw new HttpError(404, 'not_found', NO_SUCH_VERSION);
    return serveRepresentation(
      event,
      notice(version, variantOf(event, json), '../..'),
      'public, max-age=86400',
    );
  };

  /** `GET /policy/versions/{version}/changes[.json]`: what changed since `?from=`, or the version before. */
  const getChanges: HttpRoute = async (event) => {
    const to = await catalogue.version(event.pathParameters?.version ?? '');
    if (to === undefined) throw new HttpError(404, 'not_found', NO_SUCH_VERSION);
    const { versions } = await catalogue.listing();
    const fromNumber =
      event.queryStringParameters?.from ?? previousVersion(versions, to.info.version)?.version;
    const from = fromNumber === undefined ? to : await catalogue.version(fromNumber);
    if (from === undefined) {
      throw new HttpError(
        404,
        'not_found',
        'There is no published policy version to compare with by that number.',
      );
    }
    const variant = variantOf(event, event.resource.endsWith('.json'));
    const name = `changes-${from.info.version}-${to.info.version}-${variant}`;
    const page = cached(name, () => {
      const diff = diffPolicies(from.document, to.document);
      const changes = {
        diff,
        summary: to.info.summary,
        effectiveDate: to.info.effectiveDate,
        major: to.info.major,
      };
      return variant === 'json'
        ? representation(JSON.stringify({ ...changes, version: to.info }), JSON_TYPE, name)
        : representation(renderChangesPage(changes, variant), HTML, name);
    });
    return serveRepresentation(event, page, 'public, max-age=3600');
  };

  /**
   * `GET /`: the privacy centre. Its links are relative (`./policy`), which needs the address to end in a
   * slash: on the execute-api domain `/v1` would send them outside the stage, so that address is redirected.
   */
  const getCentre: HttpRoute = async (event) => {
    const path = event.requestContext?.path ?? '/';
    if (!path.endsWith('/')) return redirectToSlash(path, event.queryStringParameters?.lang);
    const { version, degraded } = await current();
    const lang = negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
    const name = `centre-${version.info.version}-${lang}`;
    const page = cached(name, () => representation(renderPrivacyCentre(version.document, lang), HTML, name));
    return serveRepresentation(event, page, freshFor(degraded));
  };

  return {
    '/': getCentre,
    '/policy': getCurrent,
    '/policy.json': getCurrent,
    '/policy/versions': listVersions,
    '/policy/versions/{version}': getVersion,
    '/policy/versions/{version}/changes': getChanges,
    '/policy/versions/{version}/changes.json': getChanges,
  };
}

function redirectToSlash(path: string, lang: string | undefined): APIGatewayProxyResult {
  const query = lang === undefined ? '' : `?lang=${encodeURIComponent(lang)}`;
  // Relative to `/v1`, `v1/` is `/v1/`.
  return {
    statusCode: 301,
    headers: {
      Location: `${path.slice(path.lastIndexOf('/') + 1)}/${query}`,
      'Cache-Control': 'public, max-age=3600',
    },
    body: '',
  };
}
