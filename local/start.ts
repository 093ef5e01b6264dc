// `npm start`: the whole of Personvern on this machine, no AWS account needed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../lib/paths';
import { DeploymentSettingsError } from '../lib/settings';
import { WEBSITE_DEMO_PATH } from './api/website-demo';
import { LocalWebsiteOriginsError, localWebsiteOrigins } from './api/website-origins';
import { TOKEN_PATH } from './auth/local-auth';
import { DEFAULT_KMS_PORT } from './emulators/kms';
import { PortInUseError } from './emulators/ports';
import { FaultSpecError, parseFaultPlan } from './faults/fault-proxy';
import { CHECKED_SERVICES, strictFromEnvironment } from './iam/enforcement';
import { DEFAULT_IDPORTEN_PORT } from './idporten/provider';
import { REMINDERS_PATH } from './reminders/local-reminders';
import { LocalDataOutdatedError, startLocalStack } from './stack';

/** Whether S3's calls are checked too (the same switch the stack reads, local/stack.ts). */
const strictS3 = strictFromEnvironment(process.env.PERSONVERN_STRICT_S3);

import type { CfnTemplate } from './template/types';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    // A synthesized template to run instead of the CDK app, e.g. one with a grant taken out (test/e2e/iam-enforcement).
    template: { type: 'string' },
    // A setting for the synthesis, as `cdk synth -c` takes it: `-c policyFile=policy/fjordsmil.json`.
    context: { type: 'string', short: 'c', multiple: true, default: [] },
  },
});
const context = Object.fromEntries(
  values.context.map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) {
      console.error(
        `-c takes key=value, as cdk synth does (e.g. -c policyFile=policy/sterk.json), not "${pair}"`,
      );
      process.exit(2);
    }
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
const dataDir = resolve(repoRoot, process.env.PERSONVERN_DATA_DIR ?? '.local-data');

