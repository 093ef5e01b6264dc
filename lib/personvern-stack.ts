import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { fileNamePrefix } from '../lambdas/domain/export/file-name';
import { mainController } from '../lambdas/domain/policy/queries';
import { ChangeNotices } from './constructs/change-notices';
import { Consent } from './constructs/consent';
import { ContactIntake } from './constructs/contact-intake';
import { DataTable } from './constructs/data-table';
import { DeadlineReminders } from './constructs/deadline-reminders';
import { EidSignIn } from './constructs/eid-sign-in';
import { EmailSending } from './constructs/email-sending';
import { EncryptionKey } from './constructs/encryption-key';
import { ExportBucket } from './constructs/export-bucket';
import { OperationsAlarms } from './constructs/operations-alarms';
import { PolicyCdn } from './constructs/policy-cdn';
import { PolicyPublishing } from './constructs/policy-publishing';
import { PolicyService } from './constructs/policy-service';
import { PseudonymKey } from './constructs/pseudonym-key';
import { PublicApi } from './constructs/public-api';
import { RequestIntake } from './constructs/request-intake';
import { RequestWorkflow } from './constructs/request-workflow';
import { StaffApi } from './constructs/staff-api';
import { hostedUiUrl, StaffAuth } from './constructs/staff-auth';
import { consoleUploadCors, StaffConsole } from './constructs/staff-console';
import { StaffMessages } from './constructs/staff-messages';
import { loadPolicyDocument } from './policy-document';
import { POLICY_FILE_METADATA } from './policy-module';
import type { DeploymentSettings } from './settings';

export interface PersonvernStackProps extends StackProps {
  /** The environment's settings (lib/settings.ts), read from CDK context and validated. */
  readonly settings: DeploymentSettings;
}

/** Wires the capabilities together; each construct owns its own resources and grants. */
export class PersonvernStack extends Stack {
  readonly api: PublicApi;
  /** Staff sign-in; staff routes use `this.api.addStaffRoute(method, path, fn, this.staffAuth.authorizer)`. */
  readonly staffAuth: StaffAuth;

  constructor(scope: Construct, id: string, props: PersonvernStackProps) {
    super(scope, id, props);
    const { settings } = props;
    // Which document the functions bundle: the local stack runs the source and maps `#policy` to this file.
    this.templateOptions.metadata = {
      ...this.templateOptions.metadata,
      [POLICY_FILE_METADATA]: settings.policyFile,
    };
    const { key } = new EncryptionKey(this, 'Encryption');
    this.api = new PublicApi(this, 'PublicApi', {
      logKey: key,
      customDomain: customDomain(settings.apiDomainName, settings.apiCertificateArn),
      websiteOrigins: settings.websiteOrigins,
    });
    const idporten =
      settings.idportenIssuer === undefined || settings.idportenClientId === undefined
        ? undefined
        : { issuer: settings.idportenIssuer, clientId: settings.idportenClientId };
    const policy = new PolicyService(this, 'Policy', {
      api: this.api,
      logKey: key,
      policyFile: settings.policyFile,
      ...(idporten === undefined ? {} : { idportenIssuer: idporten.issuer }),
    });
    // The public policy pages through CloudFront, cached by their ETags; every other path stays on the API.
    new PolicyCdn(this, 'PolicyCdn', { api: this.api });
    const { bucket: exports } = new ExportBucket(this, 'Exports', { key });
    const email = new EmailSending(this, 'Email', { mailFrom: settings.mailFrom });
    const signInDomainPrefix =
      settings.signInDomainPrefix ?? `${this.stackName.toLowerCase()}-${this.account}`;
    const staffConsole = new StaffConsole(this, 'StaffConsole', {
      // Presigned URLs are path-style: the functions' S3 clients use forcePathStyle.
      uploadOrigin: `https://s3.${this.region}.${this.urlSuffix}`,
      signInOrigin: hostedUiUrl(signInDomainPrefix, this.region),
      api: this.api.origin,
      logKey: key,
      customDomain: customDomain(settings.consoleDomainName, settings.consoleCertificateArn),
      policyFile: settings.policyFile,
    });
    const consoleUrl = staffConsole.url;
    this.staffAuth = new StaffAuth(this, 'StaffAuth', {
      policyFile: settings.policyFile,
      // The distribution's own address keeps working beside a custom domain: staff may use either.
      callbackUrls: staffConsole.urls.map((url) => `${url}/`),
      domainPrefix: signInDomainPrefix,
      consoleUrl,
      sesEmail: settings.staffEmailViaSes
        ? { mailFrom: settings.mailFrom, configurationSetName: email.configurationSet.configurationSetName }
        : undefined,
    });
    staffConsole.useSignIn({
      domain: this.staffAuth.hostedUiUrl,
      clientId: this.staffAuth.client.userPoolClientId,
    });
    for (const url of staffConsole.urls) exports.addCorsRule(consoleUploadCors(url));
    const { table } = new DataTable(this, 'Data', { key });
    const pseudonymKey = new PseudonymKey(this, 'Pseudonyms', { key });
    policy.readVersionsFrom(table, key);
    const publicBaseUrl = this.api.baseUrl;
    const contact = new ContactIntake(this, 'Contact', {
      pseudonymKey,
      api: this.api,
      table,
      key,
      email,
      publicBaseUrl,
      consoleUrl,
    });
    const workflow = new RequestWorkflow(this, 'RequestWorkflow', {
      pseudonymKey,
      table,
      key,
      email,
      exports,
      publicBaseUrl,
      consoleUrl,
    });
    new StaffApi(this, 'Staff', {
      pseudonymKey,
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
    const notices = new ChangeNotices(this, 'ChangeNotices', {
      pseudonymKey,
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
    const deadlines = new DeadlineReminders(this, 'Deadlines', {
      api: this.api,
      authorizer: this.staffAuth.authorizer,
      table,
      key,
      email,
      consoleUrl,
      privacyOfficerEmail:
        settings.privacyOfficerEmail ??
        mainController(loadPolicyDocument(settings.policyFile)).privacyContactEmail,
    });
    new RequestIntake(this, 'Requests', {
      pseudonymKey,
      api: this.api,
      table,
      key,
      email,
      publicBaseUrl,
      workflow: workflow.machine,
      exports,
      exportFilePrefix: fileNamePrefix(loadPolicyDocument(settings.policyFile).organisation.name),
      eidOffered: idporten !== undefined,
    });
    if (idporten !== undefined) {
      new EidSignIn(this, 'Eid', {
        api: this.api,
        table,
        key,
        pseudonymKey,
        publicBaseUrl,
        workflow: workflow.machine,
        idporten,
        staffAuthorizer: this.staffAuth.authorizer,
      });
    }
    // Cookie consent on the website: the banner from the policy's trackers, its records and their summary.
    new Consent(this, 'Consent', {
      api: this.api,
      authorizer: this.staffAuth.authorizer,
      table,
      key,
      pseudonymKey,
    });
    new OperationsAlarms(this, 'Operations', {
      alarmEmail: settings.alarmEmail,
      key,
      api: this.api.api,
      stateMachines: [workflow.machine, contact.workflow],
      deadLetterQueues: [notices.deadLetterQueue],
      configurationSetName: email.configurationSet.configurationSetName,
      overdueRequests: deadlines.metricOverdueRequests(),
    });
  }
}

/** A custom domain when both its name and its certificate are set (the settings refuse one without the other). */
function customDomain(domainName?: string, certificateArn?: string) {
  return domainName === undefined || certificateArn === undefined
    ? undefined
    : { domainName, certificateArn };
}
