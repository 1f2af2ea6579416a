import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../files/durable-file.js';
import type { DatasetSummary } from './dataset-summary.js';
import type { PersistedTexts } from './description-files.js';

/** Bumped when the summary's shape changes: files of another format are ignored and their catalogs extracted again. */
const FORMAT = 3;

export interface CatalogFile {
  format: number;
  catalog: string;
  organisation: string;
  summaries: DatasetSummary[];
  /** The file of its datasets' descriptions under `texts/`, and where each is in it. */
  texts?: PersistedTexts;
}

/**
 * The index on disk, so a restart does not read every catalog back from the store: one file per catalog, rewritten
 * only when that catalog's summaries changed, and `state.json` with the store sequence number that the files as a
 * whole reflect (every write up to it is in them). Each file is replaced atomically (temp file, fsync, rename).
 */
export class IndexFiles {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'search');
  }

  async readState(): Promise<{ seq: number } | undefined> {
    try {
      const state = JSON.parse(await fsp.readFile(path.join(this.dir, 'state.json'), 'utf8')) as { format?: number; seq?: number };
      return state.format === FORMAT && typeof state.seq === 'number' ? { seq: state.seq } : undefined;
    } catch {
      return undefined;
    }
  }

  async writeState(seq: number): Promise<void> {
    await this.ensureDir();
    await writeFileDurably(path.join(this.dir, 'state.json'), JSON.stringify({ format: FORMAT, seq }));
  }

  /** Catalog files one at a time (the caller yields between them); unreadable ones are skipped and reported. */
  async *readCatalogs(onUnreadable: (file: string, error: Error) => void): AsyncGenerator<CatalogFile> {
    if (!fs.existsSync(this.dir)) return;
    for (const name of (await fsp.readdir(this.dir)).sort()) {
      if (!name.startsWith('catalog-') || !name.endsWith('.json')) continue;
      try {
        const file = JSON.parse(await fsp.readFile(path.join(this.dir, name), 'utf8')) as CatalogFile;
        if (file.format === FORMAT) yield file;
      } catch (error) {
        onUnreadable(name, error as Error);
      }
    }
  }

  async writeCatalog(catalog: string, organisation: string, summaries: DatasetSummary[], texts: PersistedTexts | undefined): Promise<void> {
    await this.ensureDir();
    const file: CatalogFile = { format: FORMAT, catalog, organisation, summaries, texts };
    await writeFileDurably(this.catalogPath(catalog), JSON.stringify(file));
  }

  async removeCatalog(catalog: string): Promise<void> {
    await fsp.rm(this.catalogPath(catalog), { force: true });
  }

  /** Catalog ids are slugs (lower-case letters, digits, hyphens), safe as file names as they are. */
  private catalogPath(catalog: string): string {
    return path.join(this.dir, `catalog-${catalog}.json`);
  }

  private async ensureDir(): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true });
  }
}
