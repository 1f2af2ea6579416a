import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import type { JournalRecord } from './write-ops.js';

/**
 * Write-ahead journal: an acknowledged write is a record that reached the disk (fdatasync) before the answer.
 *
 * Segments `journal/<first seq>.log` hold frames of [u32 length][u32 crc32][JSON payload]. A crash can leave the
 * last frame torn; reading stops at the first frame whose length or checksum does not hold, and `repair()` cuts
 * the segment there. Segments wholly covered by a snapshot are deleted after the snapshot is committed.
 */
const HEADER_BYTES = 8;

export interface SegmentInfo {
  file: string;
  firstSeq: number;
}

export function journalDir(dataDir: string): string {
  return path.join(dataDir, 'journal');
}

export function listSegments(dataDir: string): SegmentInfo[] {
  const dir = journalDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d+\.log$/.test(name))
    .map((name) => ({ file: path.join(dir, name), firstSeq: Number(name.slice(0, -4)) }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
}

export function encodeRecord(record: JournalRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(zlib.crc32(payload), 4);
  payload.copy(frame, HEADER_BYTES);
  return frame;
}

/** Frames of one segment up to the first torn or corrupt one; `validBytes` is where a repair would cut. */
export function readSegment(file: string): { records: JournalRecord[]; validBytes: number; totalBytes: number } {
  const bytes = fs.readFileSync(file);
  const records: JournalRecord[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= bytes.length) {
    const length = bytes.readUInt32LE(offset);
    const crc = bytes.readUInt32LE(offset + 4);
    const end = offset + HEADER_BYTES + length;
    if (end > bytes.length) break;
    const payload = bytes.subarray(offset + HEADER_BYTES, end);
    if (zlib.crc32(payload) !== crc) break;
    try {
      records.push(JSON.parse(payload.toString('utf8')) as JournalRecord);
    } catch {
      break;
    }
    offset = end;
  }
  return { records, validBytes: offset, totalBytes: bytes.length };
}

/** Every intact record with seq > afterSeq, in order. */
export function* readJournal(dataDir: string, afterSeq: number, untilSeq = Infinity): Generator<JournalRecord> {
  const segments = listSegments(dataDir);
  for (const [i, segment] of segments.entries()) {
    const next = segments[i + 1];
    if (next && next.firstSeq <= afterSeq + 1) continue;
    for (const record of readSegment(segment.file).records) {
      if (record.seq > untilSeq) return;
      if (record.seq > afterSeq) yield record;
    }
  }
}

/** Cut a torn tail off the last segment so new frames follow intact ones. Returns the bytes dropped. */
export function repairJournal(dataDir: string): { droppedBytes: number; lastSeq: number } {
  const segments = listSegments(dataDir);
  let lastSeq = 0;
  let droppedBytes = 0;
  for (const [i, segment] of segments.entries()) {
    const { records, validBytes, totalBytes } = readSegment(segment.file);
    if (validBytes < totalBytes) {
      if (i !== segments.length - 1) {
        throw new Error(`journal segment ${segment.file} is corrupt before its end; refusing to guess what is lost`);
      }
      fs.truncateSync(segment.file, validBytes);
      droppedBytes = totalBytes - validBytes;
    }
    const last = records.at(-1);
    if (last) lastSeq = last.seq;
  }
  return { droppedBytes, lastSeq };
}

export class JournalWriter {
  private handle: fsp.FileHandle | undefined;
  private segmentBytes = 0;

  constructor(private readonly dataDir: string) {}

  /** Bytes written since the last rotation; the trigger for compaction. */
  get bytesSinceRotation(): number {
    return this.segmentBytes;
  }

  async open(nextSeq: number): Promise<void> {
    await fsp.mkdir(journalDir(this.dataDir), { recursive: true });
    const last = listSegments(this.dataDir).at(-1);
    if (last) {
      this.handle = await fsp.open(last.file, 'a');
      this.segmentBytes = (await this.handle.stat()).size;
    } else {
      await this.rotate(nextSeq);
    }
  }

  /** Start a new segment whose first record will be `nextSeq`. */
  async rotate(nextSeq: number): Promise<void> {
    await this.handle?.close();
    const file = path.join(journalDir(this.dataDir), `${String(nextSeq).padStart(12, '0')}.log`);
    this.handle = await fsp.open(file, 'a');
    this.segmentBytes = 0;
    await syncDir(journalDir(this.dataDir));
  }

  async append(record: JournalRecord): Promise<void> {
    await this.appendFrame(encodeRecord(record));
  }

  /** Append a record already encoded with encodeRecord(), and wait until it is on disk. */
  async appendFrame(frame: Buffer): Promise<void> {
    if (!this.handle) throw new Error('journal is not open');
    await this.handle.write(frame);
    await this.handle.datasync();
    this.segmentBytes += frame.length;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** Delete segments whose records are all at or below `seq` (covered by a snapshot). */
export async function dropCoveredSegments(dataDir: string, seq: number): Promise<void> {
  const segments = listSegments(dataDir);
  for (const [i, segment] of segments.entries()) {
    const next = segments[i + 1];
    if (next && next.firstSeq <= seq + 1) await fsp.rm(segment.file, { force: true });
  }
}

export async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
