/**
 * What changed between two policy versions, section by section, in sentences people can read in both
 * languages: "Vipps MobilePay (Vipps MobilePay AS) added as a processor", "Retention of Name, Phone, … in
 * BRP Systems changed from until the end of the membership to 3 months from the end of the membership".
 *
 * Entities are matched by their stable ids (docs/policy.md: ids are never renamed), so a reworded system is
 * "changed", not "removed and added". Every field takes part: a field without a sentence of its own is still
 * reported as "<what>: <field> changed", so no change can pass unnoticed. Pure and deterministic.
 */
import type { Language } from './language';
import { RETENTION_ANCHOR_NAMES } from './retention-anchors';
import type {
  AgeRule,
  ContactChannel,
  Controller,
  DataCategory,
  LegalBasis,
  LocalizedText,
  PolicyDocument,
  PolicySystem,
  Recipient,
  RetentionRule,
  Right,
  SectionId,
} from './schema';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface PolicyChange {
  readonly kind: ChangeKind;
  readonly text: LocalizedText;
}

export interface SectionDiff {
  readonly section: SectionId;
  /** The section's title in the newer version. */
  readonly title: LocalizedText;
  readonly changes: PolicyChange[];
}

export interface PolicyDiff {
  readonly from: string;
  readonly to: string;
  /** Only sections with changes, in the newer version's page order. */
  readonly sections: SectionDiff[];
}

type Sentence = (lang: Language) => string;

interface Collector {
  add(section: SectionId, kind: ChangeKind, sentence: Sentence): void;
}

const both = (sentence: Sentence): LocalizedText => ({ nb: sentence('nb'), en: sentence('en') });

export function diffPolicies(from: PolicyDocument, to: PolicyDocument): PolicyDiff {
  const found = new Map<SectionId, PolicyChange[]>();
  const collector: Collector = {
    add(section, kind, sentence) {
      const list = found.get(section) ?? [];
      list.push({ kind, text: both(sentence) });
      found.set(section, list);
    },
  };
  const names = new Names(from, to);

  diffControllers(from.controllers, to.controllers, collector);
  diffSystems(from.systems, to.systems, names, collector);
  diffCategories(from.categories, to.categories, collector);
  diffRecipients(from.recipients, to.recipients, names, collector);
  diffRetention(from.retention, to.retention, names, collector);
  diffRights(from.rights, to.rights, collector);
  diffById(from.ageRules, to.ageRules, 'children', collector, (rule: AgeRule) => ageRuleName(rule));
  diffById(from.contactChannels, to.contactChannels, 'contact', collector, (channel: ContactChannel) =>
    channelName(channel),
  );
  // `assumptions` are left out on purpose: they are not on the notice, but the privacy officer's list of facts
  // to confirm (the policy linter reports them), and a reader of the change page has nothing to act on there.
  diffParts(from, to, collector);

  const order = to.sections.map((section) => section.id);
  return {
    from: from.version,
    to: to.version,
    sections: order
      .filter((id) => found.has(id))
      .map((id) => ({
        section: id,
        title: to.sections.find((section) => section.id === id)?.title ?? { nb: id, en: id },
        changes: found.get(id) ?? [],
      })),
  };
}

/** The whole diff as one paragraph, for a notice email: "A; B; C." (at most `limit` changes, then "and n more"). */
export function diffSummary(diff: PolicyDiff, lang: Language, limit = 6): string {
  const all = diff.sections.flatMap((section) => section.changes.map((change) => change.text[lang]));
  if (all.length === 0) return lang === 'nb' ? 'Ingen endringer i innholdet.' : 'No changes in content.';
  const shown = all.slice(0, limit);
  const rest = all.length - shown.length;
  const more = rest > 0 ? (lang === 'nb' ? `; og ${rest} til` : `; and ${rest} more`) : '';
  return `${shown.join('; ')}${more}.`;
}

/** The diff as text lines: a heading per section, a line per change (+ added, − removed, ~ changed). */
export function diffLines(diff: PolicyDiff, lang: Language): string[] {
  const heading =
    lang === 'nb' ? `Endringer fra ${diff.from} til ${diff.to}` : `Changes from ${diff.from} to ${diff.to}`;
  if (diff.sections.length === 0) return [heading, lang === 'nb' ? '  (ingen endringer)' : '  (no changes)'];
  const marks: Record<ChangeKind, string> = { added: '+', removed: '−', changed: '~' };
  return [
    heading,
    ...diff.sections.flatMap((section) => [
      '',
      section.title[lang],
      ...section.changes.map((change) => `  ${marks[change.kind]} ${change.text[lang]}`),
    ]),
  ];
}

