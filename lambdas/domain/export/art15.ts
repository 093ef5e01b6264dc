/**
 * The information GDPR Art. 15(1)(a)–(h) requires alongside the copy of the data, derived from the
 * policy document and what the collection stage found. Pure: the policy, the request, the findings and
 * (optionally) the legal-hold decisions are arguments, and the result is plain data in the requester's
 * language, with the policy's ids beside every text so machines can read it too (it goes into data.json
 * as `art15`, and index-page.ts renders it).
 *
 * | Letter | Field                    | From                                                               |
 * | ------ | ------------------------ | ------------------------------------------------------------------ |
 * | (a)    | `purposes`               | `systems[].purpose` and `legalBasis`, for each system with data    |
 * | (b)    | `categories`             | the findings' categories, labelled from `categories`               |
 * | (c)    | `recipients`             | `recipients` (see below), processors among the systems with data,  |
 * |        |                          | and their `transfers` outside the EEA (Art. 15(2), `transfers.ts`) |
 * | (d)    | `retention`              | `retention` rules per (system, category), and the decisions if any |
 * | (e)    | `rights`                 | `rights` of type rectification, erasure, restriction, objection    |
 * |        |                          | (direct marketing, 21(2)) and objection-general (21(1))            |
 * | (f)    | `complaint`              | the complaint right and `supervisoryAuthority`                     |
 * | (g)    | `sources`                | `systems[].dataSource`, or a plain "the notice does not say"       |
 * | (h)    | `automatedDecisionMaking`| `automatedDecisionMaking`, or "the notice says nothing" without it |
 *
 * Which systems appear where:
 * - A system has data when a finding for it came from a connector with records or categories, or from a
 *   staff upload (an uploaded export counts even when it names no categories; then the system's policy
 *   categories stand for what it holds).
 * - `notLinkable`: systems the request covers (`systemsForRequest`) whose handling is `not-linkable`, and
 *   any system with a `not-linkable` finding, with the policy's reason and what the person can do.
 * - `nothingFound`: systems with findings but no data (`no-data`, or a connector that returned nothing).
 * - `withheld`: systems kept back from a guardian by an age rule (workflow/minors.ts), with the reason and
 *   its law: the answer must say that something was left out, and why (Art. 12(4)).
 * - A covered, linkable system without any finding is an error: the export must not say "nothing found"
 *   where nobody looked. So is a finding naming a system or category the policy does not have.
 *
 * A recipient (`policy.recipients`) is listed when some system with data holds, by the policy, every
 * category the recipient receives, and at least one of them was found there: the hospitals that receive
 * the patient record are listed for a patient, not for a gym member whose name happens to be on file.
 */

import { formatDate, formatDuration, formatLegalBasis, UI_TEXT } from '../policy/i18n';
import type { Language } from '../policy/language';
import { formatOrgNumber } from '../policy/org-number';
import { systemsForRequest } from '../policy/queries';
import type {
  LegalBasis,
  LegalReference,
  LocalizedText,
  PolicyDocument,
  PolicySystem,
  RequestType,
  RetentionRule,
} from '../policy/schema';
import type { Finding } from '../workflow/findings';
import { EXPORT_TEXT } from './i18n';
import { type TransfersOutsideEea, transfersOutsideEea } from './transfers';

/** The request fields the export reads. Secrets (status tokens, task tokens, codes) are never among them. */
export interface ExportRequest {
  readonly id: string;
  readonly type: RequestType;
  readonly controllerId: string;
  readonly lang: Language;
  /** Oslo calendar date of receipt, `YYYY-MM-DD`. */
  readonly receivedDate: string;
}

/** A legal-hold decision (legal-hold.ts `CategoryDecision` fits): only these fields reach the requester. */
export interface RetentionDecisionInput {
  readonly systemId: string;
  readonly categoryId: string;
  readonly action: 'erase' | 'retain';
  /** `YYYY-MM-DD`, inclusive. */
  readonly retainUntil?: string;
}

export interface Art15Input {
  readonly policy: PolicyDocument;
  readonly request: ExportRequest;
  readonly findings: readonly Finding[];
  readonly retention?: readonly RetentionDecisionInput[];
}

export interface Reference {
  readonly citation: string;
  readonly url?: string;
}

export interface SystemRef {
  readonly systemId: string;
  readonly systemName: string;
}

export interface CategoryRef {
  readonly categoryId: string;
  readonly label: string;
}

