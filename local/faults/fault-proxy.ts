/**
 * Fault injection for the local stack: a proxy in front of an emulator that fails some of the calls the
 * handlers make, the way an AWS service fails transiently (HTTP 503, a retryable error). Tests and load
 * runs use it to prove that nothing is lost when DynamoDB, SES or Step Functions hiccup.
 *
 * It lives only in local/: nothing here is bundled into a Lambda, so it cannot be switched on in AWS.
 * `npm start` turns it on with PERSONVERN_FAULTS, e.g. `ses=first:4` (fail the first four calls) or
 * `dynamodb=0.1,ses=0.1,stepfunctions=0.1` (fail 10% of calls at random).
 */
import { createServer, type Server } from 'node:http';
import { forward, listenLocally } from '../forward';

export const FAULTY_SERVICES = ['dynamodb', 'ses', 'stepfunctions'] as const;
export type FaultyService = (typeof FAULTY_SERVICES)[number];

/** Fail each call with this probability, or fail exactly the first `first` calls. */
export type FaultRule = { readonly rate: number } | { readonly first: number };
export type FaultPlan = Partial<Record<FaultyService, FaultRule>>;

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

export function parseFaultPlan(spec: string | undefined): FaultPlan {
  const plan: FaultPlan = {};
  for (const part of (spec ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [service, value] = part.split('=') as [string, string | undefined];
    if (!FAULTY_SERVICES.includes(service as FaultyService) || value === undefined) {
      throw new FaultSpecError(
        `PERSONVERN_FAULTS: "${part}" is not <service>=<rate> or <service>=first:<n>; services: ${FAULTY_SERVICES.join(', ')}`,
      );
    }
    const first = /^first:(\d+)$/.exec(value);
    const rate = Number(value);
    if (first?.[1] !== undefined) plan[service as FaultyService] = { first: Number(first[1]) };
    else if (value !== '' && rate >= 0 && rate <= 1) plan[service as FaultyService] = { rate };
    else
      throw new FaultSpecError(`PERSONVERN_FAULTS: "${value}" is neither a rate from 0 to 1 nor first:<n>`);
  }
  return plan;
}

export interface FaultProxy {
  readonly url: string;
  /** Calls failed so far. */
  injected(): number;
  close(): Promise<void>;
}

/** Forwards every call to `target` unless the rule says this one fails. */
export async function startFaultProxy(
  target: string,
  rule: FaultRule,
  random = Math.random,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  let calls = 0;
  let injected = 0;
  const server: Server = createServer((incoming, outgoing) => {
    calls += 1;
    const fail = 'first' in rule ? calls <= rule.first : random() < rule.rate;
    if (fail) {
      injected += 1;
      // Drain the body first, so the client sees a clean response rather than a reset connection.
      incoming.resume();
      incoming.on('end', () => {
        outgoing.writeHead(503, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-errortype': 'ServiceUnavailable',
        });
        outgoing.end(
          JSON.stringify({ __type: 'ServiceUnavailable', message: 'Injected fault (local stack)' }),
        );
      });
      return;
    }
    forward(upstream, incoming, outgoing);
  });
  return { ...(await listenLocally(server)), injected: () => injected };
}
