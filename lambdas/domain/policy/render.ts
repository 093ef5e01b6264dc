/**
 * Renders the privacy notice as one complete HTML page from the policy document.
 *
 * The page is static (no scripts) and readable without CSS: a single h1, an h2 per section in the
 * document's order, h3 below, and lists and captioned tables for the facts. Schema imports are
 * type-only: the Lambda serving the page bundles no zod (its budget is 100 KB).
 */
import { Html, html, type Interpolation, join } from './html';
import { formatDate, formatDuration, formatLegalBasis, listPhrase, UI_TEXT, type UiText } from './i18n';
import type { Language } from './language';
import { NOTICE_TEXT } from './notice-text';
import { formatOrgNumber } from './org-number';
import { POLICY_PAGE_STYLE } from './page-style';
import type {
  ContactChannel,
  EidVerification,
  LegalBasis,
  LegalReference,
  LocalizedText,
  PolicyDocument,
  PolicySystem,
  RetentionRule,
  Section,
  SectionId,
  Transfer,
} from './schema';

export { POLICY_PAGE_STYLE } from './page-style';

export interface PolicyPageOptions {
  /**
   * The API's root relative to the page, for links to the privacy centre and the forms: '.' for
   * `/policy`, '../..' for `/policy/versions/{version}`. Relative, so the links hold under a stage
   * prefix such as `/v1` as well as on a custom domain.
   */
  readonly root?: string;
}

interface Context {
  readonly policy: PolicyDocument;
  readonly lang: Language;
  readonly ui: UiText;
  readonly root: string;
  readonly t: (text: LocalizedText) => string;
}

export function renderPolicyPage(
  policy: PolicyDocument,
  lang: Language,
  { root = '.' }: PolicyPageOptions = {},
): string {
  const ctx: Context = { policy, lang, ui: UI_TEXT[lang], root, t: (text) => text[lang] };
  const { ui, t } = ctx;
  const other = ui.otherLanguage;
  const page = html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(policy.title)}</title>
<link rel="alternate" hreflang="${other.lang}" href="?lang=${other.lang}">
<style>${new Html(POLICY_PAGE_STYLE)}</style>
</head>
<body>
<header>
<div class="top">
<p class="home"><a href="${root}/?lang=${lang}">${ui.centreLink(policy.organisation.name)}</a></p>
<p class="lang"><a href="?lang=${other.lang}" hreflang="${other.lang}" lang="${other.lang}">${other.label}</a></p>
</div>
<h1>${t(policy.title)}</h1>
${versionLine(ctx)}
${policy.intro.map((paragraph) => html`<p>${t(paragraph)}</p>`)}
<nav aria-label="${ui.contents}">
<ol>
${policy.sections.map((section) => html`<li><a href="#${section.id}">${t(section.title)}</a></li>\n`)}</ol>
</nav>
</header>
<main>
${policy.sections.map((section) => renderSection(section, ctx))}</main>
<footer>
${versionLine(ctx)}
<p><a href="?lang=${other.lang}" hreflang="${other.lang}" lang="${other.lang}">${other.label}</a></p>
</footer>
</body>
</html>
`;
  return `<!doctype html>\n${page.value}`;
}

function versionLine({ policy, lang, ui }: Context): Html {
  return html`<p class="meta">${ui.versionPrefix(policy.version)} <time datetime="${policy.effectiveDate}">${formatDate(policy.effectiveDate, lang)}</time></p>`;
}

const SECTION_BODIES: Record<SectionId, (ctx: Context) => Interpolation> = {
  controllers: controllersTable,
  about: aboutSection,
  health: (ctx) => [healthPersonnel(ctx), systemsIn('health', ctx)],
  membership: (ctx) => systemsIn('membership', ctx),
  payment: (ctx) => systemsIn('payment', ctx),
  website: (ctx) => [websiteSection(ctx), systemsIn('website', ctx)],
  'contact-form': (ctx) => [contactFormSection(ctx), systemsIn('contact-form', ctx)],
  sharing: sharingSection,
  retention: retentionTable,
  rights: rightsSection,
  children: childrenSection,
  changes: ({ policy, t }) => html`<p>${t(policy.changes.description)}</p>\n`,
  contact: contactSection,
};

function renderSection(section: Section, ctx: Context): Html {
  const body = SECTION_BODIES[section.id];
  return html`<section id="${section.id}" aria-labelledby="${section.id}-title">
