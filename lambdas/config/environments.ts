/**
 * Each function's environment, as one zod schema: the handler parses `process.env` with it at cold
 * start, and its CDK construct is typed by it (lib/constructs/app-function.ts), so the two cannot disagree.
 */
import { parseWebsiteOrigins } from '../domain/intake/website-origins';
import * as z from '../domain/zod';

const Url = z.url();

/** A value that must be set: a table or bucket name, an ARN, an id. */
export const Required = z.string().check(z.minLength(1));

/**
 * For functions that find people by a pseudonym of their address (domain/pseudonyms.ts): the secret that
 * holds the key. Only these functions get the variable and the grant to read the secret.
 */
export const PseudonymKeyEnv = z.object({ PSEUDONYM_KEY_SECRET_ARN: Required });

/**
 * Set on the routes that offer ID-porten (docs/id-porten.md) when the deployment has it: the form, intake,
 * verification and the status page. Absent: the requester gets the emailed code only, as before.
 */
// A string, as every environment value is; only `true` is accepted, so a typo cannot turn it on.
const EidOffered = { EID_OFFERED: z.optional(z.literal('true')) };

/** Where ID-porten is (test or production, by environment) and who we are there; not secret. */
const Idporten = { IDPORTEN_ISSUER: Url, IDPORTEN_CLIENT_ID: Required };

/**
 * The organisation's website (the `websiteOrigins` setting; docs/website-integration.md): its origins,
 * comma-separated, may read the intake's answers (CORS), frame the forms and be a form's `returnUrl`. Empty
 * means none. The constructs always set it, empty or not, so the local stack can put its own origin there.
 */
const WebsiteOrigins = {
  WEBSITE_ORIGINS: z._default(
    z
      .string()
      .check(
        z.refine(
          (value) => parseWebsiteOrigins(value).problems.length === 0,
          'must be comma-separated origins such as https://www.example.no',
        ),
      ),
    '',
  ),
};

/** The forms are rendered once per cold start; with ID-porten their form may send the browser on to it. */
export const FormEnv = z.object({ IDPORTEN_ISSUER: z.optional(Url), ...WebsiteOrigins });

/** `OPTIONS /contact` and `OPTIONS /requests`: the website's scripts ask before they post (CORS). */
export const WebsitePreflightEnv = z.object(WebsiteOrigins);

export const PostContactEnv = z.extend(PseudonymKeyEnv, {
  TABLE_NAME: Required,
  CONTACT_WORKFLOW_ARN: Required,
  /** Where the API is reachable from a browser, for redirects to the thank-you page. */
  PUBLIC_BASE_URL: Url,
  ...WebsiteOrigins,
});

export const ContactNotifierEnv = z.extend(PseudonymKeyEnv, {
  TABLE_NAME: Required,
  MAIL_FROM: z.email(),
  SES_CONFIGURATION_SET: Required,
  CONSOLE_URL: Url,
});

export const PostRequestEnv = z.extend(PseudonymKeyEnv, {
  TABLE_NAME: Required,
  REQUEST_WORKFLOW_ARN: Required,
  /** Where the API is reachable from a browser: status links and redirects start here. */
  PUBLIC_BASE_URL: Url,
  ...EidOffered,
  ...WebsiteOrigins,
});

/** The requester's own routes: verify, resend a code, status. */
export const RequesterRouteEnv = z.object({
  TABLE_NAME: Required,
  PUBLIC_BASE_URL: Url,
});

/** The status page, which offers the ID-porten sign-in when the deployment has it. */
export const RequestStatusEnv = z.extend(RequesterRouteEnv, EidOffered);

/** Verification counts code attempts per client address (a pseudonym of it). */
export const VerifyRequestEnv = z.extend(RequesterRouteEnv, { ...PseudonymKeyEnv.shape, ...EidOffered });

