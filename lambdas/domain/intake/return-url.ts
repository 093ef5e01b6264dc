/**
 * A website's own thank-you page after a plain form post (docs/website-integration.md, "A plain HTML form").
 */
import { ValidationError } from '../errors';
import type { Language } from '../policy/language';
import { INTAKE_TEXT } from './i18n';
import { isWebsiteOrigin } from './website-origins';

/** Longer than any thank-you page needs; a longer one is a mistake or an attempt. */
export const MAX_RETURN_URL_LENGTH = 2000;

/**
 * The `returnUrl` a website's plain form sends (a hidden field): where to send the person after the post.
 * Absent or empty: undefined, and our own thank-you page as before. Anything else must be an absolute URL on
 * one of the website's origins; otherwise the submission is refused with 400 and nothing is kept. Refused
 * rather than ignored: a form that quietly lands elsewhere hides a mistake in the website (a typo, an origin
 * not configured yet) until someone notices, and an address we would not redirect to is never worth taking.
 */
export function checkReturnUrl(
  value: unknown,
  allowed: readonly string[],
  lang: Language,
): string | undefined {
  if (value === undefined || value === '') return undefined;
  const text = INTAKE_TEXT[lang].returnUrl;
  const refuse = (message: string) => new ValidationError(INTAKE_TEXT[lang].summary, { returnUrl: message });
  if (typeof value !== 'string' || value.length > MAX_RETURN_URL_LENGTH) throw refuse(text.invalid);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse(text.invalid);
  }
  if (url.origin === 'null' || url.username !== '' || url.password !== '') throw refuse(text.invalid);
  if (!isWebsiteOrigin(url.origin, allowed)) throw refuse(text.notAllowed(url.origin));
  return url.href;
}
