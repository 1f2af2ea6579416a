import {
  ADMS,
  DCAT,
  DCATAP,
  DCT,
  DQV,
  FOAF,
  GEODCATAP,
  GSP,
  HYDRA,
  LOCN,
  M8G,
  MQA,
  OA,
  ORG,
  ODRL,
  OWL,
  PROV,
  QB,
  RDF,
  RDFS,
  SCHEMA,
  SD,
  SH,
  SKOS,
  SPDX,
  STATDCATAP,
  TIME,
  VCARD,
  VOID,
  XSD,
} from './vocabulary.js';

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
  rdf: RDF,
  rdfs: RDFS,
  xsd: XSD,
  owl: OWL,
  dcat: DCAT,
  dct: DCT,
  dcatap: DCATAP,
  adms: ADMS,
  foaf: FOAF,
  org: ORG,
  vcard: VCARD,
  skos: SKOS,
  locn: LOCN,
  spdx: SPDX,
  odrl: ODRL,
  prov: PROV,
  schema: SCHEMA,
  hydra: HYDRA,
  sd: SD,
  void: VOID,
  sh: SH,
  geodcatap: GEODCATAP,
  time: TIME,
  gsp: GSP,
  dqv: DQV,
  oa: OA,
  qb: QB,
  s1n: STATDCATAP,
  m8g: M8G,
  mqa: MQA,
};
