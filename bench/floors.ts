import fs from 'node:fs';
import path from 'node:path';
import type ox from 'oxigraph';
import { sample, type Summary } from './stats.js';

/**
 * Costs below the server's own code, measured separately so the server's figures can be split into parts:
 * an HTTP round trip that touches no replica, one journal-sized append + fdatasync on the same disk, and
 * Oxigraph's `store.size`, which counts quads one by one (its cost grows with the store).
 */

/** GET /healthz: fetch + HTTP + express, no worker hop and no Oxigraph call. */
export function httpRoundTrip(url: string, runs: number): Promise<Summary> {
  return sample(runs, async () => {
    const res = await fetch(`${url}/healthz`);
    await res.text();
  });
}

/** Append a ~300-byte frame and fdatasync it, like one journal record of a one-triple write. */
export async function appendAndSync(dir: string, runs: number): Promise<Summary> {
  const file = path.join(dir, 'fsync-probe.log');
  const handle = await fs.promises.open(file, 'a');
  const frame = Buffer.alloc(300, 'x');
  try {
    return await sample(runs, async () => {
      await handle.write(frame);
      await handle.datasync();
    });
  } finally {
    await handle.close();
    fs.rmSync(file, { force: true });
  }
}

/** In-process `store.size`. */
export function storeSize(store: ox.Store, runs: number): Promise<Summary> {
  return sample(runs, () => store.size);
}
