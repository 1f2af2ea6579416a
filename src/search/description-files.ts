import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../files/durable-file.js';
import type { DescriptionTexts } from './description-text.js';

/** What a catalog's index file records of its descriptions file. */
export interface PersistedTexts {
  file: string;
  ranges: DescriptionTexts['ranges'];
}

interface Held extends PersistedTexts {
  handle: fsp.FileHandle;
  /** Reads in progress; a replaced file is closed and removed when the last one ends. */
  readers: number;
  retired: boolean;
}

/**
 * The datasets' descriptions as N-Triples text on disk, one file per catalog (`search/texts/`), written by the index
 * follower after each extraction; a /catalog page reads its datasets' blocks from them (from the page cache, in
 * practice) instead of querying the store. A file is never changed: a catalog extracted again gets a new file, and
 * the old one goes once no page is reading it.
 */
export class DescriptionFiles {
  readonly dir: string;
  private readonly held = new Map<string, Held>();

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'search', 'texts');
  }

  /** Write a catalog's texts to a new file and use it from now on. */
  async replace(catalog: string, texts: DescriptionTexts): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true });
    const file = `${catalog}.${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}.nt`;
    await writeFileDurably(path.join(this.dir, file), texts.text);
    this.use(catalog, { file, ranges: texts.ranges, handle: await fsp.open(path.join(this.dir, file), 'r'), readers: 0, retired: false });
  }

  /** At a start: take a persisted file back if it is there whole; false sends the catalog to be extracted again. */
  async adopt(catalog: string, persisted: PersistedTexts): Promise<boolean> {
    const full = path.join(this.dir, path.basename(persisted.file));
    const expected = Object.values(persisted.ranges).reduce((end, [offset, length]) => Math.max(end, offset + length), 0);
    try {
      if ((await fsp.stat(full)).size !== expected) return false;
      this.use(catalog, { ...persisted, handle: await fsp.open(full, 'r'), readers: 0, retired: false });
      return true;
    } catch {
      return false;
    }
  }

  remove(catalog: string): void {
    const old = this.held.get(catalog);
    this.held.delete(catalog);
    if (old) this.retire(old);
  }

  persisted(catalog: string): PersistedTexts | undefined {
    const held = this.held.get(catalog);
    return held && { file: held.file, ranges: held.ranges };
  }

  /** Files no catalog uses (left by a crash between writing a file and recording it). */
  async removeUnreferenced(): Promise<void> {
    if (!fs.existsSync(this.dir)) return;
    const used = new Set([...this.held.values()].map((h) => h.file));
    for (const name of await fsp.readdir(this.dir)) if (!used.has(name)) await fsp.rm(path.join(this.dir, name), { force: true });
  }

  /**
   * The descriptions of these datasets, concatenated in the order given; a dataset the files do not know (its catalog
   * extracted again a moment ago without it) is left out. Neighbouring blocks of one file are read in one go.
   */
  async read(items: { iri: string; catalog: string }[]): Promise<string> {
    const runs: { held: Held; offset: number; length: number }[] = [];
    for (const { iri, catalog } of items) {
      const held = this.held.get(catalog);
      const range = held?.ranges[iri];
      if (!held || !range) continue;
      const last = runs.at(-1);
      if (last && last.held === held && last.offset + last.length === range[0]) last.length += range[1];
      else runs.push({ held, offset: range[0], length: range[1] });
    }
    const readers = new Set(runs.map((run) => run.held));
    for (const held of readers) held.readers++;
    try {
      const buffers = await Promise.all(
        runs.map(async ({ held, offset, length }) => {
          const buffer = Buffer.allocUnsafe(length);
          const { bytesRead } = await held.handle.read(buffer, 0, length, offset);
          if (bytesRead !== length) throw new Error(`${held.file} is shorter than the index says`);
          return buffer;
        }),
      );
      return Buffer.concat(buffers).toString('utf8');
    } finally {
      for (const held of readers) {
        held.readers--;
        if (held.retired && held.readers === 0) void this.discard(held);
      }
    }
  }

  async close(): Promise<void> {
    const all = [...this.held.values()];
    this.held.clear();
    await Promise.all(all.map((held) => held.handle.close().catch(() => undefined)));
  }

  private use(catalog: string, held: Held): void {
    const old = this.held.get(catalog);
    this.held.set(catalog, held);
    if (old) this.retire(old);
  }

  private retire(held: Held): void {
    held.retired = true;
    if (held.readers === 0) void this.discard(held);
  }

  private async discard(held: Held): Promise<void> {
    await held.handle.close().catch(() => undefined);
    await fsp.rm(path.join(this.dir, held.file), { force: true });
  }
}
