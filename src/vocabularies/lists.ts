import { ADMS_LICENCE_TYPE, ADMS_PUBLISHER_TYPE, EU_AUTHORITY } from '../rdf/vocabulary.js';

/**
 * The controlled vocabularies the project keeps as SKOS in `ontologies/vocabularies/{id}.ttl`: one entry per list,
 * naming its concept scheme, the namespace its concepts live in, and the official files it was generated from
 * (under `../shared/reference/vocabularies`, read only by the generator and the tests, never at run time).
 */
export interface VocabularyList {
  /** File name (without .ttl) under ontologies/vocabularies/, and the name of its sh:in list in the shapes. */
  id: string;
  /** The skos:ConceptScheme IRI. */
  scheme: string;
  /** Every concept IRI starts with this (used to tell "wrong code" from "another list"). */
  namespace: string;
  /** Official files, first the complete one (labels); later files may add codes (membership only). */
  sources: string[];
}

/** The namespace ADMS status concepts (DCAT-AP 2 distribution status) live in. */
export const ADMS_STATUS = 'http://purl.org/adms/status/';
/** The high-value dataset category scheme of the HVD implementing regulation. */
export const HVD_CATEGORY_SCHEME = 'http://data.europa.eu/bna/asd487ae75';

const eu = (table: string, ...sources: string[]): VocabularyList => ({
  id: table,
  scheme: `${EU_AUTHORITY}${table}`,
  namespace: `${EU_AUTHORITY}${table}/`,
  sources,
});

export const VOCABULARY_LISTS: readonly VocabularyList[] = [
  eu('data-theme', 'data-theme-skos_20220715-0.rdf'),
  eu('file-type', 'filetypes-skos_20230315-0.rdf', 'filetypes-concepts-only_20240612-0.rdf'),
  eu('frequency', 'frequencies-skos_20220615-0.rdf'),
  eu('language', 'languages-skos_20220928-0.ttl'),
  eu('access-right', 'access-right-skos_20220316-0.rdf'),
  eu('licence', 'licences-skos_20220928-0.rdf'),
  eu('distribution-status', 'distribution-status-skos_20220615-0.rdf'),
  eu('planned-availability', 'planned-availability-skos_20211208-0.rdf'),
  { id: 'adms-publisher-type', scheme: 'http://purl.org/adms/publishertype/1.0', namespace: ADMS_PUBLISHER_TYPE, sources: ['ADMS_SKOS_v1.00.rdf'] },
  { id: 'adms-licence-type', scheme: 'http://purl.org/adms/licencetype/1.0', namespace: ADMS_LICENCE_TYPE, sources: ['ADMS_SKOS_v1.00.rdf'] },
  { id: 'adms-status', scheme: 'http://purl.org/adms/status/1.0', namespace: ADMS_STATUS, sources: ['ADMS_SKOS_v1.00.rdf'] },
  { id: 'hvd-category', scheme: HVD_CATEGORY_SCHEME, namespace: 'http://data.europa.eu/bna/', sources: ['high-value-dataset-category_v2.1_skos-xl.rdf'] },
];

export function vocabularyList(id: string): VocabularyList {
  const list = VOCABULARY_LISTS.find((l) => l.id === id);
  if (!list) throw new Error(`no vocabulary list ${id}`);
  return list;
}

