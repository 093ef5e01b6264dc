import * as forms from '../../domain/forms/render';
import { LANGUAGES } from '../../domain/policy/language';
import type { PolicyDocument } from '../../domain/policy/schema';
import { HTML, type Representation, representation } from '../http/representation';

export interface RenderedPagesOptions {
  /** The request form offers ID-porten. */
  readonly eidOffered: boolean;
  /** The website's origins, which may frame the pages. */
  readonly embedders: readonly string[];
}

/**
 * Every form page in every language, rendered once per cold start: the policy is immutable for the life of
 * the bundle. Keyed `<page>:<lang>`; the ETag names the version, page and language, and ID-porten, which
 * changes the request form.
 */
export function renderedFormPages(
  policy: PolicyDocument,
  options: RenderedPagesOptions,
): ReadonlyMap<string, Representation> {
  return new Map(
    forms.FORM_PAGES.flatMap((formPage) =>
      LANGUAGES.map((lang) => {
        // Relative links (../contact, ../policy) keep working under the API's stage prefix (/v1).
        const body = forms.renderFormPage(policy, formPage, lang, { baseUrl: '..', ...options });
        const etag = `${policy.version}-${formPage}-${lang}${options.eidOffered ? '-eid' : ''}`;
        return [`${formPage}:${lang}`, representation(body, HTML, etag)] as const;
      }),
    ),
  );
}
