import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { mainController } from '../lambdas/domain/policy/queries';
import { ChangeNotices } from './constructs/change-notices';
import { ContactIntake } from './constructs/contact-intake';
import { DataTable } from './constructs/data-table';
import { DeadlineReminders } from './constructs/deadline-reminders';
import { EmailSending } from './constructs/email-sending';
import { EncryptionKey } from './constructs/encryption-key';
import { ExportBucket } from './constructs/export-bucket';
import { PolicyPublishing } from './constructs/policy-publishing';
import { PolicyService } from './constructs/policy-service';
import { PublicApi } from './constructs/public-api';
import { RequestIntake } from './constructs/request-intake';
import { RequestWorkflow } from './constructs/request-workflow';
import { StaffApi } from './constructs/staff-api';
import { hostedUiUrl, StaffAuth } from './constructs/staff-auth';
import { consoleUploadCors, StaffConsole } from './constructs/staff-console';
import { StaffMessages } from './constructs/staff-messages';
import { loadPolicyDocument } from './policy-document';

export interface PersonvernStackProps extends StackProps {
  /** The policy document to serve, relative to the repository root. */
  readonly policyFile?: string;
  /** The sender of every email; its domain must be verified in SES. */
  readonly mailFrom?: string;
  /** Where staff open the console, when it has a custom domain; emails to staff link there. */
  readonly consoleUrl?: string;
  /**
   * The Cognito hosted UI's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique in the
   * region across AWS. Default `personvern-<account>`; set it when one account holds two stacks.
   */
  readonly signInDomainPrefix?: string;
  /** The public base URL of the API, when it has a custom domain. */
  readonly publicBaseUrl?: string;
  /** Gets a copy of each deadline digest with overdue requests; defaults to the main controller's contact. */
  readonly privacyOfficerEmail?: string;
}

/** Wires the capabilities together; each construct owns its own resources and grants. */
export class PersonvernStack extends Stack {
  readonly api: PublicApi;
  /** Staff sign-in; staff routes use `this.api.addStaffRoute(method, path, fn, this.staffAuth.authorizer)`. */
  readonly staffAuth: StaffAuth;

  constructor(scope: Construct, id: string, props: PersonvernStackProps = {}) {
    super(scope, id, props);
    const { key } = new EncryptionKey(this, 'Encryption');
    this.api = new PublicApi(this, 'PublicApi', { logKey: key });
    const policy = new PolicyService(this, 'Policy', {
      api: this.api,
      logKey: key,
      policyFile: props.policyFile ?? 'policy/sterk.json',
    });
    const { bucket: exports } = new ExportBucket(this, 'Exports', { key });
    const signInDomainPrefix = props.signInDomainPrefix ?? `personvern-${this.account}`;
    const staffConsole = new StaffConsole(this, 'StaffConsole', {
      // Presigned URLs are path-style: the functions' S3 clients use forcePathStyle.
      uploadOrigin: `https://s3.${this.region}.${this.urlSuffix}`,
      signInOrigin: hostedUiUrl(signInDomainPrefix, this.region),
      api: this.api.origin,
      logKey: key,
    });
    const consoleUrl = props.consoleUrl ?? staffConsole.url;
    this.staffAuth = new StaffAuth(this, 'StaffAuth', {
      policyFile: props.policyFile ?? 'policy/sterk.json',
      callbackUrls: [`${consoleUrl}/`],
      domainPrefix: signInDomainPrefix,
    });
    staffConsole.useSignIn({
      domain: this.staffAuth.hostedUiUrl,
      clientId: this.staffAuth.client.userPoolClientId,
    });
    exports.addCorsRule(consoleUploadCors(consoleUrl));
    const { table } = new DataTable(this, 'Data', { key });
    policy.readVersionsFrom(table, key);
    const email = new EmailSending(this, 'Email', { mailFrom: props.mailFrom ?? 'personvern@sterkhelse.no' });
    const publicBaseUrl = props.publicBaseUrl ?? this.api.baseUrl;
    new ContactIntake(this, 'Contact', {
      api: this.api,
      table,
      key,
      email,
      publicBaseUrl,
      consoleUrl,
    });
    const workflow = new RequestWorkflow(this, 'RequestWorkflow', {
      table,
      key,
      email,
      exports,
      publicBaseUrl,
      consoleUrl,
    });
    new StaffApi(this, 'Staff', {
      api: this.api,
      authorizer: this.staffAuth.authorizer,
      table,
      key,
      email,
      exports,
      workflow: workflow.machine,
    });
    new PolicyPublishing(this, 'PolicyPublishing', {
      api: this.api,
      authorizer: this.staffAuth.authorizer,
      table,
      key,
    });
    new ChangeNotices(this, 'ChangeNotices', {
      api: this.api,
      authorizer: this.staffAuth.authorizer,
      table,
      key,
      email,
      publicBaseUrl,
    });
    new StaffMessages(this, 'StaffMessages', {
      api: this.api,
      authorizer: this.staffAuth.authorizer,
      table,
      key,
    });
    new DeadlineReminders(this, 'Deadlines', {
      api: this.api,
      authorizer: this.staffAuth.authorizer,
      table,
      key,
      email,
      consoleUrl,
      privacyOfficerEmail:
        props.privacyOfficerEmail ??
        mainController(loadPolicyDocument(props.policyFile ?? 'policy/sterk.json')).privacyContactEmail,
    });
    new RequestIntake(this, 'Requests', {
      api: this.api,
      table,
      key,
      email,
      publicBaseUrl,
      workflow: workflow.machine,
      exports,
    });
  }
}
