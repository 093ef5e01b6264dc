import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, type CfnFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import * as z from 'zod';
import { repoRoot } from '../paths';
import { POLICY_FILE_CONTEXT, policyModuleAlias } from '../policy-module';
import { acknowledgeFunctionFindings } from './app-function-findings';

/**
 * Where the local stack finds a function's source. CloudFormation only knows the bundled asset,
 * so the entry is recorded as resource metadata; `local/` reads it from the synthesized template.
 */
export const ENTRY_METADATA_KEY = 'personvern:entry';

/**
 * Context key (set by `buildApp` from the `reserveConcurrency` setting): whether functions reserve their
 * share of the account's concurrency. Off by default: a new account's quota is too small to give.
 */
export const RESERVE_CONCURRENCY_CONTEXT = 'personvern:reserveConcurrency';

export interface AppFunctionProps<Env extends z.core.$ZodType<Record<string, string>>> {
  /** Handler source, relative to the repository root, e.g. `lambdas/handlers/api/get-policy.ts`. */
  readonly entry: string;
  readonly description: string;
  /** The same schema the handler parses at cold start: the construct can only be given what the code accepts. */
  readonly envSchema?: Env;
  readonly environment?: z.input<Env>;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  /**
   * What the function reserves when reservations are on (the `reserveConcurrency` setting): it caps what
   * one function can take from the account's pool, and what a flood can cost.
   */
  readonly reservedConcurrentExecutions: number;
  readonly logKey: IKey;
  readonly logRetention?: RetentionDays;
}

/** `NodejsFunction` with our defaults: Node 22 on arm64, ESM bundle, JSON logs in a KMS-encrypted group, X-Ray. */
export class AppFunction<Env extends z.core.$ZodType<Record<string, string>>> extends NodejsFunction {
  /** The function's own role (NodejsFunction types `role` as optional; ours always exists). */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps<Env>) {
    const environment = AppFunction.checkedEnvironment(id, props);
    const reserve = scope.node.tryGetContext(RESERVE_CONCURRENCY_CONTEXT) === true;
    // The configured policy document behind `#policy` (bundled-policy.ts). Without the setting (a construct
    // built outside `buildApp`), no alias: esbuild then fails on `#policy` instead of bundling some policy.
    const policyFile: unknown = scope.node.tryGetContext(POLICY_FILE_CONTEXT);
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: logs may go to this function's group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      entry: `${repoRoot}/${props.entry}`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: reserve ? props.reservedConcurrentExecutions : undefined,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}/package-lock.json`,
      // No `--enable-source-maps`: Node would parse the map at every cold start (10–15 ms measured). The map
      // ships beside the code instead, and `personvern trace` maps a logged stack with it (docs/operations.md).
      environment,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require(); ESM bundles need it defined.
        banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        ...(typeof policyFile === 'string' ? { esbuildArgs: policyModuleAlias(policyFile) } : {}),
      },
    });
    this.executionRole = role;
    (this.node.defaultChild as CfnFunction).addMetadata(ENTRY_METADATA_KEY, props.entry);
    acknowledgeFunctionFindings(this, role, { reserved: reserve });
  }

  private static checkedEnvironment<Env extends z.core.$ZodType<Record<string, string>>>(
    id: string,
    props: AppFunctionProps<Env>,
  ): Record<string, string> {
    const environment = (props.environment ?? {}) as Record<string, string>;
    if (props.envSchema === undefined) return environment;
    // Deploy-time tokens (table names, ARNs, URLs) are only known to CloudFormation: check the rest now.
    const result = z.safeParse(props.envSchema, environment);
    const problems = (result.error?.issues ?? []).filter((issue) => {
      const value = environment[String(issue.path[0])];
      return value === undefined || !Token.isUnresolved(value);
    });
    if (problems.length > 0) {
      const lines = problems.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new Error(`${id}: environment does not match its schema: ${lines.join('; ')}`);
    }
    return environment;
  }
}
