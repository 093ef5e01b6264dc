import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { writeExportZip, type ZipEntrySource } from '../../../lambdas/adapters/export/zip-export';
import { prepareExport } from '../../../lambdas/domain/export/build';
import { CSV_BOM } from '../../../lambdas/domain/export/csv';
import { DataJsonSchema } from '../../../lambdas/domain/export/data-json-schema';
import { accessRequest, collected, finding, GENERATED_AT } from '../../domain/export/fixtures';
import { sterkPolicy } from '../../domain/policy/sterk-fixture';
import { unzip } from './unzip';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

describe('Function: writeExportZip', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'personvern-export-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes a complete export for two systems and an uploaded file to disk', async () => {
    // Prepare
    const scan = randomBytes(200_000);
    const scanPath = join(directory, 'scan.pdf');
    await writeFile(scanPath, scan);
    const findings = [
      finding('pasientsky', 'staff-upload', ['health-record', 'name'], { objectKey: 'uploads/r-0001/p/x' }),
      finding('brp-systems', 'no-data'),
      finding('melin-convene-medical', 'no-data'),
      finding('mailchimp', 'connector', ['email', 'newsletter-subscription'], { recordCount: 2 }),
      finding('personvern', 'connector', ['email', 'message-content'], { recordCount: 1 }),
    ];
    const prepared = await prepareExport(
      {
        policy: sterkPolicy(),
        request: accessRequest('nb'),
        findings,
        generatedAt: GENERATED_AT,
        uploads: [{ systemId: 'pasientsky', key: 'uploads/r-0001/p/x', fileName: 'Journalutskrift Øst.pdf' }],
      },
      {
        readCollected: async (systemId) =>
          systemId === 'mailchimp'
            ? collected({
                member: [
                  { email: 'kari@example.no', status: 'subscribed' },
                  { email: 'kari@example.no', status: 'cleaned', note: '=HYPERLINK("x")' },
                ],
              })
            : collected({ messages: [{ id: 'm-1', message: 'Hei!\nKan dere ringe meg?' }] }),
        openUpload: async () => createReadStream(scanPath),
      },
    );
    const zipPath = join(directory, 'export.zip');

    // Act
    const result = await writeExportZip({
      target: createWriteStream(zipPath),
      files: prepared.files,
      mtime: new Date(GENERATED_AT),
    });

    // Assess
    const zip = await readFile(zipPath);
    expect(result).toEqual({ bytes: zip.length, entries: 5 });
    const entries = unzip(zip);
    const byPath = new Map(entries.map((entry) => [entry.path, entry.data]));
    expect(entries.map((entry) => entry.path)).toEqual([
      'index.html',
      'data.json',
      'mailchimp/member.csv',
      'personvern/messages.csv',
      'uploads/pasientsky/Journalutskrift Øst.pdf',
    ]);
    expect(entries.every((entry) => entry.method === 8)).toBe(true);
    expect((entries[4]?.flags ?? 0) & 0x800).toBe(0x800); // the name is UTF-8
    expect(byPath.get('uploads/pasientsky/Journalutskrift Øst.pdf')?.equals(scan)).toBe(true);
    expect(byPath.get('mailchimp/member.csv')?.toString('utf8')).toBe(
      `${CSV_BOM}email,status,note\r\nkari@example.no,subscribed,\r\nkari@example.no,cleaned,"'=HYPERLINK(""x"")"\r\n`,
    );
    const data = DataJsonSchema.parse(JSON.parse(byPath.get('data.json')?.toString('utf8') ?? ''));
    expect(data.systems.map((system) => system.systemId)).toEqual(['pasientsky', 'mailchimp', 'personvern']);
    expect(data.systems[2]?.recordKinds[0]?.records).toEqual([
      { id: 'm-1', message: 'Hei!\nKan dere ringe meg?' },
    ]);
    const index = byPath.get('index.html')?.toString('utf8') ?? '';
    expect(index).toContain('<html lang="nb">');
    expect(index).toContain('<a href="uploads/pasientsky/Journalutskrift%20%C3%98st.pdf">');
  });

  it('holds the producers back while the target is slow', async () => {
    // Prepare
    const chunk = randomBytes(64 * 1024);
    let produced = 0;
    let consumed = 0;
    let furthestAhead = 0;
    async function* incompressible() {
      for (let index = 0; index < 160; index++) {
        produced += chunk.length;
        furthestAhead = Math.max(furthestAhead, produced - consumed);
        yield chunk;
      }
    }
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(data: Buffer, _encoding, callback) {
        consumed += data.length;
        setTimeout(callback, 1);
      },
    });

    // Act
    const result = await writeExportZip({
      target: slow,
      files: [{ path: 'big.bin', content: incompressible() }],
    });

    // Assess: 10 MiB went through while never more than a couple of MiB waited in buffers.
    expect(produced).toBe(160 * 64 * 1024);
    expect(result.bytes).toBeGreaterThan(produced);
    expect(furthestAhead).toBeLessThan(2 * 1024 * 1024);
  });

  it('asks for the next file only when the previous one has been read', async () => {
    // Prepare
    const log: string[] = [];
    async function* content(name: string) {
      log.push(`read ${name}`);
      yield `content of ${name}`;
      log.push(`done ${name}`);
    }
    async function* files(): AsyncGenerator<ZipEntrySource> {
      for (const name of ['a.txt', 'b.txt', 'c.txt']) {
        log.push(`next ${name}`);
        yield { path: name, content: content(name) };
      }
    }
    const zipPath = join(directory, 'order.zip');

    // Act
    await writeExportZip({ target: createWriteStream(zipPath), files: files() });

    // Assess
    expect(log).toEqual([
      'next a.txt',
      'read a.txt',
      'done a.txt',
      'next b.txt',
      'read b.txt',
      'done b.txt',
      'next c.txt',
      'read c.txt',
      'done c.txt',
    ]);
    expect(unzip(await readFile(zipPath)).map((entry) => entry.data.toString())).toEqual([
      'content of a.txt',
      'content of b.txt',
      'content of c.txt',
    ]);
  });

  it('fails with the content’s error and stops asking for files', async () => {
    // Prepare
    let closed = false;
    let pulledAfterFailure = false;
    async function* failing() {
      yield 'first part';
      throw new Error('the upload vanished');
    }
    async function* files(): AsyncGenerator<ZipEntrySource> {
      try {
        yield { path: 'ok.txt', content: chunks('fine') };
        yield { path: 'bad.txt', content: failing() };
        pulledAfterFailure = true;
        yield { path: 'never.txt', content: failing() };
      } finally {
        closed = true;
      }
    }

    // Act
    const writing = writeExportZip({ target: createWriteStream(join(directory, 'bad.zip')), files: files() });

    // Assess
    await expect(writing).rejects.toThrow('the upload vanished');
    expect(pulledAfterFailure).toBe(false);
    expect(closed).toBe(true);
  });

  it('fails with the target’s error and stops reading the content', async () => {
    // Prepare
    let yielded = 0;
    let finalised = false;
    async function* endless() {
      try {
        for (;;) {
          yielded++;
          yield randomBytes(16 * 1024);
        }
      } finally {
        finalised = true;
      }
    }
    let written = 0;
    const breaking = new Writable({
      write(data: Buffer, _encoding, callback) {
        written += data.length;
        callback(written > 256 * 1024 ? new Error('disk full') : null);
      },
    });

    // Act
    const writing = writeExportZip({
      target: breaking,
      files: [{ path: 'endless.bin', content: endless() }],
    });

    // Assess
    await expect(writing).rejects.toThrow('disk full');
    expect(finalised).toBe(true);
    expect(yielded).toBeLessThan(200);
  });

  it('accepts a sink function as the target and reports the bytes it was given', async () => {
    // Prepare
    const zipPath = join(directory, 'sink.zip');
    let sinkCalls = 0;

    // Act
    const result = await writeExportZip({
      files: [{ path: 'hello.txt', content: chunks('hello') }],
      target: async (zip) => {
        sinkCalls++;
        const { pipeline } = await import('node:stream/promises');
        await pipeline(zip, createWriteStream(zipPath));
      },
    });

    // Assess
    expect(sinkCalls).toBe(1);
    expect(result.bytes).toBe((await stat(zipPath)).size);
    expect(unzip(await readFile(zipPath))[0]?.data.toString()).toBe('hello');
  });
});
