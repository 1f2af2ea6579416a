import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'dataportal-vast';

let cached: string | undefined;

/**
 * The folder holding our package.json: files shipped beside the code (data/, shapes/, the portal's templates and
 * assets) are found from it, since the code runs from src/ under a loader and from dist/src/ once built, and the
 * process may have been started from anywhere.
 */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
          cached = dir;
          return dir;
        }
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new PackageRootError(`cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export class PackageRootError extends Error {}
