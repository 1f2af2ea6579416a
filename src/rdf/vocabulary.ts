/**
 * Every namespace the code spells, named once, with the few terms it looks for by name. Files build terms from
 * these (`dcat('Dataset')`, `${DCT}title`) instead of writing IRIs out, so a typo cannot make one file disagree
 * with another about which property it means. The serialisers' prefix table (`PREFIXES` in `formats.ts`) is made
 * from the same constants.
 */

// W3C core
export const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const OWL = 'http://www.w3.org/2002/07/owl#';
export const SH = 'http://www.w3.org/ns/shacl#';

// DCAT, DCAT-AP and the vocabularies their profiles use
export const DCAT = 'http://www.w3.org/ns/dcat#';
export const DCT = 'http://purl.org/dc/terms/';
export const DCATAP = 'http://data.europa.eu/r5r/';
export const GEODCATAP = 'http://data.europa.eu/930/';
export const ADMS = 'http://www.w3.org/ns/adms#';
/** W3C Organization Ontology (DCAT-AP-SE's org:classification of publishers). */
export const ORG = 'http://www.w3.org/ns/org#';
export const FOAF = 'http://xmlns.com/foaf/0.1/';
export const VCARD = 'http://www.w3.org/2006/vcard/ns#';
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const LOCN = 'http://www.w3.org/ns/locn#';
export const SPDX = 'http://spdx.org/rdf/terms#';
export const ODRL = 'http://www.w3.org/ns/odrl/2/';
export const PROV = 'http://www.w3.org/ns/prov#';
export const SCHEMA = 'http://schema.org/';
export const TIME = 'http://www.w3.org/2006/time#';
/** OGC GeoSPARQL: gsp:wktLiteral and gsp:gmlLiteral, the geometry datatypes GeoDCAT-AP requires. */
export const GSP = 'http://www.opengis.net/ont/geosparql#';
/** W3C Web Annotation (the range of dqv:hasQualityAnnotation). */
export const OA = 'http://www.w3.org/ns/oa#';
/** W3C RDF Data Cube (dimensions, attributes and measures a StatDCAT-AP dataset names). */
export const QB = 'http://purl.org/linked-data/cube#';
/** StatDCAT-AP 3 (`s1n:dimension`, `s1n:numSeries`, `s1n:Dataflow`, …). */
export const STATDCATAP = 'http://data.europa.eu/s1n/';
/** StatDCAT-AP 1.0.1's namespace for the same properties (also the SEMIC Core Vocabularies'); accepted with a warning. */
export const M8G = 'http://data.europa.eu/m8g/';

// Data quality: W3C DQV (our MQA measurements, GeoDCAT-AP spatial resolution, StatDCAT-AP quality annotations), and
// the metrics of our MQA score (defined in ontologies/quality-mqa.ttl)
export const DQV = 'http://www.w3.org/ns/dqv#';
export const MQA = 'https://w3id.org/dataportal-vast/mqa#';

// Describing the server itself
export const HYDRA = 'http://www.w3.org/ns/hydra/core#';
export const SD = 'http://www.w3.org/ns/sparql-service-description#';
export const VOID = 'http://rdfs.org/ns/void#';
/** W3C's unique IRIs for formats (SPARQL service descriptions name result and graph formats with them). */
export const FORMATS = 'http://www.w3.org/ns/formats/';

// Controlled vocabularies DCAT-AP-SE asks for
/** The EU Publications Office authority tables; a table's concepts are `${EU_AUTHORITY}<table>/<code>`. */
export const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';
/** ADMS publisher types (an agent's dct:type). */
export const ADMS_PUBLISHER_TYPE = 'http://purl.org/adms/publishertype/';
/** ADMS licence types (a licence document's dct:type). */
export const ADMS_LICENCE_TYPE = 'http://purl.org/adms/licencetype/';

// Our own terms
/** Terms we add to the W3C validation report (e.g. the nearest valid value of an offending code). */
export const DPV_REPORT = 'urn:dataportal-vast:report:';
/** Datatypes of the extra skos:notation values in ontologies/vocabularies: IANA media types, ISO 639-1 codes. */
export const NOTATION_MEDIA_TYPE = 'urn:dataportal-vast:notation:iana-media-type';
export const NOTATION_ISO_639_1 = 'urn:dataportal-vast:notation:iso-639-1';

export const rdf = (name: string) => `${RDF}${name}`;
export const rdfs = (name: string) => `${RDFS}${name}`;
export const xsd = (name: string) => `${XSD}${name}`;
export const sh = (name: string) => `${SH}${name}`;
export const dcat = (name: string) => `${DCAT}${name}`;
export const dct = (name: string) => `${DCT}${name}`;
export const foaf = (name: string) => `${FOAF}${name}`;
export const hydra = (name: string) => `${HYDRA}${name}`;
export const dqv = (name: string) => `${DQV}${name}`;
export const mqa = (name: string) => `${MQA}${name}`;

export const RDF_TYPE = rdf('type');
export const RDF_LANG_STRING = rdf('langString');
export const RDF_DIR_LANG_STRING = rdf('dirLangString');
export const XSD_STRING = xsd('string');
export const XSD_BOOLEAN = xsd('boolean');
export const XSD_DATETIME = xsd('dateTime');