try {
  const faults = parseFaultPlan(process.env.PERSONVERN_FAULTS);
  const template =
    values.template === undefined
      ? undefined
      : (JSON.parse(readFileSync(resolve(process.cwd(), values.template), 'utf8')) as CfnTemplate);
  // The same value the stack gives the functions (it checks it again, before anything starts).
  const websiteOrigins = localWebsiteOrigins(process.env.WEBSITE_ORIGINS);
  const stack = await startLocalStack({
    ...(template === undefined ? {} : { template }),
    context,
    faults,
    dataDir,
    fresh: values.fresh,
    apiPort: Number(process.env.PORT ?? 3000),
    emulatorPorts: emulatorPortsFromEnvironment(),
  });
  const routes = stack.resources.routes.map(
    (r) =>
      `    ${r.method.padEnd(6)} ${stack.apiUrl}${r.resourcePath}${r.auth === 'COGNITO_USER_POOLS' ? '  (staff: Authorization: <idToken>)' : ''}`,
  );
  console.log(
    [
      'Personvern is running locally.',
      '',
      `  API            ${stack.apiUrl}`,
      `  Policy         ${stack.policyFile}  (the policyFile setting; \`npm start -- -c policyFile=<file>\` runs another)`,
      ...routes,
      `  Staff sign-in  POST ${stack.apiUrl}${TOKEN_PATH}  {"username","password"} → {"idToken"}`,
      `                 e.g. {"username":"${stack.auth.users[0]?.username}","password":"${stack.auth.users[0]?.password}"}; all users in README "Staff sign-in (local)"`,
      `  Reminders      POST ${stack.apiUrl}${REMINDERS_PATH}  [{"now":"<ISO-8601>"}] → the 07:00 deadline digests, now (no scheduler locally)`,
      `  Staff console  ${stack.apiUrl}/console/  (sign in as in the README, "Staff sign-in (local)")`,
      `  Website        ${websiteOrigins(stack.apiUrl).join(', ') || 'none'}  (WEBSITE_ORIGINS: may post from scripts, frame the forms and be a returnUrl; docs/website-integration.md)`,
      `                 try the three ways at ${stack.apiUrl.replace('127.0.0.1', 'localhost')}${WEBSITE_DEMO_PATH}  (a stand-in for the website, from the documented snippets)`,
      `  DynamoDB       ${stack.endpoints.dynamodb}  (dynalite; tables: ${stack.resources.tables.map((t) => t.name).join(', ') || 'none yet'})`,
      `  Email (SES)    ${stack.endpoints.ses}  (inbox page; sent mail as JSON at ${stack.endpoints.ses}/store)`,
      `  S3             ${stack.endpoints.s3}  (buckets: ${stack.resources.buckets.join(', ') || 'none yet'})`,
      `  Mailchimp      ${stack.mailchimp.url}  (fake; seed members with POST /__fake/members)`,
      `  Secrets        ${stack.endpoints.secretsManager}  (Secrets Manager stand-in: the Mailchimp credentials${stack.idporten === undefined ? '' : ", the ID-porten client's key"})`,
      ...(stack.idporten === undefined
        ? []
        : [`  ID-porten      ${stack.idporten.issuer}  (local; test users in README)`]),
      `  Step Functions ${stack.endpoints.stepfunctions}  (state machines: ${stack.resources.stateMachines.map((m) => m.name).join(', ') || 'none yet'})`,
      `  SQS            ${stack.endpoints.sqs}  (fauxqs: the change-notice queue and its dead-letter queue, drained by the sender)`,
      `  KMS            ${stack.endpoints.kms}  (stand-in: GenerateDataKey, Encrypt, Decrypt with the template's keys; master keys in ${dataDir}/kms)`,
      stack.strict
        ? `  IAM            enforced: each function's calls to ${[...CHECKED_SERVICES, ...(strictS3 ? ['S3'] : [])].join(', ')} are checked against its execution role in the template${strictS3 ? '' : ' (S3 not: PERSONVERN_STRICT_S3=0)'}; PERSONVERN_STRICT=0 turns this off`
        : '  IAM            NOT enforced (PERSONVERN_STRICT=0): functions may make calls their execution roles would be denied on AWS',
      ...(stack.sesSandbox === undefined
        ? []
        : [
            `  SES sandbox    on (PERSONVERN_SES_SANDBOX): mail goes only to verified identities (${stack.sesSandbox.join(', ') || 'none'}; more with PERSONVERN_SES_VERIFIED) and the mailbox simulator`,
          ]),
      ...(values.template === undefined
        ? []
        : [`  Template       ${values.template} (not synthesized from the CDK app)`]),
      '',
      `  Data is kept in ${dataDir}${values.fresh ? ' (started fresh)' : ''}; \`npm start -- --fresh\` starts empty.`,
      ...(process.env.PERSONVERN_LOCAL_WAIT_SCALE === undefined
        ? []
        : [
            `  Waits for people are compressed (PERSONVERN_LOCAL_WAIT_SCALE=${process.env.PERSONVERN_LOCAL_WAIT_SCALE}).`,
          ]),
      ...(process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE === undefined
        ? []
        : [
            `  Function timeouts are stretched ×${process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE} for load on this machine (PERSONVERN_LOCAL_TIMEOUT_SCALE).`,
          ]),
      ...(Object.keys(faults).length === 0
        ? []
        : [`  Fault injection is ON (PERSONVERN_FAULTS=${process.env.PERSONVERN_FAULTS}).`]),
      '  Press Ctrl-C to stop.',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Personvern…');
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  if (
    error instanceof PortInUseError ||
    error instanceof FaultSpecError ||
    error instanceof DeploymentSettingsError ||
    error instanceof LocalDataOutdatedError ||
    error instanceof LocalWebsiteOriginsError
  ) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

/**
 * DYNAMODB_PORT, SES_PORT, S3_PORT, SFN_PORT, IDPORTEN_PORT and KMS_PORT move an emulator (SQS_PORT is read by
 * local/stack.ts). The local ID-porten and KMS keep one address from run to run unless moved.
 */
function emulatorPortsFromEnvironment() {
  const port = (name: string) =>
    process.env[name] === undefined ? {} : { [name]: Number(process.env[name]) };
  const {
    DYNAMODB_PORT: dynamodb,
    SES_PORT: ses,
    S3_PORT: s3,
    SFN_PORT: stepfunctions,
  } = {
    ...port('DYNAMODB_PORT'),
    ...port('SES_PORT'),
    ...port('S3_PORT'),
    ...port('SFN_PORT'),
  } as Record<string, number | undefined>;
  return {
    ...(Object.fromEntries(
      Object.entries({ dynamodb, ses, s3, stepfunctions }).filter(([, value]) => value !== undefined),
    ) as Partial<Record<'dynamodb' | 'ses' | 's3' | 'stepfunctions', number>>),
    idporten: Number(process.env.IDPORTEN_PORT ?? DEFAULT_IDPORTEN_PORT),
    kms: Number(process.env.KMS_PORT ?? DEFAULT_KMS_PORT),
  };
}