<h2 id="${section.id}-title">${ctx.t(section.title)}</h2>
${section.intro.map((paragraph) => html`<p>${ctx.t(paragraph)}</p>\n`)}${body === undefined ? '' : body(ctx)}</section>
`;
}

/**
 * A table that may be wider than a phone: it scrolls inside its own box, which keyboard users can focus
 * to scroll, and a hint (shown on narrow screens only, by the stylesheet) says so.
 */
function scrollingTable(id: string, caption: string, rows: Interpolation, { ui }: Context): Html {
  return html`<p class="scroll-hint" id="${id}-hint">${ui.scrollHint}</p>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}-caption" aria-describedby="${id}-hint"><table>
<caption id="${id}-caption">${caption}</caption>
${rows}</table></div>
`;
}

function controllersTable(context: Context): Html {
  const { policy, ui, lang } = context;
  return scrollingTable(
    'controllers-table',
    ui.controllersCaption(policy.organisation.name, policy.controllers.length),
    html`
<thead><tr><th scope="col">${ui.company}</th><th scope="col">${ui.orgNumber}</th><th scope="col">${ui.address}</th><th scope="col">${ui.operates}</th></tr></thead>
<tbody>
${policy.controllers.map(
  (controller) =>
    html`<tr><th scope="row">${controller.legalName}</th><td>${formatOrgNumber(controller.orgNumber)}</td><td>${controller.address.street}, ${controller.address.postalCode} ${controller.address.city}</td><td>${listPhrase(
      controller.operates.map((activity) => ui.activity[activity]),
      lang,
    )}</td></tr>\n`,
)}</tbody>
`,
    context,
  );
}

function aboutSection(context: Context): Html {
  const { policy, ui, t } = context;
  const kept = policy.retention.filter((rule) => rule.forbidsErasure);
  return html`${
    kept.length === 0
      ? ''
      : html`<p>${ui.mustKeep}</p>
<ul>
${kept.map((rule) => html`<li>${retentionSubject(rule, context)}: ${retentionPeriod(rule, context)} (${legalReference(rule.legalReference, context)})</li>\n`)}</ul>
`
  }<p>${t(policy.supervisoryAuthority.role)}</p>
<p>${t(policy.automatedDecisionMaking.description)}</p>
`;
}

function healthPersonnel({ policy, ui, t }: Context): Html {
  const health = policy.healthPersonnel;
  return html`<p>${ui.healthPersonnel(health.authorisedBy, t(health.law.citation))}</p>
<p>${t(health.commitment)}</p>
`;
}

function websiteSection(context: Context): Html {
  const { policy, ui, t } = context;
  const website = policy.website;
  const collected = website.collects.flatMap((id) => {
    const category = policy.categories.find((candidate) => candidate.id === id);
    if (category === undefined) return [];
    return category.examples.length > 0 ? category.examples.map(t) : [lowerFirst(t(category.label))];
  });
  return html`<h3>${ui.websiteHeadings.collected}</h3>
<ul>
${collected.map((item) => html`<li>${item}</li>\n`)}</ul>
<p>${t(website.purpose)}</p>
${legalBasisParagraphs(website.legalBasis, context)}
<p>${t(website.anonymisedStatistics)}</p>
<h3>${ui.websiteHeadings.cookies}</h3>
<p>${t(website.cookies)}</p>
`;
}

function contactFormSection(context: Context): Html {
  const { policy, ui, t } = context;
  return html`<p>${t(policy.contactForm.use)}</p>
<p>${ui.contactFormCollects}</p>
<ul>
${categoryLabels(policy.contactForm.categories, context).map((label) => html`<li>${label}</li>\n`)}</ul>
`;
}

function systemsIn(section: SectionId, context: Context): Html[] {
  return context.policy.systems
    .filter((system) => system.section === section)
    .map((system) => renderSystem(system, context));
}

function renderSystem(system: PolicySystem, context: Context): Html {
  const { policy, ui, t } = context;
  const labels = ui.systemLabels;
  const rules = policy.retention.filter(
    (rule) =>
      (rule.systems?.includes(system.id) ?? true) &&
      rule.categories.some((id) => system.categories.includes(id)),
  );
  const usedBy = policy.controllers.filter((controller) => system.controllers.includes(controller.id));
  const item = (label: string, content: Interpolation) => html`<dt>${label}</dt><dd>${content}</dd>\n`;
  return html`<h3 id="system-${system.id}">${system.name}</h3>
