/** The RDF syntaxes the server reads and writes, by media type. */
export interface RdfFormat {
  mediaType: string;
  /** URL suffix that picks the format without Accept (`/catalogs/x.ttl`). */
  extension: string;
  /** Oxigraph's name for the syntax. */
  oxigraph: string;
}

export const TURTLE: RdfFormat = { mediaType: 'text/turtle', extension: 'ttl', oxigraph: 'ttl' };
export const NTRIPLES: RdfFormat = { mediaType: 'application/n-triples', extension: 'nt', oxigraph: 'nt' };
export const RDFXML: RdfFormat = { mediaType: 'application/rdf+xml', extension: 'rdf', oxigraph: 'rdf' };
export const JSONLD: RdfFormat = { mediaType: 'application/ld+json', extension: 'jsonld', oxigraph: 'jsonld' };

/** Graph documents, in the order the server prefers when Accept leaves the choice open. */
export const GRAPH_FORMATS: RdfFormat[] = [TURTLE, JSONLD, RDFXML, NTRIPLES];

export function formatByMediaType(mediaType: string): RdfFormat | undefined {
  const wanted = mediaType.toLowerCase();
  return GRAPH_FORMATS.find((f) => f.mediaType === wanted) ?? ALIASES[wanted];
}

export function formatByExtension(extension: string): RdfFormat | undefined {
  if (extension === 'xml') return RDFXML;
  return GRAPH_FORMATS.find((f) => f.extension === extension);
}

/** Older names clients still send for the same syntaxes. */
const ALIASES: Record<string, RdfFormat> = {
  'application/x-turtle': TURTLE,
  'application/json+ld': JSONLD,
};

/** Prefixes used when writing Turtle, RDF/XML and compacted JSON-LD; only the ones a document uses are written. */
export const PREFIXES: Record<string, string> = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  adms: 'http://www.w3.org/ns/adms#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  locn: 'http://www.w3.org/ns/locn#',
  spdx: 'http://spdx.org/rdf/terms#',
  odrl: 'http://www.w3.org/ns/odrl/2/',
  prov: 'http://www.w3.org/ns/prov#',
  schema: 'http://schema.org/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  void: 'http://rdfs.org/ns/void#',
  sh: 'http://www.w3.org/ns/shacl#',
  geodcatap: 'http://data.europa.eu/930/',
  time: 'http://www.w3.org/2006/time#',
};
