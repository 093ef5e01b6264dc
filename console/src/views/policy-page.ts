/**
 * The privacy policy page (`#/policy`, the privacy officer's): every published version with which one is
 * in effect and which is scheduled, what changed in each (the API's section-by-section diff, in the page's
 * language), and the form that publishes a new version. The API refuses anyone but the privacy officer.
 */
import type { PolicyChanges } from '../../../lambdas/domain/staff/staff-api';
import type { StaffApi } from '../api';
import { catalog } from '../catalog';
import { fragment, h, table } from '../dom';
import { documentRefusalText, type Message, refusalText, sayIn, signedOut, statusRegion } from '../feedback';
import { formatDate, formatDateTime } from '../format';
import type { Lang, Texts } from '../i18n';
import { type PolicyListing, type PolicyVersionInfo, SEED_PUBLISHER } from '../policy-versions';
import { noticesSection } from './notices';

export interface PolicyPageContext {
  readonly api: StaffApi;
  readonly text: Texts;
  readonly lang: Lang;
  /** Loads the list again and redraws the page, with `message` under the publish form. */
  readonly reload: (message: Message, published: PolicyVersionInfo) => void;
  /** Only the privacy officer publishes versions and sends notices: others see the versions alone. */
  readonly canPublish: boolean;
}

export function policyPage(
  listing: PolicyListing,
  context: PolicyPageContext,
  message?: Message,
): (HTMLElement | string)[] {
  const { text, lang } = context;
  const changes = h('section', { id: 'policy-changes', 'aria-live': 'polite' });
  const majors = listing.versions.filter((info) => info.major).map((info) => info.version);
  const stateOf = (info: PolicyVersionInfo) =>
    info.version === listing.current.version
      ? text.policyStateCurrent
      : info.effectiveDate > listing.current.effectiveDate
        ? text.policyStateScheduled
        : text.policyStateEarlier;
  const rows = listing.versions.map((info) => [
    h('strong', {}, info.version),
    formatDate(info.effectiveDate, lang),
    stateOf(info),
    info.summary,
    info.major ? text.yes : text.no,
    `${info.publishedBy === SEED_PUBLISHER ? text.publishedByDeployment : info.publishedBy}, ${formatDateTime(info.publishedAt, lang)}`,
    changesButton(info, changes, context),
  ]);
  return [
    h('h1', { tabindex: -1 }, text.policyTitle),
    h('p', { class: 'note' }, text.policyIntro),
    table(
      text.policyVersions,
      [
        text.colVersion,
        text.colEffective,
        text.colState,
        text.colSummary,
        text.colMajor,
        text.colPublished,
        '',
      ],
      rows,
    ),
    changes,
    context.canPublish ? policyReportSection(context) : '',
    majors.length === 0 || !context.canPublish ? '' : noticesSection(majors, context),
    context.canPublish ? publishForm(context, message) : '',
  ];
}

/**
 * The linter's report on the deployed document (baked into the console at build): the errors the law would
 * object to, and the assumptions the privacy officer has still to confirm with the organisation.
 */
function policyReportSection({ text, lang }: PolicyPageContext): HTMLElement {
  const { version, errors, warnings, findings } = catalog.policyReport;
  return h(
    'section',
    { id: 'policy-report' },
    h('h2', {}, text.policyReportTitle.replace('{version}', version)),
    h(
      'p',
      {},
      text.policyReportSummary
        .replace('{errors}', String(errors))
        .replace('{warnings}', String(warnings))
        .replace('{organisation}', catalog.organisation),
    ),
    h(
      'ul',
      {},
      findings.map((finding) =>
        h(
          'li',
          { 'data-severity': finding.severity, 'data-rule': finding.rule },
          h('strong', {}, `${text.policyReportSeverity[finding.severity]}: `),
          finding.message[lang],
          h('span', { class: 'note' }, ` (${finding.path}; ${finding.reference})`),
        ),
      ),
    ),
  );
}

