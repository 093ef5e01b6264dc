import { type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Passes a request on to an emulator unchanged but for the Host header, and its answer back; a dropped
 * connection upstream answers 502. `body` is the request's body when the caller has already read it
 * (to check it first); otherwise the request is streamed through.
 */
export function forward(
  upstream: URL,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  body?: Buffer,
): void {
  const forwarded = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
      headers: { ...incoming.headers, host: upstream.host },
    },
    (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    },
  );
  forwarded.on('error', () => {
    if (!outgoing.headersSent) outgoing.writeHead(502);
    outgoing.end();
  });
  if (body === undefined) incoming.pipe(forwarded);
  else forwarded.end(body);
}

/** A local proxy's address, and a close that also ends the connections kept alive through it. */
export interface LocalProxy {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts `server` on a free port of 127.0.0.1. */
export async function listenLocally(server: Server): Promise<LocalProxy> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The whole body of a request, for a proxy that must look at it before passing it on. */
export function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}
