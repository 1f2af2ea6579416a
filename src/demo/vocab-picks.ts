import { ADMS_LICENCE_TYPE, ADMS_PUBLISHER_TYPE, EU_AUTHORITY } from '../rdf/vocabulary.js';
import { NS } from './rdf-text.js';

/** The controlled values the demo draws from: the EU authority tables DCAT-AP 3 prescribes, IANA, Creative Commons. */

export type ThemeCode = 'AGRI' | 'ECON' | 'EDUC' | 'ENER' | 'ENVI' | 'GOVE' | 'HEAL' | 'INTR' | 'JUST' | 'REGI' | 'SOCI' | 'TECH' | 'TRAN';

export const themeIri = (code: ThemeCode): string => `${NS.theme}${code}`;

export interface FileType {
  /** The code of http://publications.europa.eu/resource/authority/file-type/. */
  code: string;
  mediaType: string;
  extension: string;
  /** "CSV-fil", "API": how a distribution of this type is described in Swedish. */
  labelSv: string;
  /** APIs have an access URL but nothing to download. */
  api?: boolean;
}

export const FILE_TYPES = {
  CSV: { code: 'CSV', mediaType: 'text/csv', extension: 'csv', labelSv: 'CSV-fil' },
  XLSX: { code: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', labelSv: 'Excel-fil' },
  JSON: { code: 'JSON', mediaType: 'application/json', extension: 'json', labelSv: 'JSON-fil' },
  GEOJSON: { code: 'GEOJSON', mediaType: 'application/geo+json', extension: 'geojson', labelSv: 'GeoJSON-fil' },
  PDF: { code: 'PDF', mediaType: 'application/pdf', extension: 'pdf', labelSv: 'PDF-dokument' },
  XML: { code: 'XML', mediaType: 'application/xml', extension: 'xml', labelSv: 'XML-fil' },
  API: { code: 'JSON', mediaType: 'application/json', extension: 'json', labelSv: 'API (JSON)', api: true },
} as const satisfies Record<string, FileType>;

export type FileTypeKey = keyof typeof FILE_TYPES;

export const fileTypeIri = (type: FileType): string => `${NS.filetype}${type.code}`;
export const mediaTypeIri = (type: FileType): string => `http://www.iana.org/assignments/media-types/${type.mediaType}`;

export const LICENCES = {
  CC0: 'http://creativecommons.org/publicdomain/zero/1.0/',
  CC_BY: 'http://creativecommons.org/licenses/by/4.0/',
} as const;

/** ADMS licence types, for a licence described as a dct:LicenseDocument. */
export const LICENCE_TYPES = {
  attribution: `${ADMS_LICENCE_TYPE}Attribution`,
} as const;

export type AccessRight = 'PUBLIC' | 'RESTRICTED' | 'NON_PUBLIC';
export const accessRightIri = (right: AccessRight): string => `${NS.access}${right}`;

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'ANNUAL' | 'IRREG' | 'UPDATE_CONT';
export const frequencyIri = (frequency: Frequency): string => `${NS.freq}${frequency}`;

export const LANGUAGE_SWE = `${NS.lang}SWE`;
export const LANGUAGE_ENG = `${NS.lang}ENG`;
export const AVAILABILITY_STABLE = `${NS.avail}STABLE`;
export const THEME_TAXONOMY = `${EU_AUTHORITY}data-theme`;

/** NUTS 3 SE232, Västra Götalands län: the area every catalog of the region covers. */
export const NUTS_VASTRA_GOTALAND = 'http://data.europa.eu/nuts/code/SE232';
/** GeoNames feature of Göteborg (the one municipality whose id the project's fixtures already use). */
export const GEONAMES_GOTEBORG = 'https://sws.geonames.org/2711537/';

export const PUBLISHER_TYPES = {
  region: `${ADMS_PUBLISHER_TYPE}RegionalAuthority`,
  kommun: `${ADMS_PUBLISHER_TYPE}LocalAuthority`,
} as const;
