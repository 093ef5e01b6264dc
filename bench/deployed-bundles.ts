import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, STACK_NAME } from '../lib/app';
import { repoRoot } from '../lib/paths';

export interface DeployedBundle {
  /** The handler source the bundle was built from. */
  readonly entry: string;
  /** The bundled `index.mjs`, exactly as `cdk deploy` would upload it. */
  readonly file: string;
  /**
   * The function's environment from the template: literal values as deployed; values CloudFormation only
   * knows at deploy time (Refs, Joins) are left as they are, for the caller to stand in for.
   */
  readonly environment: Record<string, unknown>;
}

/** Synthesizes the real app with bundling on and returns each function's bundle. */
export function synthDeployedBundles(): DeployedBundle[] {
  const outdir = mkdtempSync(join(tmpdir(), 'personvern-bench-'));
  // Bundles leave the AWS SDK out, as Lambda's Node 22 runtime provides it; resolve it from our install.
  symlinkSync(join(repoRoot, 'node_modules'), join(outdir, 'node_modules'));
  const { app } = buildApp({ appProps: { outdir, context: { 'aws:cdk:enable-asset-metadata': true } } });
  const template = app.synth().getStackByName(STACK_NAME).template as {
    Resources: Record<
      string,
      {
        Type: string;
        Metadata?: Record<string, string>;
        Properties?: { Environment?: { Variables?: Record<string, unknown> } };
      }
    >;
  };
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['personvern:entry'] !== undefined)
    .map((r) => ({
      entry: String(r.Metadata?.['personvern:entry']),
      file: join(outdir, String(r.Metadata?.['aws:asset:path']), 'index.mjs'),
      environment: r.Properties?.Environment?.Variables ?? {},
    }));
}