export interface PurposeInfo extends SystemRef {
  readonly purpose: string;
  readonly legalBasis: {
    readonly article6: readonly string[];
    readonly article9: readonly string[];
    /** "Avtale og samtykke (personvernforordningen artikkel 6 nr. 1 bokstav a og b)". */
    readonly summary: string;
    readonly explanation: string;
    readonly nationalLaw: readonly Reference[];
  };
}

export interface FoundCategory extends CategoryRef {
  readonly description?: string;
  /** Health data or the national identity number. */
  readonly special: boolean;
  readonly systems: readonly SystemRef[];
}

export interface RecipientInfo {
  readonly recipientId: string;
  readonly name: string;
  readonly purpose: string;
  readonly categories: readonly CategoryRef[];
  /** The systems with data that hold what this recipient receives. */
  readonly viaSystems: readonly string[];
}

export interface ProcessorInfo extends SystemRef {
  readonly vendor: string;
  readonly dataProcessingAgreement: boolean;
}

export interface RetentionRuleInfo {
  readonly ruleId: string;
  /** "minst 10 år etter siste journalnotat", "så lenge du er medlem". */
  readonly period: string;
  readonly legalReference: Reference;
  /** The law obliges us to keep the data for the period. */
  readonly forbidsErasure: boolean;
  readonly note?: string;
  /** How erasure on request is decided, where it is a decision (the journal, a running membership). */
  readonly erasureDecision?: string;
}

export interface RetentionInfo extends SystemRef, CategoryRef {
  readonly rules: readonly RetentionRuleInfo[];
  /**
   * The legal-hold decision for this (system, category), when decisions were passed in; `not-assessed`
   * when they were but none covers this pair.
   */
  readonly decision?: {
    readonly action: 'erase' | 'retain' | 'not-assessed';
    readonly retainUntil?: string;
    readonly text: string;
  };
}

export interface RightInfo {
  readonly type: RequestType;
  readonly gdprArticle: string;
  readonly title: string;
  readonly description: string;
}

export interface SourceInfo extends SystemRef {
  /** False when the policy has no `dataSource` for the system; `statement` then says so. */
  readonly statedInPolicy: boolean;
  readonly statement: string;
}

export interface NotLinkableInfo extends SystemRef {
  readonly reason: string;
  readonly whatYouCanDo?: string;
}

export interface Art15Information {
  readonly lang: Language;
  readonly organisation: string;
  readonly policy: { readonly version: string; readonly effectiveDate: string };
  readonly controller: {
    readonly controllerId: string;
    readonly legalName: string;
    readonly orgNumber: string;
    readonly address: string;
    readonly privacyContactEmail: string;
  };
  /** (a) */
  readonly purposes: readonly PurposeInfo[];
  /** (b) */
  readonly categories: readonly FoundCategory[];
  /** (c) */
  readonly recipients: {
    readonly recipients: readonly RecipientInfo[];
    readonly processors: readonly ProcessorInfo[];
    readonly sharingPromise: string;
    /** Art. 15(1)(c), 15(2): the transfers outside the EEA of the systems with data (`transfers.ts`). */
    readonly transfersOutsideEea: TransfersOutsideEea;
  };
  /** (d) */
  readonly retention: readonly RetentionInfo[];
  /** (e) */
  readonly rights: {
    readonly rights: readonly RightInfo[];
    readonly limitation: string;
    readonly howToUse: string;
  };
  /** (f) */
  readonly complaint: {
    readonly authority: string;
    readonly url: string;
    readonly gdprArticle: string;
    readonly title: string;
    readonly description: string;
    readonly contactUsFirst: string;
  };
  /** (g) */
  readonly sources: readonly SourceInfo[];
  /** (h) */
  readonly automatedDecisionMaking: {
    readonly statedInPolicy: boolean;
    /** null when the policy says nothing. */
    readonly used: boolean | null;
    readonly statement: string;
  };
  readonly notLinkable: readonly NotLinkableInfo[];
  readonly nothingFound: readonly SystemRef[];
  readonly withheld: readonly WithheldInfo[];
}

/** A system kept back from a guardian's answer, and why. */
export interface WithheldInfo extends SystemRef {
  readonly reason: string;
}

/**
 * The rights Art. 15(1)(e) names, in the order it names them. "Objection" is both: to direct marketing
 * (Art. 21(2)) and the general objection to processing on public task or legitimate interest (Art. 21(1)).
 */
