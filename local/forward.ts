import { type IncomingMessage, request, type ServerResponse } from 'node:http';

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