<p>${t(system.purpose)}</p>
<dl>
${item(labels.whoRunsIt, whoRunsIt(system, context))}${item(
  labels.categories,
  html`<ul>${categoryLabels(system.categories, context).map((label) => html`<li>${label}</li>`)}</ul>`,
)}${item(labels.legalBasis, legalBasisParagraphs(system.legalBasis, context))}${
  system.dataSource === undefined ? '' : item(labels.dataSource, t(system.dataSource))
}${
  system.safeguards.length === 0
    ? ''
    : item(
        labels.safeguards,
        html`<ul>${system.safeguards.map((safeguard) => html`<li>${t(safeguard)}</li>`)}</ul>`,
      )
}${system.dataProcessingAgreement ? item(labels.dataProcessingAgreement, ui.dataProcessingAgreementInPlace) : ''}${
  system.transfers.length === 0
    ? ''
    : item(
        NOTICE_TEXT[context.lang].transfersLabel,
        html`<ul>${system.transfers.map((transfer) => html`<li>${transferText(transfer, context)}</li>`)}</ul>`,
      )
}${system.provision === undefined ? '' : item(NOTICE_TEXT[context.lang].provisionLabel, t(system.provision))}${
  rules.length === 0
    ? ''
    : item(
        labels.retention,
        html`<ul>${rules.map((rule) => html`<li>${retentionSubject(rule, context, false)}: ${retentionPeriod(rule, context)}</li>`)}</ul>`,
      )
}${
  usedBy.length === policy.controllers.length
    ? ''
    : item(
        labels.usedBy,
        listPhrase(
          usedBy.map((controller) => controller.legalName),
          context.lang,
        ),
      )
}${item(labels.requests, handlingExplanation(system, context))}</dl>
`;
}

/** Who stands behind a system: us, a processor on our behalf, or a joint controller and what that means. */
function whoRunsIt(system: PolicySystem, context: Context): Interpolation {
  const { policy, ui, t } = context;
  const more = NOTICE_TEXT[context.lang];
  if (system.vendor === policy.organisation.name) return ui.ownSystem;
  if (system.role === 'processor') return [ui.providedBy(system.vendor), ` ${ui.onOurBehalf}`];
  const joint = system.jointControl;
  if (system.role !== 'joint-controller' || joint === undefined) return ui.providedBy(system.vendor);
  return html`<p>${more.jointController(joint.partner)} ${t(joint.scope)}</p><p>${t(joint.arrangement)}</p><p>${more.jointRights} (${legalReference(joint.legalReference, context)}).${
    joint.partnerNoticeUrl === undefined
      ? ''
      : html` ${link(joint.partnerNoticeUrl, more.partnerNotice(joint.partner))}`
  }</p>`;
}

/** "USA: … (personvernforordningen artikkel 45 …). Om et selskap er sertifisert, …" */
function transferText(transfer: Transfer, context: Context): Html {
  const { t } = context;
  const copy = transfer.safeguardsCopy;
  return html`<strong>${upperFirst(t(transfer.countryName))}</strong> (${NOTICE_TEXT[context.lang].transferMechanism[transfer.mechanism]}): ${t(transfer.description)} <span class="note">(${legalReference(transfer.legalReference, context)})</span>${
    copy === undefined
      ? ''
      : html` ${copy.url === undefined ? t(copy.description) : link(copy.url, t(copy.description))}`
  }`;
}

function handlingExplanation(system: PolicySystem, { ui, t }: Context): Interpolation {
  const handling = system.handling;
  switch (handling.kind) {
    case 'automated':
      return ui.handling.automated;
    case 'manual':
      return ui.handling.manual;
    case 'not-linkable':
      return html`<p>${t(handling.reason)}</p><p>${ui.handling.whatYouCanDo} ${t(handling.whatYouCanDo)}</p>`;
  }
}

function sharingSection(context: Context): Html {
  const { policy, ui, t } = context;
  return html`<p>${t(policy.sharing.promise)}</p>
<p>${ui.recipientsIntro}</p>
<ul>
${policy.recipients.map((recipient) => html`<li><strong>${t(recipient.name)}</strong>: ${t(recipient.purpose)}</li>\n`)}</ul>
`;
}

function retentionTable(context: Context): Html {
  const { policy, ui, t } = context;
  const table = ui.retentionTable;
  const erasable = (rule: RetentionRule): Html | string => {
    // Where erasure is decided case by case, the column says how, not a flat yes or no.
    if (rule.erasureDecision !== undefined) return t(rule.erasureDecision.description);
    if (rule.forbidsErasure) return table.erasableNo;
    const anonymised = rule.categories.every(
      (id) => policy.categories.find((category) => category.id === id)?.anonymised === true,
    );
    return anonymised ? table.erasableNotApplicable : table.erasableYes;
  };
  return scrollingTable(
    'retention-table',
    table.caption,
    html`<thead><tr><th scope="col">${table.what}</th><th scope="col">${table.howLong}</th><th scope="col">${table.legalReference}</th><th scope="col">${table.erasable}</th></tr></thead>
