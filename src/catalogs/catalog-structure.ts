import { lines, splitTripleLine } from '../rdf/ntriples-lines.js';
import { DCAT, RDF_TYPE, dcat, dct } from '../rdf/vocabulary.js';

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
  const problems: StructureProblem[] = [];
  // Additions to a stored catalog are checked alone: the stored part passed these checks when it was written.
  const catalogs = new Set<string>(existing ? [existing.catalogIri] : []);
  const datasets = new Set<string>();
  const catalogPublishers: { subject: string; object: string }[] = [];

  // Our parser writes canonical N-Triples, one triple a line; a scan of the lines is ~10x cheaper than parsing.
  for (const line of lines(ntriples)) {
    const triple = splitTripleLine(line);
    if (!triple) continue;
    const subject = termValue(triple.subject);
    const predicate = termValue(triple.predicate);
    const objectIsBlank = triple.object.startsWith('_:');
    if (predicate === RDF_TYPE && triple.object.startsWith('<')) {
      const type = termValue(triple.object);
      if (NEEDS_IRI_TYPES.includes(type)) {
        const typeName = type.slice(DCAT.length);
        if (triple.subject.startsWith('_:')) {
          problems.push(problem(triple.subject, RDF_TYPE, type, `A dcat:${typeName} must be named by an IRI, not a blank node: harvesters such as dataportal.se identify it by its IRI from one harvest to the next`));
        } else if (typeName === 'Catalog') catalogs.add(subject);
        else if (typeName === 'Dataset' || typeName === 'DatasetSeries') datasets.add(subject);
      }
    }
    if (NEEDS_IRI_LINKS.includes(predicate) && objectIsBlank) {
      problems.push(problem(triple.subject.startsWith('_:') ? triple.subject : subject, predicate, triple.object, `The value of <${predicate}> must be an IRI, not a blank node: harvesters merge and deduplicate these resources by IRI`));
    }
    if (publishers && predicate === dct('publisher') && triple.object.startsWith('<')) {
      const object = termValue(triple.object);
      catalogPublishers.push({ subject, object });
      const other = publishers.others.get(object);
      if (other) {
        problems.push(problem(subject, predicate, object, `This catalog belongs to ${publishers.ownName}; it may not name ${other} (<${object}>) as publisher`));
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
    const named = catalogPublishers.filter((p) => p.subject === catalogIri).map((p) => p.object);
    if (named.length && !named.includes(publishers.own)) {
      problems.push(problem(catalogIri, dct('publisher'), named.join(' '), `The catalog's dct:publisher must be <${publishers.own}> (${publishers.ownName})`));
    }
  }
  return { catalogIri, datasets: datasets.size, problems };
}

/** The IRI of an N-Triples IRI term (our parser writes IRIs without escapes). */
function termValue(term: string): string {
  return term.startsWith('<') ? term.slice(1, -1) : term;
}

function problem(focusNode: string, path: string | null, value: string | null, message: string): StructureProblem {
  return { severity: 'Violation', focusNode, path, value, message, shape: null };
}
