/**
 * The public forms as whole HTML documents, generated from the policy: the request form offers exactly
 * the policy's request rights, in its order and words, and the company picker lists its controllers.
 *
 * Each page has one h1, a label for every control, fieldsets with legends for groups, and works with
 * neither CSS nor JavaScript (the browser posts, the server answers 303). The one stylesheet and the one
 * script are exported constants so the handler can hash them into the CSP. Schema imports are
 * type-only: no zod in this bundle.
 */
import { Html, html, type Interpolation } from '../policy/html';
import type { Language } from '../policy/language';
import { mainController, offeredRequestTypes } from '../policy/queries';
import type { LocalizedText, PolicyDocument, RequestRight } from '../policy/schema';
import {
  choice,
  controllerField,
  errorSlot,
  fieldId,
  hiddenField,
  honeypot,
  inputField,
  textAreaField,
} from './fields';
import { FORM_TEXT, type FormKind, type FormText } from './i18n';
import { FORM_SCRIPT } from './script';
import { FORM_PAGE_STYLE } from './style';

export type { FormKind } from './i18n';
export { FORM_SCRIPT } from './script';
export { FORM_PAGE_STYLE } from './style';

export interface FormPageOptions {
  /**
   * Prefix for links to the API's other pages (the notice, the thank-you page, the other form).
   * '' (the default) gives root paths such as `/policy`. The API serves its own pages with '..', so
   * the links hold under a stage prefix such as `/v1`; a copy embedded on another site passes the
   * API's absolute URL.
   */
  readonly baseUrl?: string;
  /** Where the form posts; defaults to `${baseUrl}/contact` or `${baseUrl}/requests`. */
  readonly action?: string;
  /**
   * The request form asks how the requester proves who they are: the emailed code (the default) or
   * ID-porten. Only where the sign-in is set up; without it the form is as it always was.
   */
  readonly eidOffered?: boolean;
  /**
   * The website origins that may frame the page (its CSP `frame-ancestors` names the same ones). The page
   * tells such a parent its height (`personvern:height` messages, script.ts); none: the page is never framed.
   */
  readonly embedders?: readonly string[];
}

export interface ThankYouPageOptions {
  readonly form: FormKind;
  readonly baseUrl?: string;
  readonly embedders?: readonly string[];
}

interface Context {
  readonly policy: PolicyDocument;
  readonly lang: Language;
  readonly ui: FormText;
  readonly base: string;
  readonly embedders: readonly string[];
  readonly t: (text: LocalizedText) => string;
}

function context(
  policy: PolicyDocument,
  lang: Language,
  options: { readonly baseUrl?: string; readonly embedders?: readonly string[] },
): Context {
  const { baseUrl = '', embedders = [] } = options;
  return { policy, lang, ui: FORM_TEXT[lang], base: baseUrl, embedders, t: (text) => text[lang] };
}

export function renderContactForm(
  policy: PolicyDocument,
  lang: Language,
  options: FormPageOptions = {},
): string {
  const ctx = context(policy, lang, options);
  const { ui, base, t } = ctx;
  const fields = ui.fields;
  return page(ctx, {
    title: ui.contact.title,
    otherLanguageQuery: '',
    script: true,
    body: html`<p>${ui.contact.intro}</p>
<p>${ui.contact.requestFormPrefix} <a href="${base}/forms/request?lang=${lang}">${ui.contact.requestFormLink}</a>.</p>
${formStart(ctx, 'contact', options.action ?? `${base}/contact`)}${inputField({
  name: 'name',
  type: 'text',
  label: fields.name.label,
  autocomplete: 'name',
  required: true,
  maxlength: 200,
})}${emailField(ctx, 'contact')}${phoneField(ctx)}${companyField(ctx, 'contact')}${textAreaField({
  name: 'message',
  label: fields.message.label,
  hint: fields.message.hint,
  required: true,
  maxlength: 5000,
})}${formEnd(ctx, t(policy.contactForm.use), ui.contact.submit)}`,
  });
}

export function renderRequestForm(
  policy: PolicyDocument,
  lang: Language,
  options: FormPageOptions = {},
): string {
  const ctx = context(policy, lang, options);
  const { ui, base } = ctx;
  const fields = ui.fields;
  return page(ctx, {
    title: ui.request.title,
    otherLanguageQuery: '',
    script: true,
    body: html`${ui.request.intro.map((paragraph) => html`<p>${paragraph}</p>\n`)}${formStart(
      ctx,
      'request',
      options.action ?? `${base}/requests`,
    )}${requestTypes(ctx)}${companyField(ctx, 'request')}<fieldset>
<legend>${ui.request.aboutYou}</legend>
${inputField({ name: 'name', type: 'text', label: fields.name.label, autocomplete: 'name', required: true, maxlength: 200 })}${emailField(
  ctx,
  'request',
)}${phoneField(ctx)}${inputField({
  name: 'birthDate',
  type: 'date',
  label: fields.birthDate.label,
  hint: fields.birthDate.hint,
  optional: ui.optional,
  autocomplete: 'bday',
})}</fieldset>
${options.eidOffered === true ? verificationFieldset(ctx) : ''}${textAreaField({
  name: 'details',
  label: fields.details.label,
  hint: fields.details.hint,
  // Required only for rectification; the server checks, and the hint says so.
  required: false,
  maxlength: 5000,
})}${childFieldset(ctx)}${formEnd(ctx, ui.request.privacy, ui.request.submit)}`,
  });
}

