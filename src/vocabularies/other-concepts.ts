import { EU_AUTHORITY } from '../rdf/vocabulary.js';

/**
 * Labels for the concepts a dataset page shows beside the facets' tables: EU frequencies and languages, and the
 * places the region's catalogs name (NUTS and GeoNames). [Swedish, English]; only the codes seen in Swedish public
 * catalogs, not the whole EU tables (issue 8 brings the full controlled vocabularies as SKOS).
 */
const AUTHORITY = EU_AUTHORITY;

export const OTHER_CONCEPTS: Record<string, readonly [string, string]> = {
  [`${AUTHORITY}frequency/DAILY`]: ['Dagligen', 'Daily'],
  [`${AUTHORITY}frequency/WEEKLY`]: ['Varje vecka', 'Weekly'],
  [`${AUTHORITY}frequency/MONTHLY`]: ['Varje månad', 'Monthly'],
  [`${AUTHORITY}frequency/BIMONTHLY`]: ['Varannan månad', 'Bimonthly'],
  [`${AUTHORITY}frequency/QUARTERLY`]: ['Varje kvartal', 'Quarterly'],
  [`${AUTHORITY}frequency/ANNUAL`]: ['Varje år', 'Annual'],
  [`${AUTHORITY}frequency/ANNUAL_2`]: ['Två gånger om året', 'Semiannual'],
  [`${AUTHORITY}frequency/BIENNIAL`]: ['Vartannat år', 'Biennial'],
  [`${AUTHORITY}frequency/CONT`]: ['Kontinuerligt', 'Continuous'],
  [`${AUTHORITY}frequency/UPDATE_CONT`]: ['Uppdateras kontinuerligt', 'Continuously updated'],
  [`${AUTHORITY}frequency/IRREG`]: ['Oregelbundet', 'Irregular'],
  [`${AUTHORITY}frequency/NEVER`]: ['Uppdateras inte', 'Never'],
  [`${AUTHORITY}frequency/UNKNOWN`]: ['Okänd', 'Unknown'],
  [`${AUTHORITY}language/SWE`]: ['Svenska', 'Swedish'],
  [`${AUTHORITY}language/ENG`]: ['Engelska', 'English'],
  [`${AUTHORITY}language/FIN`]: ['Finska', 'Finnish'],
  [`${AUTHORITY}language/NOR`]: ['Norska', 'Norwegian'],
  [`${AUTHORITY}language/DAN`]: ['Danska', 'Danish'],
  [`${AUTHORITY}language/DEU`]: ['Tyska', 'German'],
  [`${AUTHORITY}language/FRA`]: ['Franska', 'French'],
  [`${AUTHORITY}language/ARA`]: ['Arabiska', 'Arabic'],
  [`${AUTHORITY}language/SME`]: ['Nordsamiska', 'Northern Sami'],
  [`${AUTHORITY}language/FIT`]: ['Meänkieli', 'Meänkieli'],
  [`${AUTHORITY}language/RMY`]: ['Romani', 'Romani'],
  [`${AUTHORITY}language/YID`]: ['Jiddisch', 'Yiddish'],
  'http://data.europa.eu/nuts/code/SE': ['Sverige', 'Sweden'],
  'http://data.europa.eu/nuts/code/SE23': ['Västsverige', 'West Sweden'],
  'http://data.europa.eu/nuts/code/SE232': ['Västra Götalands län', 'Västra Götaland County'],
  'https://sws.geonames.org/2711537/': ['Göteborg', 'Gothenburg'],
  'http://sws.geonames.org/2711537/': ['Göteborg', 'Gothenburg'],
};
