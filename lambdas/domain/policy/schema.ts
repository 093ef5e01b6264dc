/**
 * The policy document is the configuration: this schema is the one description of it.
 * The notice is rendered from it, intake accepts the request types in `rights`, the workflow
 * collects from and erases in `systems` (by their `handling`), the legal-hold check reads
 * `retention`, access responses quote purposes, recipients, retention and sources (GDPR
 * Art. 15(1)(a)–(h)), and reminders go to each controller's `privacyContactEmail`.
 *
 * Fields refer to each other by stable ids; `checkReferences` makes sure every reference resolves,
 * so later code can look ids up without guarding against missing entries.
 */
import * as z from 'zod';
import { CONSENT_PURPOSES } from '../consent/purposes';
import { REQUEST_TYPES } from '../requests/request-types';
import { IDENTITY_LEVELS } from './identity-level-names';
import { checkOrgNumber } from './org-number';
import { POLICY_VERSION_PATTERN } from './version';

/** The request types intake may accept (requests/request-types.ts). A policy offers a subset of them in `rights`. */
export { REQUEST_TYPES };

/** Automated connectors the workflow knows how to run. Adding one here means writing its adapter. */
export const CONNECTORS = ['internal', 'mailchimp'] as const;

/** The notice's sections. Every one must appear exactly once in `sections`; their order there is the page order. */
export const SECTION_IDS = [
  'controllers',
  'about',
  'health',
  'membership',
  'payment',
  'website',
  'contact-form',
  'sharing',
  'retention',
  'rights',
  'children',
  'changes',
  'contact',
] as const;

/** The event a retention period is counted from. The legal-hold check needs this date from the findings. */
export const RETENTION_ANCHORS = [
  'collection',
  'transaction',
  'end-of-fiscal-year',
  'last-journal-entry',
  'end-of-membership',
  'last-contact',
  'request-closed',
  'unsubscribe',
] as const;

export const CONTROLLER_ACTIVITIES = ['clinic', 'gym'] as const;

/**
 * `joint-controller`: the vendor decides the purposes and means together with us (GDPR Art. 26), as Meta does
 * for what its pixel collects on our pages (CJEU C-40/17 Fashion ID); `jointControl` then says how.
 */
export const SYSTEM_ROLES = ['system-of-record', 'processor', 'joint-controller'] as const;

/**
 * How a transfer to a country outside the EEA is made lawful (GDPR Chapter V): an adequacy decision (Art. 45,
 * such as the EU-US Data Privacy Framework), standard contractual clauses (Art. 46(2)(c)), binding corporate
 * rules (Art. 46(2)(b), 47) or a derogation (Art. 49).
 */
export const TRANSFER_MECHANISMS = [
  'adequacy-decision',
  'standard-contractual-clauses',
  'binding-corporate-rules',
  'derogation',
] as const;

/** The EEA: the 27 EU states, Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2). */
export const EEA_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
] as const;
export const CONTACT_TOPICS = ['general', 'privacy', 'journal'] as const;
export const GDPR_ARTICLE_6_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export const GDPR_ARTICLE_9_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;

// Retention periods are calendar periods: years, months, weeks, days. P0D means "until the anchor".
const RETENTION_DURATION_PATTERN = /^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/;

const Text = z.string().regex(/\S/, 'must not be empty');

const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case id with hyphens, such as "brp-systems"');

const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, such as "US"');

const HttpsUrlSchema = z.url({ protocol: /^https$/, error: 'must be an https:// address' });

/** The message for a discriminated union whose `kind` matches none of its options. */
function unknownKind(what: string, kinds: string[]) {
  return (issue: { input?: unknown }): string => {
    if (issue.input === undefined) return 'required';
    if (typeof issue.input !== 'object' || issue.input === null) return 'must be an object with a "kind"';
    const kind = (issue.input as { kind?: unknown }).kind;
    if (kind === undefined) return 'required';
    return `unknown ${what} ${JSON.stringify(kind)} (expected ${kinds.join(', ')})`;
  };
}

export const LocalizedTextSchema = z.strictObject({ nb: Text, en: Text });

/** Accepts "898 503 992" as well as "898503992" and stores the nine digits. */
export const OrgNumberSchema = z.string().transform((value, ctx) => {
  const result = checkOrgNumber(value);
  if (result.ok) return result.orgNumber;
  ctx.issues.push({ code: 'custom', message: result.problem, input: value });
  return z.NEVER;
});