export function renderThankYouPage(
  policy: PolicyDocument,
  lang: Language,
  options: ThankYouPageOptions,
): string {
  const ctx = context(policy, lang, options);
  const { ui, base } = ctx;
  const text = ui.thankYou[options.form];
  return page(ctx, {
    title: text.title,
    otherLanguageQuery: `form=${options.form}&`,
    // No form to enhance: the script only tells a framing website the page's height.
    script: ctx.embedders.length > 0,
    body: html`${text.paragraphs.map((paragraph) => html`<p>${paragraph}</p>\n`)}<p><a href="${base}/forms/${options.form}?lang=${lang}">${ui.backToForm[options.form]}</a></p>
<p class="privacy"><a href="${base}/policy?lang=${lang}">${ui.privacyLink}</a></p>
`,
  });
}

/** Every page the API serves under /forms/, by the name its cache key and ETag use. */
export const FORM_PAGES = ['contact', 'request', 'thank-you-contact', 'thank-you-request'] as const;
export type FormPage = (typeof FORM_PAGES)[number];

/** `/forms/{form}`, with `?form=contact|request` for the thank-you page → the page, if there is one. */
export function formPageFor(form: string | undefined, thankYouFor: string | undefined): FormPage | undefined {
  if (form === 'contact' || form === 'request') return form;
  if (form !== 'thank-you') return undefined;
  return thankYouFor === 'contact' || thankYouFor === 'request' ? `thank-you-${thankYouFor}` : undefined;
}

export function renderFormPage(
  policy: PolicyDocument,
  formPage: FormPage,
  lang: Language,
  options: Pick<FormPageOptions, 'baseUrl' | 'eidOffered' | 'embedders'> = {},
): string {
  switch (formPage) {
    case 'contact':
      return renderContactForm(policy, lang, options);
    case 'request':
      return renderRequestForm(policy, lang, options);
    case 'thank-you-contact':
      return renderThankYouPage(policy, lang, { ...options, form: 'contact' });
    case 'thank-you-request':
      return renderThankYouPage(policy, lang, { ...options, form: 'request' });
  }
}

/**
 * Origins of the controllers' own thank-you pages (https only). After a plain form post the server
 * answers 303 there, and browsers check that redirect against the form page's CSP `form-action`.
 */
export function thankYouOrigins(policy: PolicyDocument): string[] {
  const origins = policy.controllers.flatMap((controller) =>
    controller.thankYouUrl !== undefined && /^https:\/\//.test(controller.thankYouUrl)
      ? [new URL(controller.thankYouUrl).origin]
      : [],
  );
  return [...new Set(origins)];
}

/** The CSP `frame-ancestors` of the form pages: the website's origins, or `'none'` when there are none. */
export function frameAncestors(embedders: readonly string[]): string {
  return embedders.length > 0 ? embedders.join(' ') : "'none'";
}

interface PageParts {
  readonly title: string;
  /** Query parameters the language link keeps, e.g. `form=request&`. */
  readonly otherLanguageQuery: string;
  readonly script: boolean;
  readonly body: Interpolation;
}

function page({ policy, lang, ui, embedders }: Context, parts: PageParts): string {
  const other = ui.otherLanguage;
  const otherHref = `?${parts.otherLanguageQuery}lang=${other.lang}`;
  const document = html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title} – ${policy.organisation.name}</title>
<link rel="alternate" hreflang="${other.lang}" href="${otherHref}">
<style>${new Html(FORM_PAGE_STYLE)}</style>
</head>
<body${embedders.length > 0 ? html` data-embedders="${embedders.join(' ')}"` : ''}>
<header>
<p class="lang"><a href="${otherHref}" hreflang="${other.lang}" lang="${other.lang}">${other.label}</a></p>
</header>
<main>
<h1>${parts.title}</h1>
${parts.body}</main>
${parts.script ? html`<script>${new Html(FORM_SCRIPT)}</script>\n` : ''}</body>
</html>
`;
  return `<!doctype html>\n${document.value}`;
}

/** The summary the script fills (role="alert" announces it), then the form with the script's texts. */
function formStart({ policy, lang, ui, base }: Context, form: FormKind, action: string): Html {
  const failures = ui.failures;
  return html`<div id="form-errors" class="error-summary" role="alert" tabindex="-1"></div>
