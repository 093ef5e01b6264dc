import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError } from './error-response';

/** Website submissions are small; anything larger is a mistake or abuse. */
export const MAX_SUBMISSION_BYTES = 64 * 1024;

/**
 * Reads a submission posted as JSON or as a plain HTML form. Form fields named with dots
 * (`onBehalfOf.name`) become nested objects, so both encodings reach the same schema.
 */
export function readSubmissionBody(event: APIGatewayProxyEvent): unknown {
  const raw =
    event.body === null
      ? Buffer.alloc(0)
      : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.length > MAX_SUBMISSION_BYTES) {
    throw new HttpError(
      413,
      'payload_too_large',
      `The submission is larger than ${MAX_SUBMISSION_BYTES / 1024} KB`,
    );
  }
  const mediaType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return parseJsonObject(raw.toString('utf8'));
  if (mediaType === 'application/x-www-form-urlencoded') return parseForm(raw.toString('utf8'));
  throw new HttpError(
    415,
    'unsupported_media_type',
    'Send the submission as application/json or application/x-www-form-urlencoded',
  );
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'malformed_json', 'The body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'malformed_json', 'The body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function parseForm(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) {
    const path = name.split('.');
    if (path.some((part) => part === '' || FORBIDDEN_KEYS.has(part)) || path.length > 2) {
      throw new HttpError(400, 'validation_failed', `Unknown form field "${name.slice(0, 50)}"`);
    }
    const [head, child] = path as [string, string | undefined];
    if (child === undefined) {
      result[head] = value;
      continue;
    }
    const nested = result[head];
    const group =
      typeof nested === 'object' && nested !== null
        ? (nested as Record<string, unknown>)
        : Object.create(null);
    group[child] = value;
    result[head] = group;
  }
  // An untouched optional fieldset (all fields empty) means the visitor did not use it.
  for (const [key, value] of Object.entries(result)) {
    if (typeof value === 'object' && value !== null && Object.values(value).every((v) => v === ''))
      delete result[key];
  }
  return { ...result };
}

/** A browser's plain form post asks for HTML; our own scripts and API clients ask for JSON. */
export function prefersHtml(event: APIGatewayProxyEvent): boolean {
  const accept = (event.headers.accept ?? '').toLowerCase();
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}
