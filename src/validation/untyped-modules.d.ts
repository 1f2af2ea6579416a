// Factories of the RDF/JS environment rdf-validate-shacl builds on; they ship without type declarations.
declare module '@rdfjs/data-model/Factory.js';
declare module '@rdfjs/term-map/Factory.js';
declare module 'clownface/Factory.js';
