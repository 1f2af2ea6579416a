import fs from 'node:fs';
import fsp from 'node:fs/promises';
import crypto from 'node:crypto';

/**
 * Write a file so that after return it is complete on disk under its final name, or absent. The embedded store's
 * snapshots and the search index's files both need it; it belongs to neither.
 */
export async function writeFileDurably(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const handle = await fsp.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(tmp, file);
}

/** The same, blocking: for a worker thread between tasks and for small state files written inside a write lock. */
export function writeFileDurablySync(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