export const RequestTypeSchema = z.enum(REQUEST_TYPES, {
  error: (issue) =>
    issue.input === undefined
      ? 'required'
      : `unknown request type ${JSON.stringify(issue.input)} (expected ${REQUEST_TYPES.join(', ')})`,
});

export const ConnectorSchema = z.enum(CONNECTORS, {
  error: (issue) =>
    issue.input === undefined
      ? 'required'
      : `unknown connector ${JSON.stringify(issue.input)} (expected ${CONNECTORS.join(' or ')})`,
});

/** A citation in each language, e.g. nb "bokføringsloven § 13", en "Bookkeeping Act (bokføringsloven) § 13". */
export const LegalReferenceSchema = z.strictObject({
  citation: LocalizedTextSchema,
  url: HttpsUrlSchema.optional(),
});

/**
 * Why processing is lawful. The article letters are data because later code depends on them:
 * portability only applies to consent (a) or contract (b), GDPR Art. 20(1)(a).
 */
export const LegalBasisSchema = z.strictObject({
  article6: z.array(z.enum(GDPR_ARTICLE_6_LETTERS)).min(1),
  article9: z.array(z.enum(GDPR_ARTICLE_9_LETTERS)).min(1).optional(),
  nationalLaw: z.array(LegalReferenceSchema).default([]),
  explanation: LocalizedTextSchema,
});

export const AddressSchema = z.strictObject({
  street: Text,
  postalCode: z.string().regex(/^\d{4}$/, 'must be a four-digit Norwegian postal code'),
  city: Text,
});

export const ControllerSchema = z.strictObject({
  id: IdSchema,
  legalName: Text,
  orgNumber: OrgNumberSchema,
  address: AddressSchema,
  /** The default controller for requests that do not name one. Exactly one controller is main. */
  main: z.boolean(),
  operates: z.array(z.enum(CONTROLLER_ACTIVITIES)).min(1),
  /** Deadline reminders and staff notifications for this controller go here. */
  privacyContactEmail: z.email(),
  /** Where the public forms send people after a submission, if this controller wants its own page. */
  thankYouUrl: HttpsUrlSchema.optional(),
});

export const ContactChannelSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      id: IdSchema,
      kind: z.literal('email'),
      address: z.email(),
      topics: z.array(z.enum(CONTACT_TOPICS)).min(1),
      description: LocalizedTextSchema,
    }),
    z.strictObject({
      id: IdSchema,
      kind: z.literal('phone'),
      /** E.164, for tel: links. */
      number: z.string().regex(/^\+\d{8,15}$/, 'must be in E.164 form, such as "+4721082800"'),
      /** As people write it, e.g. "21 08 28 00". */
      display: Text,
      topics: z.array(z.enum(CONTACT_TOPICS)).min(1),
      description: LocalizedTextSchema,
    }),
  ],
  { error: unknownKind('contact channel kind', ['email', 'phone']) },
);

export const SupervisoryAuthoritySchema = z.strictObject({
  name: Text,
  url: HttpsUrlSchema,
  role: LocalizedTextSchema,
  contactUsFirst: LocalizedTextSchema,
});

export const HealthPersonnelSchema = z.strictObject({
  authorisedBy: Text,
  law: LegalReferenceSchema,
  commitment: LocalizedTextSchema,
});

export const DataCategorySchema = z.strictObject({
  id: IdSchema,
  label: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  examples: z.array(LocalizedTextSchema).default([]),
  /** Health data or the national identity number: a request touching it needs a staff identity check. */
  special: z.boolean(),
  /** Anonymised data cannot be tied to anyone, so requests never collect or erase it. */
  anonymised: z.boolean().default(false),
});

export const HandlingSchema = z.discriminatedUnion(
  'kind',
  [
    /** A connector collects and erases without staff. */
    z.strictObject({ kind: z.literal('automated'), connector: ConnectorSchema }),
    /** A staff task: upload an export or record "no data found"; erase by hand. `staffTask` says how. */
    z.strictObject({ kind: z.literal('manual'), staffTask: LocalizedTextSchema }),
    /** We cannot tie the data to a requester; the response explains why and what they can do. */
    z.strictObject({
      kind: z.literal('not-linkable'),
      reason: LocalizedTextSchema,
      whatYouCanDo: LocalizedTextSchema,
    }),
  ],
  { error: unknownKind('handling kind', ['automated', 'manual', 'not-linkable']) },
);

