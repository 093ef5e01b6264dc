/**
 * Counts the HTTP requests an in-process server receives (the local API, S3, Secrets Manager), by method,
 * through Node's `http.server.request.start` diagnostics channel. Nothing sits in the path.
 */
import { type Channel, channel } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { BENCH_AGENT } from './dynamo-meter';

export class HttpMeter {
  private counts: Record<string, number> = {};
  private readonly port: number;
  private readonly start: Channel = channel('http.server.request.start');
  private readonly onRequest = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (request.socket.localPort !== this.port) return;
    if (String(request.headers['user-agent'] ?? '').includes(BENCH_AGENT)) return;
    if (!this.counted(request)) return;
    const method = request.method ?? 'GET';
    this.counts[method] = (this.counts[method] ?? 0) + 1;
  };

  constructor(
    endpoint: string,
    /** Which requests count (the local API leaves out its local-only routes). */
    private readonly counted: (request: IncomingMessage) => boolean = () => true,
  ) {
    this.port = Number(new URL(endpoint).port);
    this.start.subscribe(this.onRequest);
  }

  snapshot(): Record<string, number> {
    return { ...this.counts };
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  reset(): void {
    this.counts = {};
  }

  close(): void {
    this.start.unsubscribe(this.onRequest);
  }
}
