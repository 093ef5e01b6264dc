/**
 * The HTTP edge of the banner's records: `POST /consent`, `GET` and `DELETE /consent/{consentId}`, and
 * `POST /consent/{consentId}/erase`.
 *
 * The banner runs on the website, another origin, and the API offers that origin no CORS. So the banner
 * sends only what a browser sends without asking: a POST with a `text/plain` body (the JSON record) in
 * `no-cors` mode, and the erasure as an empty POST to `…/erase`, which does what DELETE does. It cannot read
 * the answers, and needs none: it only needs them not to be blocked, so those answers carry
 * `Cross-Origin-Resource-Policy: cross-origin`. Scripts and API clients may post `application/json` and
 * use DELETE. A browser opening `GET /consent/{consentId}` (the banner's "see what we keep" link) gets a page
 * with the records and a plain form to erase them; anything else gets JSON.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { BANNER_TEXT } from '../../domain/consent/i18n';
import { renderErasedPage, renderRecordPage } from '../../domain/consent/pages';
import { consentPurposes } from '../../domain/consent/purposes';
import { type ConsentDeps, consentHistory, eraseConsent, recordConsent } from '../../domain/consent/record';
import { negotiateLanguage } from '../../domain/policy/language';
import { HttpError } from '../http/error-response';
import type { HttpRoute } from '../http/http-handler';
import { HTML } from '../http/representation';
import { json } from '../http/responses';
import { prefersHtml } from '../http/submission-body';
import type { ConsentPolicy } from './consent-policy';

/** A record is a few hundred bytes; this leaves room for twenty purposes and nothing more. */
export const MAX_CONSENT_BODY_BYTES = 8 * 1024;

/** The JSON object of a `POST /consent`, sent as `application/json` or (by the banner) `text/plain`. */
export function readConsentBody(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'headers'>) {
  const raw = event.body === null ? '' : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.length > MAX_CONSENT_BODY_BYTES) {
    throw new HttpError(
      413,
      'payload_too_large',
      `A consent record is at most ${MAX_CONSENT_BODY_BYTES} bytes`,
    );
  }
  const mediaType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && mediaType !== 'text/plain') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the record as application/json (or text/plain)');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString());
  } catch {
    throw new HttpError(400, 'malformed_json', 'The body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'malformed_json', 'The body must be a JSON object');
  }
  return value;
}

export interface ConsentRouteDeps extends Omit<ConsentDeps, 'purposesOf'> {
  readonly policy: ConsentPolicy;
  /** The notice's stylesheet, which the pages share (its hash is in the CSP). */
  readonly style: string;
}

const html = (statusCode: number, body: string): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': HTML, 'Cache-Control': 'no-store' },
  body,
});

/** Route handlers by API Gateway resource and method. */
export function consentRecordRoutes(deps: ConsentRouteDeps): Readonly<Record<string, HttpRoute>> {
  const domain: ConsentDeps = { ...deps, purposesOf: (version) => deps.policy.purposesOf(version) };
  const clientOf = (event: APIGatewayProxyEvent) => ({ clientIp: event.requestContext?.identity?.sourceIp });
  const langOf = (event: APIGatewayProxyEvent) =>
    negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);

  const post: HttpRoute = async (event) => {
    const { created, record } = await recordConsent(readConsentBody(event), domain, clientOf(event));
    return json(created ? 201 : 200, record);
  };

  const read: HttpRoute = async (event) => {
    const records = await consentHistory(event.pathParameters?.consentId, deps.store);
    if (!prefersHtml(event)) return json(200, { records });
    const lang = langOf(event);
    const { document } = await deps.policy.current();
    const labels = Object.fromEntries(
      consentPurposes(document).map((p) => [
        p.id,
        p.known ? BANNER_TEXT[lang].purposes[p.id as keyof typeof BANNER_TEXT.nb.purposes].label : p.id,
      ]),
    );
    return html(200, renderRecordPage(records, lang, labels, deps.style));
  };

  const erase: HttpRoute = async (event) => {
    const erased = await eraseConsent(event.pathParameters?.consentId, domain, clientOf(event));
    if (event.httpMethod === 'POST' && prefersHtml(event))
      return html(200, renderErasedPage(langOf(event), deps.style));
    return json(200, erased);
  };

  return {
    'POST /consent': post,
    'GET /consent/{consentId}': read,
    'DELETE /consent/{consentId}': erase,
    'POST /consent/{consentId}/erase': erase,
  };
}
