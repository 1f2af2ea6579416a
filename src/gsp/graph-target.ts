import type { Request } from 'express';
import { badRequest } from '../http/errors.js';
import { DEFAULT_GRAPH, type GraphName } from '../store/store.js';

export type GraphTarget = { graph: GraphName } | { dataset: true };

/**
 * Which graph a Graph Store Protocol request names: `?default`, `?graph=<IRI>` (indirect), or the request URL
 * itself under /store/ (direct). The bare endpoint names the whole store (POST there creates a new graph).
 */
export function graphTarget(req: Request, baseUrl: string, mount: string): GraphTarget {
  const url = new URL(req.originalUrl, 'http://x');
  const hasDefault = url.searchParams.has('default');
  const graphs = url.searchParams.getAll('graph');
  const direct = url.pathname.length > mount.length + 1 ? url.pathname : undefined;
  if ([hasDefault, graphs.length > 0, direct !== undefined].filter(Boolean).length > 1 || graphs.length > 1) {
    throw badRequest('Name one graph: either ?default, one ?graph=<IRI>, or a URL under the store');
  }
  if (hasDefault) return { graph: DEFAULT_GRAPH };
  if (graphs.length) {
    const iri = graphs[0]!;
    try {
      new URL(iri);
    } catch {
      throw badRequest(`?graph= must be an absolute IRI, got "${iri}"`);
    }
    if (/[\s<>"{}|\\^`]/.test(iri)) throw badRequest(`?graph= contains characters not allowed in an IRI: "${iri}"`);
    return { graph: iri };
  }
  if (direct) return { graph: `${baseUrl}${direct}` };
  return { dataset: true };
}
