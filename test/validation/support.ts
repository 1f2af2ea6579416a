import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseToNTriples } from '../../src/rdf/parse.js';

/** Compiled to dist/test/validation/support.js: three levels up is the repository root. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'catalogs');
export const SHARED_REFERENCE = path.resolve(REPO_ROOT, '../shared/reference');

/** `dpv:` of shapes/README.md. */
export const DPV = 'urn:dataportal-vast:shapes:dcat-ap-3:';
export const SH = 'http://www.w3.org/ns/shacl#';

/** A document as the server would hand it to the validator: N-Triples from our parser, literals as written. */
export async function ntriplesOf(file: string, mediaType = 'text/turtle', baseIri = 'http://localhost:3030/catalogs/goteborg/'): Promise<string> {
  const outcome = await parseToNTriples({ bytes: fs.readFileSync(file), mediaType, baseIri });
  if (!outcome.ok) throw new Error(`${file}: ${outcome.message}`);
  return outcome.ntriples;
}

export function fixture(name: string): Promise<string> {
  return ntriplesOf(path.join(FIXTURES, name));
}