<tbody>
${policy.retention.map(
  (rule) =>
    html`<tr><th scope="row">${retentionSubject(rule, context)}</th><td>${upperFirst(retentionPeriod(rule, context))}${
      rule.note === undefined ? '' : html`<p class="note">${t(rule.note)}</p>`
    }</td><td>${legalReference(rule.legalReference, context)}</td><td>${erasable(rule)}</td></tr>\n`,
)}</tbody>
`,
    context,
  );
}

function rightsSection(context: Context): Html {
  const { policy, ui, t, root, lang } = context;
  const contact = policy.sections.find((section) => section.id === 'contact');
  const how = ui.useRights;
  return html`<p>${how.before} <a href="${root}/forms/request?lang=${lang}">${how.requestForm}</a>${how.after}</p>
<dl>
${policy.rights.map((right) =>
  right.kind === 'request'
    ? html`<dt id="right-${right.type}">${t(right.title)}</dt><dd>${t(right.description)} <span class="note">(${ui.gdprArticle(right.gdprArticle)})</span></dd>\n`
    : '',
)}</dl>
<p>${t(policy.rightsLimitation)}</p>
<p>${how.questions}</p>
<ul>
${waysIn(context).map((way) => html`<li>${way}</li>\n`)}</ul>
${contact === undefined ? '' : html`<p>${ui.howToUseRights} <a href="#contact">${t(contact.title)}</a>.</p>\n`}${
  policy.eidVerification === undefined ? '' : eidVerificationSection(policy.eidVerification, context)
}${policy.rights.map((right) =>
  right.kind === 'complaint'
    ? html`<h3 id="right-complaint">${t(right.title)}</h3>
<p>${t(right.description)} <span class="note">(${ui.gdprArticle(right.gdprArticle)})</span></p>
<p>${t(policy.supervisoryAuthority.contactUsFirst)}</p>
<p>${link(policy.supervisoryAuthority.url, ui.complaintLink(policy.supervisoryAuthority.name))}</p>
`
    : '',
)}${
  policy.courtRemedy === undefined
    ? ''
    : html`<h3 id="right-court">${t(policy.courtRemedy.title)}</h3>
<p>${t(policy.courtRemedy.description)} <span class="note">(${
        policy.courtRemedy.legalReference === undefined
          ? ui.gdprArticle(policy.courtRemedy.gdprArticle)
          : legalReference(policy.courtRemedy.legalReference, context)
      })</span></p>
`
}`;
}

/**
 * Confirming who you are with ID-porten: the first h3 under the rights, after the list of rights and the
 * ways to reach us, so the paragraphs above it do not read as part of it. The legal reference closes the
 * last paragraph, as the court remedy's does.
 */
function eidVerificationSection(eid: EidVerification, context: Context): Html {
  const { t } = context;
  const last = eid.description.length - 1;
  return html`<h3 id="eid-verification">${t(eid.title)}</h3>
${eid.description.map(
  (paragraph, index) =>
    html`<p>${t(paragraph)}${
      index === last ? html` <span class="note">(${legalReference(eid.legalReference, context)})</span>` : ''
    }</p>\n`,
)}`;
}

/** The contact form, then the privacy email and the phone: the short list under the rights. */
function waysIn(context: Context): Html[] {
  const { policy, ui } = context;
  const email =
    policy.contactChannels.find(
      (channel) => channel.kind === 'email' && channel.topics.includes('privacy'),
    ) ?? policy.contactChannels.find((channel) => channel.kind === 'email');
  const phone = policy.contactChannels.find((channel) => channel.kind === 'phone');
  return [
    contactFormLink(context),
    email?.kind === 'email'
      ? html`<strong>${ui.contactTopics.email}:</strong> <a href="mailto:${email.address}">${email.address}</a>`
      : undefined,
    phone?.kind === 'phone'
      ? html`<strong>${ui.contactTopics.phone}:</strong> <a href="tel:${phone.number}">${phone.display}</a>`
      : undefined,
  ].filter((way): way is Html => way !== undefined);
}

function contactFormLink({ ui, root, lang }: Context): Html {
  return html`<a href="${root}/forms/contact?lang=${lang}">${ui.contactTopics.form}</a>`;
}

function childrenSection(context: Context): Html {
  const { policy, t } = context;
  return html`<ul>