/** A transfer of personal data to a country outside the EEA (GDPR Art. 13(1)(f), 15(2), 44–49). */
export const TransferSchema = z.strictObject({
  /** ISO 3166-1 alpha-2, e.g. "US". */
  country: CountryCodeSchema,
  countryName: LocalizedTextSchema,
  mechanism: z.enum(TRANSFER_MECHANISMS),
  /** The mechanism in words, e.g. "the EU-US Data Privacy Framework", with what it rests on. */
  description: LocalizedTextSchema,
  legalReference: LegalReferenceSchema,
  /**
   * Where a copy of the safeguards can be had, or where they are published (Art. 13(1)(f)); needed for
   * contractual clauses and binding corporate rules, useful for an adequacy decision.
   */
  safeguardsCopy: z
    .strictObject({ description: LocalizedTextSchema, url: HttpsUrlSchema.optional() })
    .optional(),
});

/** What a joint controller and we have agreed (GDPR Art. 26(1)–(2)): who does what, and where to read more. */
export const JointControlSchema = z.strictObject({
  /** The vendor's legal entity that is joint controller with us. */
  partner: Text,
  /** The processing we are jointly responsible for, and what the partner does alone afterwards. */
  scope: LocalizedTextSchema,
  /** The essence of the arrangement, which Art. 26(2) says must be made available to the data subject. */
  arrangement: LocalizedTextSchema,
  /** The partner's own notice, for what it does with the data as sole controller. */
  partnerNoticeUrl: HttpsUrlSchema.optional(),
  legalReference: LegalReferenceSchema,
});

export const PolicySystemSchema = z.strictObject({
  id: IdSchema,
  name: Text,
  vendor: Text,
  /** A system of record is where we keep the data ourselves; a processor handles it on our behalf. */
  role: z.enum(SYSTEM_ROLES),
  /** The notice section that describes this system. */
  section: z.enum(SECTION_IDS),
  categories: z.array(IdSchema).min(1),
  purpose: LocalizedTextSchema,
  legalBasis: LegalBasisSchema,
  /** Where the data comes from (GDPR Art. 15(1)(g)), when the policy states it. */
  dataSource: LocalizedTextSchema.optional(),
  /**
   * Whether people must give us this information, and what happens if they do not (GDPR Art. 13(2)(e)):
   * a statutory or contractual requirement, or voluntary.
   */
  provision: LocalizedTextSchema.optional(),
  dataProcessingAgreement: z.boolean().default(false),
  /** Required for a `joint-controller` (the policy linter says so); absent otherwise. */
  jointControl: JointControlSchema.optional(),
  /** Where the vendor is established (ISO 3166-1 alpha-2); outside the EEA, `transfers` must say how. */
  vendorCountry: CountryCodeSchema.optional(),
  /** Transfers outside the EEA (GDPR Art. 13(1)(f), 44–49); empty when the data stays in the EEA. */
  transfers: z.array(TransferSchema).default([]),
  /**
   * Stores or reads information on the visitor's device that is not strictly necessary for a service the
   * visitor asked for (cookies, pixels, local storage). Under ekomloven § 3-15 that needs consent.
   */
  tracker: z.boolean().default(false),
  /**
   * For a tracker: what the cookie banner asks consent for it under (domain/consent/purposes.ts; Google
   * Consent Mode follows it). Absent on a tracker, the banner asks about that system on its own; on a system
   * that is no tracker, the banner ignores it.
   */
  consentPurpose: z.enum(CONSENT_PURPOSES).optional(),
  safeguards: z.array(LocalizedTextSchema).default([]),
  controllers: z.array(IdSchema).min(1),
  /** The request types the workflow runs against this system. */
  requestTypes: z.array(RequestTypeSchema),
  handling: HandlingSchema,
  /**
   * The eID assurance level (ID-porten) at which this system's data may be released or changed without a
   * manual identity check. Absent: `high` where the system holds a special category, else `substantial`
   * (identity-levels.ts; docs/id-porten.md section 5).
   */
  identityLevel: z.enum(IDENTITY_LEVELS).optional(),
  /** How staff find a person in the system: by email (the default) or by the national identity number. */
  personKey: z.enum(['email', 'national-id']).optional(),
});

export const RecipientSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  purpose: LocalizedTextSchema,
  categories: z.array(IdSchema).min(1),
});

