import sparqljs from 'sparqljs';
import { badRequest } from '../http/errors.js';

/**
 * Apply the protocol's `using-graph-uri` / `using-named-graph-uri` to an update. Oxigraph's update call has no
 * dataset option, so the update is parsed and each DELETE/INSERT gets the matching USING clauses. An update that
 * already has USING or WITH may not also have them from the protocol (SPARQL 1.1 Protocol §2.2.3).
 */
export function applyUsingGraphs(update: string, usingGraphs: string[], usingNamedGraphs: string[], baseIri: string): string {
  if (usingGraphs.length === 0 && usingNamedGraphs.length === 0) return update;
  let parsed: sparqljs.Update;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(update) as sparqljs.Update;
  } catch (error) {
    throw badRequest(`The update is not valid SPARQL: ${(error as Error).message}`);
  }
  for (const operation of parsed.updates) {
    if (!('updateType' in operation) || operation.updateType !== 'insertdelete') continue;
    if (operation.using || operation.graph) {
      throw badRequest('The update has USING or WITH; it may not also be given using-graph-uri or using-named-graph-uri');
    }
    operation.using = {
      default: usingGraphs.map((iri) => ({ termType: 'NamedNode', value: iri }) as sparqljs.IriTerm),
      named: usingNamedGraphs.map((iri) => ({ termType: 'NamedNode', value: iri }) as sparqljs.IriTerm),
    };
  }
  return new sparqljs.Generator().stringify(parsed);
}
