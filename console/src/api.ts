/**
 * The staff API client: adds the id token, turns error answers into `ApiError` with the API's own
 * message, and reports a 401 (the token expired or was refused) so the console can ask to sign in again.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export interface StaffApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** A body that is not JSON, e.g. a CSV file, sent as it is with its own content type. */
  postText<T>(path: string, body: string, contentType: string): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

export function staffApi(
  apiBase: string,
  token: () => string | undefined,
  onUnauthorized: () => void,
): StaffApi {
  async function call<T>(
    method: string,
    path: string,
    body?: { readonly text: string; readonly contentType: string },
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${apiBase}${path}`, {
        method,
        // Staff must see what is true now (a version just published, a task just decided), and answers
        // with personal data have no business in the browser's HTTP cache.
        cache: 'no-store',
        headers: {
          authorization: token() ?? '',
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': body.contentType }),
        },
        ...(body === undefined ? {} : { body: body.text }),
      });
    } catch {
      throw new ApiError(0, '');
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.status === 401) {
      onUnauthorized();
      throw new ApiError(401, 'Unauthorized');
    }
    if (!response.ok) {
      const { message, fields } = errorOf(parsed);
      throw new ApiError(response.status, message, fields);
    }
    return parsed as T;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, { text: JSON.stringify(body), contentType: 'application/json' }),
    postText: (path, text, contentType) => call('POST', path, { text, contentType }),
    delete: (path) => call('DELETE', path),
  };
}

/** Our handlers answer `{ error: { code, message, fields } }`; the gateway answers `{ message }`. */
function errorOf(body: unknown): { message: string; fields: Record<string, string> } {
  if (typeof body !== 'object' || body === null) return { message: '', fields: {} };
  const record = body as { error?: { message?: unknown; fields?: unknown }; message?: unknown };
  const message = record.error?.message ?? record.message;
  const fields = record.error?.fields;
  return {
    message: typeof message === 'string' ? message : '',
    fields:
      typeof fields === 'object' && fields !== null
        ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]))
        : {},
  };
}
