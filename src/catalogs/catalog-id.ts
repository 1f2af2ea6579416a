import { badRequest } from '../http/errors.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Check a catalog id from a URL: lower-case letters, digits and single hyphens. */
export function checkCatalogId(id: string): string {
  if (!SLUG.test(id)) {
    throw badRequest(`"${id}" is not a catalog id: use lower-case letters, digits and hyphens, e.g. "goteborg" or "goteborg-miljo"`);
  }
  return id;
}

/** The named graph of a catalog: exactly {BASE_URL}/catalogs/{id} (the contract). */
export const catalogGraph = (baseUrl: string, id: string) => `${baseUrl}/catalogs/${id}`;

/** Relative IRIs in a submitted catalog resolve against {BASE_URL}/catalogs/{id}/. */
export const catalogBase = (baseUrl: string, id: string) => `${catalogGraph(baseUrl, id)}/`;