export const RetentionRuleSchema = z
  .strictObject({
    id: IdSchema,
    categories: z.array(IdSchema).min(1),
    /** Limits the rule to these systems; without it the rule covers the categories wherever they are held. */
    systems: z.array(IdSchema).min(1).optional(),
    /** ISO-8601 calendar period counted from `startsFrom`, or null for "as long as needed" (then `condition` says what). */
    duration: z
      .string()
      .regex(
        RETENTION_DURATION_PATTERN,
        'must be an ISO-8601 period in years, months, weeks or days, e.g. "P10Y"',
      )
      .nullable(),
    startsFrom: z.enum(RETENTION_ANCHORS),
    condition: LocalizedTextSchema.optional(),
    legalReference: LegalReferenceSchema,
    /**
     * True when the law obliges us to keep the data for the period, so an erasure request cannot
     * remove it (the journal, accounting records). False when the period is our own limit.
     */
    forbidsErasure: z.boolean(),
    note: LocalizedTextSchema.optional(),
    /**
     * Whether what this rule covers can be erased on request is a decision staff make in the system, under
     * this law: journal entries by the responsible health personnel (helsepersonelloven §§ 43–44); a
     * member's data not while the contract runs (Art. 17(1)(a)). An erasure request then asks staff for
     * the outcome (workflow/erasure-decision.ts). `description` says how it is decided; `whenKept` says
     * why the data stays, for the answer when it does.
     */
    erasureDecision: z
      .strictObject({
        legalReference: LegalReferenceSchema,
        description: LocalizedTextSchema,
        whenKept: LocalizedTextSchema,
      })
      .optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.duration === null && rule.condition === undefined) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'required when duration is null' });
    }
  });

const GdprArticleSchema = z
  .string()
  .regex(/^\d{1,2}(\(\d\))?$/, 'must be a GDPR article such as "15" or "21(2)"');

export const RightSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('request'),
      type: RequestTypeSchema,
      gdprArticle: GdprArticleSchema,
      title: LocalizedTextSchema,
      description: LocalizedTextSchema,
    }),
    /** The complaint to the supervisory authority: a right, but not something intake handles. */
    z.strictObject({
      kind: z.literal('complaint'),
      gdprArticle: GdprArticleSchema,
      title: LocalizedTextSchema,
      description: LocalizedTextSchema,
    }),
  ],
  { error: unknownKind('right kind', ['request', 'complaint']) },
);

const AgeSchema = z.int().min(0).max(25);

/**
 * The ages between which a child's or young person's own say limits what a guardian gets from these
 * categories (in health care, pasient- og brukerrettighetsloven §§ 3-4 and 5-1), for these request types
 * (absent: every type).
 */
const MinorsSayFields = {
  fromAge: AgeSchema,
  belowAge: AgeSchema,
  categories: z.array(IdSchema).min(1),
  requestTypes: z.array(RequestTypeSchema).min(1).optional(),
  staffIdentityCheck: z.boolean(),
  description: LocalizedTextSchema,
  legalReference: LegalReferenceSchema,
};

export const AgeRuleSchema = z.discriminatedUnion(
  'kind',
  [
    /**
     * Below `belowAge`, a guardian must consent (and act) for the child. `categories` names the processing
     * the consent is about (STERK: membership, seed § 4); health care has its own age rules, below.
     */
    z.strictObject({
      id: IdSchema,
      kind: z.literal('guardian-consent'),
      belowAge: AgeSchema,
      categories: z.array(IdSchema).min(1).optional(),
      staffIdentityCheck: z.boolean(),
      description: LocalizedTextSchema,
      legalReference: LegalReferenceSchema.optional(),
    }),
    /**
     * From `fromAge`, the young person holds their rights over these categories themselves: a guardian's
     * request reaches them only if staff record the young person's consent at the identity check.
     */
    z.strictObject({ id: IdSchema, kind: z.literal('own-rights'), ...MinorsSayFields }),
    /**
     * Between `fromAge` and `belowAge`, the child is heard: staff record the child's view at the identity
     * check, and a child with reasons that should be respected keeps these categories from the guardian.
     */
    z.strictObject({ id: IdSchema, kind: z.literal('child-view'), ...MinorsSayFields }),
  ],
  { error: unknownKind('age rule kind', ['guardian-consent', 'own-rights', 'child-view']) },
);

/** An age rule that limits what a guardian gets: the young person's consent, or the child's view. */
export type MinorsSayRule = Extract<AgeRule, { kind: 'own-rights' | 'child-view' }>;