/** Names of categories and systems, looked up in the newer document first, then the older one. */
class Names {
  constructor(
    private readonly from: PolicyDocument,
    private readonly to: PolicyDocument,
  ) {}

  category(id: string, lang: Language): string {
    const category =
      this.to.categories.find((c) => c.id === id) ?? this.from.categories.find((c) => c.id === id);
    return category?.label[lang] ?? id;
  }

  categories(ids: readonly string[], lang: Language): string {
    return ids.map((id) => this.category(id, lang)).join(', ');
  }

  system(id: string): string {
    return (
      (this.to.systems.find((s) => s.id === id) ?? this.from.systems.find((s) => s.id === id))?.name ?? id
    );
  }
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field names as readers know them; a field without an entry is shown by its name. */
const FIELD_NAMES: Record<string, LocalizedText> = {
  legalName: { nb: 'navn', en: 'name' },
  orgNumber: { nb: 'organisasjonsnummer', en: 'organisation number' },
  address: { nb: 'adresse', en: 'address' },
  privacyContactEmail: { nb: 'e-post for personvern', en: 'privacy contact email' },
  operates: { nb: 'virksomhet', en: 'activities' },
  main: { nb: 'hovedselskap', en: 'main company' },
  thankYouUrl: { nb: 'takkeside', en: 'thank-you page' },
  name: { nb: 'navn', en: 'name' },
  vendor: { nb: 'leverandør', en: 'vendor' },
  purpose: { nb: 'formål', en: 'purpose' },
  legalBasis: { nb: 'rettslig grunnlag', en: 'legal basis' },
  dataSource: { nb: 'kilde', en: 'source' },
  dataProcessingAgreement: { nb: 'databehandleravtale', en: 'data processing agreement' },
  safeguards: { nb: 'sikringstiltak', en: 'safeguards' },
  controllers: { nb: 'selskaper', en: 'companies' },
  requestTypes: { nb: 'forespørsler som behandles', en: 'requests handled' },
  handling: { nb: 'hvordan forespørsler behandles', en: 'how requests are handled' },
  section: { nb: 'avsnitt', en: 'section' },
  label: { nb: 'navn', en: 'name' },
  description: { nb: 'beskrivelse', en: 'description' },
  examples: { nb: 'eksempler', en: 'examples' },
  special: { nb: 'særlig kategori', en: 'special category' },
  anonymised: { nb: 'anonymisert', en: 'anonymised' },
  categories: { nb: 'opplysninger', en: 'data' },
  condition: { nb: 'vilkår', en: 'condition' },
  legalReference: { nb: 'lovhenvisning', en: 'legal reference' },
  note: { nb: 'merknad', en: 'note' },
  systems: { nb: 'systemer', en: 'systems' },
  title: { nb: 'tittel', en: 'title' },
  intro: { nb: 'innledning', en: 'introduction' },
  topics: { nb: 'temaer', en: 'topics' },
  number: { nb: 'nummer', en: 'number' },
  display: { nb: 'nummer', en: 'number' },
  belowAge: { nb: 'aldersgrense', en: 'age limit' },
  fromAge: { nb: 'fra alder', en: 'from age' },
  staffIdentityCheck: { nb: 'identitetssjekk', en: 'identity check' },
  gdprArticle: { nb: 'artikkel', en: 'article' },
};

const fieldName = (field: string, lang: Language) => FIELD_NAMES[field]?.[lang] ?? field;

/** "X: purpose, legal basis changed" for every differing field not in `handled`. */
function otherFields<T extends object>(
  before: T,
  after: T,
  handled: readonly string[],
  what: (lang: Language) => string,
  section: SectionId,
  collector: Collector,
): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) =>
      !handled.includes(key) &&
      !same((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key]),
  );
  if (keys.length === 0) return;
  collector.add(section, 'changed', (lang) =>
    lang === 'nb'
      ? `${what(lang)}: ${keys.map((key) => fieldName(key, lang)).join(', ')} endret`
      : `${what(lang)}: ${keys.map((key) => fieldName(key, lang)).join(', ')} changed`,
  );
}

