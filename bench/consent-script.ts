/**
 * The size of the cookie banner as the website downloads it (`GET /consent.js`, issue 21): the script built
 * from the configured policy, raw and compressed. Not a timing: the figure is the same on any machine.
 *
 * API Gateway does not compress (the REST API sets no minimumCompressionSize), so the raw size is what
 * crosses the wire unless a CDN in front of the API compresses; gzip (level 6, what servers and CDNs use by
 * default) and Brotli are given for that case. The target is the gzipped size.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { renderConsentScript } from '../lambdas/domain/consent/script';
import type { PolicyDocument } from '../lambdas/domain/policy/schema';
import { configuredPolicyFile, policyFilePath } from '../lib/policy-module';

export interface ConsentScriptSize {
  readonly policyFile: string;
  readonly policyVersion: string;
  readonly purposes: number;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
}

export function measureConsentScript(policyFile = configuredPolicyFile()): ConsentScriptSize {
  // The shipped files are canonical: the JSON is the parsed document (lambdas/adapters/policy/bundled-policy.ts).
  const policy = JSON.parse(readFileSync(policyFilePath(policyFile), 'utf8')) as PolicyDocument;
  const script = Buffer.from(renderConsentScript(policy));
  return {
    policyFile,
    policyVersion: policy.version,
    purposes: (script.toString().match(/"mode":/g) ?? []).length,
    rawBytes: script.byteLength,
    gzipBytes: gzipSync(script, { level: 6 }).byteLength,
    brotliBytes: brotliCompressSync(script).byteLength,
  };
}
