import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { syncDir } from './journal.js';
import { writeFileDurably } from '../../files/durable-file.js';
import type { GraphName } from './write-ops.js';

/**
 * Per-graph snapshots. Each graph is one N-Triples file as Oxigraph dumps it (so a restart is a plain load), with
 * the literals Oxigraph rewrote kept beside it. `manifest.json` names the files of one consistent state and the
 * journal sequence number it covers; it is replaced atomically, and files it no longer names are deleted after.
 * File names carry the sequence number, so a snapshot being written never overwrites one the manifest names.
 */
export interface SnapshotEntry {
  graph: GraphName;
  file: string;
  originals?: string;
  quads: number;
}

export interface Manifest {
  seq: number;
  graphs: SnapshotEntry[];
  /** The registry as it stood at `seq`. */
  registry?: Record<string, unknown>;
}

export const snapshotDir = (dataDir: string) => path.join(dataDir, 'snapshots');
const manifestPath = (dataDir: string) => path.join(snapshotDir(dataDir), 'manifest.json');

export function readManifest(dataDir: string): Manifest {
  const file = manifestPath(dataDir);
  if (!fs.existsSync(file)) return { seq: 0, graphs: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

export function graphFileStem(graph: GraphName, seq: number): string {
  const hash = crypto.createHash('sha256').update(graph).digest('hex').slice(0, 24);
  return `${hash}-${seq}`;
}

export async function commitManifest(dataDir: string, manifest: Manifest): Promise<void> {
  const dir = snapshotDir(dataDir);
  await fsp.mkdir(dir, { recursive: true });
  await syncDir(dir);
  await writeFileDurably(manifestPath(dataDir), JSON.stringify(manifest, null, 1));
  await syncDir(dir);
  await removeUnreferenced(dataDir, manifest);
}

/** Files left by an interrupted snapshot or superseded by a newer one. */
export async function removeUnreferenced(dataDir: string, manifest: Manifest): Promise<void> {
  const dir = snapshotDir(dataDir);
  if (!fs.existsSync(dir)) return;
  const keep = new Set<string>(['manifest.json']);
  for (const entry of manifest.graphs) {
    keep.add(entry.file);
    if (entry.originals) keep.add(entry.originals);
  }
  for (const name of await fsp.readdir(dir)) {
    if (!keep.has(name)) await fsp.rm(path.join(dir, name), { force: true });
  }
}