function diffControllers(before: Controller[], after: Controller[], collector: Collector): void {
  const old = byId(before);
  const now = byId(after);
  for (const controller of after) {
    const previous = old.get(controller.id);
    if (previous === undefined) {
      collector.add('controllers', 'added', (lang) =>
        lang === 'nb'
          ? `${controller.legalName} (org.nr. ${controller.orgNumber}) er lagt til som behandlingsansvarlig`
          : `${controller.legalName} (org. no. ${controller.orgNumber}) added as a controller`,
      );
      continue;
    }
    if (previous.legalName !== controller.legalName) {
      collector.add('controllers', 'changed', (lang) =>
        lang === 'nb'
          ? `${previous.legalName} heter nå ${controller.legalName}`
          : `${previous.legalName} is now called ${controller.legalName}`,
      );
    }
    if (!same(previous.address, controller.address)) {
      collector.add('controllers', 'changed', (lang) =>
        lang === 'nb'
          ? `Adressen til ${controller.legalName} er endret fra ${address(previous)} til ${address(controller)}`
          : `The address of ${controller.legalName} changed from ${address(previous)} to ${address(controller)}`,
      );
    }
    otherFields(
      previous,
      controller,
      ['id', 'legalName', 'address'],
      () => controller.legalName,
      'controllers',
      collector,
    );
  }
  for (const controller of before) {
    if (!now.has(controller.id)) {
      collector.add('controllers', 'removed', (lang) =>
        lang === 'nb'
          ? `${controller.legalName} er ikke lenger behandlingsansvarlig`
          : `${controller.legalName} is no longer a controller`,
      );
    }
  }
}

const address = (controller: Controller) =>
  `${controller.address.street}, ${controller.address.postalCode} ${controller.address.city}`;

const ROLE_NAMES: Record<PolicySystem['role'], LocalizedText> = {
  processor: { nb: 'databehandler', en: 'processor' },
  'system-of-record': { nb: 'system der vi lagrer opplysninger', en: 'system where we keep data' },
  'joint-controller': { nb: 'felles behandlingsansvarlig', en: 'joint controller' },
};

function diffSystems(
  before: PolicySystem[],
  after: PolicySystem[],
  names: Names,
  collector: Collector,
): void {
  const old = byId(before);
  const now = byId(after);
  for (const system of after) {
    const previous = old.get(system.id);
    if (previous === undefined) {
      collector.add(system.section, 'added', (lang) =>
        lang === 'nb'
          ? `${system.name} (${system.vendor}) er lagt til som ${ROLE_NAMES[system.role].nb}, for ${names.categories(system.categories, lang)}`
          : `${system.name} (${system.vendor}) added as a ${ROLE_NAMES[system.role].en}, for ${names.categories(system.categories, lang)}`,
      );
      continue;
    }
    if (previous.role !== system.role) {
      collector.add(system.section, 'changed', (lang) =>
        lang === 'nb'
          ? `${system.name} er nå ${ROLE_NAMES[system.role].nb} (var ${ROLE_NAMES[previous.role].nb})`
          : `${system.name} is now a ${ROLE_NAMES[system.role].en} (was a ${ROLE_NAMES[previous.role].en})`,
      );
    }
    const added = system.categories.filter((id) => !previous.categories.includes(id));
    const removed = previous.categories.filter((id) => !system.categories.includes(id));
    if (added.length > 0) {
      collector.add(system.section, 'changed', (lang) =>
        lang === 'nb'
          ? `${system.name} får nå også ${names.categories(added, lang)}`
          : `${system.name} now also receives ${names.categories(added, lang)}`,
      );
    }
    if (removed.length > 0) {
      collector.add(system.section, 'changed', (lang) =>
        lang === 'nb'
          ? `${system.name} får ikke lenger ${names.categories(removed, lang)}`
          : `${system.name} no longer receives ${names.categories(removed, lang)}`,
      );
    }
    if (
      !same(previous.legalBasis.article6, system.legalBasis.article6) ||
      !same(previous.legalBasis.article9, system.legalBasis.article9)
    ) {
      collector.add(system.section, 'changed', (lang) =>
        lang === 'nb'
          ? `Rettslig grunnlag for ${system.name} er endret fra ${basis(previous.legalBasis)} til ${basis(system.legalBasis)}`
          : `The legal basis for ${system.name} changed from ${basis(previous.legalBasis)} to ${basis(system.legalBasis)}`,
      );
    }
    const { article6: _a, article9: _b, ...restBefore } = previous.legalBasis;
    const { article6: _c, article9: _d, ...restAfter } = system.legalBasis;
    otherFields(
      { ...previous, legalBasis: restBefore },
      { ...system, legalBasis: restAfter },
      ['id', 'role', 'categories'],
      () => system.name,
      system.section,
      collector,
    );
  }
  for (const system of before) {
    if (!now.has(system.id)) {
      collector.add(system.section, 'removed', (lang) =>
        lang === 'nb'
          ? `${system.name} (${system.vendor}) er fjernet: vi bruker den ikke lenger`
          : `${system.name} (${system.vendor}) removed: we no longer use it`,
      );
    }
  }
}