export const WebsiteSchema = z.strictObject({
  collects: z.array(IdSchema).min(1),
  purpose: LocalizedTextSchema,
  legalBasis: LegalBasisSchema,
  cookies: LocalizedTextSchema,
  anonymisedStatistics: LocalizedTextSchema,
});

export const ContactFormSchema = z.strictObject({
  categories: z.array(IdSchema).min(1),
  use: LocalizedTextSchema,
});

export const SectionSchema = z.strictObject({
  id: z.enum(SECTION_IDS),
  title: LocalizedTextSchema,
  intro: z.array(LocalizedTextSchema).default([]),
});

/** The data protection officer (GDPR Art. 37–39). When one is designated, the notice gives the contact (Art. 13(1)(b), 37(7)). */
export const DataProtectionOfficerSchema = z.strictObject({
  designated: z.boolean(),
  name: Text.optional(),
  email: z.email().optional(),
  phone: Text.optional(),
});

/** The right to go to court (GDPR Art. 79), beside the complaint to the supervisory authority (Art. 77). */
export const CourtRemedySchema = z.strictObject({
  gdprArticle: GdprArticleSchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  legalReference: LegalReferenceSchema.optional(),
});

/**
 * What the notice says about confirming who you are with ID-porten instead of a manual check by staff
 * (docs/id-porten.md section 5): what we receive, why, how the national identity number is kept and for
 * how long, and that the emailed code with a manual check remains. Rendered under the rights, after the
 * list of rights. Absent: the notice says nothing about ID-porten (an organisation that does not offer it).
 */
export const EidVerificationSchema = z.strictObject({
  title: LocalizedTextSchema,
  /** Paragraphs, in order. */
  description: z.array(LocalizedTextSchema).min(1),
  legalReference: LegalReferenceSchema,
});

/**
 * A fact the document states that the organisation's own policy does not (yet) confirm: published, but
 * never silently. The policy linter lists each one as a warning until it is confirmed, and confirming it
 * means removing the entry in a new version. `paths` name what it is about, by id where there is one:
 * `systems.facebook-pixel.jointControl`, `controllers.sterk-hasle.operates`, `effectiveDate`.
 */
export const AssumptionSchema = z.strictObject({
  id: IdSchema,
  paths: z
    .array(
      z
        .string()
        .regex(
          /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/,
          'must be a dotted path such as "systems.mailchimp.legalBasis"',
        ),
    )
    .min(1),
  /** What was assumed and why, and what the organisation must confirm. */
  note: LocalizedTextSchema,
});

const PolicyDocumentShape = z.strictObject({
  version: z.string().regex(POLICY_VERSION_PATTERN, 'must be MAJOR.MINOR.PATCH, such as "1.0.0"'),
  effectiveDate: z.iso.date({ error: 'must be a date in YYYY-MM-DD form' }),
  organisation: z.strictObject({ name: Text }),
  title: LocalizedTextSchema,
  intro: z.array(LocalizedTextSchema).min(1),
  controllers: z.array(ControllerSchema).min(1),
  contactChannels: z.array(ContactChannelSchema).min(1),
  supervisoryAuthority: SupervisoryAuthoritySchema,
  healthPersonnel: HealthPersonnelSchema,
  categories: z.array(DataCategorySchema).min(1),
  systems: z.array(PolicySystemSchema).min(1),
  recipients: z.array(RecipientSchema),
  sharing: z.strictObject({ promise: LocalizedTextSchema }),
  retention: z.array(RetentionRuleSchema).min(1),
  rights: z.array(RightSchema).min(1),
  rightsLimitation: LocalizedTextSchema,
  courtRemedy: CourtRemedySchema.optional(),
  dataProtectionOfficer: DataProtectionOfficerSchema.optional(),
  eidVerification: EidVerificationSchema.optional(),
  ageRules: z.array(AgeRuleSchema),
  website: WebsiteSchema,
  contactForm: ContactFormSchema,
  /** GDPR Art. 15(1)(h): whether decisions are made about people by automated means alone. */
  automatedDecisionMaking: z.strictObject({ used: z.boolean(), description: LocalizedTextSchema }),
  changes: z.strictObject({ majorChangesAnnounced: z.boolean(), description: LocalizedTextSchema }),
  sections: z.array(SectionSchema),
  /** Facts to confirm (AssumptionSchema); empty once the organisation has confirmed everything. */
  assumptions: z.array(AssumptionSchema).default([]),
});

