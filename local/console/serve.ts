/**
 * `GET /console`, `/console/` and `/console/<asset>` on the local API server: the staff console built at
 * start with esbuild (console/build.ts), from memory, with the strict CSP it gets from CloudFront on AWS.
 * Everything else falls through to the API (the handler answers false).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { buildConsole, type ConsoleFile, consoleCsp } from '../../console/build';
import { configuredPolicyFile } from '../../lib/policy-module';

export type ConsoleRequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface ConsoleServeOptions {
  /** The S3 endpoint presigned uploads go to (locally s3rver), allowed in `connect-src`. */
  readonly uploadOrigin: string;
  /** Also write the built files here (e.g. `.local-data/console`), for a look at what is served. */
  readonly outDir?: string;
  /**
   * The policy the stack runs (the template's `personvern:policyFile`): the console's names come from it.
   * Default: the one cdk.json configures.
   */
  readonly policyFile?: string;
}

/** Builds the console once and returns the request handler that serves it. */
export async function createConsoleRequestHandler(
  options: ConsoleServeOptions,
): Promise<ConsoleRequestHandler> {
  const built = await buildConsole({
    policyFile: options.policyFile ?? configuredPolicyFile(),
    ...(options.outDir === undefined ? {} : { outDir: options.outDir }),
  });
  // On AWS the deployment adds config.json naming the Cognito hosted UI; here it says "sign in locally".
  const files = new Map(built).set('config.json', {
    body: Buffer.from(JSON.stringify({ signIn: 'local' })),
    contentType: 'application/json; charset=utf-8',
  });
  return consoleRequestHandlerFor(files, consoleCsp(options.uploadOrigin));
}

export function consoleRequestHandlerFor(
  files: ReadonlyMap<string, ConsoleFile>,
  csp: string,
): ConsoleRequestHandler {
  return function consoleRequestHandler(req, res) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path !== '/console' && !path.startsWith('/console/')) return false;
    const headers = securityHeaders(csp);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed');
      return true;
    }
    // Relative asset links need the trailing slash.
    if (path === '/console') {
      res.writeHead(308, { ...headers, Location: '/console/' });
      res.end();
      return true;
    }
    const name = path === '/console/' ? 'index.html' : path.slice('/console/'.length);
    const file = files.get(name);
    if (file === undefined) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not Found');
      return true;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Length': String(file.body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return true;
  };
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}

/**
 * Lets the console PUT presigned uploads into these buckets from `consoleOrigin` (a cross-origin request
 * with a preflight: the signed Content-Type and encryption headers). On AWS the export bucket needs the
 * same rule (lib/constructs/staff-console.ts `consoleUploadCors`).
 */
export async function allowConsoleUploads(options: {
  readonly s3Endpoint: string;
  readonly buckets: readonly string[];
  readonly consoleOrigin: string;
}): Promise<void> {
  const s3 = new S3Client({
    endpoint: options.s3Endpoint,
    region: 'eu-north-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const bucket of options.buckets) {
      await s3.send(
        new PutBucketCorsCommand({
          Bucket: bucket,
          CORSConfiguration: {
            CORSRules: [
              {
                AllowedOrigins: [new URL(options.consoleOrigin).origin],
                AllowedMethods: ['PUT'],
                AllowedHeaders: [
                  'content-type',
                  'x-amz-server-side-encryption',
                  'x-amz-server-side-encryption-aws-kms-key-id',
                ],
                MaxAgeSeconds: 600,
              },
            ],
          },
        }),
      );
    }
  } finally {
    s3.destroy();
  }
}
