/**
 * Labels for the places the region's catalogs name (NUTS and GeoNames), [Swedish, English]: no controlled vocabulary
 * of ours covers them. Frequencies, languages and the facets' lists come from ontologies/vocabularies (skos.ts).
 */
export const OTHER_CONCEPTS: Record<string, readonly [string, string]> = {
  'http://data.europa.eu/nuts/code/SE': ['Sverige', 'Sweden'],
  'http://data.europa.eu/nuts/code/SE23': ['Västsverige', 'West Sweden'],
  'http://data.europa.eu/nuts/code/SE232': ['Västra Götalands län', 'Västra Götaland County'],
  'https://sws.geonames.org/2711537/': ['Göteborg', 'Gothenburg'],
  'http://sws.geonames.org/2711537/': ['Göteborg', 'Gothenburg'],
};
