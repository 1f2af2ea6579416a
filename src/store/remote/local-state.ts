import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { writeFileDurablySync } from '../../files/durable-file.js';
/**
 * What the remote backend keeps on this machine beside the literal originals. The write count lives in the remote
 * store itself (WRITE_COUNT), changed with each write; the records live in src/records.
 */
interface StateFile {
  lastWrite: number;
}

/**
 * DATA_DIR/remote-store/: `state.json` (the time of the last write) and `originals/`, one file
 * per graph with rewritten literals. Each file is replaced whole (written beside, fsynced, renamed), so a crash
 * leaves the old or the new version, never a torn one.
 */
export class LocalState {
  private readonly dir: string;
  private state: StateFile = { lastWrite: 0 };

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'remote-store');
  }

  open(): void {
    fs.mkdirSync(path.join(this.dir, 'originals'), { recursive: true });
    const file = path.join(this.dir, 'state.json');
    if (fs.existsSync(file)) this.state = { lastWrite: (JSON.parse(fs.readFileSync(file, 'utf8')) as StateFile).lastWrite };
  }

  get lastWrite(): number {
    return this.state.lastWrite;
  }

  /** A write was acknowledged now. */
  noteWrite(): void {
    this.state = { lastWrite: Date.now() };
    writeFileDurablySync(path.join(this.dir, 'state.json'), JSON.stringify(this.state));
  }

  readOriginals(graph: string): [string, string[]][] | undefined {
    const file = this.originalsFile(graph);
    if (!fs.existsSync(file)) return undefined;
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { graph: string; entries: [string, string[]][] }).entries;
  }

  writeOriginals(graph: string, entries: [string, string[]][]): void {
    const file = this.originalsFile(graph);
    if (entries.length === 0) fs.rmSync(file, { force: true });
    else writeFileDurablySync(file, JSON.stringify({ graph, entries }));
  }

  private originalsFile(graph: string): string {
    return path.join(this.dir, 'originals', `${crypto.createHash('sha256').update(graph).digest('hex')}.json`);
  }
}
