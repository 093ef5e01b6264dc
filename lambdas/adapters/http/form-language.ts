/**
 * The page language a bodiless form posted. The resend form posts only a hidden `lang`, and scripts may
 * post nothing at all, so the body is not read as a submission (which would refuse an empty or JSON body):
 * anything but a form's `lang` is ignored, and only the first kilobyte is looked at.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';

export function formLanguage(event: APIGatewayProxyEvent): string | undefined {
  if (event.body === null || !(event.headers['content-type'] ?? '').includes('form-urlencoded'))
    return undefined;
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return new URLSearchParams(body.slice(0, 1024)).get('lang') ?? undefined;
}
