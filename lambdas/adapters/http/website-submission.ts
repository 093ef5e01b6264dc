import type { APIGatewayProxyEvent } from 'aws-lambda';
import { submissionLanguage } from '../../domain/intake/i18n';
import { checkReturnUrl } from '../../domain/intake/return-url';
import { readSubmissionBody } from './submission-body';

export { websiteOriginsFromEnvironment } from '../../domain/intake/website-origins';

/**
 * A submission as the website may post it (docs/website-integration.md): the body for the intake, and the
 * `returnUrl` its plain form may send, checked against the website's origins before anything is kept (a
 * refused one is a 400 in the submission's language). The field is taken out, so the intake's schema
 * never sees it.
 */
export function readWebsiteSubmission(
  event: APIGatewayProxyEvent,
  websiteOrigins: readonly string[],
): { readonly body: Record<string, unknown>; readonly returnUrl: string | undefined } {
  const { returnUrl, ...body } = readSubmissionBody(event) as Record<string, unknown>;
  return { body, returnUrl: checkReturnUrl(returnUrl, websiteOrigins, submissionLanguage(body)) };
}