type PolicyShape = z.output<typeof PolicyDocumentShape>;
type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

export const PolicyDocumentSchema = PolicyDocumentShape.superRefine((policy, ctx) => {
  checkReferences(policy, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
});

export type PolicyDocument = z.output<typeof PolicyDocumentSchema>;
export type PolicyDocumentInput = z.input<typeof PolicyDocumentSchema>;
export type LocalizedText = z.output<typeof LocalizedTextSchema>;
export type RequestType = z.output<typeof RequestTypeSchema>;
export type Connector = z.output<typeof ConnectorSchema>;
export type SectionId = (typeof SECTION_IDS)[number];
export type RetentionAnchor = (typeof RETENTION_ANCHORS)[number];
export type ControllerActivity = (typeof CONTROLLER_ACTIVITIES)[number];
export type ContactTopic = (typeof CONTACT_TOPICS)[number];
export type LegalReference = z.output<typeof LegalReferenceSchema>;
export type LegalBasis = z.output<typeof LegalBasisSchema>;
export type Address = z.output<typeof AddressSchema>;
export type Controller = z.output<typeof ControllerSchema>;
export type ContactChannel = z.output<typeof ContactChannelSchema>;
export type DataCategory = z.output<typeof DataCategorySchema>;
export type Handling = z.output<typeof HandlingSchema>;
export type PolicySystem = z.output<typeof PolicySystemSchema>;
export type Recipient = z.output<typeof RecipientSchema>;
export type RetentionRule = z.output<typeof RetentionRuleSchema>;
export type Right = z.output<typeof RightSchema>;
export type RequestRight = Extract<Right, { kind: 'request' }>;
export type AgeRule = z.output<typeof AgeRuleSchema>;
export type Section = z.output<typeof SectionSchema>;
export type Transfer = z.output<typeof TransferSchema>;
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];
export type JointControl = z.output<typeof JointControlSchema>;
export type Assumption = z.output<typeof AssumptionSchema>;
export type CourtRemedy = z.output<typeof CourtRemedySchema>;
export type EidVerification = z.output<typeof EidVerificationSchema>;

