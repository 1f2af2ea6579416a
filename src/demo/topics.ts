import type { AccessRight, FileTypeKey, Frequency, ThemeCode } from './vocab-picks.js';

/**
 * What the demo's datasets are about. The five regional topics are the ones the collaboration coordinates (and that
 * search demonstrations look for); the rest is the long tail municipalities really publish. `{org}` in a text is
 * replaced by the organisation's name.
 */
export interface Topic {
  id: string;
  /** One of the five topics the collaboration coordinates. */
  regional: boolean;
  /** Alternative Swedish titles: publishers name the same thing differently. */
  titlesSv: readonly string[];
  titleEn: string;
  descriptionSv: string;
  descriptionEn: string;
  keywordsSv: readonly string[];
  keywordsEn: readonly string[];
  themes: readonly ThemeCode[];
  /** Distribution types, most usual first; a dataset takes one to three of them. */
  files: readonly FileTypeKey[];
  frequency: Frequency;
  /** Who runs it, for the contact point: "Miljöförvaltningen". */
  unitSv: string;
  /** Not every dataset is open; the rest are PUBLIC. */
  accessRights?: AccessRight;
}

export const REGIONAL_TOPIC_IDS = ['laddstolpar', 'skolenheter', 'maltider', 'leverantorsreskontra', 'livsmedelskontroller'] as const;
export type RegionalTopicId = (typeof REGIONAL_TOPIC_IDS)[number];

