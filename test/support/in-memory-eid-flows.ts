/**
 * An in-memory EidFlowStore for domain tests: the same contract as DynamoEidFlows
 * (lambdas/adapters/store/dynamo-eid-flows.ts), held to it by the cases both run in
 * test/adapters/store/dynamo-eid-flows.test.ts.
 *
 * Each DynamoDB write there is one conditional write; here each is one synchronous check-then-write with no
 * `await` in between, so it is just as atomic: of racing consumes, exactly one wins.
 */
import type { EidFlow, EidFlowStore } from '../../lambdas/domain/eid/flow';
import { ConditionFailed } from './in-memory-requests';

export class InMemoryEidFlows implements EidFlowStore {
  private readonly flows = new Map<string, EidFlow>();

  async create(flow: EidFlow): Promise<void> {
    // `attribute_not_exists(pk)`: a flow is never overwritten.
    if (this.flows.has(flow.stateHash)) throw new ConditionFailed('create eid flow');
    this.flows.set(flow.stateHash, structuredClone(flow));
  }

  async get(stateHash: string): Promise<EidFlow | undefined> {
    const flow = this.flows.get(stateHash);
    // A copy, as every read from the table is: changing what a caller got changes nothing stored.
    return flow === undefined ? undefined : structuredClone(flow);
  }

  async consume(stateHash: string, browserKeyHash: string, now: Date): Promise<boolean> {
    const flow = this.flows.get(stateHash);
    // `attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :epoch AND browserKeyHash = :browser`,
    // with `:epoch` the adapter's whole epoch seconds.
    const epoch = Math.floor(now.getTime() / 1000);
    if (flow === undefined || flow.usedAt !== undefined) return false;
    if (!(flow.expiresAt > epoch) || flow.browserKeyHash !== browserKeyHash) return false;
    this.flows.set(stateHash, { ...flow, usedAt: now.toISOString() });
    return true;
  }

  /** How many flows are stored: what a scan of the table would count. */
  get size(): number {
    return this.flows.size;
  }

  /** Every stored flow (copies), oldest first. */
  all(): EidFlow[] {
    return [...this.flows.values()].map((flow) => structuredClone(flow));
  }
}
