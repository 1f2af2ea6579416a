import type { Dimension, Rating } from '../quality/indicators.js';
import type { Lang } from './messages.js';

/**
 * The words of the quality page and of the score on dataset and catalog pages, Swedish first; English is typed
 * against the Swedish set. Indicator names follow DCAT-AP-SE's docs/quality.md (sv) and the MQA methodology (en).
 */
const sv = {
  qualityHeading: 'Metadatakvalitet',
  qualityTitle: (catalog: string) => `Metadatakvalitet: ${catalog}`,
  qualityIntro:
    'Poäng enligt den europeiska dataportalens metod för bedömning av metadatakvalitet (MQA): fem dimensioner, högst 405 poäng. Katalogens poäng är medelvärdet av datamängdernas.',
  qualityNetworkNote:
    'Indikatorer märkta * prövas i MQA genom att adressen anropas. Den här tjänsten anropar inte utgivarnas adresser utan bedömer dem enbart utifrån metadata: uppfyllt när en http(s)-adress anges.',
  qualityPending: 'Katalogen har nyss ändrats: poängen räknas om och kan ännu visa läget före ändringen.',
  qualityScore: 'Poäng',
  qualityScoreOf: (score: string, max: string) => `${score} av ${max}`,
  qualityRating: 'Betyg',
  qualityLink: 'Visa kvalitetsbedömningen',
  qualityDimensionsCaption: 'Poäng per dimension',
  qualityIndicatorsCaption: 'Poäng per indikator (andel uppfyllt)',
  qualityRatingsCaption: 'Datamängder per betyg',
  qualityDatasetsCaption: 'Datamängder, lägst poäng först',
  qualityColumnDimension: 'Dimension',
  qualityColumnIndicator: 'Indikator',
  qualityColumnPoints: 'Poäng',
  qualityColumnMax: 'Högst',
  qualityColumnShare: 'Andel',
  qualityColumnRating: 'Betyg',
  qualityColumnDatasets: 'Datamängder',
  qualityColumnDataset: 'Datamängd',
  qualityCompliance: (compliant: boolean, profile: string) =>
    compliant ? `Katalogen uppfyller DCAT-AP (profil ${profile}).` : `Katalogens profil ${profile} bygger inte på DCAT-AP; indikatorn DCAT-AP-överensstämmelse ger 0 poäng.`,
  dimensions: {
    findability: 'Upptäckbarhet',
    accessibility: 'Åtkomlighet',
    interoperability: 'Interoperabilitet',
    reusability: 'Återanvändbarhet',
    contextuality: 'Kontextualitet',
  } as Record<Dimension, string>,
  ratings: { excellent: 'Utmärkt', good: 'Bra', sufficient: 'Tillräcklig', bad: 'Dålig' } as Record<Rating, string>,
  indicators: {
    keywordUsage: 'Användning av nyckelord',
    categories: 'Kategorier',
    geoSearch: 'Geosökning',
    timeBasedSearch: 'Tidsbaserad sökning',
    accessUrlAccessibility: 'AccessURL-åtkomlighet',
    downloadUrl: 'DownloadURL',
    downloadUrlAccessibility: 'DownloadURL-åtkomlighet',
    format: 'Format',
    mediaType: 'Medietyp',
    formatFromVocabulary: 'Format/medietyp från ordlista',
    nonProprietary: 'Icke-proprietärt',
    machineReadable: 'Maskinläsbart',
    dcatApCompliance: 'DCAT-AP-överensstämmelse',
    licenceInformation: 'Licensinformation',
    licenceVocabulary: 'Licensordlista',
    accessRestrictions: 'Åtkomstbegränsningar',
    accessRestrictionsVocabulary: 'Ordlista för åtkomstbegränsningar',
    contactPoint: 'Kontaktpunkt',
    publisher: 'Utgivare',
    rights: 'Rättigheter',
    fileSize: 'Filstorlek',
    dateOfIssue: 'Utfärdandedatum',
    modificationDate: 'Ändringsdatum',
  } as Record<string, string>,
};

export type QualityMessages = typeof sv;

const en: QualityMessages = {
  qualityHeading: 'Metadata quality',
  qualityTitle: (catalog: string) => `Metadata quality: ${catalog}`,
  qualityIntro:
    'Points by the European data portal’s Metadata Quality Assessment (MQA) method: five dimensions, at most 405 points. The catalog’s score is the mean of its datasets’ scores.',
  qualityNetworkNote:
    'Indicators marked * are checked in the MQA by requesting the URL. This service does not request publishers’ URLs; it scores them from the metadata alone: met when an http(s) URL is stated.',
  qualityPending: 'The catalog changed a moment ago: the scores are being recomputed and may still show it as it was.',
  qualityScore: 'Score',
  qualityScoreOf: (score: string, max: string) => `${score} of ${max}`,
  qualityRating: 'Rating',
  qualityLink: 'See the quality assessment',
  qualityDimensionsCaption: 'Points per dimension',
  qualityIndicatorsCaption: 'Points per indicator (share met)',
  qualityRatingsCaption: 'Datasets per rating',
  qualityDatasetsCaption: 'Datasets, lowest score first',
  qualityColumnDimension: 'Dimension',
  qualityColumnIndicator: 'Indicator',
  qualityColumnPoints: 'Points',
  qualityColumnMax: 'Maximum',
  qualityColumnShare: 'Share',
  qualityColumnRating: 'Rating',
  qualityColumnDatasets: 'Datasets',
  qualityColumnDataset: 'Dataset',
  qualityCompliance: (compliant: boolean, profile: string) =>
    compliant ? `The catalog conforms to DCAT-AP (profile ${profile}).` : `The catalog’s profile ${profile} does not build on DCAT-AP; the DCAT-AP compliance indicator scores 0.`,
  dimensions: {
    findability: 'Findability',
    accessibility: 'Accessibility',
    interoperability: 'Interoperability',
    reusability: 'Reusability',
    contextuality: 'Contextuality',
  },
  ratings: { excellent: 'Excellent', good: 'Good', sufficient: 'Sufficient', bad: 'Bad' },
  indicators: {
    keywordUsage: 'Keyword usage',
    categories: 'Categories',
    geoSearch: 'Geo search',
    timeBasedSearch: 'Time-based search',
    accessUrlAccessibility: 'AccessURL accessibility',
    downloadUrl: 'DownloadURL',
    downloadUrlAccessibility: 'DownloadURL accessibility',
    format: 'Format',
    mediaType: 'Media type',
    formatFromVocabulary: 'Format / media type from vocabulary',
    nonProprietary: 'Non-proprietary',
    machineReadable: 'Machine-readable',
    dcatApCompliance: 'DCAT-AP compliance',
    licenceInformation: 'Licence information',
    licenceVocabulary: 'Licence vocabulary',
    accessRestrictions: 'Access restrictions',
    accessRestrictionsVocabulary: 'Access-restriction vocabulary',
    contactPoint: 'Contact point',
    publisher: 'Publisher',
    rights: 'Rights',
    fileSize: 'File size',
    dateOfIssue: 'Date of issue',
    modificationDate: 'Modification date',
  },
};

export function qualityMessages(lang: Lang): QualityMessages {
  return lang === 'sv' ? sv : en;
}
