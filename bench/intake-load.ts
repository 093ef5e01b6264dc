/**
 * The load side of the intake benchmark, run as its own process so that it does not share an event loop
 * with the stack it measures. Prints one JSON object on stdout.
 *
 *   npx tsx bench/intake-load.ts intake <apiUrl> <connections> <seconds> <firstAddress>
 *   npx tsx bench/intake-load.ts putitem <dynamodbUrl> <table> <seconds> <inFlight>
 *
 * `intake` POSTs /requests with autocannon. The intake limits each email to 5 submissions an hour and each
 * client address to 30 per 10 minutes; the limits stay as they are, and the load is shaped like many
 * people instead: every submission has its own email, and every connection comes from its own loopback
 * address (127.0.0.0/8 all reaches the stack) and is replaced after 25 requests. Every response, whatever
 * its status, is tallied from its headers, including the one autocannon does not record when it replaces
 * a connection.
 *
 * `putitem` is the floor: one DynamoDB client writing small items into the same dynalite, `inFlight` at a
 * time, for the same duration.
 */
import net from 'node:net';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';

const REQUESTS_PER_CONNECTION = 25;

const [mode, target = '', ...rest] = process.argv.slice(2);

if (mode === 'intake') {
  const [connections = '32', seconds = '10', firstAddress = '65536'] = rest;
  console.log(
    JSON.stringify(await intake(target, Number(connections), Number(seconds), Number(firstAddress))),
  );
} else if (mode === 'putitem') {
  const [table = '', seconds = '5', inFlight = '32'] = rest;
  console.log(JSON.stringify(await putItems(target, table, Number(seconds), Number(inFlight))));
} else {
  console.error(
    'usage: intake <apiUrl> <connections> <seconds> <firstAddress> | putitem <url> <table> <s> <n>',
  );
  process.exit(2);
}

/** 127.x.y.z for the n-th connection (n ≥ 65,536 keeps clear of 127.0.0.0/16). */
function loopbackAddress(n: number): string {
  return `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function intake(apiUrl: string, connections: number, seconds: number, firstAddress: number) {
  let nextAddress = firstAddress;
  const addressesUsed = () => nextAddress - firstAddress;
  // autocannon opens its sockets with net.connect(port, host); give each new one its own source address.
  const connect = net.connect.bind(net) as (...args: unknown[]) => net.Socket;
  (net as { connect: unknown }).connect = (port: number, host: string) =>
    connect({ port, host, localAddress: loopbackAddress(nextAddress++) });
  const statuses: Record<string, number> = {};
  let submissions = 0;
  const started = performance.now();
  const result = await autocannon({
    url: apiUrl,
    connections,
    duration: seconds,
    reconnectRate: REQUESTS_PER_CONNECTION,
    requests: [
      {
        method: 'POST',
        path: '/requests',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            type: 'access',
            name: 'Bench Person',
            email: `bench.${firstAddress}.${submissions++}@example.no`,
            lang: 'nb',
          }),
        }),
      },
    ],
    setupClient: (client) => {
      // 'headers' fires for every response (the typings only list the recorded 'response').
      (client as unknown as NodeJS.EventEmitter).on('headers', ({ statusCode }: { statusCode: number }) => {
        statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      });
    },
  });
  const elapsedS = (performance.now() - started) / 1000;
  const responses = Object.values(statuses).reduce((a, b) => a + b, 0);
  const ok = Object.entries(statuses)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    connections,
    seconds: result.duration,
    responses,
    requestsPerSecond: responses / elapsedS,
    acceptedPerSecond: ok / elapsedS,
    statuses,
    non2xx: responses - ok,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    addressesUsed: addressesUsed(),
    requestsPerAddressAtMost: REQUESTS_PER_CONNECTION,
  };
}

async function putItems(endpoint: string, table: string, seconds: number, inFlight: number) {
  const client = new DynamoDBClient({
    region: 'eu-north-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let written = 0;
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  // An item the size of a rate counter or a lock, the intake's smallest writes.
  const writer = async (lane: number) => {
    while (performance.now() < until) {
      const n = written++;
      const t = performance.now();
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            pk: { S: `BENCH#${lane}#${n}` },
            sk: { S: 'BENCH' },
            kind: { S: 'bench-put' },
            at: { S: new Date().toISOString() },
            expiresAt: { N: String(Math.floor(Date.now() / 1000) + 3600) },
          },
        }),
      );
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, lane) => writer(lane)));
  const elapsedS = (performance.now() - started) / 1000;
  client.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    inFlight,
    seconds: elapsedS,
    puts: latencies.length,
    putsPerSecond: latencies.length / elapsedS,
    latencyMs: { p50: at(0.5), p99: at(0.99) },
  };
}
