import { DCT, FORMATS, RDF_TYPE, SD } from '../rdf/vocabulary.js';
import { ALL_RESULT_MEDIA_TYPES } from './result-formats.js';

const FORMAT_IRIS: Record<string, string> = {
  'application/sparql-results+json': `${FORMATS}SPARQL_Results_JSON`,
  'application/sparql-results+xml': `${FORMATS}SPARQL_Results_XML`,
  'text/csv': `${FORMATS}SPARQL_Results_CSV`,
  'text/tab-separated-values': `${FORMATS}SPARQL_Results_TSV`,
  'text/turtle': `${FORMATS}Turtle`,
  'application/n-triples': `${FORMATS}N-Triples`,
  'application/rdf+xml': `${FORMATS}RDF_XML`,
  'application/ld+json': `${FORMATS}JSON-LD`,
  'application/n-quads': `${FORMATS}N-Quads`,
};

/** SPARQL 1.1 Service Description of the endpoint, as N-Triples (serialised per Accept by the caller). */
export function serviceDescription(endpoint: string): string {
  const service = `<${endpoint}#service>`;
  const lines = [
    `${service} <${RDF_TYPE}> <${SD}Service> .`,
    `${service} <${SD}endpoint> <${endpoint}> .`,
    `${service} <${SD}supportedLanguage> <${SD}SPARQL11Query> .`,
    `${service} <${SD}supportedLanguage> <${SD}SPARQL11Update> .`,
    `${service} <${SD}feature> <${SD}UnionDefaultGraph> .`,
    `${service} <${DCT}title> "Dataportal Väst SPARQL endpoint"@en .`,
    ...ALL_RESULT_MEDIA_TYPES.filter((t) => FORMAT_IRIS[t]).map((t) => `${service} <${SD}resultFormat> <${FORMAT_IRIS[t]}> .`),
  ];
  return `${lines.join('\n')}\n`;
}