const basis = (legalBasis: LegalBasis) =>
  [
    ...legalBasis.article6.map((letter) => `6(1)(${letter})`),
    ...(legalBasis.article9 ?? []).map((letter) => `9(2)(${letter})`),
  ].join(', ');

function diffCategories(before: DataCategory[], after: DataCategory[], collector: Collector): void {
  const old = byId(before);
  const now = byId(after);
  for (const category of after) {
    const previous = old.get(category.id);
    if (previous === undefined) {
      collector.add('about', 'added', (lang) =>
        lang === 'nb'
          ? `Ny type opplysninger: ${category.label.nb}`
          : `New kind of data: ${category.label.en}`,
      );
    } else {
      otherFields(previous, category, ['id'], (lang) => category.label[lang], 'about', collector);
    }
  }
  for (const category of before) {
    if (!now.has(category.id)) {
      collector.add('about', 'removed', (lang) =>
        lang === 'nb'
          ? `Vi behandler ikke lenger ${category.label.nb}`
          : `We no longer process ${category.label.en}`,
      );
    }
  }
}

function diffRecipients(before: Recipient[], after: Recipient[], names: Names, collector: Collector): void {
  const old = byId(before);
  const now = byId(after);
  for (const recipient of after) {
    const previous = old.get(recipient.id);
    if (previous === undefined) {
      collector.add('sharing', 'added', (lang) =>
        lang === 'nb'
          ? `${recipient.name.nb} er lagt til som mottaker av ${names.categories(recipient.categories, lang)}`
          : `${recipient.name.en} added as a recipient of ${names.categories(recipient.categories, lang)}`,
      );
    } else {
      otherFields(previous, recipient, ['id'], (lang) => recipient.name[lang], 'sharing', collector);
    }
  }
  for (const recipient of before) {
    if (!now.has(recipient.id)) {
      collector.add('sharing', 'removed', (lang) =>
        lang === 'nb'
          ? `Vi deler ikke lenger opplysninger med ${recipient.name.nb}`
          : `We no longer share data with ${recipient.name.en}`,
      );
    }
  }
}

const UNITS: Record<string, [LocalizedText, LocalizedText]> = {
  Y: [
    { nb: 'år', en: 'year' },
    { nb: 'år', en: 'years' },
  ],
  M: [
    { nb: 'måned', en: 'month' },
    { nb: 'måneder', en: 'months' },
  ],
  W: [
    { nb: 'uke', en: 'week' },
    { nb: 'uker', en: 'weeks' },
  ],
  D: [
    { nb: 'dag', en: 'day' },
    { nb: 'dager', en: 'days' },
  ],
};

/** "P10Y" from the last journal entry → "10 years from the last journal entry"; P0D → "until …"; null → "as long as needed". */
export function retentionText(rule: Pick<RetentionRule, 'duration' | 'startsFrom'>, lang: Language): string {
  const anchor = RETENTION_ANCHOR_NAMES[rule.startsFrom][lang];
  if (rule.duration === null)
    return lang === 'nb' ? `så lenge det trengs (fra ${anchor})` : `as long as needed (from ${anchor})`;
  const parts = [...rule.duration.matchAll(/(\d+)([YMWD])/g)]
    .filter(([, n]) => Number(n) > 0)
    .map(([, n, unit]) => {
      const [one, many] = UNITS[unit ?? 'D'] ?? [
        { nb: unit, en: unit },
        { nb: unit, en: unit },
      ];
      return `${n} ${(Number(n) === 1 ? one : many)[lang]}`;
    });
  if (parts.length === 0) return lang === 'nb' ? `til ${anchor}` : `until ${anchor}`;
  const period = parts.join(lang === 'nb' ? ' og ' : ' and ');
  return lang === 'nb' ? `${period} fra ${anchor}` : `${period} from ${anchor}`;
}

