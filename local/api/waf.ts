/**
 * The template's WebACL, evaluated in the local gateway before any route (local/template/waf.ts reads
 * what can be evaluated). A blocked request never reaches a function, as on AWS.
 */
import type { LocalWafCondition, LocalWafRule, LocalWebAcl } from '../template/waf';

export interface WafRequest {
  readonly clientIp: string;
  /** The URI path as API Gateway's stage sees it, without the query. */
  readonly path: string;
  readonly query: string;
  readonly cookie: string;
  readonly body: Buffer;
}

/** Which rule blocked the request, or undefined to let it through. */
export type WafCheck = (request: WafRequest, now?: number) => string | undefined;

export function createWaf(acl: LocalWebAcl | undefined): WafCheck {
  const rules = acl?.rules ?? [];
  // Per rate rule, per client: the times of its requests within the window.
  const seen = new Map<string, number[]>();
  return (request, now = Date.now()) => {
    for (const rule of rules) {
      if (rule.scope !== undefined && !holds(rule.scope, request)) continue;
      if (rule.kind === 'size' ? tooLarge(rule, request) : overRate(rule, request, now, seen))
        return rule.name;
    }
    return undefined;
  };
}

function tooLarge(rule: Extract<LocalWafRule, { kind: 'size' }>, request: WafRequest): boolean {
  const size = {
    body: request.body.byteLength,
    query: Buffer.byteLength(request.query),
    path: Buffer.byteLength(request.path),
    cookie: Buffer.byteLength(request.cookie),
  }[rule.part];
  return size > rule.maxBytes;
}

/** WAF counts every request in a sliding window, blocked ones too, and blocks while the count is over. */
function overRate(
  rule: Extract<LocalWafRule, { kind: 'rate' }>,
  request: WafRequest,
  now: number,
  seen: Map<string, number[]>,
): boolean {
  const key = `${rule.name} ${request.clientIp}`;
  const since = now - rule.windowSeconds * 1000;
  const times = (seen.get(key) ?? []).filter((time) => time > since);
  times.push(now);
  seen.set(key, times);
  return times.length > rule.limit;
}

function holds(condition: LocalWafCondition, request: WafRequest): boolean {
  switch (condition.kind) {
    case 'path-matches':
      return condition.pattern.test(request.path);
    case 'not':
      return !holds(condition.condition, request);
    case 'and':
      return condition.conditions.every((c) => holds(c, request));
    case 'or':
      return condition.conditions.some((c) => holds(c, request));
  }
}