const ARTICLE_15_E_RIGHTS: readonly RequestType[] = [
  'rectification',
  'erasure',
  'restriction',
  'objection',
  'objection-general',
];

/** Which systems had data, which had none and which cannot be searched, in policy order. */
export interface SystemOutcomes {
  readonly withData: readonly { readonly system: PolicySystem; readonly categories: readonly string[] }[];
  readonly nothingFound: readonly PolicySystem[];
  readonly notLinkable: readonly { readonly system: PolicySystem; readonly explanation?: LocalizedText }[];
  readonly withheld: readonly { readonly system: PolicySystem; readonly explanation?: LocalizedText }[];
}

export function systemOutcomes(
  policy: PolicyDocument,
  request: Pick<ExportRequest, 'type' | 'controllerId'>,
  findings: readonly Finding[],
): SystemOutcomes {
  const knownCategories = new Set(policy.categories.map((category) => category.id));
  const bySystem = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!policy.systems.some((system) => system.id === finding.systemId)) {
      throw new RangeError(`A finding names system "${finding.systemId}", which the policy does not have`);
    }
    for (const category of finding.categories) {
      if (!knownCategories.has(category)) {
        throw new RangeError(
          `A finding for "${finding.systemId}" names category "${category}", which the policy does not have`,
        );
      }
    }
    bySystem.set(finding.systemId, [...(bySystem.get(finding.systemId) ?? []), finding]);
  }
  const covered = new Set(systemsForRequest(policy, request.type, request.controllerId).map((s) => s.id));

  const withData: { system: PolicySystem; categories: string[] }[] = [];
  const nothingFound: PolicySystem[] = [];
  const notLinkable: { system: PolicySystem; explanation?: LocalizedText }[] = [];
  const withheld: { system: PolicySystem; explanation?: LocalizedText }[] = [];
  for (const system of policy.systems) {
    const found = bySystem.get(system.id) ?? [];
    if (!covered.has(system.id) && found.length === 0) continue;
    const kept = found.find((finding) => finding.source === 'withheld');
    if (kept !== undefined) {
      withheld.push({ system, ...(kept.explanation === undefined ? {} : { explanation: kept.explanation }) });
      continue;
    }
    const unlinkable = found.find((finding) => finding.source === 'not-linkable');
    if (system.handling.kind === 'not-linkable' || unlinkable !== undefined) {
      notLinkable.push({
        system,
        ...(unlinkable?.explanation === undefined ? {} : { explanation: unlinkable.explanation }),
      });
      continue;
    }
    const withRecords = found.filter(hasData);
    if (withRecords.length > 0) {
      const named = new Set(withRecords.flatMap((finding) => finding.categories));
      // An uploaded export that names no categories stands for everything the policy says the system holds.
      const categories =
        named.size === 0 ? system.categories : orderCategories(named, system, policy.categories);
      withData.push({ system, categories });
    } else if (found.length > 0) {
      nothingFound.push(system);
    } else {
      throw new RangeError(
        `No finding for system "${system.id}": the export cannot say whether it holds data about the requester`,
      );
    }
  }
  return { withData, nothingFound, notLinkable, withheld };
}

function hasData(finding: Finding): boolean {
  if (finding.source === 'staff-upload') return true;
  return finding.source === 'connector' && (finding.recordCount > 0 || finding.categories.length > 0);
}

/** The system's own category order first, then any others in the policy's category order. */
function orderCategories(
  ids: ReadonlySet<string>,
  system: PolicySystem,
  categories: PolicyDocument['categories'],
): string[] {
  const own = system.categories.filter((id) => ids.has(id));
  const rest = categories.map((category) => category.id).filter((id) => ids.has(id) && !own.includes(id));
  return [...own, ...rest];
}

