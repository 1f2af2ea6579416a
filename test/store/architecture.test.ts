/**
 * The store interface is the only way to the store: nothing outside src/store/ may import a backend module
 * (src/store/embedded/…, src/store/remote/…), and the interface itself imports none. Read from the sources, so a
 * route that reaches past the interface fails here before it ties the server to one backend.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/package-root.js';

const BACKEND_FOLDERS = ['src/store/embedded', 'src/store/remote'];
/**
 * Tests of a backend's own parts (test/store/, the remote backend's test/remote-store/ and the Virtuoso it runs on,
 * test/support/virtuoso.ts) may reach inside it; every other test goes through the interface.
 */
const SCANNED = [
  { folder: 'src', allowed: (file: string) => file.startsWith('src/store/') && !INTERFACE_FILES.includes(file) },
  { folder: 'test', allowed: (file: string) => file.startsWith('test/store/') || file.startsWith('test/remote-store/') || file === 'test/support/virtuoso.ts' },
  { folder: 'bench', allowed: () => false },
];
const INTERFACE_FILES = ['src/store/store.ts', 'src/store/store-error.ts'];

/** Module specifiers of a TypeScript text: static imports and re-exports, dynamic import(), workers' new URL(). */
export function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bnew\s+URL\s*\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The backend modules `file` (relative to the package root) imports. */
export function backendImports(file: string, text: string): string[] {
  return specifiers(text)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)))
    .filter((target) => BACKEND_FOLDERS.some((folder) => target === folder || target.startsWith(`${folder}/`)));
}

function sourceFiles(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')));
}

describe('store architecture: no module outside src/store/ imports a backend', () => {
  it('finds backend imports in every form a module may take', () => {
    const text = [
      "import { GraphStore } from '../store/embedded/graph-store.js';",
      "import type {\n  Remote,\n} from '../store/remote/client.js';",
      "export { x } from '../store/embedded/write-ops.js';",
      "const m = await import('../store/embedded/journal.js');",
      "new Worker(new URL('../store/embedded/replica-worker.js', import.meta.url));",
      "import { Store } from '../store/store.js';",
      "import { embedded } from './embedded-words.js';",
    ].join('\n');
    expect(backendImports('src/catalogs/writer.ts', text).sort()).to.deep.equal([
      'src/store/embedded/graph-store.js',
      'src/store/embedded/journal.js',
      'src/store/embedded/replica-worker.js',
      'src/store/embedded/write-ops.js',
      'src/store/remote/client.js',
    ]);
  });

  it('holds for every source, test and bench file', () => {
    const root = packageRoot();
    const offences: string[] = [];
    let scanned = 0;
    for (const { folder, allowed } of SCANNED) {
      for (const file of sourceFiles(root, folder)) {
        scanned++;
        if (allowed(file)) continue;
        for (const target of backendImports(file, fs.readFileSync(path.join(root, file), 'utf8'))) offences.push(`${file} imports ${target}`);
      }
    }
    expect(scanned, 'the sources were found').to.be.greaterThan(100);
    expect(offences, 'use src/store/store.ts, store-error.ts or open-store.ts instead').to.deep.equal([]);
  });

  it('the factory is the one place outside a backend that names one', () => {
    const root = packageRoot();
    const naming = sourceFiles(root, 'src/store')
      .filter((file) => !BACKEND_FOLDERS.some((folder) => file.startsWith(`${folder}/`)))
      .filter((file) => backendImports(file, fs.readFileSync(path.join(root, file), 'utf8')).length > 0);
    expect(naming).to.deep.equal(['src/store/open-store.ts']);
  });
});
