import { build } from 'esbuild';
import { repoRoot } from '../../lib/paths';
import { configuredPolicyFile, POLICY_MODULE, policyFilePath } from '../../lib/policy-module';

/** Bundles one module as the Lambda build does and returns its input files and minified size. */
export async function bundleModule(entry: string): Promise<{ inputs: string[]; bytes: number }> {
  const result = await build({
    entryPoints: [`${repoRoot}/${entry}`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    metafile: true,
    logLevel: 'silent',
    alias: { [POLICY_MODULE]: policyFilePath(configuredPolicyFile()) },
  });
  return {
    inputs: Object.keys(result.metafile.inputs),
    bytes: result.outputFiles[0]?.contents.byteLength ?? 0,
  };
}
