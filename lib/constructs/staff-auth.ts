import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { CognitoUserPoolsAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PRIVACY_OFFICER_GROUP, staffGroupFor } from '../../lambdas/domain/staff/access';
import { loadPolicyDocument } from '../policy-document';

export interface StaffAuthProps {
  /** The policy document whose controllers get a staff group each, relative to the repository root. */
  readonly policyFile: string;
  /** Where the staff console receives the authorization code (and lands after signing out). */
  readonly callbackUrls: string[];
  readonly logoutUrls?: string[];
  /**
   * Cognito's threat protection (compromised credentials, adaptive authentication), enforced. It needs the
   * Plus feature plan, billed per monthly active user, so it is off unless asked for.
   */
  readonly threatProtection?: boolean;
  /**
   * The hosted UI's domain prefix, `https://<prefix>.auth.<region>.amazoncognito.com`. Unique across
   * all of AWS in the region; lowercase letters, digits and hyphens.
   */
  readonly domainPrefix: string;
  /** The console's address: the invitation email tells new staff where to sign in. */
  readonly consoleUrl: string;
  /**
   * Send Cognito's emails (invitations, password resets) through our SES identity instead of Cognito's
   * own sender, which allows 50 a day. Cognito refuses an identity that is not verified yet, so this is
   * turned on by a second deploy once the domain's DKIM records are published (docs/operations.md).
   */
  readonly sesEmail?: { readonly mailFrom: string; readonly configurationSetName: string };
}

/** The hosted UI's address for a domain prefix, known before the domain exists (for the console's CSP). */
export function hostedUiUrl(domainPrefix: string, region: string): string {
  return `https://${domainPrefix}.auth.${region}.amazoncognito.com`;
}

/**
 * The invitation Cognito emails a new staff member: where the console is, and the temporary password.
 * Cognito fills in `{username}` and `{####}`, and refuses a template without both.
 */
export function invitationEmail(consoleUrl: string): string {
  return [
    'You have been given a staff account in Personvern, where requests about personal data are handled.',
    `<br><br>Sign in at <a href="${consoleUrl}/">${consoleUrl}/</a> with the username <b>{username}</b> and the temporary password <b>{####}</b>.`,
    'You will choose your own password at the first sign-in; please add an authenticator app (TOTP) too.',
    '<br><br>The temporary password is valid for three days. If you did not expect this email, tell your privacy officer.',
  ].join(' ');
}

/**
 * Staff sign-in: a Cognito user pool that only administrators add people to, one group for the privacy
 * officer (sees every controller's requests) and one `staff-<controllerId>` group per controller of the
 * policy, a public client for the staff console (authorization code with PKCE, no secret, through the
 * hosted UI on a Cognito domain) and the
 * authorizer that staff routes use (`PublicApi.addStaffRoute`). API Gateway checks the id token; which
 * controller's data a caller may see is decided in the handlers (`lambdas/domain/staff/access.ts`).
 */
export class StaffAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Where the console sends staff to sign in (the Cognito hosted UI). */
  readonly hostedUiUrl: string;
  /** Cognito group names: `privacy-officer` first, then one per controller, in policy order. */
  readonly groupNames: readonly string[];
  private cognitoAuthorizer?: CognitoUserPoolsAuthorizer;

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);
    const policy = loadPolicyDocument(props.policyFile);
    const threatProtection = props.threatProtection ?? false;
    this.userPool = new UserPool(this, 'UserPool', {
      // Staff accounts are made by an administrator; nobody can sign themselves up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      email:
        props.sesEmail === undefined
          ? UserPoolEmail.withCognito()
          : UserPoolEmail.withSES({
              fromEmail: props.sesEmail.mailFrom,
              fromName: 'Personvern',
              configurationSetName: props.sesEmail.configurationSetName,
              sesVerifiedDomain: props.sesEmail.mailFrom.split('@')[1],
            }),
      userInvitation: {
        emailSubject: 'Personvern: your staff account',
        emailBody: invitationEmail(props.consoleUrl),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(threatProtection
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      // The pool holds who may read patients' requests: it outlives the stack and cannot be deleted by accident.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const groups = [
      {
        name: PRIVACY_OFFICER_GROUP,
        description: 'Privacy officer: sees the requests of every controller',
        precedence: 0,
      },
      ...policy.controllers.map((controller) => ({
        name: staffGroupFor(controller.id),
        description: `Staff of ${controller.legalName}: sees that controller's requests only`,
        precedence: 10,
      })),
    ];
    for (const group of groups) {
      this.userPool.addGroup(`Group-${group.name}`, {
        groupName: group.name,
        description: group.description,
        precedence: group.precedence,
      });
    }
    this.groupNames = groups.map((group) => group.name);
    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'staff-console',
      // A browser app cannot keep a secret: a public client, and the code grant with PKCE instead.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.callbackUrls,
        logoutUrls: props.logoutUrls ?? props.callbackUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    const domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });
    this.hostedUiUrl = domain.baseUrl();
    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: 'Staff user pool: add people and put them in groups here (docs/operations.md)',
    });
    this.acknowledgeFindings(threatProtection);
  }

  /**
   * The Cognito authorizer for staff routes. It is made on first use: API Gateway refuses an authorizer
   * that no method uses, and until the first staff route there is none.
   */
  get authorizer(): CognitoUserPoolsAuthorizer {
    this.cognitoAuthorizer ??= new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [this.userPool],
      authorizerName: 'staff',
    });
    return this.cognitoAuthorizer;
  }

  private acknowledgeFindings(threatProtection: boolean): void {
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional with TOTP offered to every staff user: with REQUIRED, someone who loses an authenticator is locked out until an administrator recreates the account.',
    });
    if (!threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection needs the Plus feature plan, billed per monthly active user; StaffAuth enables it with threatProtection: true.',
      });
    }
  }
}
