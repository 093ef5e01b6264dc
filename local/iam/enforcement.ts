/**
 * IAM for the local stack: one checking proxy in front of each emulator the functions call (DynamoDB, Step
 * Functions, SES, SQS, Secrets Manager, KMS), all evaluating against the execution roles of the template; S3 is
 * checked inside the local S3 (s3-check.ts), with the same authorizer. PERSONVERN_STRICT=0 turns the check off
 * for a debugging session; PERSONVERN_STRICT_S3=0 turns off the S3 part only.
 */
import { readEncryption } from '../template/encryption';
import { readExecutionRoles } from '../template/iam';
import type { CfnTemplate } from '../template/types';
import { IamAuthorizer } from './authorizer';
import { type Denial, type IamProxy, startIamProxy } from './proxy';
import type { CheckedService, MappingContext } from './requests';

export const CHECKED_SERVICES: readonly CheckedService[] = [
  'dynamodb',
  'stepfunctions',
  'ses',
  'sqs',
  'secretsmanager',
  'kms',
];

/**
 * The evaluator for a template's roles, shared by the proxies and the local S3's check, with its KMS keys' key
 * policies.
 */
export function templateAuthorizer(template: CfnTemplate): IamAuthorizer {
  return new IamAuthorizer(readExecutionRoles(template), readEncryption(template).keyPolicies);
}

/** On unless PERSONVERN_STRICT is `0` (or `false`/`off`); PERSONVERN_STRICT_S3 likewise, for S3 alone. */
export function strictFromEnvironment(value = process.env.PERSONVERN_STRICT): boolean {
  return !['0', 'false', 'off'].includes((value ?? '').trim().toLowerCase());
}

export interface IamEnforcement {
  /** The address each service's calls from functions should go to. */
  readonly endpoints: Readonly<Record<CheckedService, string>>;
  close(): Promise<void>;
}

/** The log line for a denied call: the function, its role, the action and the resource, then AWS's message. */
export function describeDenial(denial: Denial): string {
  return `IAM: ${denial.functionLogicalId} (role ${denial.role}) was denied ${denial.action} on ${denial.resource}: ${denial.message}`;
}

export async function startIamEnforcement({
  template,
  authorizer = templateAuthorizer(template),
  targets,
  context,
  onDenied = (denial) => console.error(describeDenial(denial)),
}: {
  template: CfnTemplate;
  authorizer?: IamAuthorizer;
  targets: Readonly<Record<CheckedService, string>>;
  context: MappingContext;
  onDenied?: (denial: Denial) => void;
}): Promise<IamEnforcement> {
  const proxies: IamProxy[] = [];
  const endpoints = {} as Record<CheckedService, string>;
  try {
    for (const service of CHECKED_SERVICES) {
      const proxy = await startIamProxy({ service, target: targets[service], authorizer, context, onDenied });
      proxies.push(proxy);
      endpoints[service] = proxy.url;
    }
  } catch (error) {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    throw error;
  }
  return { endpoints, close: async () => void (await Promise.all(proxies.map((proxy) => proxy.close()))) };
}
