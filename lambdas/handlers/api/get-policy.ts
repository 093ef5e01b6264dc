import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ifNoneMatchHits } from '../../adapters/http/conditional-get';
import { HttpError } from '../../adapters/http/error-response';
import { httpHandler } from '../../adapters/http/http-handler';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoPolicyVersions } from '../../adapters/policy/dynamo-policy-versions';
import { type CatalogueVersion, PolicyCatalogue } from '../../adapters/policy/policy-catalogue';
import { readPolicyTableName } from '../../config/policy-environment';
import { renderPrivacyCentre } from '../../domain/policy/centre';
import { diffPolicies } from '../../domain/policy/diff';
import { renderChangesPage } from '../../domain/policy/diff-page';
import { negotiateLanguage } from '../../domain/policy/language';
import { POLICY_PAGE_STYLE, renderPolicyPage } from '../../domain/policy/render';
import { previousVersion } from '../../domain/policy/versions';

interface Representation {
  readonly body: string;
  readonly contentType: string;
  readonly etag: string;
}

type Variant = 'nb' | 'en' | 'json';

const sha256 = (text: string, encoding: 'hex' | 'base64') =>
  createHash('sha256').update(text).digest(encoding);

const catalogue = new PolicyCatalogue(
  new DynamoPolicyVersions(
    DynamoDBDocumentClient.from(new DynamoDBClient()),
    readPolicyTableName(process.env),
  ),
  bundledPolicy,
);

/** Rendered once per version and variant: a published version never changes. */
const representations = new Map<string, Representation>();

/**
 * `root` is the API's root relative to the page (see PolicyPageOptions): the same version is served at
 * `/policy` and at `/policy/versions/{version}`, whose links to the forms and the centre differ.
 */
function represent(
  { info, document, documentJson }: CatalogueVersion,
  variant: Variant,
  root = '.',
): Representation {
  const key = `${info.version}-${variant}-${root}`;
  const cached = representations.get(key);
  if (cached !== undefined) return cached;
  const body = variant === 'json' ? documentJson : renderPolicyPage(document, variant, { root });
  // The version names the document; the digest catches a renderer change that kept the version.
  const representation = {
    body,
    contentType: variant === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    etag: `"${info.version}-${variant}-${sha256(body, 'hex').slice(0, 16)}"`,
  };
  representations.set(key, representation);
  return representation;
}

/**
 * The version in effect now. Should the table be unreachable, the bundled seed is served rather than no
 * notice at all, with a short cache life so the published version returns as soon as it can.
 */
async function currentOrSeed(): Promise<{ version: CatalogueVersion; degraded: boolean }> {
  try {
    return { version: await catalogue.current(), degraded: false };
  } catch (error) {
    logger.error('Policy versions unreadable; serving the bundled policy', { error });
    const seed = await catalogue.version(bundledPolicy.version).catch(() => undefined);
    if (seed === undefined) throw error;
    return { version: seed, degraded: true };
  }
}

function variantOf(event: APIGatewayProxyEvent, json: boolean): Variant {
  return json
    ? 'json'
    : negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
}

function serve(
  event: APIGatewayProxyEvent,
  representation: Representation,
  cacheControl: string,
): APIGatewayProxyResult {
  const headers = { ETag: representation.etag, 'Cache-Control': cacheControl, Vary: 'Accept-Language' };
  if (ifNoneMatchHits(event.headers['if-none-match'], representation.etag)) {
    return { statusCode: 304, headers, body: '' };
  }
  return {
    statusCode: 200,
    headers: { ...headers, 'Content-Type': representation.contentType },
    body: representation.body,
  };
}

/** `GET /policy` and `GET /policy.json`: the version in effect now. */
async function getCurrent(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { version, degraded } = await currentOrSeed();
  const representation = represent(version, variantOf(event, event.resource.endsWith('.json')));
  return serve(event, representation, `public, max-age=${degraded ? 30 : 300}, must-revalidate`);
}

/** `GET /policy/versions`: every version, newest first, and which is current and which is scheduled. */
async function listVersions(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const listing = await catalogue.listing();
  const body = JSON.stringify(listing);
  const representation = {
    body,
    contentType: 'application/json; charset=utf-8',
    etag: `"versions-${sha256(body, 'hex').slice(0, 16)}"`,
  };
  return serve(event, representation, 'public, max-age=60, must-revalidate');
}