export const TOPICS: readonly Topic[] = [
  {
    id: 'laddstolpar',
    regional: true,
    titlesSv: ['Laddstolpar', 'Laddplatser för elbilar', 'Publika laddstolpar'],
    titleEn: 'EV charging points',
    descriptionSv: 'Publika laddstolpar och laddplatser för elbilar i {org}: läge, effekt, kontakttyp och antal uttag.',
    descriptionEn: 'Public charging points for electric vehicles in {org}: location, power, connector type and number of outlets.',
    keywordsSv: ['laddstolpe', 'laddplats', 'elbil', 'laddinfrastruktur'],
    keywordsEn: ['EV charging', 'electric vehicle'],
    themes: ['TRAN', 'ENER'],
    files: ['GEOJSON', 'CSV', 'API'],
    frequency: 'MONTHLY',
    unitSv: 'Trafikkontoret',
  },
  {
    id: 'skolenheter',
    regional: true,
    titlesSv: ['Skolenheter', 'Skolenheter och förskolor', 'Grundskolor och gymnasieskolor'],
    titleEn: 'School units',
    descriptionSv: 'Skolenheter i {org} med skolenhetskod, skolform, huvudman, adress och antal elever.',
    descriptionEn: 'School units in {org} with school unit code, school type, organiser, address and number of pupils.',
    keywordsSv: ['skola', 'skolenhet', 'grundskola', 'förskola', 'utbildning'],
    keywordsEn: ['school', 'education'],
    themes: ['EDUC'],
    files: ['CSV', 'JSON', 'GEOJSON'],
    frequency: 'ANNUAL',
    unitSv: 'Utbildningsförvaltningen',
  },
  {
    id: 'maltider',
    regional: true,
    titlesSv: ['Måltider i skola och förskola', 'Skolmåltider', 'Skolmatsedlar'],
    titleEn: 'School and preschool meals',
    descriptionSv: 'Matsedlar och måltidsdata för skolor och förskolor i {org}, med specialkost och andel ekologiska livsmedel.',
    descriptionEn: 'Menus and meal data for schools and preschools in {org}, with special diets and the share of organic food.',
    keywordsSv: ['skolmat', 'måltider', 'matsedel', 'förskola', 'kost'],
    keywordsEn: ['school meals', 'menu'],
    themes: ['EDUC', 'HEAL'],
    files: ['JSON', 'CSV', 'API'],
    frequency: 'WEEKLY',
    unitSv: 'Kostenheten',
  },
  {
    id: 'leverantorsreskontra',
    regional: true,
    titlesSv: ['Leverantörsreskontra', 'Leverantörsfakturor', 'Utbetalningar till leverantörer'],
    titleEn: 'Supplier ledger',
    descriptionSv: 'Betalda leverantörsfakturor över 1 000 kronor för {org}: leverantör, organisationsnummer, konto och belopp.',
    descriptionEn: 'Paid supplier invoices above SEK 1,000 for {org}: supplier, organisation number, account and amount.',
    keywordsSv: ['leverantörsreskontra', 'fakturor', 'inköp', 'ekonomi'],
    keywordsEn: ['supplier ledger', 'invoices', 'spending'],
    themes: ['ECON', 'GOVE'],
    files: ['CSV', 'XLSX'],
    frequency: 'MONTHLY',
    unitSv: 'Ekonomiavdelningen',
  },
  {
    id: 'livsmedelskontroller',
    regional: true,
    titlesSv: ['Livsmedelskontroller', 'Livsmedelsinspektioner', 'Kontroller av livsmedelsverksamheter'],
    titleEn: 'Food inspections',
    descriptionSv: 'Resultat av livsmedelskontroller i {org}: verksamhet, datum, kontrolltyp och bedömning.',
    descriptionEn: 'Results of food inspections in {org}: business, date, type of inspection and assessment.',
    keywordsSv: ['livsmedelskontroll', 'livsmedel', 'restaurang', 'inspektion'],
    keywordsEn: ['food inspection', 'food safety'],
    themes: ['HEAL', 'AGRI'],
    files: ['CSV', 'JSON'],
    frequency: 'QUARTERLY',
    unitSv: 'Miljöförvaltningen',
  },
  longTail('luftkvalitet', ['Luftkvalitet', 'Luftmätningar'], 'Air quality', 'Timvärden för kvävedioxid, partiklar och ozon från mätstationerna i {org}.', 'Hourly nitrogen dioxide, particle and ozone values from the monitoring stations in {org}.', ['luftkvalitet', 'luft', 'miljö', 'partiklar'], ['air quality'], ['ENVI', 'HEAL'], ['CSV', 'API'], 'DAILY', 'Miljöförvaltningen'),
  longTail('badplatser', ['Badplatser', 'Badvattenkvalitet'], 'Bathing sites', 'Kommunala badplatser i {org} med läge, faciliteter och provtagning av badvatten.', 'Public bathing sites in {org} with location, facilities and bathing water samples.', ['bad', 'badplats', 'badvatten', 'friluftsliv'], ['bathing'], ['ENVI', 'HEAL'], ['GEOJSON', 'CSV'], 'ANNUAL', 'Miljöförvaltningen'),
  longTail('budget', ['Budget', 'Budget och årsplan'], 'Budget', 'Budget för {org} per verksamhet och nämnd.', 'Budget of {org} by activity and committee.', ['budget', 'ekonomi', 'nämnd'], ['budget'], ['ECON', 'GOVE'], ['XLSX', 'CSV', 'PDF'], 'ANNUAL', 'Ekonomiavdelningen'),
  longTail('arsredovisning', ['Årsredovisning', 'Bokslut'], 'Annual report', 'Årsredovisning för {org}: resultaträkning, balansräkning och nyckeltal.', 'Annual report of {org}: income statement, balance sheet and key figures.', ['årsredovisning', 'bokslut', 'ekonomi'], ['annual report'], ['ECON', 'GOVE'], ['PDF', 'XLSX'], 'ANNUAL', 'Ekonomiavdelningen'),
  longTail('befolkning', ['Befolkning', 'Befolkningsstatistik'], 'Population', 'Befolkningen i {org} per ålder, kön och område.', 'Population of {org} by age, sex and area.', ['befolkning', 'statistik', 'invånare'], ['population'], ['SOCI', 'REGI'], ['CSV', 'XLSX'], 'ANNUAL', 'Kommunledningskontoret'),
  longTail('parkering', ['Parkeringsplatser', 'Parkeringsautomater'], 'Parking', 'Allmänna parkeringsplatser och parkeringsautomater i {org} med taxor.', 'Public parking spaces and meters in {org} with fees.', ['parkering', 'trafik', 'taxa'], ['parking'], ['TRAN'], ['GEOJSON', 'CSV', 'API'], 'MONTHLY', 'Trafikkontoret'),
  longTail('cykelvagar', ['Cykelvägar', 'Cykelnät'], 'Cycle paths', 'Cykelvägar och cykelparkeringar i {org}.', 'Cycle paths and bicycle parking in {org}.', ['cykel', 'cykelväg', 'trafik'], ['cycling'], ['TRAN'], ['GEOJSON', 'XML'], 'IRREG', 'Trafikkontoret'),
  longTail('trafikfloden', ['Trafikflöden', 'Trafikmätningar'], 'Traffic counts', 'Fordonsräkningar på det kommunala vägnätet i {org}.', 'Vehicle counts on the municipal road network of {org}.', ['trafik', 'trafikmätning', 'fordon'], ['traffic'], ['TRAN'], ['CSV', 'API'], 'DAILY', 'Trafikkontoret'),
  longTail('bibliotek', ['Bibliotek', 'Biblioteksstatistik'], 'Libraries', 'Bibliotekens öppettider, utlån och besök i {org}.', 'Opening hours, loans and visits of the libraries in {org}.', ['bibliotek', 'kultur', 'utlån'], ['libraries'], ['EDUC', 'SOCI'], ['CSV', 'JSON'], 'MONTHLY', 'Kulturförvaltningen'),
  longTail('lekplatser', ['Lekplatser'], 'Playgrounds', 'Lekplatser i {org} med läge och utrustning.', 'Playgrounds in {org} with location and equipment.', ['lekplats', 'park', 'barn'], ['playgrounds'], ['SOCI'], ['GEOJSON', 'CSV'], 'IRREG', 'Park- och naturförvaltningen'),
  longTail('parker', ['Parker och grönområden', 'Naturreservat'], 'Parks and green spaces', 'Parker, grönområden och naturreservat i {org}.', 'Parks, green spaces and nature reserves in {org}.', ['park', 'grönområde', 'natur', 'friluftsliv'], ['parks'], ['ENVI'], ['GEOJSON'], 'IRREG', 'Park- och naturförvaltningen'),
  longTail('detaljplaner', ['Detaljplaner', 'Gällande detaljplaner'], 'Detailed development plans', 'Gällande detaljplaner i {org} med plangränser och beslutsdatum.', 'Detailed development plans in force in {org} with boundaries and decision dates.', ['detaljplan', 'planering', 'bygglov'], ['zoning'], ['REGI', 'GOVE'], ['GEOJSON', 'PDF'], 'MONTHLY', 'Stadsbyggnadskontoret'),
  longTail('bygglov', ['Bygglov', 'Beviljade bygglov'], 'Building permits', 'Beviljade bygglov i {org} per ärendetyp och område.', 'Building permits granted in {org} by case type and area.', ['bygglov', 'byggande', 'ärenden'], ['building permits'], ['REGI'], ['CSV'], 'MONTHLY', 'Stadsbyggnadskontoret'),
  longTail('avfall', ['Återvinningsstationer', 'Avfallsmängder'], 'Recycling and waste', 'Återvinningsstationer och insamlade avfallsmängder i {org}.', 'Recycling stations and collected waste in {org}.', ['avfall', 'återvinning', 'sopor'], ['waste', 'recycling'], ['ENVI'], ['CSV', 'GEOJSON'], 'QUARTERLY', 'Kretslopp och vatten'),
  longTail('vattenkvalitet', ['Dricksvattenkvalitet', 'Vattenprover'], 'Drinking water quality', 'Analysresultat för dricksvatten från vattenverken i {org}.', 'Analysis results for drinking water from the waterworks of {org}.', ['dricksvatten', 'vatten', 'vattenkvalitet'], ['drinking water'], ['ENVI', 'HEAL'], ['CSV'], 'MONTHLY', 'Kretslopp och vatten'),
  longTail('energi', ['Energiförbrukning i kommunala lokaler', 'Energistatistik'], 'Energy use', 'Energi- och vattenförbrukning i de kommunala fastigheterna i {org}.', 'Energy and water use in the municipal buildings of {org}.', ['energi', 'el', 'fjärrvärme', 'fastigheter'], ['energy'], ['ENER', 'ENVI'], ['CSV', 'XLSX'], 'MONTHLY', 'Lokalförvaltningen'),
  longTail('kollektivtrafik', ['Hållplatser', 'Kollektivtrafikens hållplatser'], 'Public transport stops', 'Hållplatser för kollektivtrafiken i {org} med läge och linjer.', 'Public transport stops in {org} with location and lines.', ['kollektivtrafik', 'hållplats', 'buss'], ['public transport'], ['TRAN'], ['GEOJSON', 'API'], 'WEEKLY', 'Trafikkontoret'),
  longTail('nyckeltal', ['Kommunala nyckeltal', 'Nyckeltal för verksamheten'], 'Key figures', 'Nyckeltal för verksamheterna i {org}: kostnader, kvalitet och resultat.', 'Key figures of the services of {org}: costs, quality and results.', ['nyckeltal', 'statistik', 'uppföljning'], ['key figures'], ['GOVE', 'ECON'], ['XLSX', 'CSV'], 'ANNUAL', 'Kommunledningskontoret'),
  longTail('politiska-beslut', ['Nämndbeslut', 'Protokoll från fullmäktige'], 'Council decisions', 'Beslut och protokoll från fullmäktige och nämnderna i {org}.', 'Decisions and minutes of the council and committees of {org}.', ['protokoll', 'beslut', 'fullmäktige'], ['decisions'], ['GOVE', 'JUST'], ['PDF', 'XML'], 'WEEKLY', 'Kommunledningskontoret'),
  longTail('wifi', ['Publika wifi-punkter'], 'Public Wi-Fi', 'Platser med kommunalt publikt wifi i {org}.', 'Places with municipal public Wi-Fi in {org}.', ['wifi', 'digital infrastruktur'], ['Wi-Fi'], ['TECH'], ['GEOJSON', 'CSV'], 'IRREG', 'IT-avdelningen'),
  longTail('personal', ['Personalstatistik', 'Sjukfrånvaro bland anställda'], 'Staff statistics', 'Antal anställda, sysselsättningsgrad och sjukfrånvaro i {org} per förvaltning.', 'Employees, employment rate and sickness absence in {org} by department.', ['personal', 'anställda', 'sjukfrånvaro'], ['staff'], ['GOVE', 'SOCI'], ['XLSX'], 'ANNUAL', 'HR-avdelningen', 'RESTRICTED'),
  longTail('bistand', ['Ekonomiskt bistånd per hushåll'], 'Social assistance per household', 'Utbetalt ekonomiskt bistånd per hushåll i {org}; lämnas ut efter sekretessprövning.', 'Social assistance paid per household in {org}; released after a confidentiality review.', ['ekonomiskt bistånd', 'socialtjänst'], ['social assistance'], ['SOCI'], ['CSV'], 'MONTHLY', 'Socialförvaltningen', 'NON_PUBLIC'),
  longTail('vard', ['Vårdcentraler', 'Väntetider i vården'], 'Health centres and waiting times', 'Vårdcentraler och väntetider i vården i {org}.', 'Health centres and waiting times for care in {org}.', ['vård', 'vårdcentral', 'väntetid', 'hälsa'], ['health care'], ['HEAL'], ['CSV', 'API'], 'MONTHLY', 'Hälso- och sjukvårdsförvaltningen'),
];

export const TOPICS_BY_ID: ReadonlyMap<string, Topic> = new Map(TOPICS.map((t) => [t.id, t]));

function longTail(
  id: string,
  titlesSv: string[],
  titleEn: string,
  descriptionSv: string,
  descriptionEn: string,
  keywordsSv: string[],
  keywordsEn: string[],
  themes: ThemeCode[],
  files: FileTypeKey[],
  frequency: Frequency,
  unitSv: string,
  accessRights?: AccessRight,
): Topic {
  return { id, regional: false, titlesSv, titleEn, descriptionSv, descriptionEn, keywordsSv, keywordsEn, themes, files, frequency, unitSv, ...(accessRights ? { accessRights } : {}) };
}
