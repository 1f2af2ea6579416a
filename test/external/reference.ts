/**
 * Shared by the tests in test/external: where the third-party reference material lives, and small RDF/SHACL helpers
 * for validating with the official SEMIC files in the test process (rdf-validate-shacl), independently of the
 * server's own validator.
 *
 * The reference material is not part of the repository: it is read from `../shared/reference` next to the
 * repository, and every suite here skips (saying so) when it is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ox from 'oxigraph';
import { Parser, Store, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { Term } from '@rdfjs/types';

/** This file is compiled to dist/test/external/reference.js: three levels up is the repository root. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const REFERENCE = path.resolve(REPO_ROOT, '../shared/reference');
/** Source files of this folder (not compiled), e.g. imports-background.ttl. */
export const EXTERNAL_SOURCES = path.join(REPO_ROOT, 'test', 'external');

export const ref = (...parts: string[]) => path.join(REFERENCE, ...parts);

/** The reason to skip, or undefined when every named reference file exists. */
export function missingReference(files: string[]): string | undefined {
  const missing = files.filter((f) => !fs.existsSync(ref(f)));
  if (missing.length === 0) return undefined;
  return fs.existsSync(REFERENCE)
    ? `reference files missing under ${REFERENCE}: ${missing.join(', ')}`
    : `the third-party reference material is absent (expected at ${REFERENCE})`;
}

export const NS = {
  sh: 'http://www.w3.org/ns/shacl#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  spdx: 'http://spdx.org/rdf/terms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  locn: 'http://www.w3.org/ns/locn#',
  dcatap: 'http://data.europa.eu/r5r/',
  eli: 'http://data.europa.eu/eli/ontology#',
};

/** Turtle or N-Triples text → n3 quads (n3 terms: adding Oxigraph's WASM-backed terms to an n3 Store is very slow). */
export function n3Parse(text: string, format: 'Turtle' | 'N-Triples' = 'Turtle', baseIRI?: string): Quad[] {
  return new Parser({ format, baseIRI }).parse(text);
}

/** Any syntax Oxigraph reads ('ttl', 'rdf', 'nt', …) → n3 quads, literals exactly as written. */
export function oxParse(text: string, format: string, baseIri?: string): Quad[] {
  const nt = ox
    .parse(text, { format, base_iri: baseIri })
    .map((q) => `${q.toString()} .\n`)
    .join('');
  return n3Parse(nt, 'N-Triples');
}

/** A whole file through Oxigraph's Store (fast for multi-MB vocabularies), as n3 quads. */
export function oxParseFile(file: string, format: string): Quad[] {
  const store = new ox.Store();
  store.load(fs.readFileSync(file, 'utf8'), { format, base_iri: `file://${file}` });
  return n3Parse(store.dump({ format: 'nt', from_graph_name: ox.defaultGraph() }), 'N-Triples');
}

export function shapesFrom(...files: string[]): { quads: Quad[]; validator: SHACLValidator; store: Store } {
  const quads = files.flatMap((f) => n3Parse(fs.readFileSync(f, 'utf8'), 'Turtle', `file://${f}`));
  const store = new Store(quads);
  for (const f of files) {
    // rdf-validate-shacl cannot run these (fact sheet dcat-ap.md §10: owl:imports throws without importGraph;
    // SPARQL-based constraints are not SHACL Core). The files used here have neither; fail loudly if that changes.
    for (const p of ['http://www.w3.org/2002/07/owl#imports', `${NS.sh}sparql`]) {
      if (store.countQuads(null, p, null, null) > 0) throw new Error(`${f} uses ${p}; handle it explicitly before validating with it`);
    }
  }
  // maxNodeChecks 0: by default rdf-validate-shacl stops checking a node against a shape after 50 checks, silently.
  return { quads, store, validator: new SHACLValidator(store, { maxNodeChecks: 0 } as never) };
}

export interface Finding {
  severity: string;
  focus: string;
  path: string;
  value: string;
  message: string;
  component: string;
  shape: string;
  /** The result's terms, for callers that classify results. */
  terms: { value?: Term; shape?: Term };
}

const show = (t: { termType: string; value: string } | null | undefined) =>
  !t ? '' : t.termType === 'BlankNode' ? `_:${t.value}` : t.termType === 'Literal' ? JSON.stringify(t.value) : `<${t.value}>`;

/** rdf-validate-shacl's results as plain objects. */
export async function validate(validator: SHACLValidator, data: Store): Promise<Finding[]> {
  const report = await validator.validate(data);
  return report.results.map((r) => ({
    severity: r.severity?.value.replace(NS.sh, '') ?? 'Violation',
    focus: show(r.focusNode),
    path: r.path ? show(r.path) : '',
    value: show(r.value),
    message: r.message.map((m) => m.value).join(' / '),
    component: r.sourceConstraintComponent?.value.replace(NS.sh, '') ?? '',
    shape: show(r.sourceShape),
    terms: { value: r.value ?? undefined, shape: r.sourceShape ?? undefined },
  }));
}

/** One line per finding: focus, path, value, message, constraint, shape — what a person needs to see why. */
export function describeFindings(findings: Finding[]): string {
  return findings
    .map((f) => `  ${f.severity}: focus ${f.focus} path ${f.path || '(node)'} value ${f.value || '-'} — ${f.message || '(no message)'} [${f.component}, shape ${f.shape}]`)
    .join('\n');
}
