import { findController } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';

/**
 * Where a plain form post of a contact message lands, first match wins:
 * 1. the website's own page, when its form sent a `returnUrl` (already checked against the website's
 *    origins: website-origins.ts, `checkReturnUrl`);
 * 2. the chosen controller's own thank-you page, when the policy names one (`thankYouUrl`, https only);
 * 3. the forms' thank-you page, in the visitor's language.
 */
export function thankYouUrl(
  policy: PolicyDocument,
  publicBaseUrl: string,
  submission: { form: 'contact' | 'request'; controllerId: string; lang: 'nb' | 'en' },
  returnUrl?: string,
): string {
  if (returnUrl !== undefined) return returnUrl;
  const own = findController(policy, submission.controllerId)?.thankYouUrl;
  if (own !== undefined) return own;
  const url = new URL('forms/thank-you', publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`);
  url.searchParams.set('form', submission.form);
  url.searchParams.set('lang', submission.lang);
  return url.toString();
}

/**
 * Where a plain form post of a request lands: ID-porten's sign-in when the person chose it (it is how they
 * prove who they are, and it leads back to the status page); else the website's own page when its form sent
 * a `returnUrl`, where the person reads that the code and the status link come by email; else the request's
 * status page, where the code goes. The status link never goes to the website: it carries the requester's
 * secret token.
 */
export function afterRequestUrl(links: {
  readonly eidUrl?: string | undefined;
  readonly returnUrl?: string | undefined;
  readonly statusUrl: string;
}): string {
  return links.eidUrl ?? links.returnUrl ?? links.statusUrl;
}
