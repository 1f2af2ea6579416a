import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { RegistryChanges } from '../write-ops.js';

/** What the remote backend keeps on this machine: the registry, the write counter, literal originals per graph. */
interface StateFile {
  seq: number;
  lastWrite: number;
  registry: Record<string, unknown>;
}

/**
 * DATA_DIR/remote-store/: `state.json` (registry, sequence number, time of the last write) and `originals/`, one file
 * per graph with rewritten literals. Each file is replaced whole (written beside, fsynced, renamed), so a crash
 * leaves the old or the new version, never a torn one.
 */
export class LocalState {
  private readonly dir: string;
  private state: StateFile = { seq: 0, lastWrite: 0, registry: {} };
  private readonly registry = new Map<string, unknown>();

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'remote-store');
  }

  open(): void {
    fs.mkdirSync(path.join(this.dir, 'originals'), { recursive: true });
    const file = path.join(this.dir, 'state.json');
    if (fs.existsSync(file)) this.state = JSON.parse(fs.readFileSync(file, 'utf8')) as StateFile;
    for (const [key, value] of Object.entries(this.state.registry)) this.registry.set(key, value);
  }

  get seq(): number {
    return this.state.seq;
  }

  get lastWrite(): number {
    return this.state.lastWrite;
  }

  registryGet<T>(key: string): T | undefined {
    return this.registry.get(key) as T | undefined;
  }

  registryEntries<T>(prefix: string): [string, T][] {
    return [...this.registry.entries()].filter(([key]) => key.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) as [string, T][];
  }

  /** Count a write, apply its registry changes, and make both durable. Returns the write's sequence number. */
  commit(registry: RegistryChanges | undefined): number {
    for (const [key, value] of Object.entries(registry ?? {})) {
      if (value === null) this.registry.delete(key);
      else this.registry.set(key, value);
    }
    this.state = { seq: this.state.seq + 1, lastWrite: Date.now(), registry: Object.fromEntries(this.registry) };
    writeAtomically(path.join(this.dir, 'state.json'), JSON.stringify(this.state));
    return this.state.seq;
  }

  readOriginals(graph: string): [string, string[]][] | undefined {
    const file = this.originalsFile(graph);
    if (!fs.existsSync(file)) return undefined;
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { graph: string; entries: [string, string[]][] }).entries;
  }

  writeOriginals(graph: string, entries: [string, string[]][]): void {
    const file = this.originalsFile(graph);
    if (entries.length === 0) fs.rmSync(file, { force: true });
    else writeAtomically(file, JSON.stringify({ graph, entries }));
  }

  private originalsFile(graph: string): string {
    return path.join(this.dir, 'originals', `${crypto.createHash('sha256').update(graph).digest('hex')}.json`);
  }
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}
