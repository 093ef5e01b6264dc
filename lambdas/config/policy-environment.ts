/**
 * The public policy function's environment. It is checked by hand rather than with a zod schema like the
 * other functions' (lambdas/config/environments.ts): zod would cost ≈90 KB in a function whose budget is
 * 100 KB. The construct (lib/constructs/policy-service.ts) sets exactly this one variable.
 */
export const POLICY_TABLE_VARIABLE = 'TABLE_NAME';

export function readPolicyTableName(env: Record<string, string | undefined>): string {
  const name = env[POLICY_TABLE_VARIABLE];
  if (name === undefined || name === '') {
    throw new Error(
      `${POLICY_TABLE_VARIABLE} is not set: the policy function reads published versions from it`,
    );
  }
  return name;
}
