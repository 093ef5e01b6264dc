import { buildApp, STACK_NAME } from '../../lib/app';
import type { CfnTemplate } from './types';

/**
 * Synthesizes the real CDK app without bundling: the local stack reads routes, functions, tables and
 * state machines from this template, so there is no second, hand-written description of the system.
 * `context` overrides settings as `cdk synth -c` does, e.g. `{ policyFile: 'policy/fjordsmil.json' }`.
 */
export function synthTemplate(context: Record<string, unknown> = {}): CfnTemplate {
  const { app } = buildApp({ bundling: false, context });
  return app.synth().getStackByName(STACK_NAME).template as CfnTemplate;
}
