import N3 from 'n3';
import { DCAT, RDF_TYPE, dcat, dct } from './vocabulary.js';

/** A refusal in the same form as a SHACL result, so publishers read one kind of report. */
export interface StructureProblem {
  severity: 'Violation';
  focusNode: string;
  path: string | null;
  value: string | null;
  message: string;
  shape: null;
}

export interface CatalogStructure {
  catalogIri: string;
  datasets: number;
  problems: StructureProblem[];
}

/** Entities harvesters identify by IRI: as blank nodes they would be new resources at every harvest. */
const NEEDS_IRI_TYPES = ['Catalog', 'Dataset', 'DatasetSeries', 'Distribution', 'DataService'].map(dcat);
const NEEDS_IRI_LINKS = [dcat('dataset'), dcat('distribution'), dcat('service'), dcat('catalog'), dct('publisher')];

export interface PublisherRule {
  /** The publisher IRI the catalog must name: its organisation's. */
  own: string;
  ownName: string;
  /** Publisher IRIs of the other organisations, which the catalog may not name. */
  others: Map<string, string>;
}

/**
 * What SHACL cannot say about a catalog submitted to this server: exactly one dcat:Catalog; IRIs, not blank nodes,
 * for catalogs, datasets, distributions, services and publishers; and the catalog published by its organisation.
 */
export function checkCatalogStructure(ntriples: string, publishers: PublisherRule | undefined, existing?: { catalogIri: string }): CatalogStructure {
  const quads = new N3.Parser({ format: 'N-Triples' }).parse(ntriples);
  const problems: StructureProblem[] = [];
  // Additions to a stored catalog are checked alone: the stored part passed these checks when it was written.
  const catalogs = new Set<string>(existing ? [existing.catalogIri] : []);
  const datasets = new Set<string>();
  const label = (term: N3.Term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value);

  for (const quad of quads) {
    const predicate = quad.predicate.value;
    if (predicate === RDF_TYPE && NEEDS_IRI_TYPES.includes(quad.object.value)) {
      const typeName = quad.object.value.slice(DCAT.length);
      if (quad.subject.termType === 'BlankNode') {
        problems.push(problem(label(quad.subject), RDF_TYPE, quad.object.value, `A dcat:${typeName} must be named by an IRI, not a blank node: harvesters such as dataportal.se identify it by its IRI from one harvest to the next`));
      } else if (typeName === 'Catalog') catalogs.add(quad.subject.value);
      else if (typeName === 'Dataset' || typeName === 'DatasetSeries') datasets.add(quad.subject.value);
    }
    if (NEEDS_IRI_LINKS.includes(predicate) && quad.object.termType === 'BlankNode') {
      problems.push(problem(label(quad.subject), predicate, label(quad.object), `The value of <${predicate}> must be an IRI, not a blank node: harvesters merge and deduplicate these resources by IRI`));
    }
    if (publishers && predicate === dct('publisher') && quad.object.termType === 'NamedNode') {
      const other = publishers.others.get(quad.object.value);
      if (other) {
        problems.push(problem(quad.subject.value, predicate, quad.object.value, `This catalog belongs to ${publishers.ownName}; it may not name ${other} (<${quad.object.value}>) as publisher`));
      }
    }
  }

  if (catalogs.size !== 1) {
    problems.push(problem(
      [...catalogs].join(' ') || '(none)',
      RDF_TYPE,
      dcat('Catalog'),
      catalogs.size === 0
        ? 'The document must describe one resource of type dcat:Catalog (the catalog itself); none was found'
        : `The document must describe exactly one dcat:Catalog; found ${catalogs.size}. Publish further catalogs under their own ids`,
    ));
  }
  const catalogIri = [...catalogs][0] ?? '';
  if (publishers && catalogs.size === 1) {
    const named = quads.filter((q) => q.subject.value === catalogIri && q.predicate.value === dct('publisher')).map((q) => q.object.value);
    if (named.length && !named.includes(publishers.own)) {
      problems.push(problem(catalogIri, dct('publisher'), named.join(' '), `The catalog's dct:publisher must be <${publishers.own}> (${publishers.ownName})`));
    }
  }
  return { catalogIri, datasets: datasets.size, problems };
}

function problem(focusNode: string, path: string | null, value: string | null, message: string): StructureProblem {
  return { severity: 'Violation', focusNode, path, value, message, shape: null };
}
