import { findController } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';

/** A controller may have its own thank-you page; otherwise the forms' page, in the visitor's language. */
export function thankYouUrl(
  policy: PolicyDocument,
  publicBaseUrl: string,
  submission: { form: 'contact' | 'request'; controllerId: string; lang: 'nb' | 'en' },
): string {
  const own = findController(policy, submission.controllerId)?.thankYouUrl;
  if (own !== undefined) return own;
  const url = new URL('forms/thank-you', publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`);
  url.searchParams.set('form', submission.form);
  url.searchParams.set('lang', submission.lang);
  return url.toString();
}
