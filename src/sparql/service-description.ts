import { ALL_RESULT_MEDIA_TYPES } from './result-formats.js';

const FORMAT_IRIS: Record<string, string> = {
  'application/sparql-results+json': 'http://www.w3.org/ns/formats/SPARQL_Results_JSON',
  'application/sparql-results+xml': 'http://www.w3.org/ns/formats/SPARQL_Results_XML',
  'text/csv': 'http://www.w3.org/ns/formats/SPARQL_Results_CSV',
  'text/tab-separated-values': 'http://www.w3.org/ns/formats/SPARQL_Results_TSV',
  'text/turtle': 'http://www.w3.org/ns/formats/Turtle',
  'application/n-triples': 'http://www.w3.org/ns/formats/N-Triples',
  'application/rdf+xml': 'http://www.w3.org/ns/formats/RDF_XML',
  'application/ld+json': 'http://www.w3.org/ns/formats/JSON-LD',
  'application/n-quads': 'http://www.w3.org/ns/formats/N-Quads',
};

/** SPARQL 1.1 Service Description of the endpoint, as N-Triples (serialised per Accept by the caller). */
export function serviceDescription(endpoint: string): string {
  const sd = 'http://www.w3.org/ns/sparql-service-description#';
  const service = `<${endpoint}#service>`;
  const lines = [
    `${service} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${sd}Service> .`,
    `${service} <${sd}endpoint> <${endpoint}> .`,
    `${service} <${sd}supportedLanguage> <${sd}SPARQL11Query> .`,
    `${service} <${sd}supportedLanguage> <${sd}SPARQL11Update> .`,
    `${service} <${sd}feature> <${sd}UnionDefaultGraph> .`,
    `${service} <http://purl.org/dc/terms/title> "Dataportal Väst SPARQL endpoint"@en .`,
    ...ALL_RESULT_MEDIA_TYPES.filter((t) => FORMAT_IRIS[t]).map((t) => `${service} <${sd}resultFormat> <${FORMAT_IRIS[t]}> .`),
  ];
  return `${lines.join('\n')}\n`;
}