${policy.ageRules.map(
  (rule) =>
    html`<li>${t(rule.description)}${
      rule.legalReference === undefined
        ? ''
        : html` <span class="note">(${legalReference(rule.legalReference, context)})</span>`
    }</li>\n`,
)}</ul>
`;
}

function contactSection(context: Context): Html {
  const { policy, ui } = context;
  const emails = new Set(
    policy.contactChannels.flatMap((channel) => (channel.kind === 'email' ? [channel.address] : [])),
  );
  // A controller whose privacy contact is not a public channel still has to be reachable from the notice.
  const extra = policy.controllers.filter((controller) => !emails.has(controller.privacyContactEmail));
  const dpo = policy.dataProtectionOfficer;
  return html`${
    dpo?.designated === true
      ? html`<p>${NOTICE_TEXT[context.lang].dataProtectionOfficer(dpo.name)}${dpo.email === undefined ? '' : html` <a href="mailto:${dpo.email}">${dpo.email}</a>`}${
          dpo.phone === undefined ? '' : html`, ${dpo.phone}`
        }</p>
`
      : ''
  }<ul>
<li>${contactFormLink(context)}</li>
${policy.contactChannels.map((channel) => html`<li>${contactChannel(channel, context)}</li>\n`)}${extra.map(
  (controller) =>
    html`<li><strong>${ui.otherPrivacyContact(controller.legalName)}:</strong> <a href="mailto:${controller.privacyContactEmail}">${controller.privacyContactEmail}</a></li>\n`,
)}</ul>
`;
}

function contactChannel(channel: ContactChannel, { ui, t }: Context): Html {
  if (channel.kind === 'email') {
    return html`<strong>${ui.contactTopics.email}:</strong> <a href="mailto:${channel.address}">${channel.address}</a>. ${t(channel.description)}`;
  }
  return html`<strong>${ui.contactTopics.phone}:</strong> <a href="tel:${channel.number}">${channel.display}</a>. ${t(channel.description)}`;
}

function legalBasisParagraphs(basis: LegalBasis, context: Context): Html {
  const { ui, t, lang } = context;
  return html`<p>${formatLegalBasis(basis.article6, basis.article9 ?? [], lang)}. ${t(basis.explanation)}</p>${
    basis.nationalLaw.length === 0
      ? ''
      : html`<p>${ui.seeAlso}: ${join(
          basis.nationalLaw.map((reference) => legalReference(reference, context)),
          ', ',
        )}.</p>`
  }`;
}

function legalReference(reference: LegalReference, { t }: Context): Html {
  return reference.url === undefined
    ? html`${t(reference.citation)}`
    : link(reference.url, t(reference.citation));
}

/** Only https links: the handler trusts the bundled document without parsing it again. */
function link(url: string, text: string): Html {
  return /^https:\/\//.test(url) ? html`<a href="${url}">${text}</a>` : html`${text}`;
}

/** "Journalopplysninger, fødselsnummer og navn i PasientSky". */
function retentionSubject(rule: RetentionRule, context: Context, withSystems = true): string {
  const { policy, ui, lang } = context;
  const labels = categoryLabels(rule.categories, context).map((label, index) =>
    index === 0 ? label : lowerFirst(label),
  );
  const systems = (rule.systems ?? []).flatMap(
    (id) => policy.systems.find((system) => system.id === id)?.name ?? [],
  );
  const subject = listPhrase(labels, lang);
  return withSystems && systems.length > 0
    ? `${subject} ${ui.inSystems(listPhrase(systems, lang))}`
    : subject;
}

/** "minst 10 år etter siste journalnotat", "så lenge du er medlem", "at least 5 years after …". */
function retentionPeriod(rule: RetentionRule, { ui, t, lang }: Context): string {
  const condition = rule.condition === undefined ? undefined : t(rule.condition);
  if (rule.duration === null) return condition ?? '';
  const amount = formatDuration(rule.duration, lang);
  if (amount === '') return condition ?? ui.anchorUntil[rule.startsFrom];
  // A period the law imposes is a floor, not a promise to delete on the day.
  const floor = rule.forbidsErasure ? `${ui.atLeast} ` : '';
  return `${floor}${amount} ${ui.anchorAfter[rule.startsFrom]}`;
}

function categoryLabels(ids: readonly string[], { policy, t }: Context): string[] {
  return ids.flatMap((id) => {
    const category = policy.categories.find((candidate) => candidate.id === id);
    return category === undefined ? [] : [t(category.label)];
  });
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases a capitalised word ("Navn" → "navn") but leaves acronyms ("IP-adresse", "NAV") alone. */
function lowerFirst(text: string): string {
  return /^\p{Lu}(?!\p{Lu})/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
