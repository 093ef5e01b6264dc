/**
 * Builds the staff console into four static files (index.html, console.js, console.css, favicon.svg) with esbuild's
 * JS API. Used by the local server (in memory, at start) and by the AWS construct (into a folder that a
 * BucketDeployment uploads). The policy's company, system and category names are baked in as a literal.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lintPolicy } from '../lambdas/domain/policy/lint/lint';
import { parsePolicy } from '../lambdas/domain/policy/validate';

/** The repository root, found from this file: the console's build depends on nothing of the CDK app. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ConsoleFile {
  readonly body: Buffer;
  readonly contentType: string;
}

export const CONSOLE_SOURCE = join(repoRoot, 'console/src');

/**
 * The names the console shows for ids, and the policy linter's report on the document, which the privacy
 * officer's policy page lists until every assumption is confirmed (issue 18). Nothing else from the policy.
 */
export function consoleCatalog(policyFile: string) {
  const policy = parsePolicy(JSON.parse(readFileSync(resolve(repoRoot, policyFile), 'utf8')));
  const report = lintPolicy(policy);
  return {
    organisation: policy.organisation.name,
    controllers: policy.controllers.map((c) => ({ id: c.id, name: c.legalName })),
    systems: policy.systems.map((s) => ({ id: s.id, name: s.name })),
    categories: policy.categories.map((c) => ({ id: c.id, label: { nb: c.label.nb, en: c.label.en } })),
    policyReport: {
      version: policy.version,
      errors: report.errors,
      warnings: report.warnings,
      findings: report.findings.map(({ rule, reference, path, severity, message }) => ({
        rule,
        reference,
        path,
        severity,
        message: { nb: message.nb, en: message.en },
      })),
    },
  };
}

/**
 * The built console by file name; `outDir` also writes the files there. `policyFile` is the deployment's
 * `policyFile` setting (relative to the repository root, or absolute): the names and the report come from it.
 */
export async function buildConsole(options: {
  policyFile: string;
  outDir?: string;
}): Promise<Map<string, ConsoleFile>> {
  const result = await build({
    entryPoints: {
      console: join(CONSOLE_SOURCE, 'main.ts'),
      'console-style': join(CONSOLE_SOURCE, 'console.css'),
    },
    bundle: true,
    write: false,
    outdir: '/console-build',
    format: 'esm',
    target: ['es2022', 'chrome120', 'firefox120', 'safari17'],
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    // The texts are Norwegian: as UTF-8, æ, ø and å take two bytes each instead of an escape's four or six.
    // A module script is always decoded as UTF-8, whatever the Content-Type says (S3 sends none for it).
    charset: 'utf8',
    logLevel: 'silent',
    define: { PERSONVERN_CATALOG: JSON.stringify(consoleCatalog(options.policyFile)) },
  });
  const files = new Map<string, ConsoleFile>();
  for (const output of result.outputFiles) {
    if (output.path.endsWith('/console.js'))
      files.set('console.js', {
        body: Buffer.from(output.contents),
        contentType: 'text/javascript; charset=utf-8',
      });
    if (output.path.endsWith('/console-style.css'))
      files.set('console.css', {
        body: Buffer.from(output.contents),
        contentType: 'text/css; charset=utf-8',
      });
  }
  files.set('index.html', {
    body: readFileSync(join(CONSOLE_SOURCE, 'index.html')),
    contentType: 'text/html; charset=utf-8',
  });
  files.set('favicon.svg', {
    body: readFileSync(join(CONSOLE_SOURCE, 'favicon.svg')),
    contentType: 'image/svg+xml',
  });
  if (files.size !== 4) throw new Error(`The console build made ${[...files.keys()].join(', ')}`);
  if (options.outDir !== undefined) {
    mkdirSync(options.outDir, { recursive: true });
    for (const [name, file] of files) writeFileSync(join(options.outDir, name), file.body);
  }
  return files;
}

/** The console's Content-Security-Policy; `uploadOrigin` is where presigned uploads go (the S3 endpoint). */
export function consoleCsp(uploadOrigin: string): string {
  const origin = new URL(uploadOrigin).origin;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${origin}`,
    "img-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}
