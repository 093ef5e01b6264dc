/**
 * The addresses staff emails link to in the console. The console is one page that routes on the fragment
 * (`#/requests/<id>`, `#/messages/<id>`: console/src/routes.ts), so a link names the console's root and the
 * route after `#`. A path such as `/requests/<id>` would be asked of the server, and neither CloudFront on
 * AWS (which serves only the root and the console's files) nor the local stack has a page there.
 *
 * `consoleUrl` is `CONSOLE_URL`: `https://<distribution or domain>` on AWS, `http://127.0.0.1:<port>/console`
 * locally; the trailing slash before `#` keeps the console's relative asset links and the sign-in's
 * callback address (`<console>/`) right.
 */

export function consoleRequestUrl(consoleUrl: string, requestId: string): string {
  return consoleRoute(consoleUrl, `requests/${encodeURIComponent(requestId)}`);
}

export function consoleMessageUrl(consoleUrl: string, messageId: string): string {
  return consoleRoute(consoleUrl, `messages/${encodeURIComponent(messageId)}`);
}

function consoleRoute(consoleUrl: string, route: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}/#/${route}`;
}
