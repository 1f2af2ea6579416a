import { DCAT, DCT, EU_AUTHORITY, FOAF } from '../rdf/vocabulary.js';

/**
 * The example queries of the editor page: the questions people ask the portal most. Each is a named constant, not
 * text inside a handler, so the tests can run every one of them against a real store.
 */
export interface SparqlExample {
  id: string;
  title: { sv: string; en: string };
  explanation: { sv: string; en: string };
  query: string;
}

const PREFIXES = `PREFIX dcat: <${DCAT}>
PREFIX dct: <${DCT}>
PREFIX foaf: <${FOAF}>
`;

export const SPARQL_EXAMPLES: readonly SparqlExample[] = [
  {
    id: 'datasets-per-organisation',
    title: { sv: 'Datamängder per organisation', en: 'Datasets per organisation' },
    explanation: {
      sv: 'Räknar datamängderna för varje utgivare (dct:publisher), flest först.',
      en: 'Counts the datasets of each publisher (dct:publisher), most first.',
    },
    query: `${PREFIXES}
SELECT ?publisher (SAMPLE(?name) AS ?publisherName) (COUNT(DISTINCT ?dataset) AS ?datasets) WHERE {
  ?dataset a dcat:Dataset ;
    dct:publisher ?publisher .
  OPTIONAL { ?publisher foaf:name ?name }
}
GROUP BY ?publisher
ORDER BY DESC(?datasets)`,
  },
  {
    id: 'datasets-per-theme',
    title: { sv: 'Datamängder per EU-tema', en: 'Datasets per EU theme' },
    explanation: {
      sv: 'Räknar datamängderna per tema ur EU:s tematiska vokabulär (data-theme), t.ex. TRAN för transport.',
      en: "Counts the datasets per theme of the EU's data-theme vocabulary, e.g. TRAN for transport.",
    },
    query: `${PREFIXES}
SELECT ?theme (COUNT(DISTINCT ?dataset) AS ?datasets) WHERE {
  ?dataset a dcat:Dataset ;
    dcat:theme ?theme .
  FILTER(STRSTARTS(STR(?theme), "${EU_AUTHORITY}data-theme/"))
}
GROUP BY ?theme
ORDER BY DESC(?datasets)`,
  },
  {
    id: 'csv-distributions',
    title: { sv: 'Datamängder med en CSV-distribution', en: 'Datasets with a CSV distribution' },
    explanation: {
      sv: 'Datamängder som har minst en distribution i formatet CSV (EU:s filtypslista eller medietypen text/csv).',
      en: "Datasets with at least one distribution in CSV (the EU file-type list or the media type text/csv).",
    },
    query: `${PREFIXES}
SELECT DISTINCT ?dataset ?title ?distribution ?downloadURL WHERE {
  ?dataset a dcat:Dataset ;
    dct:title ?title ;
    dcat:distribution ?distribution .
  { ?distribution dct:format <${EU_AUTHORITY}file-type/CSV> }
  UNION
  { ?distribution dcat:mediaType <https://www.iana.org/assignments/media-types/text/csv> }
  OPTIONAL { ?distribution dcat:downloadURL ?downloadURL }
}
LIMIT 100`,
  },
  {
    id: 'recently-modified',
    title: { sv: 'Senast ändrade datamängder', en: 'Recently modified datasets' },
    explanation: {
      sv: 'De 20 datamängder som ändrades senast enligt dct:modified. Datum och tidpunkter sorteras som text, eftersom ett xsd:date och ett xsd:dateTime inte går att jämföra.',
      en: 'The 20 datasets modified most recently according to dct:modified. Dates sort as text, because an xsd:date and an xsd:dateTime do not compare.',
    },
    query: `${PREFIXES}
SELECT ?dataset ?title ?modified WHERE {
  ?dataset a dcat:Dataset ;
    dct:title ?title ;
    dct:modified ?modified .
}
ORDER BY DESC(STR(?modified))
LIMIT 20`,
  },
  {
    id: 'without-licence',
    title: { sv: 'Datamängder utan licens', en: 'Datasets without a licence' },
    explanation: {
      sv: 'Datamängder där varken datamängden eller någon av dess distributioner anger en licens (dct:license).',
      en: 'Datasets where neither the dataset nor any of its distributions names a licence (dct:license).',
    },
    query: `${PREFIXES}
SELECT ?dataset ?title WHERE {
  ?dataset a dcat:Dataset ;
    dct:title ?title .
  FILTER NOT EXISTS { ?dataset dct:license ?licence }
  FILTER NOT EXISTS { ?dataset dcat:distribution/dct:license ?distributionLicence }
}
LIMIT 100`,
  },
  {
    // After the distributions query of data.norge.no (Informasjonsforvaltning/report-bffe).
    id: 'distributions-of-a-dataset',
    title: { sv: 'Distributionerna för en datamängd', en: 'Distributions of a dataset' },
    explanation: {
      sv: 'Format, länkar och licens för varje distribution av en datamängd. Byt underfrågan mot VALUES ?dataset { <IRI> } för den datamängd du vill se.',
      en: 'Format, links and licence of each distribution of one dataset. Replace the subquery with VALUES ?dataset { <IRI> } for the dataset you want.',
    },
    query: `${PREFIXES}
SELECT ?dataset ?distribution ?format ?accessURL ?downloadURL ?license WHERE {
  { SELECT ?dataset WHERE { ?dataset a dcat:Dataset ; dcat:distribution ?any } ORDER BY ?dataset LIMIT 1 }
  ?dataset dcat:distribution ?distribution .
  OPTIONAL { ?distribution dct:format ?format }
  OPTIONAL { ?distribution dcat:accessURL ?accessURL }
  OPTIONAL { ?distribution dcat:downloadURL ?downloadURL }
  OPTIONAL { ?distribution dct:license ?license }
}`,
  },
  {
    // After DIGG's "all organisations publishing on dataportal.se" (diggsweden/DCAT-AP-SE, docs/sparql.md).
    id: 'publishers-and-catalogs',
    title: { sv: 'Utgivare och deras kataloger', en: 'Publishers and their catalogs' },
    explanation: {
      sv: 'Varje katalog med sin utgivare och antalet datamängder i den.',
      en: 'Each catalog with its publisher and the number of datasets in it.',
    },
    query: `${PREFIXES}
SELECT ?publisher (SAMPLE(?name) AS ?publisherName) ?catalog (SAMPLE(?catalogTitle) AS ?title) (COUNT(DISTINCT ?dataset) AS ?datasets) WHERE {
  ?catalog a dcat:Catalog ;
    dct:publisher ?publisher .
  OPTIONAL { ?publisher foaf:name ?name }
  OPTIONAL { ?catalog dct:title ?catalogTitle }
  OPTIONAL { ?catalog dcat:dataset ?dataset }
}
GROUP BY ?publisher ?catalog
ORDER BY ?publisherName`,
  },
  {
    id: 'keyword-search',
    title: { sv: 'Sök på nyckelord', en: 'Search by keyword' },
    explanation: {
      sv: 'Datamängder vars nyckelord (dcat:keyword) eller titel innehåller "skol", utan hänsyn till versaler. Byt ordet mot ditt eget.',
      en: 'Datasets whose keyword (dcat:keyword) or title contains "skol" (Swedish for school), ignoring case. Put your own word instead.',
    },
    query: `${PREFIXES}
SELECT DISTINCT ?dataset ?title WHERE {
  ?dataset a dcat:Dataset ;
    dct:title ?title .
  OPTIONAL { ?dataset dcat:keyword ?keyword }
  FILTER(CONTAINS(LCASE(STR(?title)), "skol") || CONTAINS(LCASE(STR(?keyword)), "skol"))
}
LIMIT 100`,
  },
];

export function exampleById(id: string | undefined): SparqlExample {
  return SPARQL_EXAMPLES.find((example) => example.id === id) ?? SPARQL_EXAMPLES[0]!;
}
