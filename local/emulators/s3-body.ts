import { IncomingMessage } from 'node:http';

/** The whole body of a request. */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

/**
 * The request again, its body already read: s3rver reads the body from the request stream itself. `headers`
 * replaces the original's (a decoded aws-chunked body has another length and encoding).
 */
export function replayed(
  original: IncomingMessage,
  body: Buffer,
  headers: IncomingMessage['headers'] = original.headers,
): IncomingMessage {
  const replay = new IncomingMessage(original.socket);
  replay.method = original.method;
  replay.url = original.url;
  replay.httpVersion = original.httpVersion;
  replay.httpVersionMajor = original.httpVersionMajor;
  replay.httpVersionMinor = original.httpVersionMinor;
  replay.headers = headers;
  replay.rawHeaders =
    headers === original.headers
      ? original.rawHeaders
      : Object.entries(headers).flatMap(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(',') : String(value),
        ]);
  // Without it, node takes the replay's end for an aborted request and destroys the shared socket.
  replay.complete = true;
  replay.push(body);
  replay.push(null);
  return replay;
}