/** `GET /policy/versions/{version}` (HTML, nb/en) and `GET /policy/versions/{version}.json`. */
async function getVersion(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const requested = event.pathParameters?.version ?? '';
  const json = requested.endsWith('.json');
  const version = await catalogue.version(json ? requested.slice(0, -'.json'.length) : requested);
  if (version === undefined) {
    throw new HttpError(404, 'not_found', 'There is no published policy version by that number.');
  }
  // A published version is immutable: caches may keep it for a day.
  return serve(event, represent(version, variantOf(event, json), '../..'), 'public, max-age=86400');
}

/**
 * `GET /policy/versions/{version}/changes` (HTML, nb/en) and `…/changes.json`: what changed in this version
 * compared with `?from=<version>`, or else with the version before it.
 */
async function getChanges(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const json = event.resource.endsWith('.json');
  const to = await catalogue.version(event.pathParameters?.version ?? '');
  if (to === undefined) {
    throw new HttpError(404, 'not_found', 'There is no published policy version by that number.');
  }
  const { versions } = await catalogue.listing();
  const fromNumber = event.queryStringParameters?.from ?? previousVersion(versions, to.info.version)?.version;
  const from = fromNumber === undefined ? to : await catalogue.version(fromNumber);
  if (from === undefined) {
    throw new HttpError(
      404,
      'not_found',
      'There is no published policy version to compare with by that number.',
    );
  }
  const key = `changes-${from.info.version}-${to.info.version}`;
  const diff = diffPolicies(from.document, to.document);
  const page = { diff, summary: to.info.summary, effectiveDate: to.info.effectiveDate, major: to.info.major };
  const variant = variantOf(event, json);
  const cached = representations.get(`${key}-${variant}`);
  const body =
    cached?.body ??
    (variant === 'json' ? JSON.stringify({ ...page, version: to.info }) : renderChangesPage(page, variant));
  const representation = cached ?? {
    body,
    contentType: variant === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    etag: `"${key}-${variant}-${sha256(body, 'hex').slice(0, 16)}"`,
  };
  representations.set(`${key}-${variant}`, representation);
  return serve(event, representation, 'public, max-age=3600');
}

/**
 * `GET /`: the privacy centre, from the version in effect now, like `GET /policy`. Its links are relative
 * (`./policy`), which needs the address to end in a slash: on the execute-api domain `/v1` would send them
 * to `/policy`, outside the stage. So a request whose path lacks the slash is sent to the one with it.
 */
async function getCentre(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const path = event.requestContext?.path ?? '/';
  if (!path.endsWith('/')) {
    const lang = event.queryStringParameters?.lang;
    const query = lang === undefined ? '' : `?lang=${encodeURIComponent(lang)}`;
    // Relative to `/v1`, `v1/` is `/v1/`.
    const location = `${path.slice(path.lastIndexOf('/') + 1)}/${query}`;
    return {
      statusCode: 301,
      headers: { Location: location, 'Cache-Control': 'public, max-age=3600' },
      body: '',
    };
  }
  const { version, degraded } = await currentOrSeed();
  const lang = negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
  const key = `centre-${version.info.version}-${lang}`;
  let representation = representations.get(key);
  if (representation === undefined) {
    const body = renderPrivacyCentre(version.document, lang);
    representation = {
      body,
      contentType: 'text/html; charset=utf-8',
      etag: `"centre-${version.info.version}-${lang}-${sha256(body, 'hex').slice(0, 16)}"`,
    };
    representations.set(key, representation);
  }
  return serve(event, representation, `public, max-age=${degraded ? 30 : 300}, must-revalidate`);
}

async function getPolicy(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  if (event.resource === '/') return getCentre(event);
  if (event.resource === '/policy/versions') return listVersions(event);
  if (event.resource.startsWith('/policy/versions/{version}/changes')) return getChanges(event);
  if (event.resource === '/policy/versions/{version}') return getVersion(event);
  return getCurrent(event);
}

// One stylesheet serves the notice, the changes page and the privacy centre, so one hash covers them all.
export const handler = httpHandler(getPolicy, {
  contentSecurityPolicy: {
    'default-src': "'none'",
    'style-src': `'sha256-${sha256(POLICY_PAGE_STYLE, 'base64')}'`,
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  },
});
