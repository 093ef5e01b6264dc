import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { renderedFormPages } from '../../adapters/forms/rendered-form-pages';
import { errorResponse } from '../../adapters/http/error-response';
import { httpHandler } from '../../adapters/http/http-handler';
import { serveRepresentation, sha256 } from '../../adapters/http/representation';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { FormEnv } from '../../config/environments';
import { NotFoundError } from '../../domain/errors';
import * as forms from '../../domain/forms/render';
import { websiteOriginsFromEnvironment } from '../../domain/intake/website-origins';
import { negotiateLanguage } from '../../domain/policy/language';

const env = FormEnv.parse(process.env);
/** With ID-porten, a request form's post may be answered with a redirect on to its login (form-action). */
const idportenOrigin = env.IDPORTEN_ISSUER === undefined ? undefined : new URL(env.IDPORTEN_ISSUER).origin;
/** The website's origins may frame the pages (docs/website-integration.md); no one else may. */
const embedders = websiteOriginsFromEnvironment(env.WEBSITE_ORIGINS);

const pages = renderedFormPages(bundledPolicy, { eidOffered: idportenOrigin !== undefined, embedders });

async function getForm(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const formPage = forms.formPageFor(event.pathParameters?.form, event.queryStringParameters?.form);
  const lang = negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
  const page = formPage === undefined ? undefined : pages.get(`${formPage}:${lang}`);
  if (page === undefined) {
    return errorResponse(
      new NotFoundError('No such form: try /forms/contact, /forms/request or /forms/thank-you?form=request'),
    );
  }
  return serveRepresentation(event, page, 'public, max-age=300');
}

// This CSP covers the pages as the API serves them, in the website's frames too. Markup copied into STERK's
// own page is under that page's CSP: it must allow this style and script (by these hashes) and the API.
export const handler = httpHandler(getForm, {
  framed: embedders.length > 0,
  contentSecurityPolicy: {
    'default-src': "'none'",
    'style-src': `'sha256-${sha256(forms.FORM_PAGE_STYLE, 'base64')}'`,
    'script-src': `'sha256-${sha256(forms.FORM_SCRIPT, 'base64')}'`,
    'form-action': [
      "'self'",
      ...forms.thankYouOrigins(bundledPolicy),
      ...(idportenOrigin ? [idportenOrigin] : []),
    ].join(' '),
    'connect-src': "'self'",
    'base-uri': "'none'",
    'frame-ancestors': forms.frameAncestors(embedders),
    // The shared headers default to a bare `sandbox`, which would block the post, the script and 'self'.
    sandbox: 'allow-forms allow-scripts allow-same-origin',
  },
});
