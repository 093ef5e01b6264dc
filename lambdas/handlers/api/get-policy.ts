import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ifNoneMatchHits } from '../../adapters/http/conditional-get';
import { httpHandler } from '../../adapters/http/http-handler';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { negotiateLanguage } from '../../domain/policy/language';
import { POLICY_PAGE_STYLE, renderPolicyPage } from '../../domain/policy/render';

interface Representation {
  readonly body: string;
  readonly contentType: string;
  readonly etag: string;
}

const sha256 = (text: string, encoding: 'hex' | 'base64') =>
  createHash('sha256').update(text).digest(encoding);

/** Rendered once per cold start: the document is immutable for the life of the bundle. */
function represent(body: string, contentType: string, variant: string): Representation {
  // The version names the document; the digest catches a renderer change that kept the version.
  return {
    body,
    contentType,
    etag: `"${bundledPolicy.version}-${variant}-${sha256(body, 'hex').slice(0, 16)}"`,
  };
}

const representations = {
  nb: represent(renderPolicyPage(bundledPolicy, 'nb'), 'text/html; charset=utf-8', 'nb'),
  en: represent(renderPolicyPage(bundledPolicy, 'en'), 'text/html; charset=utf-8', 'en'),
  json: represent(JSON.stringify(bundledPolicy), 'application/json; charset=utf-8', 'json'),
};

async function getPolicy(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const representation = event.resource.endsWith('.json')
    ? representations.json
    : representations[negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language'])];
  const headers = {
    ETag: representation.etag,
    'Cache-Control': 'public, max-age=300, must-revalidate',
    Vary: 'Accept-Language',
  };
  if (ifNoneMatchHits(event.headers['if-none-match'], representation.etag)) {
    return { statusCode: 304, headers, body: '' };
  }
  return {
    statusCode: 200,
    headers: { ...headers, 'Content-Type': representation.contentType },
    body: representation.body,
  };
}

export const handler = httpHandler(getPolicy, {
  contentSecurityPolicy: {
    'default-src': "'none'",
    'style-src': `'sha256-${sha256(POLICY_PAGE_STYLE, 'base64')}'`,
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  },
});
