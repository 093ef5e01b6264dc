import { buildApp, STACK_NAME } from '../../lib/app';
import type { CfnTemplate } from './types';

/**
 * Synthesizes the real CDK app without bundling: the local stack reads routes, functions, tables and
 * state machines from this template, so there is no second, hand-written description of the system.
 */
export function synthTemplate(): CfnTemplate {
  const { app } = buildApp({ bundling: false });
  return app.synth().getStackByName(STACK_NAME).template as CfnTemplate;
}
