// `npx tsx bench/export-scaling.ts [records]`: builds an access export of one subject with 100,000
// records (by default) across three systems, plus a 5 MiB staff upload, into a ZIP in a temp directory,
// and prints peak RSS and wall time as JSON on stdout. Target: streaming, peak RSS under 256 MB.
//
// Peak RSS is reported twice: sampled every 5 ms during the build, and the kernel's high-water mark
// for the process (`process.resourceUsage().maxRSS`), which also counts start-up (tsx, the modules).
// Records are generated on the fly, as a store read would deliver them, so the figure is the export's
// own footprint and not a fixture held in memory.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeExportZip } from '../lambdas/adapters/export/zip-export';
import type { CollectedRecord } from '../lambdas/domain/connectors/connector';
import { prepareExport } from '../lambdas/domain/export/build';
import type { PolicyDocument } from '../lambdas/domain/policy/schema';
import type { Finding } from '../lambdas/domain/workflow/findings';
import document from '../policy/sterk.json' with { type: 'json' };

const TOTAL = Number(process.argv[2] ?? 100_000);
const MB = 1024 * 1024;

/** Three systems, two record kinds each; the shares add up to TOTAL. */
const SYSTEMS = [
  { systemId: 'mailchimp', categories: ['email', 'name', 'newsletter-subscription'], share: 0.4 },
  { systemId: 'personvern', categories: ['email', 'message-content', 'privacy-requests'], share: 0.3 },
  {
    systemId: 'brp-systems',
    categories: ['name', 'email', 'membership-type', 'purchase-history'],
    share: 0.3,
  },
] as const;

function countFor(index: number): number {
  if (index < SYSTEMS.length - 1) return Math.floor(TOTAL * (SYSTEMS[index]?.share ?? 0));
  return TOTAL - SYSTEMS.slice(0, -1).reduce((sum, _system, i) => sum + countFor(i), 0);
}

function record(systemId: string, kind: string, index: number): CollectedRecord {
  const day = `2026-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`;
  return {
    id: `${systemId}-${kind}-${index}`,
    at: `${day}T${String(index % 24).padStart(2, '0')}:15:00Z`,
    email: 'kari.nordmann@example.no',
    kind,
    amount: (index % 997) * 12.5,
    confirmed: index % 3 === 0,
    note:
      index % 50 === 0
        ? `=HYPERLINK("https://example.org/${index}")`
        : `Besøk ${index}: styrketrening, «sal 2», ${'ærøå '.repeat(8)}`,
  };
}

function kindsOf(systemId: string, count: number) {
  const half = Math.floor(count / 2);
  return ['activity', 'events'].map((kind, kindIndex) => {
    const n = kindIndex === 0 ? half : count - half;
    return {
      kind,
      records: async function* () {
        for (let index = 0; index < n; index++) yield record(systemId, kind, index);
      },
    };
  });
}

async function main(): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'personvern-export-bench-'));
  try {
    const uploadPath = join(directory, 'journal.pdf');
    await writeFile(uploadPath, randomBytes(5 * MB));
    const zipPath = join(directory, 'export.zip');

    const findings: Finding[] = [
      ...SYSTEMS.map((system, index) => ({
        systemId: system.systemId,
        source: 'connector' as const,
        categories: system.categories,
        recordCount: countFor(index),
        collectedAt: '2026-11-24T10:00:00Z',
      })),
      {
        systemId: 'pasientsky',
        source: 'staff-upload',
        categories: ['health-record', 'name'],
        recordCount: 1,
        objectKey: 'uploads/bench/pasientsky/journal.pdf',
        collectedAt: '2026-11-24T10:00:00Z',
      },
      ...['melin-convene-medical'].map((systemId) => ({
        systemId,
        source: 'no-data' as const,
        categories: [],
        recordCount: 0,
        collectedAt: '2026-11-24T10:00:00Z',
      })),
    ];

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 5);
    const started = process.hrtime.bigint();

    const prepared = await prepareExport(
      {
        policy: document as unknown as PolicyDocument,
        request: {
          id: 'r-bench',
          type: 'access',
          controllerId: 'sterk-helse-og-trening',
          lang: 'nb',
          receivedDate: '2026-11-20',
        },
        findings,
        generatedAt: new Date().toISOString(),
      },
      {
        readCollected: async (systemId) => {
          const index = SYSTEMS.findIndex((system) => system.systemId === systemId);
          return { kinds: kindsOf(systemId, countFor(index)) };
        },
        openUpload: async () => createReadStream(uploadPath),
      },
    );
    const result = await writeExportZip({ target: createWriteStream(zipPath), files: prepared.files });

    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const zipBytes = (await stat(zipPath)).size;

    console.log(
      JSON.stringify(
        {
          records: TOTAL,
          systems: SYSTEMS.length,
          uploadBytes: 5 * MB,
          entries: result.entries,
          zipBytes,
          elapsedMs: Math.round(elapsedMs),
          rssBeforeMB: round(rssBefore / MB),
          peakRssSampledMB: round(peakRss / MB),
          maxRssMB: round((process.resourceUsage().maxRSS * 1024) / MB),
          targetPeakRssMB: 256,
          node: process.version,
        },
        null,
        2,
      ),
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

await main();