function changesButton(info: PolicyVersionInfo, target: HTMLElement, context: PolicyPageContext) {
  const { api, text, lang } = context;
  const button = h(
    'button',
    { type: 'button', class: 'secondary', 'aria-label': `${text.showChanges} ${info.version}` },
    text.showChanges,
  );
  button.addEventListener('click', async () => {
    const status = statusRegion('policy-changes-status');
    target.replaceChildren(status);
    try {
      const { diff } = await api.get<PolicyChanges>(
        `/policy/versions/${encodeURIComponent(info.version)}/changes.json`,
      );
      const heading = h(
        'h2',
        { tabindex: -1 },
        // The first version has nothing before it: "changes from 1.0.0 to 1.0.0" would say nothing true.
        (diff.from === diff.to ? text.firstVersionTitle : text.changesTitle)
          .replace('{from}', diff.from)
          .replace('{to}', diff.to),
      );
      target.replaceChildren(
        fragment(
          heading,
          diff.from === diff.to
            ? h('p', {}, text.firstVersion)
            : diff.sections.length === 0
              ? h('p', {}, text.noChanges)
              : diff.sections.map((section) =>
                  h(
                    'div',
                    { class: 'policy-section-changes', 'data-section': section.section },
                    h('h3', {}, section.title[lang]),
                    h(
                      'ul',
                      {},
                      section.changes.map((change) =>
                        h('li', { 'data-kind': change.kind }, change.text[lang]),
                      ),
                    ),
                  ),
                ),
        ),
      );
      heading.focus();
    } catch (failure) {
      if (!signedOut(failure)) sayIn(status, 'error', refusalText(failure, text.changesUnavailable, text));
    }
  });
  return button;
}

/** Publish: the document as a JSON file, a summary for people, major or not, and an optional effective date. */
function publishForm(context: PolicyPageContext, message?: Message): HTMLElement {
  const { api, text, lang } = context;
  const status = statusRegion('publish-status', message);
  const file = h('input', {
    id: 'publish-file',
    name: 'document',
    type: 'file',
    accept: 'application/json,.json',
  });
  const summary = h('textarea', { id: 'publish-summary', name: 'summary', rows: 3, maxlength: 2000 });
  const major = h('input', { id: 'publish-major', name: 'major', type: 'checkbox' });
  const effective = h('input', { id: 'publish-effective', name: 'effectiveDate', type: 'date' });
  const submit = h('button', { type: 'submit' }, text.publishButton);
  const form = h(
    'form',
    { novalidate: true, id: 'publish' },
    h('div', { class: 'field' }, h('label', { for: 'publish-file' }, text.publishFile), file),
    h('div', { class: 'field' }, h('label', { for: 'publish-summary' }, text.publishSummary), summary),
    h('div', { class: 'choice' }, major, h('label', { for: 'publish-major' }, text.publishMajor)),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'publish-effective' }, text.publishEffective),
      h('p', { class: 'hint' }, text.publishEffectiveHint),
      effective,
    ),
    submit,
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (chosen === undefined) return refuse(text.errPublishFile, file);
    if (summary.value.trim() === '') return refuse(text.errPublishSummary, summary);
    let document: unknown;
    try {
      document = JSON.parse(await chosen.text());
    } catch {
      return refuse(text.errPublishJson, file);
    }
    submit.disabled = true;
    try {
      const published = await api.post<PolicyVersionInfo>('/staff/policy/versions', {
        document,
        summary: summary.value.trim(),
        major: major.checked,
        ...(effective.value === '' ? {} : { effectiveDate: effective.value }),
      });
      context.reload(
        {
          kind: 'ok',
          text: text.published
            .replace('{version}', published.version)
            .replace('{date}', formatDate(published.effectiveDate, lang)),
        },
        published,
      );
    } catch (failure) {
      if (!signedOut(failure))
        sayIn(status, 'error', documentRefusalText(failure, text.publishRefused, text));
    } finally {
      submit.disabled = false;
    }
  });
  function refuse(message: string, field: HTMLElement): void {
    sayIn(status, 'error', message);
    field.focus();
  }
  return h(
    'section',
    { 'aria-labelledby': 'publish-heading', id: 'policy-publish' },
    h('h2', { id: 'publish-heading' }, text.publishTitle),
    h('p', { class: 'note' }, text.publishIntro),
    form,
  );
}
