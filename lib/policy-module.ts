import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './paths';

/**
 * `#policy`: the one import of the policy document in the functions (lambdas/adapters/policy/bundled-policy.ts).
 * Each runtime maps it to the file the `policyFile` setting names (docs/policy.md, "Which policy a function
 * runs"): the Lambda bundle through esbuild's alias (`policyModuleAlias`, lib/constructs/app-function.ts),
 * jest through moduleNameMapper (jest.config.js), the local stack's functions and the CLI through a Node
 * module hook (`registerPolicyModule`).
 */
export const POLICY_MODULE = '#policy';

/** The setting's default (lib/settings.ts), also what jest maps `#policy` to when cdk.json names none. */
export const DEFAULT_POLICY_FILE = 'policy/sterk.json';

/** Context key (set by `buildApp` from the `policyFile` setting): the file each function bundles. */
export const POLICY_FILE_CONTEXT = 'personvern:policyFile';

/** Template metadata key: the policy file the template's functions bundle, read by the local stack. */
export const POLICY_FILE_METADATA = 'personvern:policyFile';

/** The policy file as an absolute path; `policyFile` is relative to the repository root (or absolute). */
export function policyFilePath(policyFile: string): string {
  return isAbsolute(policyFile) ? policyFile : resolve(repoRoot, policyFile);
}

/** esbuild's `--alias` argument for a NodejsFunction's `bundling.esbuildArgs`. */
export function policyModuleAlias(policyFile: string): Record<string, string> {
  return { [`--alias:${POLICY_MODULE}`]: policyFilePath(policyFile) };
}

/**
 * Makes `import … from '#policy'` load `policyFile` in this thread and the ones it starts afterwards
 * (Node's module hooks, which tsx's loader also uses). Call it before the first import that reaches
 * bundled-policy.ts.
 */
export function registerPolicyModule(policyFile: string): void {
  register('./policy-module-hooks.mjs', import.meta.url, {
    data: { policyUrl: pathToFileURL(policyFilePath(policyFile)).href },
  });
}

/**
 * The policy file of cdk.json's environment, without building the CDK app: the CLI's and jest's choice, the
 * same as `buildApp` makes with no `-c` overrides. `env` picks another environment than cdk.json's `env`.
 */
export function configuredPolicyFile(env?: string): string {
  const cdkJson = JSON.parse(readFileSync(resolve(repoRoot, 'cdk.json'), 'utf8')) as {
    context?: { env?: string; environments?: Record<string, { policyFile?: string }> };
  };
  const context = cdkJson.context ?? {};
  const chosen = env ?? context.env ?? 'development';
  return context.environments?.[chosen]?.policyFile ?? DEFAULT_POLICY_FILE;
}
