/**
 * The cookie that binds an ID-porten sign-in to the browser that started it (docs/id-porten.md, "Login
 * CSRF"). `__Host-` makes the browser refuse it unless it is Secure, host-only and for `/`; `HttpOnly`
 * keeps it from scripts; `SameSite=Lax` still sends it on ID-porten's top-level redirect back to us.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { EID_FLOW_SECONDS } from '../../domain/eid/flow';

const NAME = '__Host-pv-eid';
const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Lax';
const BROWSER_KEY = /^[A-Za-z0-9_-]{43}$/;

export const setEidCookie = (browserKey: string): string =>
  `${NAME}=${browserKey}; Max-Age=${EID_FLOW_SECONDS}; ${ATTRIBUTES}`;

/** Sent with every callback answer: the flow is used up either way. */
export const clearEidCookie = (): string => `${NAME}=; Max-Age=0; ${ATTRIBUTES}`;

/** The browser key from the request's cookies, if it has a well-formed one. */
export function eidCookieOf(event: APIGatewayProxyEvent): string | undefined {
  const headers = [
    event.headers.cookie,
    ...(event.multiValueHeaders?.cookie ?? event.multiValueHeaders?.Cookie ?? []),
  ];
  for (const header of headers) {
    for (const pair of (header ?? '').split(';')) {
      const [name, ...value] = pair.trim().split('=');
      const key = value.join('=');
      if (name === NAME && BROWSER_KEY.test(key)) return key;
    }
  }
  return undefined;
}
