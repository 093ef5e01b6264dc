import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error as S3 answers it: status, `<Error><Code>`, `<Message>` and the detail elements S3 adds. */
export interface S3ErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly detail?: Readonly<Record<string, string>>;
}

/**
 * Sends the error in S3's XML format (no body for HEAD, as S3). A request whose body has not been read yet is
 * drained first: answering mid-upload would reset the connection, and the client would see a network error
 * instead of S3's answer.
 */
export function answerS3Error(
  request: IncomingMessage,
  response: ServerResponse,
  error: S3ErrorAnswer,
): void {
  const send = () => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const body =
      request.method === 'HEAD'
        ? ''
        : '<?xml version="1.0" encoding="UTF-8"?>\n<Error>' +
          element('Code', error.code) +
          element('Message', error.message) +
          Object.entries(error.detail ?? {})
            .map(([name, value]) => element(name, value))
            .join('') +
          element('RequestId', requestId) +
          '</Error>';
    response.writeHead(error.status, {
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(body),
      'x-amz-request-id': requestId,
    });
    response.end(body);
  };
  if (request.readableEnded || request.complete) {
    send();
    return;
  }
  request.once('end', send);
  request.once('error', () => response.destroy());
  request.resume();
}

function element(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (character) =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[character] ?? character,
  );
}