export function art15Information({ policy, request, findings, retention }: Art15Input): Art15Information {
  const lang = request.lang;
  const t = (text: LocalizedText) => text[lang];
  const text = EXPORT_TEXT[lang];
  const controller = policy.controllers.find((candidate) => candidate.id === request.controllerId);
  if (controller === undefined) {
    throw new RangeError(`Controller "${request.controllerId}" is not in the policy`);
  }
  const outcomes = systemOutcomes(policy, request, findings);
  const ref = (system: PolicySystem): SystemRef => ({ systemId: system.id, systemName: system.name });
  const category = (id: string) => {
    const found = policy.categories.find((candidate) => candidate.id === id);
    if (found === undefined) throw new RangeError(`Category "${id}" is not in the policy`);
    return found;
  };
  const categoryRef = (id: string): CategoryRef => ({ categoryId: id, label: t(category(id).label) });
  const reference = (legal: LegalReference): Reference => ({
    citation: t(legal.citation),
    ...(legal.url === undefined ? {} : { url: legal.url }),
  });

  const purposes = outcomes.withData.map(({ system }) => ({
    ...ref(system),
    purpose: t(system.purpose),
    legalBasis: legalBasis(system.legalBasis, lang, reference),
  }));

  const foundIn = new Map<string, SystemRef[]>();
  for (const { system, categories } of outcomes.withData) {
    for (const id of categories) foundIn.set(id, [...(foundIn.get(id) ?? []), ref(system)]);
  }
  const categories: FoundCategory[] = policy.categories
    .filter((candidate) => foundIn.has(candidate.id))
    .map((candidate) => ({
      categoryId: candidate.id,
      label: t(candidate.label),
      ...(candidate.description === undefined ? {} : { description: t(candidate.description) }),
      special: candidate.special,
      systems: foundIn.get(candidate.id) ?? [],
    }));

  const recipients: RecipientInfo[] = policy.recipients.flatMap((recipient) => {
    const via = outcomes.withData.filter(
      ({ system, categories: found }) =>
        recipient.categories.every((id) => system.categories.includes(id)) &&
        recipient.categories.some((id) => found.includes(id)),
    );
    if (via.length === 0) return [];
    return [
      {
        recipientId: recipient.id,
        name: t(recipient.name),
        purpose: t(recipient.purpose),
        categories: recipient.categories.map(categoryRef),
        viaSystems: via.map(({ system }) => system.id),
      },
    ];
  });
  // A system its vendor runs for us under a data processing agreement (Art. 28(3)) is a processor's too,
  // even when we keep the record in it (PasientSky, BRP): the person is told who handles their data.
  const processors: ProcessorInfo[] = outcomes.withData
    .filter(({ system }) => system.role === 'processor' || system.dataProcessingAgreement)
    .map(({ system }) => ({
      ...ref(system),
      vendor: system.vendor,
      dataProcessingAgreement: system.dataProcessingAgreement,
    }));

  const decisions = new Map(
    (retention ?? []).map((decision) => [JSON.stringify([decision.systemId, decision.categoryId]), decision]),
  );
  const retentionInfo: RetentionInfo[] = outcomes.withData.flatMap(({ system, categories: found }) =>
    found.map((categoryId) => {
      const rules = policy.retention.filter(
        (rule) => rule.categories.includes(categoryId) && (rule.systems?.includes(system.id) ?? true),
      );
      const decision = decisions.get(JSON.stringify([system.id, categoryId]));
      return {
        ...ref(system),
        ...categoryRef(categoryId),
        rules: rules.map((rule) => ({
          ruleId: rule.id,
          period: retentionPeriod(rule, lang),
          legalReference: reference(rule.legalReference),
          forbidsErasure: rule.forbidsErasure,
          ...(rule.note === undefined ? {} : { note: t(rule.note) }),
          ...(rule.erasureDecision === undefined
            ? {}
            : { erasureDecision: t(rule.erasureDecision.description) }),
        })),
        ...(retention === undefined ? {} : { decision: decisionInfo(decision, lang) }),
      };
    }),
  );

  const rights: RightInfo[] = ARTICLE_15_E_RIGHTS.flatMap((type) => {
    const right = policy.rights.find((candidate) => candidate.kind === 'request' && candidate.type === type);
    if (right === undefined || right.kind !== 'request') return [];
    return [
      {
        type: right.type,
        gdprArticle: right.gdprArticle,
        title: t(right.title),
        description: t(right.description),
      },
    ];
  });

  const complaintRight = policy.rights.find((right) => right.kind === 'complaint');
  const authority = policy.supervisoryAuthority;

  const sources: SourceInfo[] = outcomes.withData.map(({ system }) => ({
    ...ref(system),
    statedInPolicy: system.dataSource !== undefined,
    statement: system.dataSource === undefined ? text.sourceNotStated : t(system.dataSource),
  }));

  return {
    lang,
    organisation: policy.organisation.name,
    policy: { version: policy.version, effectiveDate: policy.effectiveDate },
    controller: {
      controllerId: controller.id,
      legalName: controller.legalName,
      orgNumber: formatOrgNumber(controller.orgNumber),
      address: `${controller.address.street}, ${controller.address.postalCode} ${controller.address.city}`,
      privacyContactEmail: controller.privacyContactEmail,
    },
    purposes,
    categories,
    recipients: {
      recipients,
      processors,
      sharingPromise: t(policy.sharing.promise),
      transfersOutsideEea: transfersOutsideEea(
        outcomes.withData.map(({ system }) => system),
        lang,
        { organisation: policy.organisation.name, privacyContactEmail: controller.privacyContactEmail },
      ),
    },
    retention: retentionInfo,
    rights: {
      rights,
      limitation: t(policy.rightsLimitation),
      howToUse: text.howToUseRights(controller.privacyContactEmail),
    },
    complaint: {
      authority: authority.name,
      url: authority.url,
      gdprArticle: complaintRight?.gdprArticle ?? '77',
      title: complaintRight === undefined ? text.letters.f : t(complaintRight.title),
      description: complaintRight === undefined ? t(authority.role) : t(complaintRight.description),
      contactUsFirst: t(authority.contactUsFirst),
    },
    sources,
    automatedDecisionMaking: automatedDecisions(policy, lang),
    notLinkable: outcomes.notLinkable.map(({ system, explanation }) => {
      const handling = system.handling;
      if (handling.kind === 'not-linkable') {
        return { ...ref(system), reason: t(handling.reason), whatYouCanDo: t(handling.whatYouCanDo) };
      }
      return { ...ref(system), reason: explanation === undefined ? text.noDataFound : t(explanation) };
    }),
    nothingFound: outcomes.nothingFound.map(ref),
    withheld: outcomes.withheld.map(({ system, explanation }) => ({
      ...ref(system),
      reason: explanation === undefined ? text.withheld.intro : t(explanation),
    })),
  };
}

