import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import E from '@rdfjs/environment';
import DataFactory from '@rdfjs/data-model/Factory.js';
import TermMapFactory from '@rdfjs/term-map/Factory.js';
import NamespaceFactory from '@rdfjs/namespace/Factory.js';
import ClownfaceFactory from 'clownface/Factory.js';
import type { Quad, Term } from '@rdfjs/types';
import { RDF, SH } from '../rdf/vocabulary.js';
import { canonicalKey } from './ntriples-graph.js';
import { loadProfile, termKey } from './loaded-profile.js';
import type { ValidationResult } from './report.js';

/**
 * rdf-validate-shacl 0.6.5 on the same shapes and data: the reference the compiled engine is tested against, and the
 * baseline of bench/validation-bench. Not used to serve requests (20-40x slower on catalogues; see bench/RESULTS.md).
 *
 * Run with `maxNodeChecks: 0`: its default (50) silently skips a node after 50 checks against the same shape, so a
 * bad date shared by many datasets would be reported for the first 50 only.
 */

/** The parts of a result both engines must agree on, as comparable strings. */
export interface ComparableResult {
  focusNode: string;
  path: string | null;
  value: string | null;
  severity: string;
  shape: string;
  component: string;
}

class N3DatasetFactory {
  static exports = ['dataset'];
  dataset(quads?: Iterable<Quad>) {
    return new N3.Store(quads ? ([...quads] as N3.Quad[]) : undefined);
  }
}

// rdf-validate-shacl needs a full RDF/JS environment; this is its default one with N3.Store as the dataset.
const environment = new E([DataFactory, N3DatasetFactory, NamespaceFactory, ClownfaceFactory, TermMapFactory] as never[]);

const validators = new Map<string, ReferenceValidator>();

/** rdf-validate-shacl on a profile's shapes and background. */
export async function referenceValidate(profileId: string, ntriples: string): Promise<ComparableResult[]> {
  let validator = validators.get(profileId);
  if (!validator) {
    const loaded = loadProfile(profileId);
    validator = new ReferenceValidator(loaded.shapeQuads, loaded.backgroundQuads);
    validators.set(profileId, validator);
  }
  return validator.validate(ntriples);
}

/** rdf-validate-shacl on any shapes (owl:imports answered with nothing), background merged into the data. */
export class ReferenceValidator {
  private readonly validator: SHACLValidator;
  private readonly shapes: N3.Store;

  constructor(
    shapeQuads: Quad[],
    private readonly backgroundQuads: Quad[] = [],
  ) {
    this.shapes = new N3.Store(shapeQuads as N3.Quad[]);
    const options = { factory: environment, maxNodeChecks: 0, importGraph: () => new N3.Store() };
    this.validator = new SHACLValidator(new N3.Store(shapeQuads as N3.Quad[]), options as never);
  }

  async validate(ntriples: string): Promise<ComparableResult[]> {
    const data = new N3.Store();
    data.addQuads(new N3.Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(ntriples));
    data.addQuads(this.backgroundQuads as N3.Quad[]);
    const report = await this.validator.validate(data);
    return report.results.map((r) => ({
      focusNode: dataTerm(r.focusNode),
      path: r.path ? pathText(this.shapes, r.path) : null,
      value: r.value ? canonicalKey(dataTerm(r.value)) : null,
      severity: r.severity.value.replace(SH, ''),
      shape: r.sourceShape.termType === 'BlankNode' ? `_:${r.sourceShape.value}` : r.sourceShape.value,
      component: r.sourceConstraintComponent.value,
    }));
  }
}

/** The same fields from the compiled engine's results. */
export function comparable(results: ValidationResult[]): ComparableResult[] {
  return results.map((r) => ({
    focusNode: r.terms?.focusNode ?? r.focusNode,
    path: r.path,
    value: r.terms ? (r.terms.value === null ? null : canonicalKey(r.terms.value)) : r.value,
    severity: r.severity,
    shape: r.shape ?? '',
    component: r.component ?? '',
  }));
}

/** Blank nodes keep the labels they had in the N-Triples (parsed with an empty prefix). */
function dataTerm(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : termKey(term, '');
}

/** The same text form as the compiled engine's paths: the IRI, or SPARQL property-path syntax. */
function pathText(shapes: N3.Store, path: Term): string {
  return path.termType === 'NamedNode' ? path.value : render(shapes, path);
}

function render(shapes: N3.Store, path: Term): string {
  if (path.termType === 'NamedNode') return `<${path.value}>`;
  const one = (p: string) => shapes.getObjects(path as N3.Term, N3.DataFactory.namedNode(p), null)[0];
  const list = (head: Term): Term[] => {
    const items: Term[] = [];
    for (let cell = head; cell.value !== RDF + 'nil'; ) {
      items.push(shapes.getObjects(cell as N3.Term, N3.DataFactory.namedNode(RDF + 'first'), null)[0]!);
      cell = shapes.getObjects(cell as N3.Term, N3.DataFactory.namedNode(RDF + 'rest'), null)[0]!;
    }
    return items;
  };
  const grouped = (t: Term) => {
    const text = render(shapes, t);
    return /^\^?<[^>]*>$/.test(text) ? text : `(${text})`;
  };
  const inverse = one(SH + 'inversePath');
  if (inverse) return inverse.termType === 'NamedNode' ? `^<${inverse.value}>` : `^(${render(shapes, inverse)})`;
  const alternative = one(SH + 'alternativePath');
  if (alternative) return `(${list(alternative).map((t) => render(shapes, t)).join('|')})`;
  for (const [p, suffix] of [['zeroOrMorePath', '*'], ['oneOrMorePath', '+'], ['zeroOrOnePath', '?']] as const) {
    const inner = one(SH + p);
    if (inner) return `${grouped(inner)}${suffix}`;
  }
  if (one(RDF + 'first')) return list(path).map(grouped).join('/');
  return `_:${path.value}`;
}
