/**
 * The geodcat-ap example and its variants, shared by geodcat-ap.test.ts and engine-parity.test.ts: the conforming example
 * (test/fixtures/profiles/geodcat-ap-valid.ttl) and one broken variant per constraint family with every result it must give.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './support.js';
import type { BrokenCase } from './profile-cases.js';
import { DCAT, DCT, DQV, GEODCATAP, LOCN, PROV, VCARD } from '../../src/rdf/vocabulary.js';

export const DPG = 'urn:dataportal-vast:shapes:geodcat-ap:';
export const VALID = fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/profiles/geodcat-ap-valid.ttl'), 'utf8');

const BBOX = '"<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POLYGON((11.6 57.6, 12.2 57.6, 12.2 57.9, 11.6 57.9, 11.6 57.6))"^^gsp:wktLiteral';
const CENTROID = 'dcat:centroid "POINT(11.97 57.71)"^^gsp:wktLiteral';
const GEOMETRY_END = '</gml:Envelope>"^^gsp:gmlLiteral';
const DATASET_CRS = 'dct:conformsTo <http://www.opengis.net/def/crs/EPSG/0/3006> ;\n    geodcatap:referenceSystem';

export const BROKEN: BrokenCase[] = [
  // geometries: typed, then well-formed
  { name: 'untyped WKT bbox', replace: BBOX, by: BBOX.replace('^^gsp:wktLiteral', ''), expected: [[`${DPG}Location-dcat_bbox-geometry`, 'Violation', `${DCAT}bbox`]] },
  { name: 'GeoJSON centroid (GeoDCAT-AP needs WKT or GML)', replace: CENTROID, by: 'dcat:centroid "{\\"type\\":\\"Point\\",\\"coordinates\\":[11.97,57.71]}"^^gsp:geoJSONLiteral', expected: [[`${DPG}Location-dcat_centroid-geometry`, 'Violation', `${DCAT}centroid`]] },
  { name: 'locn:geometry as a plain string', replace: `locn:geometry "<gml:Envelope srsName=\\"http://www.opengis.net/def/crs/OGC/1.3/CRS84\\"><gml:lowerCorner>11.6 57.6</gml:lowerCorner><gml:upperCorner>12.2 57.9</gml:upperCorner>${GEOMETRY_END}`, by: 'locn:geometry "POINT(11.97 57.71)"', expected: [[`${DPG}Location-locn_geometry-geometry`, 'Violation', `${LOCN}geometry`]] },
  { name: 'WKT point with one coordinate', replace: CENTROID, by: 'dcat:centroid "POINT(11.97)"^^gsp:wktLiteral', expected: [[`${DPG}Location-dcat_centroid-wkt`, 'Violation', `${DCAT}centroid`]] },
  { name: 'WKT polygon ring with a broken position', replace: BBOX, by: '"POLYGON((11.6 57.6, 12.2))"^^gsp:wktLiteral', expected: [[`${DPG}Location-dcat_bbox-wkt`, 'Violation', `${DCAT}bbox`]] },
  { name: 'WKT with a CRS that is not an OGC register IRI', replace: BBOX, by: '"<urn:ogc:def:crs:EPSG::4326> POINT(57.7 11.9)"^^gsp:wktLiteral', expected: [[`${DPG}Location-dcat_bbox-wkt`, 'Violation', `${DCAT}bbox`]] },
  { name: 'WKT with text after the geometry', replace: CENTROID, by: 'dcat:centroid "POINT(11.97 57.71) Göteborg"^^gsp:wktLiteral', expected: [[`${DPG}Location-dcat_centroid-wkt`, 'Violation', `${DCAT}centroid`]] },
  { name: 'GML whose end tag does not match', replace: GEOMETRY_END, by: '</gml:Polygon>"^^gsp:gmlLiteral', expected: [[`${DPG}Location-locn_geometry-gml`, 'Violation', `${LOCN}geometry`]] },
  { name: 'GML literal that is WKT', replace: CENTROID, by: 'dcat:centroid "POINT(11.97 57.71)"^^gsp:gmlLiteral', expected: [[`${DPG}Location-dcat_centroid-gml`, 'Violation', `${DCAT}centroid`]] },
  // reference systems
  { name: 'reference system as text', replace: 'geodcatap:referenceSystem <http://www.opengis.net/def/crs/EPSG/0/3007>', by: 'geodcatap:referenceSystem "EPSG:3007"', expected: [[`${DPG}Dataset-geodcatap_referenceSystem-value`, 'Violation', `${GEODCATAP}referenceSystem`], [`${DPG}Dataset-geodcatap_referenceSystem-vocabulary`, 'Warning', `${GEODCATAP}referenceSystem`]] },
  { name: 'reference system outside the OGC register (warning)', replace: 'geodcatap:referenceSystem <http://www.opengis.net/def/crs/EPSG/0/3007>', by: 'geodcatap:referenceSystem <https://epsg.io/3007>', expected: [[`${DPG}Dataset-geodcatap_referenceSystem-vocabulary`, 'Warning', `${GEODCATAP}referenceSystem`]] },
  { name: 'incomplete OGC CRS IRI in dct:conformsTo', replace: DATASET_CRS, by: DATASET_CRS.replace('EPSG/0/3006', 'EPSG/0/'), expected: [[`${DPG}Dataset-dct_conformsTo-crs`, 'Violation', `${DCT}conformsTo`]] },
  { name: 'CRS as a URN in dct:conformsTo (warning)', replace: DATASET_CRS, by: DATASET_CRS.replace('http://www.opengis.net/def/crs/EPSG/0/3006', 'urn:ogc:def:crs:EPSG::3006'), expected: [[`${DPG}Dataset-dct_conformsTo-crs-urn`, 'Warning', `${DCT}conformsTo`]] },
  // agent roles, cardinalities, value kinds
  { name: 'custodian that is not a described agent', replace: 'geodcatap:custodian <http://dataportal.se/organisation/SE2120001355> ;\n    geodcatap:originator', by: 'geodcatap:custodian <http://example.org/nobody> ;\n    geodcatap:originator', expected: [[`${DPG}Dataset-geodcatap_custodian-class`, 'Violation', `${GEODCATAP}custodian`]] },
  { name: 'two resource types', replace: '<http://inspire.ec.europa.eu/metadata-codelist/ResourceType/dataset> ;', by: '<http://inspire.ec.europa.eu/metadata-codelist/ResourceType/dataset>, <http://inspire.ec.europa.eu/metadata-codelist/ResourceType/series> ;', expected: [[`${DPG}Dataset-geodcatap_resourceType`, 'Violation', `${GEODCATAP}resourceType`]] },
  { name: 'purpose as an IRI', replace: 'geodcatap:purpose "Underlag för bygglov."@sv', by: 'geodcatap:purpose <http://example.org/purpose>', expected: [[`${DPG}Dataset-geodcatap_purpose-value`, 'Violation', `${GEODCATAP}purpose`]] },
  { name: 'creation date that is not a date', replace: 'dct:created "1990-01-01"^^xsd:date', by: 'dct:created "long ago"', expected: [[`${DPG}Dataset-dct_created-value`, 'Violation', `${DCT}created`]] },
  { name: 'spatial resolution of a service that is not a decimal', replace: 'dcat:spatialResolutionInMeters "1.0"^^xsd:decimal .', by: 'dcat:spatialResolutionInMeters "one metre" .', expected: [[`${DPG}DataService-dcat_spatialResolutionInMeters-value`, 'Violation', `${DCAT}spatialResolutionInMeters`]] },
  { name: 'service type as text', replace: 'geodcatap:serviceType <http://inspire.ec.europa.eu/metadata-codelist/SpatialDataServiceType/view>', by: 'geodcatap:serviceType "view"', expected: [[`${DPG}DataService-geodcatap_serviceType-value`, 'Violation', `${GEODCATAP}serviceType`], [`${DPG}DataService-geodcatap_serviceType-vocabulary`, 'Warning', `${GEODCATAP}serviceType`]] },
  // reference systems described as standards, agents and contact points (GeoDCAT-AP's vCard and LOCN additions)
  { name: 'reference system with two types', replace: 'dct:type <http://inspire.ec.europa.eu/glossary/SpatialReferenceSystem> ;', by: 'dct:type <http://inspire.ec.europa.eu/glossary/SpatialReferenceSystem>, <http://example.org/types/crs> ;', expected: [[`${DPG}Standard-dct_type`, 'Violation', `${DCT}type`]] },
  { name: 'publisher address not typed locn:Address', replace: 'locn:address [ a locn:Address ;', by: 'locn:address [', expected: [[`${DPG}Agent-locn_address-class`, 'Violation', `${LOCN}address`]] },
  { name: 'contact point with two e-mail addresses', replace: 'vcard:hasEmail <mailto:geodata@example.org> ;', by: 'vcard:hasEmail <mailto:geodata@example.org>, <mailto:plan@example.org> ;', expected: [[`${DPG}Kind-vcard_hasEmail`, 'Violation', `${VCARD}hasEmail`]] },
  { name: 'postal code as an IRI', replace: 'vcard:postal-code "411 13"', by: 'vcard:postal-code <http://example.org/postcodes/41113>', expected: [[`${DPG}VcardAddress-vcard_postal-code-value`, 'Violation', `${VCARD}postal-code`]] },
  // INSPIRE code lists (recommended)
  { name: 'topic category outside the INSPIRE list (warning)', replace: '<http://inspire.ec.europa.eu/metadata-codelist/TopicCategory/planningCadastre>', by: '<http://example.org/topics/planning>', expected: [[`${DPG}Dataset-geodcatap_topicCategory-vocabulary`, 'Warning', `${GEODCATAP}topicCategory`]] },
  { name: 'degree of conformity outside the INSPIRE list (warning)', replace: '<http://inspire.ec.europa.eu/metadata-codelist/DegreeOfConformity/conformant>', by: '<http://example.org/conformity/yes>', expected: [[`${DPG}Entity-dct_type-vocabulary`, 'Warning', `${DCT}type`]] },
  // ranges of quality measurements and conformity tests
  { name: 'untyped quality measurement', replace: 'a dqv:QualityMeasurement ;', by: '', expected: [[`${DPG}Dataset-dqv_hasQualityMeasurement-class`, 'Violation', `${DQV}hasQualityMeasurement`]] },
  { name: 'metric described in the document with another type', replace: 'dqv:isMeasurementOf geodcatap:spatialResolutionAsScale ;', by: 'dqv:isMeasurementOf [ a dqv:Dimension ] ;', expected: [[`${DPG}QualityMeasurement-dqv_isMeasurementOf-class`, 'Violation', `${DQV}isMeasurementOf`]] },
  { name: 'untyped test result of a conformity test', replace: 'a prov:Entity ;', by: '', expected: [[`${DPG}Activity-prov_generated-class`, 'Violation', `${PROV}generated`]] },
];

/** Variants that must stay conforming without any result: the patterns accept what WKT and GML allow. */
export const ACCEPTED: { name: string; replace: string; by: string }[] = [
  { name: 'POINT EMPTY', replace: CENTROID, by: 'dcat:centroid "POINT EMPTY"^^gsp:wktLiteral' },
  { name: 'a 3D point, lower-case keyword', replace: CENTROID, by: 'dcat:centroid "point z (11.97 57.71 12.5)"^^gsp:wktLiteral' },
  { name: 'a point in SWEREF 99 TM with its CRS IRI', replace: CENTROID, by: 'dcat:centroid "<http://www.opengis.net/def/crs/EPSG/0/3006> POINT(319000 6400000)"^^gsp:wktLiteral' },
  { name: 'MULTIPOLYGON bbox', replace: BBOX, by: '"MULTIPOLYGON(((11.6 57.6, 12.2 57.6, 12.2 57.9, 11.6 57.6)), ((10 50, 11 50, 11 51, 10 50)))"^^gsp:wktLiteral' },
  { name: 'GEOMETRYCOLLECTION centroid', replace: CENTROID, by: 'dcat:centroid "GEOMETRYCOLLECTION(POINT(11.97 57.71), LINESTRING(11 57, 12 58))"^^gsp:wktLiteral' },
  { name: 'GML point with a namespace declaration', replace: CENTROID, by: 'dcat:centroid "<gml:Point xmlns:gml=\\"http://www.opengis.net/gml/3.2\\" srsName=\\"http://www.opengis.net/def/crs/EPSG/0/4326\\"><gml:pos>57.71 11.97</gml:pos></gml:Point>"^^gsp:gmlLiteral' },
  { name: 'locn:geometry as a locn:Geometry resource', replace: `locn:geometry "<gml:Envelope srsName=\\"http://www.opengis.net/def/crs/OGC/1.3/CRS84\\"><gml:lowerCorner>11.6 57.6</gml:lowerCorner><gml:upperCorner>12.2 57.9</gml:upperCorner>${GEOMETRY_END}`, by: 'locn:geometry [ a locn:Geometry ]' },
];
