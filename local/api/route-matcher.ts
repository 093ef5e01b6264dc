import type { LocalRoute } from '../template/resources';

export interface MatchedRoute {
  readonly route: LocalRoute;
  readonly pathParameters: Record<string, string> | null;
}

/** Matches a request path against API Gateway resource paths: `{name}` is one segment, `{name+}` the rest. */
export function matchRoute(routes: LocalRoute[], method: string, path: string): MatchedRoute | undefined {
  for (const route of routes) {
    if (route.method !== method && route.method !== 'ANY') continue;
    const names: string[] = [];
    const pattern = route.resourcePath
      .replace(/[.*?^$()|[\]\\]/g, '\\$&')
      .replace(/\{([^}+]+)(\+?)\}/g, (_, name: string, greedy: string) => {
        names.push(name);
        return greedy ? '(.+)' : '([^/]+)';
      });
    // A trailing slash is let through, but not onto the root: `//` is no path of `/`.
    const match = new RegExp(route.resourcePath === '/' ? '^/$' : `^${pattern}/?$`).exec(path);
    if (match === null) continue;
    const pathParameters = Object.fromEntries(
      names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
    );
    return { route, pathParameters: names.length > 0 ? pathParameters : null };
  }
  return undefined;
}
