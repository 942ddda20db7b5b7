/**
 * Writes ZIP archives for the stand-in, streaming to disk: stored or deflated entries, and with
 * `zip64: true` the ZIP64 layout big archives use (local and central headers with 0xFFFFFFFF
 * sizes and a ZIP64 extra field, a ZIP64 end of central directory record and its locator), as
 * tools write it for archives over 4 GiB — and some always do.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  /** The content, or a generator of chunks (stored, never held whole) with its total size. */
  data: Buffer | { size: number; chunks: () => Iterable<Buffer> };
  method: 0 | 8;
}

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function u16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
}
function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0);
  return b;
}
function u64(v: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return b;
}

export function writeZip(path: string, entries: ZipInput[], options: { zip64?: boolean } = {}): number {
  const zip64 = options.zip64 ?? false;
  const fd = openSync(path, 'w');
  let pos = 0;
  const write = (b: Buffer): void => {
    writeSync(fd, b);
    pos += b.length;
  };
  const written: Written[] = [];
  try {
    for (const e of entries) {
      const name = Buffer.from(e.name, 'utf8');
      let crc = 0;
      let size = 0;
      let payload: Buffer | undefined;
      if (Buffer.isBuffer(e.data)) {
        crc = crc32(e.data);
        size = e.data.length;
        payload = e.method === 8 ? deflateRawSync(e.data) : e.data;
      } else {
        if (e.method !== 0) throw new Error('streamed zip entries are stored');
        for (const c of e.data.chunks()) crc = crc32(c, crc);
        size = e.data.size;
      }
      const compressed = payload ? payload.length : size;
      const offset = pos;
      const extra = zip64
        ? Buffer.concat([u16(0x0001), u16(16), u64(size), u64(compressed)])
        : Buffer.alloc(0);
      write(
        Buffer.concat([
          u32(0x04034b50),
          u16(zip64 ? 45 : 20),
          u16(0x0800),
          u16(e.method),
          u16(0),
          u16(0x21),
          u32(crc),
          u32(zip64 ? 0xffffffff : compressed),
          u32(zip64 ? 0xffffffff : size),
          u16(name.length),
          u16(extra.length),
          name,
          extra,
        ]),
      );
      if (payload) write(payload);
      else if (!Buffer.isBuffer(e.data)) for (const c of e.data.chunks()) write(c);
      written.push({ name, method: e.method, crc, compressed, size, offset });
    }
    const cdStart = pos;
    for (const w of written) {
      const extra = zip64
        ? Buffer.concat([u16(0x0001), u16(24), u64(w.size), u64(w.compressed), u64(w.offset)])
        : Buffer.alloc(0);
      write(
        Buffer.concat([
          u32(0x02014b50),
          u16(zip64 ? 45 : 20),
          u16(zip64 ? 45 : 20),
          u16(0x0800),
          u16(w.method),
          u16(0),
          u16(0x21),
          u32(w.crc),
          u32(zip64 ? 0xffffffff : w.compressed),
          u32(zip64 ? 0xffffffff : w.size),
          u16(w.name.length),
          u16(extra.length),
          u16(0),
          u16(0),
          u16(0),
          u32(w.name.at(-1) === 0x2f ? 0x10 : 0),
          u32(zip64 ? 0xffffffff : w.offset),
          w.name,
          extra,
        ]),
      );
    }
    const cdSize = pos - cdStart;
    if (zip64) {
      const recordAt = pos;
      write(
        Buffer.concat([
          u32(0x06064b50),
          u64(44),
          u16(45),
          u16(45),
          u32(0),
          u32(0),
          u64(written.length),
          u64(written.length),
          u64(cdSize),
          u64(cdStart),
        ]),
      );
      write(Buffer.concat([u32(0x07064b50), u32(0), u64(recordAt), u32(1)]));
    }
    write(
      Buffer.concat([
        u32(0x06054b50),
        u16(0),
        u16(0),
        u16(zip64 ? 0xffff : written.length),
        u16(zip64 ? 0xffff : written.length),
        u32(zip64 ? 0xffffffff : cdSize),
        u32(zip64 ? 0xffffffff : cdStart),
        u16(0),
      ]),
    );
  } finally {
    closeSync(fd);
  }
  return pos;
}
