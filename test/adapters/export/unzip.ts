import { crc32, inflateRawSync } from 'node:zlib';

export interface UnzippedEntry {
  readonly path: string;
  readonly data: Buffer;
  readonly method: number;
  /** General purpose flags; bit 11 says the name is UTF-8. */
  readonly flags: number;
  readonly modified: { readonly date: number; readonly time: number };
}

/**
 * Reads a whole ZIP file the way an unzip tool does: from the end-of-central-directory record, through
 * the central directory, to each local header and its data. Checks every entry's CRC-32 and size, so a
 * ZIP that extracts wrongly anywhere fails here. No ZIP64: test archives are small.
 */
export function unzip(zip: Buffer): UnzippedEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  const directorySize = zip.readUInt32LE(eocd + 12);
  let offset = zip.readUInt32LE(eocd + 16);
  if (offset + directorySize !== eocd) throw new Error('central directory does not end at the EOCD record');
  const entries: UnzippedEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory header ${index}`);
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const time = zip.readUInt16LE(offset + 12);
    const date = zip.readUInt16LE(offset + 14);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const path = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    if ([compressedSize, size, localOffset].includes(0xffffffff))
      throw new Error(`${path}: ZIP64 not supported`);

    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`${path}: bad local header`);
    const localName = zip.readUInt16LE(localOffset + 26);
    const localExtra = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localName + localExtra;
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : undefined;
    if (data === undefined) throw new Error(`${path}: unknown compression method ${method}`);
    if (data.length !== size) throw new Error(`${path}: ${data.length} bytes, directory says ${size}`);
    if (crc32(data) !== crc) throw new Error(`${path}: CRC mismatch`);
    entries.push({ path, data, method, flags, modified: { date, time } });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
