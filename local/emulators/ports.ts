import type { Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server } from 'node:net';

/** Every local stand-in listens on loopback only: nothing here is meant to be reachable from the network. */
export const LOCALHOST = '127.0.0.1';

/** Someone else holds the port; the message is written for the person at the terminal, not for a stack trace. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
    /** The setting that moves the service elsewhere, when there is one (e.g. an environment variable). */
    readonly portSetting?: string,
    options?: { cause?: unknown },
  ) {
    const alternative =
      portSetting === undefined ? 'or choose another port' : `or set ${portSetting} to a free port`;
    super(
      `${service} cannot listen on ${LOCALHOST}:${port}: the port is already in use. ` +
        `Stop the program holding it (\`lsof -nP -iTCP:${port} -sTCP:LISTEN\` names it) ${alternative}.`,
      options,
    );
    this.name = 'PortInUseError';
  }
}

/** Listens on loopback; resolves with the bound port, so port 0 (any free port) works too. */
export function listen(server: Server, service: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new PortInUseError(service, port, undefined, { cause: error }) : error,
      );
    server.once('error', onError);
    server.listen(port, LOCALHOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * For servers a package creates and binds itself, where a busy port cannot be told apart from other failures:
 * bind the port briefly first, so the common case still gets a PortInUseError.
 */
export async function assertPortFree(service: string, port: number): Promise<void> {
  const probe = createServer();
  await listen(probe, service, port);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** Resolves once the listening socket is closed, i.e. the port is free again; open connections are cut. */
export function closeServer(server: HttpServer): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
