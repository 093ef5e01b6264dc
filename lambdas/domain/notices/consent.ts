/**
 * The consent to change notices, given with the checkbox on the contact and request forms. It is recorded
 * with the policy version in effect when it was given (the version the person could read), and where it was
 * given; a withdrawal (the unsubscribe link, or a withdraw-consent request) is recorded against it.
 */
import type { Language } from '../policy/language';

export interface NoticeConsents {
  /** Records that this person asked for change notices, via e.g. `contact:<id>` or `request:<id>`. */
  record(email: string, lang: Language, givenVia: string): Promise<void>;
}
