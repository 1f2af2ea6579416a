/** The IRIs the catalog code looks for, named once. */
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const DCAT = 'http://www.w3.org/ns/dcat#';
export const DCT = 'http://purl.org/dc/terms/';
export const HYDRA = 'http://www.w3.org/ns/hydra/core#';
export const FOAF = 'http://xmlns.com/foaf/0.1/';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';

export const dcat = (name: string) => `${DCAT}${name}`;
export const dct = (name: string) => `${DCT}${name}`;
export const hydra = (name: string) => `${HYDRA}${name}`;
