import type { AddressInfo } from 'node:net';
import * as sesV2Local from 'aws-ses-v2-local';
import { endpointFor, type RunningEmulator } from './emulator';
import { assertPortFree, closeServer, LOCALHOST } from './ports';

const SERVICE = 'SES (aws-ses-v2-local)';

export const DEFAULT_SES_PORT = 8005;

// Under native ESM the package's CommonJS exports object is the default export, so its factory sits one
// level deeper than its type declarations say.
const createSesServer = (sesV2Local.default as unknown as { default: typeof sesV2Local.default }).default;

/** Thrown when the SES server did not come up although its port looked free a moment earlier. */
export class SesEmulatorStartError extends Error {
  constructor(port: number) {
    super(`${SERVICE} did not start listening on ${LOCALHOST}:${port}`);
    this.name = 'SesEmulatorStartError';
  }
}

export interface SesEmulatorOptions {
  /** 0 picks a free port. */
  readonly port: number;
}

/**
 * aws-ses-v2-local: its inbox page at `/`, sent mail as JSON at `GET /store`. Mail is kept in memory only
 * (in the package's module state), so the inbox is empty after every restart; that is fine for a local inbox.
 */
export async function startSes({ port }: SesEmulatorOptions): Promise<RunningEmulator> {
  await assertPortFree(SERVICE, port);
  // The factory resolves even when listening failed (express reports the error to its listen callback).
  const server = await createSesServer({ host: LOCALHOST, port });
  if (!server.listening) throw new SesEmulatorStartError(port);
  const boundPort = (server.address() as AddressInfo).port;
  return { endpoint: endpointFor(boundPort), stop: () => closeServer(server) };
}