function diffRetention(
  before: RetentionRule[],
  after: RetentionRule[],
  names: Names,
  collector: Collector,
): void {
  const old = byId(before);
  const now = byId(after);
  const scope = (rule: RetentionRule, lang: Language) =>
    rule.systems === undefined
      ? names.categories(rule.categories, lang)
      : `${names.categories(rule.categories, lang)} ${lang === 'nb' ? 'i' : 'in'} ${rule.systems.map((id) => names.system(id)).join(', ')}`;
  for (const rule of after) {
    const previous = old.get(rule.id);
    if (previous === undefined) {
      collector.add('retention', 'added', (lang) =>
        lang === 'nb'
          ? `Ny lagringsregel: ${scope(rule, lang)} lagres ${retentionText(rule, lang)}`
          : `New retention rule: ${scope(rule, lang)} kept ${retentionText(rule, lang)}`,
      );
      continue;
    }
    if (previous.duration !== rule.duration || previous.startsFrom !== rule.startsFrom) {
      collector.add('retention', 'changed', (lang) =>
        lang === 'nb'
          ? `Lagringstid for ${scope(rule, lang)} er endret fra ${retentionText(previous, lang)} til ${retentionText(rule, lang)}`
          : `Retention of ${scope(rule, lang)} changed from ${retentionText(previous, lang)} to ${retentionText(rule, lang)}`,
      );
    }
    if (previous.forbidsErasure !== rule.forbidsErasure) {
      collector.add('retention', 'changed', (lang) =>
        rule.forbidsErasure
          ? lang === 'nb'
            ? `${scope(rule, lang)}: loven pålegger oss nå å lagre dette, så det kan ikke slettes på forespørsel`
            : `${scope(rule, lang)}: the law now obliges us to keep this, so it cannot be erased on request`
          : lang === 'nb'
            ? `${scope(rule, lang)}: kan nå slettes på forespørsel`
            : `${scope(rule, lang)}: can now be erased on request`,
      );
    }
    const dropped = (previous.systems ?? []).filter((id) => !(rule.systems ?? []).includes(id));
    const joined = (rule.systems ?? []).filter((id) => !(previous.systems ?? []).includes(id));
    if (dropped.length > 0 || joined.length > 0) {
      const list = (ids: string[]) => ids.map((id) => names.system(id)).join(', ');
      collector.add('retention', 'changed', (lang) => {
        const parts = [
          joined.length > 0
            ? lang === 'nb'
              ? `gjelder nå også ${list(joined)}`
              : `now also applies to ${list(joined)}`
            : '',
          dropped.length > 0
            ? lang === 'nb'
              ? `gjelder ikke lenger ${list(dropped)}`
              : `no longer applies to ${list(dropped)}`
            : '',
        ].filter((part) => part !== '');
        const subject = `${lang === 'nb' ? 'Lagringsregelen for' : 'The retention rule for'} ${names.categories(rule.categories, lang)}`;
        return `${subject} ${parts.join(lang === 'nb' ? ' og ' : ' and ')}`;
      });
    }
    if (!same(previous.condition, rule.condition) && rule.condition !== undefined) {
      collector.add('retention', 'changed', (lang) =>
        lang === 'nb'
          ? `${scope(rule, lang)} lagres nå ${rule.condition?.nb}`
          : `${scope(rule, lang)} are now kept ${rule.condition?.en}`,
      );
    }
    const described = ['id', 'duration', 'startsFrom', 'forbidsErasure', 'systems'];
    if (rule.condition !== undefined) described.push('condition');
    otherFields(previous, rule, described, (lang) => scope(rule, lang), 'retention', collector);
  }
  for (const rule of before) {
    if (!now.has(rule.id)) {
      collector.add('retention', 'removed', (lang) =>
        lang === 'nb'
          ? `Lagringsregelen for ${scope(rule, lang)} er fjernet`
          : `The retention rule for ${scope(rule, lang)} was removed`,
      );
    }
  }
}

const rightKey = (right: Right) => (right.kind === 'request' ? right.type : 'complaint');

function diffRights(before: Right[], after: Right[], collector: Collector): void {
  const old = new Map(before.map((right) => [rightKey(right), right]));
  const now = new Map(after.map((right) => [rightKey(right), right]));
  for (const right of after) {
    const previous = old.get(rightKey(right));
    if (previous === undefined) {
      collector.add('rights', 'added', (lang) =>
        lang === 'nb' ? `Ny rettighet: ${right.title.nb}` : `New right: ${right.title.en}`,
      );
    } else {
      otherFields(previous, right, ['kind', 'type'], (lang) => right.title[lang], 'rights', collector);
    }
  }
  for (const right of before) {
    if (!now.has(rightKey(right))) {
      collector.add('rights', 'removed', (lang) =>
        lang === 'nb' ? `Fjernet: ${right.title.nb}` : `Removed: ${right.title.en}`,
      );
    }
  }
}

