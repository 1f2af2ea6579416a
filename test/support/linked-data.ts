/**
 * Two small conforming catalogs for the linked-data tests. Göteborg's uses relative IRIs, which resolve against
 * {BASE_URL}/catalogs/goteborg/, so its resources dereference under BASE_URL; Borås names its resources on its
 * own website, served at /resource?iri=. Blank nodes nest: contact point → address, dataset → period,
 * distribution → checksum. Both conform to DCAT-AP-SE, the default profile: CC0 catalogue licence, publisher types,
 * dct:format as IANA media types.
 */
const PREFIXES = `@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
`;

export const GOTEBORG_PUBLISHER = 'http://dataportal.se/organisation/SE2120001355';

export const GOTEBORG_TURTLE = `${PREFIXES}
<catalog> a dcat:Catalog ;
  dct:title "Göteborgs Stads datakatalog"@sv ; dct:description "Öppna data från Göteborgs Stad."@sv ;
  dct:publisher <${GOTEBORG_PUBLISHER}> ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/> ;
  dcat:dataset <datasets/badplatser> ; dcat:service <services/badplatser-api> .
<${GOTEBORG_PUBLISHER}> a foaf:Organization ; foaf:name "Göteborgs Stad"@sv ; dct:type <http://purl.org/adms/publishertype/LocalAuthority> .
<agents/miljoforvaltningen> a foaf:Organization ; foaf:name "Miljöförvaltningen"@sv ; dct:type <http://purl.org/adms/publishertype/LocalAuthority> .
<datasets/badplatser> a dcat:Dataset ;
  dct:title "Badplatser"@sv ; dct:description "Kommunala badplatser i Göteborg."@sv ;
  dct:publisher <${GOTEBORG_PUBLISHER}> ; dct:creator <agents/miljoforvaltningen> ;
  dct:issued "2024-06-01"^^xsd:date ;
  dcat:contactPoint [ a vcard:Organization ; vcard:fn "Öppna data"@sv ; vcard:hasEmail <mailto:oppnadata@example.org> ;
    vcard:hasAddress [ a vcard:Address ; vcard:street-address "Gustaf Adolfs torg 4A" ; vcard:locality "Göteborg" ; vcard:postal-code "41110" ] ] ;
  dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2020-01-01"^^xsd:date ; dcat:endDate "2024-12-31"^^xsd:date ] ;
  dcat:distribution <datasets/badplatser/csv> .
<datasets/badplatser/csv> a dcat:Distribution ;
  dcat:accessURL <https://example.org/goteborg/badplatser.csv> ; dct:format "text/csv" ;
  dcat:byteSize "1234"^^xsd:nonNegativeInteger ;
  spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ;
    spdx:checksumValue "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"^^xsd:hexBinary ] .
<services/badplatser-api> a dcat:DataService ;
  dct:title "Badplatser API"@sv ; dcat:endpointURL <https://example.org/goteborg/api> ; dct:format "application/json" ;
  dcat:servesDataset <datasets/badplatser> .
`;

export const BORAS_DATASET = 'https://data.boras.se/datasets/parker';

export const BORAS_TURTLE = `${PREFIXES}
<https://data.boras.se/catalog> a dcat:Catalog ;
  dct:title "Borås Stads datakatalog"@sv ; dct:description "Öppna data från Borås Stad."@sv ;
  dct:publisher <http://dataportal.se/organisation/SE2120001561> ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/> ;
  dcat:dataset <${BORAS_DATASET}> .
<http://dataportal.se/organisation/SE2120001561> a foaf:Organization ; foaf:name "Borås Stad"@sv ; dct:type <http://purl.org/adms/publishertype/LocalAuthority> .
<${BORAS_DATASET}> a dcat:Dataset ;
  dct:title "Parker"@sv ; dct:description "Parker och grönområden i Borås."@sv ;
  dct:publisher <http://dataportal.se/organisation/SE2120001561> ;
  dcat:distribution <${BORAS_DATASET}/geojson> .
<${BORAS_DATASET}/geojson> a dcat:Distribution ; dcat:accessURL <https://data.boras.se/files/parker.geojson> ; dct:format "application/geo+json" .
`;
