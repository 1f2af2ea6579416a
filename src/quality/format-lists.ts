/**
 * Which EU file types (codes of the Publications Office "file-type" table, src/vocabularies/file-type.ts) count as
 * machine-readable and as non-proprietary for the MQA indicators of those names.
 *
 * data.europa.eu keeps its own two lists (`edp-machine-readable-format`, `edp-non-proprietary-format`); they are not
 * among the reference files, so these are ours, made by applying the methodology's definitions to the file-type
 * table: machine-readable = structured so that a program can read the records without guessing at layout
 * (spreadsheets, tables, linked data, geodata, feeds, OGC services); non-proprietary = a specification anyone may
 * read and implement without a licence from one vendor (W3C, IETF, ISO, OGC, OASIS and the like). A format may be one
 * and not the other (XLSX is machine-readable and, as OOXML, an ISO standard; PDF is non-proprietary but not
 * machine-readable). Extend here, with the reason in the commit.
 */

export const MACHINE_READABLE: ReadonlySet<string> = new Set([
  'CSV', 'TSV', 'JSON', 'JSON_LD', 'GEOJSON', 'XML', 'SCHEMA_XML', 'YAML',
  'RDF', 'RDFA', 'RDF_N_QUADS', 'RDF_N_TRIPLES', 'RDF_THRIFT', 'RDF_TRIG', 'RDF_TRIX', 'RDF_TURTLE', 'RDF_XML', 'N3',
  'OWL', 'SKOS_XML', 'HDT', 'SPARQLQ', 'SPARQLQRES',
  'XLS', 'XLSX', 'XLSB', 'XLSM', 'ODS', 'DBF', 'MDB', 'ODB', 'SQL',
  'GML', 'KML', 'KMZ', 'GPKG', 'SHP', 'GDB', 'MIF_MID', 'DXF', 'E00', 'TAB', 'GRID', 'GRID_ASCII', 'GEOTIFF', 'XYZ',
  'NETCDF', 'HDF', 'LAS', 'LAZ', 'GTFS', 'ICS', 'ATOM', 'RSS', 'SDMX', 'XLIFF', 'TMX', 'METS', 'EFORMS_XML',
  'WMS_SRVC', 'WFS_SRVC', 'WCS_SRVC', 'WMTS_SRVC', 'REST',
]);

export const NON_PROPRIETARY: ReadonlySet<string> = new Set([
  'CSV', 'TSV', 'JSON', 'JSON_LD', 'GEOJSON', 'XML', 'SCHEMA_XML', 'YAML',
  'RDF', 'RDFA', 'RDF_N_QUADS', 'RDF_N_TRIPLES', 'RDF_THRIFT', 'RDF_TRIG', 'RDF_TRIX', 'RDF_TURTLE', 'RDF_XML', 'N3',
  'OWL', 'SKOS_XML', 'HDT', 'SPARQLQ', 'SPARQLQRES',
  'XLSX', 'ODS', 'ODT', 'ODP', 'ODG', 'ODF', 'ODB', 'ODC', 'DOCX', 'PPTX',
  'GML', 'KML', 'KMZ', 'GPKG', 'GRID_ASCII', 'GEOTIFF', 'XYZ', 'NETCDF', 'HDF', 'LAS', 'LAZ', 'GTFS', 'ICS',
  'ATOM', 'RSS', 'SDMX', 'XLIFF', 'TMX', 'METS', 'JATS', 'EFORMS_XML',
  'WMS_SRVC', 'WFS_SRVC', 'WCS_SRVC', 'WMTS_SRVC',
  'HTML', 'HTML5', 'XHTML', 'XHTML5', 'TXT', 'PDF', 'PDFA1A', 'PDFA1B', 'PDFA2A', 'PDFA2B', 'PDFA3', 'PDFUA', 'EPUB',
  'PNG', 'SVG', 'TIFF', 'JPEG', 'JPEG2000', 'WEBP',
  'ZIP', 'GZIP', 'TAR', 'TAR_GZ', 'TAR_XZ', 'BZIP2', '7Z', 'XZ',
]);