const ageRuleName = (rule: AgeRule) => (lang: Language) =>
  rule.kind === 'guardian-consent'
    ? lang === 'nb'
      ? `Regelen for barn under ${rule.belowAge}`
      : `The rule for children under ${rule.belowAge}`
    : lang === 'nb'
      ? `Regelen for unge fra ${rule.fromAge} til ${rule.belowAge}`
      : `The rule for young people from ${rule.fromAge} to ${rule.belowAge}`;

const channelName = (channel: ContactChannel) => (lang: Language) =>
  channel.kind === 'email'
    ? `${lang === 'nb' ? 'E-post' : 'Email'} ${channel.address}`
    : `${lang === 'nb' ? 'Telefon' : 'Phone'} ${channel.display}`;

function diffById<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  section: SectionId,
  collector: Collector,
  name: (item: T) => (lang: Language) => string,
): void {
  const old = byId(before);
  const now = byId(after);
  for (const item of after) {
    const previous = old.get(item.id);
    if (previous === undefined) {
      collector.add(
        section,
        'added',
        (lang) => `${name(item)(lang)} ${lang === 'nb' ? 'er lagt til' : 'added'}`,
      );
    } else {
      otherFields(previous, item, ['id'], name(item), section, collector);
    }
  }
  for (const item of before) {
    if (!now.has(item.id)) {
      collector.add(
        section,
        'removed',
        (lang) => `${name(item)(lang)} ${lang === 'nb' ? 'er fjernet' : 'removed'}`,
      );
    }
  }
}

/** The parts that are one of a kind: each belongs to one section; a change in it is reported by its name. */
const PARTS: readonly [keyof PolicyDocument, SectionId, LocalizedText][] = [
  ['organisation', 'about', { nb: 'Organisasjonen', en: 'The organisation' }],
  ['title', 'about', { nb: 'Tittelen', en: 'The title' }],
  ['intro', 'about', { nb: 'Innledningen', en: 'The introduction' }],
  ['healthPersonnel', 'health', { nb: 'Taushetsplikten', en: 'Professional secrecy' }],
  ['supervisoryAuthority', 'contact', { nb: 'Tilsynsmyndigheten', en: 'The supervisory authority' }],
  ['sharing', 'sharing', { nb: 'Løftet om deling', en: 'Our promise on sharing' }],
  ['rightsLimitation', 'rights', { nb: 'Begrensningene i rettighetene', en: 'The limits of the rights' }],
  ['website', 'website', { nb: 'Nettsiden', en: 'The website' }],
  ['contactForm', 'contact-form', { nb: 'Kontaktskjemaet', en: 'The contact form' }],
  ['automatedDecisionMaking', 'rights', { nb: 'Automatiserte avgjørelser', en: 'Automated decision-making' }],
  ['changes', 'changes', { nb: 'Hvordan vi varsler endringer', en: 'How we announce changes' }],
  ['courtRemedy', 'rights', { nb: 'Retten til å gå til domstolene', en: 'The right to go to court' }],
  [
    'eidVerification',
    'rights',
    { nb: 'Bekreftelse med ID-porten', en: 'Confirming who you are with ID-porten' },
  ],
  ['dataProtectionOfficer', 'contact', { nb: 'Personvernombudet', en: 'The data protection officer' }],
];

function diffParts(from: PolicyDocument, to: PolicyDocument, collector: Collector): void {
  for (const [key, section, label] of PARTS) {
    const before = from[key];
    const after = to[key];
    if (same(before, after)) continue;
    if (typeof before === 'object' && before !== null && !Array.isArray(before) && !('nb' in before)) {
      otherFields(before, after as object, [], (lang) => label[lang], section, collector);
    } else {
      collector.add(
        section,
        'changed',
        (lang) => `${label[lang]} ${lang === 'nb' ? 'er skrevet om' : 'was reworded'}`,
      );
    }
  }
  for (const section of to.sections) {
    const previous = from.sections.find((s) => s.id === section.id);
    if (previous !== undefined && !same(previous, section)) {
      otherFields(previous, section, ['id'], (lang) => section.title[lang], section.id, collector);
    }
  }
  const order = (doc: PolicyDocument) => doc.sections.map((s) => s.id).join(',');
  if (order(from) !== order(to)) {
    collector.add('about', 'changed', (lang) =>
      lang === 'nb' ? 'Avsnittene er ordnet på nytt' : 'The sections were reordered',
    );
  }
}
