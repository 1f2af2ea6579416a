/**
 * The statdcat-ap example and its variants, shared by statdcat-ap.test.ts and engine-parity.test.ts: the conforming example
 * (test/fixtures/profiles/statdcat-ap-valid.ttl) and one broken variant per constraint family with every result it must give.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './support.js';
import type { BrokenCase } from './profile-cases.js';
import { ADMS, DCT, DQV, M8G, STATDCATAP } from '../../src/rdf/vocabulary.js';

export const DPS = 'urn:dataportal-vast:shapes:statdcat-ap:';
export const VALID = fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/profiles/statdcat-ap-valid.ttl'), 'utf8');
export const DATASET = 'http://localhost:3030/catalogs/scb/datasets/befolkning';

export const BROKEN: BrokenCase[] = [
  // s1n: properties of a dataset
  { name: 'number of series that is not a non-negative integer', replace: 's1n:numSeries "580"^^xsd:nonNegativeInteger', by: 's1n:numSeries "many"', expected: [[`${DPS}Dataset-s1n_numSeries-value`, 'Violation', `${STATDCATAP}numSeries`]] },
  { name: 'two numbers of series', replace: 's1n:numSeries "580"^^xsd:nonNegativeInteger', by: 's1n:numSeries "580"^^xsd:nonNegativeInteger, "581"^^xsd:nonNegativeInteger', expected: [[`${DPS}Dataset-s1n_numSeries`, 'Violation', `${STATDCATAP}numSeries`]] },
  { name: 'dimension given as text', replace: 's1n:dimension <http://purl.org/linked-data/sdmx/2009/dimension#refArea>,', by: 's1n:dimension "refArea",', expected: [[`${DPS}Dataset-s1n_dimension-class`, 'Violation', `${STATDCATAP}dimension`], [`${DPS}Dataset-s1n_dimension-value`, 'Violation', `${STATDCATAP}dimension`]] },
  { name: 'dimension described in the document as an attribute', replace: 'a qb:DimensionProperty, qb:CodedProperty ;', by: 'a qb:AttributeProperty ;', expected: [[`${DPS}Dataset-s1n_dimension-class`, 'Violation', `${STATDCATAP}dimension`]] },
  { name: 'two data structure definitions', replace: 's1n:dataStructureDefinition <http://localhost:3030/catalogs/scb/dsd/befolkning> ;', by: 's1n:dataStructureDefinition <http://localhost:3030/catalogs/scb/dsd/befolkning>, <http://localhost:3030/catalogs/scb/dsd/other> ;', expected: [[`${DPS}Dataset-s1n_dataStructureDefinition`, 'Violation', `${STATDCATAP}dataStructureDefinition`]] },
  { name: 'unit of measurement described but not a concept', replace: '<http://localhost:3030/catalogs/scb/units/personer>\n    a skos:Concept ;', by: '<http://localhost:3030/catalogs/scb/units/personer>\n    a qb:MeasureProperty ;', expected: [[`${DPS}Dataset-s1n_statUnitMeasure-class`, 'Violation', `${STATDCATAP}statUnitMeasure`]] },
  { name: 'quality annotation that is not an annotation', replace: 'a dqv:QualityAnnotation ;', by: 'a dqv:QualityMeasurement ;', expected: [[`${DPS}Dataset-dqv_hasQualityAnnotation-class`, 'Violation', `${DQV}hasQualityAnnotation`]] },
  { name: 'dataset status outside the EU dataset-status list', replace: '<http://publications.europa.eu/resource/authority/dataset-status/COMPLETED>', by: '<http://example.org/status/done>', expected: [[`${DPS}Dataset-adms_status-vocabulary`, 'Violation', `${ADMS}status`]] },
  { name: 'dataset status from the older ADMS list (warning)', replace: '<http://publications.europa.eu/resource/authority/dataset-status/COMPLETED>', by: '<http://purl.org/adms/status/Completed>', expected: [[`${DPS}Dataset-adms_status-deprecated`, 'Warning', `${ADMS}status`]] },
  { name: 'distribution type outside the EU distribution-type list', replace: '<http://publications.europa.eu/resource/authority/distribution-type/DOWNLOADABLE_FILE>', by: '<http://example.org/types/file>', expected: [[`${DPS}Distribution-dct_type-vocabulary`, 'Violation', `${DCT}type`]] },
  // the Dataflow class
  { name: 'dataflow without a data structure definition', replace: '    dct:conformsTo <http://localhost:3030/catalogs/scb/dsd/befolkning> ;\n', by: '', expected: [[`${DPS}Dataflow-dct_conformsTo`, 'Violation', `${DCT}conformsTo`]] },
  { name: 'dataflow published by an undescribed agent', replace: 'dct:publisher <http://dataportal.se/organisation/SE2021000837> ;\n    dct:conformsTo', by: 'dct:publisher <http://example.org/nobody> ;\n    dct:conformsTo', expected: [[`${DPS}Dataflow-dct_publisher-class`, 'Violation', `${DCT}publisher`]] },
  { name: 'dataflow conforming to a structure described without dct:Standard', replace: 'a qb:DataStructureDefinition, dct:Standard .', by: 'a qb:DataStructureDefinition .', expected: [[`${DPS}Dataflow-dct_conformsTo-class`, 'Violation', `${DCT}conformsTo`]] },
  // the 1.0.1 namespace: accepted, warned about
  { name: 'StatDCAT-AP 1.0.1 m8g:numSeries instead of s1n:numSeries (warning)', replace: 's1n:numSeries "580"^^xsd:nonNegativeInteger', by: '<http://data.europa.eu/m8g/numSeries> "580"^^xsd:nonNegativeInteger', expected: [[`${DPS}Dataset-m8g_numSeries-deprecated`, 'Warning', `${M8G}numSeries`]] },
  { name: 'StatDCAT-AP 1.0.1 m8g:dimension instead of s1n:dimension (warning)', replace: 's1n:dimension <http://purl.org/linked-data/sdmx/2009/dimension#refArea>,', by: '<http://data.europa.eu/m8g/dimension> <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ;\n    s1n:dimension', expected: [[`${DPS}Dataset-m8g_dimension-deprecated`, 'Warning', `${M8G}dimension`]] },
];