function legalBasis(
  basis: LegalBasis,
  lang: Language,
  reference: (legal: LegalReference) => Reference,
): PurposeInfo['legalBasis'] {
  return {
    article6: [...basis.article6],
    article9: [...(basis.article9 ?? [])],
    summary: formatLegalBasis(basis.article6, basis.article9 ?? [], lang),
    explanation: basis.explanation[lang],
    nationalLaw: basis.nationalLaw.map(reference),
  };
}

/**
 * (h) as the policy states it. The schema requires the field, but a document from before it existed
 * must not make the export claim that no automated decisions are made: then it says the notice is silent.
 */
function automatedDecisions(
  policy: PolicyDocument,
  lang: Language,
): Art15Information['automatedDecisionMaking'] {
  const stated: PolicyDocument['automatedDecisionMaking'] | undefined = policy.automatedDecisionMaking;
  const text = EXPORT_TEXT[lang];
  if (stated === undefined) {
    return { statedInPolicy: false, used: null, statement: text.automatedNotStated };
  }
  return {
    statedInPolicy: true,
    used: stated.used,
    statement: stated.used ? `${text.automatedUsed} ${stated.description[lang]}` : stated.description[lang],
  };
}

function decisionInfo(
  decision: RetentionDecisionInput | undefined,
  lang: Language,
): NonNullable<RetentionInfo['decision']> {
  const text = EXPORT_TEXT[lang].decision;
  if (decision === undefined) return { action: 'not-assessed', text: text.notAssessed };
  if (decision.action === 'erase') return { action: 'erase', text: text.erasable };
  if (decision.retainUntil === undefined) return { action: 'retain', text: text.retainUnknownEnd };
  return {
    action: 'retain',
    retainUntil: decision.retainUntil,
    text: text.retainUntil(formatDate(decision.retainUntil, lang)),
  };
}

/** As the notice words it: "minst 10 år etter siste journalnotat", "så lenge du er medlem". */
export function retentionPeriod(rule: RetentionRule, lang: Language): string {
  const ui = UI_TEXT[lang];
  const condition = rule.condition?.[lang];
  if (rule.duration === null) return condition ?? '';
  const amount = formatDuration(rule.duration, lang);
  if (amount === '') return condition ?? ui.anchorUntil[rule.startsFrom];
  // A period the law imposes is a floor, not a promise to delete on the day.
  const floor = rule.forbidsErasure ? `${EXPORT_TEXT[lang].atLeast} ` : '';
  return `${floor}${amount} ${ui.anchorAfter[rule.startsFrom]}`;
}