<form method="post" action="${action}" enctype="application/x-www-form-urlencoded" accept-charset="utf-8" data-enhance data-thank-you="${base}/forms/thank-you?form=${form}&amp;lang=${lang}" data-msg-summary="${ui.errorSummaryTitle}" data-msg-count="${ui.counter.within}" data-msg-count-over="${ui.counter.over}" data-msg-general="${failures.general}" data-msg-network="${failures.network}" data-msg-rate-limited="${failures.rateLimited}" data-msg-too-large="${failures.tooLarge}" data-msg-write-to-us="${failures.writeToUs(mainController(policy).privacyContactEmail)}">
`;
}

function formEnd({ lang, ui, base }: Context, privacy: string, submit: string): Html {
  return html`<div class="field">${errorSlot('policyNotices')}${choice({ type: 'checkbox', name: 'policyNotices', value: 'yes', label: ui.policyNotices.label, hint: ui.policyNotices.hint })}</div>
${hiddenField('lang', lang)}${honeypot(ui.fields.website.label)}<p class="privacy">${privacy} <a href="${base}/policy?lang=${lang}">${ui.privacyLink}</a>.</p>
<button type="submit">${submit}</button>
</form>
`;
}

function emailField({ ui }: Context, form: FormKind): Html {
  return inputField({
    name: 'email',
    type: 'email',
    label: ui.fields.email.label,
    hint: ui.fields.email.hint[form],
    autocomplete: 'email',
    required: true,
    maxlength: 254,
  });
}

function phoneField({ ui }: Context): Html {
  return inputField({
    name: 'phone',
    type: 'tel',
    label: ui.fields.phone.label,
    hint: ui.fields.phone.hint,
    optional: ui.optional,
    autocomplete: 'tel',
    maxlength: 20,
  });
}

function companyField({ policy, ui }: Context, form: FormKind): Html {
  const main = mainController(policy);
  return controllerField(policy.controllers, main.id, {
    label: ui.fields.controller.label[form],
    hint: ui.fields.controller.hint(main.legalName),
  });
}

/** One radio per request type the policy offers, in the policy's order, with its title and description. */
function requestTypes({ policy, ui, t }: Context): Html {
  const rights = policy.rights.filter((right): right is RequestRight => right.kind === 'request');
  const offered = offeredRequestTypes(policy).flatMap(
    (type) => rights.find((right) => right.type === type) ?? [],
  );
  return html`<fieldset class="field">
<legend>${ui.request.typeLegend}</legend>
${errorSlot('type')}${offered.map((right) =>
  choice({
    type: 'radio',
    name: 'type',
    value: right.type,
    id: fieldId(`type-${right.type}`),
    label: t(right.title),
    hint: t(right.description),
    required: true,
  }),
)}</fieldset>
`;
}

/**
 * The emailed code or ID-porten, as `verification`. The code stays the default: it is what everyone can
 * use, and an eID request gets the code too (it confirms the mailbox; docs/id-porten.md).
 */
function verificationFieldset({ ui }: Context): Html {
  const text = ui.request.verification;
  return html`<fieldset class="field">
<legend>${text.legend}</legend>
${errorSlot('verification')}${choice({
  type: 'radio',
  name: 'verification',
  value: 'email',
  id: fieldId('verification-email'),
  label: text.email.label,
  hint: text.email.hint,
  checked: true,
})}${choice({
  type: 'radio',
  name: 'verification',
  value: 'eid',
  id: fieldId('verification-eid'),
  label: text.eid.label,
  hint: text.eid.hint,
})}</fieldset>
`;
}

/** The optional "on behalf of a child" group, with the policy's age rule in plain words. */
function childFieldset({ policy, ui, t }: Context): Html {
  const child = ui.request.child;
  const guardianRule = policy.ageRules.find((rule) => rule.kind === 'guardian-consent');
  const ownRights = policy.ageRules.filter((rule) => rule.kind !== 'guardian-consent');
  return html`<fieldset>
<legend>${child.legend}</legend>
<p class="note">${child.onlyIf(guardianRule?.belowAge)}</p>
${ownRights.map((rule) => html`<p class="note">${t(rule.description)}</p>\n`)}${
  guardianRule?.staffIdentityCheck === true ? html`<p class="note">${child.identityCheck}</p>\n` : ''
}${errorSlot('onBehalfOf')}${inputField({
  name: 'onBehalfOf.name',
  type: 'text',
  label: child.name,
  // Another person's name: the browser must not offer the parent's own.
  autocomplete: 'off',
  maxlength: 200,
})}${inputField({ name: 'onBehalfOf.birthDate', type: 'date', label: child.birthDate, autocomplete: 'off' })}${errorSlot(
  'onBehalfOf.relationship',
)}${choice({ type: 'checkbox', name: 'onBehalfOf.relationship', value: 'guardian', label: child.guardian })}</fieldset>
`;
}
