import { ADMS_PUBLISHER_TYPE, DCT, FOAF, RDF_TYPE, SKOS, rdfs } from '../rdf/vocabulary.js';
import type { Organisation, Organisations } from './organisations.js';

const RDFS_SEE_ALSO = rdfs('seeAlso');
const SKOS_NOTATION = `${SKOS}notation`;

/** ADMS publisher types (the vocabulary DCAT-AP-SE requires for an agent's dct:type). */
const PUBLISHER_TYPES: Record<Organisation['type'], string> = {
  kommun: `${ADMS_PUBLISHER_TYPE}LocalAuthority`,
  region: `${ADMS_PUBLISHER_TYPE}RegionalAuthority`,
};

/**
 * An organisation as the agent a catalog names as publisher (DCAT-AP-SE: foaf:name with a language tag, dct:type
 * from the ADMS publisher types, the organisation number as a plain dct:identifier). The municipality code is a
 * plain `skos:notation` literal: SCB has no datatype IRI for its codes, and a plain string is what a SPARQL query
 * for "1480" matches.
 */
export function organisationTriples(org: Organisation, organisations: Organisations): string {
  const subject = organisations.publisherIri(org);
  const page = organisations.documentIri(org);
  const lines = [
    triple(subject, RDF_TYPE, iri(`${FOAF}Organization`)),
    triple(subject, `${FOAF}name`, `${literal(org.name)}@sv`),
    triple(subject, `${DCT}type`, iri(PUBLISHER_TYPES[org.type])),
    triple(subject, `${FOAF}homepage`, iri(`https://${org.webDomain}/`)),
    triple(subject, SKOS_NOTATION, literal(org.municipalityCode)),
  ];
  if (org.organisationNumber) lines.push(triple(subject, `${DCT}identifier`, literal(org.organisationNumber)));
  if (subject !== page) {
    // The dataportal.se IRI does not dereference to us; point to the page that does.
    lines.push(triple(subject, RDFS_SEE_ALSO, iri(page)), triple(subject, `${FOAF}page`, iri(page)));
  }
  return lines.join('');
}

/** The plain-JSON view (application/json): the data file's columns plus the two IRIs. */
export function organisationJson(org: Organisation, organisations: Organisations) {
  return { ...org, iri: organisations.publisherIri(org), url: organisations.documentIri(org) };
}

function triple(subject: string, predicate: string, object: string): string {
  return `${iri(subject)} ${iri(predicate)} ${object} .\n`;
}

function iri(value: string): string {
  return `<${value}>`;
}

function literal(value: string): string {
  return JSON.stringify(value);
}