/** `GET /requests/{id}/eid`: starts an ID-porten sign-in; it needs no client key, only the metadata. */
export const StartEidEnv = z.extend(RequesterRouteEnv, { ...PseudonymKeyEnv.shape, ...Idporten });

/** `GET /eid/callback`: exchanges the code, authenticating with our key (`private_key_jwt`). */
export const EidCallbackEnv = z.extend(StartEidEnv, {
  /** Secrets Manager: `{"kid","privateJwk"}`, the key whose public half Digdir holds. */
  IDPORTEN_CLIENT_KEY_SECRET_ARN: Required,
  /** The KMS key the national identity number is sealed under (its own: NationalIdKey). */
  NATIONAL_ID_KEY_ARN: Required,
});

export const RequesterMailEnv = z.extend(RequesterRouteEnv, {
  MAIL_FROM: z.email(),
  SES_CONFIGURATION_SET: Required,
});

/** The workflow step that issues codes and emails them. */
export const IssueVerificationEnv = RequesterMailEnv;

/** Closing releases the duplicate lock, which is keyed by a pseudonym. */
export const CloseUnverifiedEnv = z.extend(RequesterMailEnv, PseudonymKeyEnv.shape);

/** The request workflow's steps after verification; each function gets the part it needs. */
export const WorkflowStepEnv = z.object({ TABLE_NAME: Required });

/** The legal-hold check finds the requester's holds by their pseudonym. */
export const LegalHoldEnv = z.extend(WorkflowStepEnv, PseudonymKeyEnv.shape);

export const CollectEnv = z.extend(WorkflowStepEnv, {
  ...PseudonymKeyEnv.shape,
  EXPORT_BUCKET: Required,
  DATA_KEY_ARN: Required,
  MAILCHIMP_SECRET_ID: Required,
  /** Only the local stack sets it, to its fake Mailchimp. */
  MAILCHIMP_API_BASE_URL: z.optional(Url),
});

export const StaffNoticeEnv = z.extend(WorkflowStepEnv, {
  MAIL_FROM: z.email(),
  SES_CONFIGURATION_SET: Required,
  CONSOLE_URL: Url,
});

/** The step that deletes a closed request's stored data: the table (request, audit trail) and the bucket. */
export const PurgeEnv = z.extend(WorkflowStepEnv, { EXPORT_BUCKET: Required });

export const RespondEnv = z.extend(RequesterMailEnv, {
  ...PseudonymKeyEnv.shape,
  EXPORT_BUCKET: Required,
  DATA_KEY_ARN: Required,
});

/** The staff API's reads. */
export const StaffApiEnv = z.object({ TABLE_NAME: Required });

/** Staff reads that find people by address: the request search, the request view's holds, the holds. */
export const StaffSubjectEnv = z.extend(StaffApiEnv, PseudonymKeyEnv.shape);

export const StaffMailEnv = z.extend(StaffApiEnv, {
  MAIL_FROM: z.email(),
  SES_CONFIGURATION_SET: Required,
});

export const StaffUploadEnv = z.extend(StaffApiEnv, {
  EXPORT_BUCKET: Required,
  DATA_KEY_ARN: Required,
});

/** The staff export preview reads what connectors collected. */
export const StaffExportEnv = z.extend(StaffApiEnv, { EXPORT_BUCKET: Required });

export const DownloadEnv = z.extend(RequesterMailEnv, {
  EXPORT_BUCKET: Required,
  /** The organisation's name as a file-name word, for the saved export (domain/export/file-name.ts). */
  EXPORT_FILE_PREFIX: z
    .string()
    .check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')),
});

/** The daily deadline digest: the table's index, SES, console links, and who gets escalations. */
export const DeadlineRemindersEnv = z.extend(StaffNoticeEnv, {
  PRIVACY_OFFICER_EMAIL: z.email(),
});

export type PostContactEnv = z.output<typeof PostContactEnv>;
export type ContactNotifierEnv = z.output<typeof ContactNotifierEnv>;