/** Cross-field rules zod cannot express field by field: unique ids, resolvable references, completeness. */
function checkReferences(policy: PolicyShape, report: Report): void {
  const controllerIds = uniqueIds(policy.controllers, ['controllers'], report);
  const categoryIds = uniqueIds(policy.categories, ['categories'], report);
  const systemIds = uniqueIds(policy.systems, ['systems'], report);
  uniqueIds(policy.contactChannels, ['contactChannels'], report);
  uniqueIds(policy.recipients, ['recipients'], report);
  uniqueIds(policy.retention, ['retention'], report);
  uniqueIds(policy.ageRules, ['ageRules'], report);
  uniqueIds(policy.assumptions, ['assumptions'], report);

  const mains = policy.controllers.filter((controller) => controller.main).map((controller) => controller.id);
  if (mains.length !== 1) {
    report(
      ['controllers'],
      `exactly one controller must be main (found ${mains.length}: ${mains.join(', ') || 'none'})`,
    );
  }
  policy.controllers.forEach((controller, index) => {
    const first = policy.controllers.findIndex((other) => other.orgNumber === controller.orgNumber);
    if (first !== index)
      report(
        ['controllers', index, 'orgNumber'],
        `${controller.orgNumber} is already used by controllers[${first}]`,
      );
  });

  const offered = new Set<RequestType>();
  let complaints = 0;
  policy.rights.forEach((right, index) => {
    if (right.kind === 'complaint') {
      complaints++;
      return;
    }
    if (offered.has(right.type))
      report(['rights', index, 'type'], `request type "${right.type}" is listed twice`);
    offered.add(right.type);
  });
  if (complaints !== 1) report(['rights'], `exactly one complaint right is needed (found ${complaints})`);

  const refs = (ids: string[], known: Set<string>, path: Path, what: string) => {
    ids.forEach((id, index) => {
      if (!known.has(id)) report([...path, index], `unknown ${what} "${id}"`);
    });
  };
  const requestRefs = (types: RequestType[], path: Path) => {
    types.forEach((type, index) => {
      if (!offered.has(type)) report([...path, index], `request type "${type}" is not offered in rights`);
    });
  };

  policy.systems.forEach((system, index) => {
    const path = ['systems', index];
    refs(system.categories, categoryIds, [...path, 'categories'], 'category');
    refs(system.controllers, controllerIds, [...path, 'controllers'], 'controller');
    requestRefs(system.requestTypes, [...path, 'requestTypes']);
    const portable = system.legalBasis.article6.some((letter) => letter === 'a' || letter === 'b');
    const portability = system.requestTypes.indexOf('portability');
    if (portability >= 0 && !portable) {
      report(
        [...path, 'requestTypes', portability],
        'portability needs consent (6(1)(a)) or contract (6(1)(b)) in legalBasis.article6',
      );
    }
  });

  policy.recipients.forEach((recipient, index) => {
    refs(recipient.categories, categoryIds, ['recipients', index, 'categories'], 'category');
  });
  refs(policy.website.collects, categoryIds, ['website', 'collects'], 'category');
  refs(policy.contactForm.categories, categoryIds, ['contactForm', 'categories'], 'category');

  policy.retention.forEach((rule, index) => {
    const path = ['retention', index];
    refs(rule.categories, categoryIds, [...path, 'categories'], 'category');
    if (rule.systems === undefined) return;
    refs(rule.systems, systemIds, [...path, 'systems'], 'system');
    const scoped = policy.systems.filter((system) => rule.systems?.includes(system.id));
    rule.categories.forEach((category, categoryIndex) => {
      if (categoryIds.has(category) && !scoped.some((system) => system.categories.includes(category))) {
        report(
          [...path, 'categories', categoryIndex],
          `none of this rule's systems holds category "${category}"`,
        );
      }
    });
  });

  // The legal-hold check must have an answer for every piece of data a request can find.
  policy.systems.forEach((system, index) => {
    system.categories.forEach((category, categoryIndex) => {
      const covered = policy.retention.some(
        (rule) => rule.categories.includes(category) && (rule.systems?.includes(system.id) ?? true),
      );
      if (categoryIds.has(category) && !covered) {
        report(
          ['systems', index, 'categories', categoryIndex],
          `no retention rule covers "${category}" in "${system.id}"`,
        );
      }
    });
  });

  policy.ageRules.forEach((rule, index) => {
    const path = ['ageRules', index];
    if (rule.categories !== undefined)
      refs(rule.categories, categoryIds, [...path, 'categories'], 'category');
    if (rule.kind === 'guardian-consent') return;
    if (rule.fromAge >= rule.belowAge) report([...path, 'belowAge'], 'must be greater than fromAge');
    if (rule.requestTypes !== undefined) requestRefs(rule.requestTypes, [...path, 'requestTypes']);
  });

  // An assumption about something that no longer exists would go unconfirmed without anyone noticing.
  policy.assumptions.forEach((assumption, index) => {
    assumption.paths.forEach((path, pathIndex) => {
      if (resolvePolicyPath(policy, path) === undefined) {
        report(['assumptions', index, 'paths', pathIndex], `"${path}" names nothing in the document`);
      }
    });
  });

  const seen = new Map<SectionId, number>();
  policy.sections.forEach((section, index) => {
    if (seen.has(section.id)) report(['sections', index, 'id'], `section "${section.id}" is listed twice`);
    seen.set(section.id, index);
  });
  for (const id of SECTION_IDS) {
    if (!seen.has(id)) report(['sections'], `section "${id}" is missing`);
  }
}

/**
 * Follows a dotted path through the document: a segment names an object's field, an array item by its `id`
 * (`systems.mailchimp`) or, for arrays without ids, by its index (`intro.0`). Undefined when nothing is there.
 */
export function resolvePolicyPath(document: unknown, path: string): unknown {
  let here: unknown = document;
  for (const segment of path.split('.')) {
    if (Array.isArray(here)) {
      const byId = here.find(
        (item) => typeof item === 'object' && item !== null && (item as { id?: unknown }).id === segment,
      );
      here = byId ?? (/^\d+$/.test(segment) ? here[Number(segment)] : undefined);
    } else if (typeof here === 'object' && here !== null && Object.hasOwn(here, segment)) {
      here = (here as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
    if (here === undefined) return undefined;
  }
  return here;
}

function uniqueIds(items: { id: string }[], path: Path, report: Report): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, index) => {
    if (ids.has(item.id)) report([...path, index, 'id'], `duplicate id "${item.id}"`);
    ids.add(item.id);
  });
  return ids;
}
