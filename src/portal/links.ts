/**
 * Where the portal's links go. Everything is built with URL/URLSearchParams from the page's own URL so the rest of a
 * query (filters, paging) survives a change of language or page, and nothing a user typed reaches the markup
 * unencoded.
 */

/** The RDF representations every described resource has, in the order pages list them. */
export const RDF_SUFFIXES = [
  { extension: 'ttl', name: 'Turtle', mediaType: 'text/turtle' },
  { extension: 'jsonld', name: 'JSON-LD', mediaType: 'application/ld+json' },
  { extension: 'rdf', name: 'RDF/XML', mediaType: 'application/rdf+xml' },
  { extension: 'nt', name: 'N-Triples', mediaType: 'application/n-triples' },
] as const;

const ANY_ORIGIN = 'http://portal.invalid';

/** A path-and-query URL (as express's `req.originalUrl`) with some parameters set (a value) or removed (null). */
export function withParams(url: string, changes: Record<string, string | readonly string[] | null>): string {
  const parsed = new URL(url, ANY_ORIGIN);
  for (const [name, value] of Object.entries(changes)) {
    parsed.searchParams.delete(name);
    if (value === null) continue;
    for (const one of typeof value === 'string' ? [value] : value) parsed.searchParams.append(name, one);
  }
  return relativeOrAbsolute(parsed);
}

/** The parameters of a path-and-query URL. */
export function paramsOf(url: string): URLSearchParams {
  return new URL(url, ANY_ORIGIN).searchParams;
}

function relativeOrAbsolute(parsed: URL): string {
  if (parsed.origin === ANY_ORIGIN) return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  return parsed.href;
}

/** Whether an IRI is one this server dereferences itself (minted under BASE_URL). */
export function isLocalIri(iri: string, baseUrl: string): boolean {
  return iri.startsWith(`${baseUrl}/`);
}

/** The page of a resource: the IRI itself under BASE_URL, else `/resource?iri=…`. */
export function resourcePath(iri: string, baseUrl: string): string {
  if (isLocalIri(iri, baseUrl)) return iri;
  return `/resource?${new URLSearchParams({ iri }).toString()}`;
}

/**
 * The RDF alternates of a resource: `{iri}.{ext}` for IRIs under BASE_URL (the suffix rule of every route), and
 * `/resource.{ext}?iri=…` for publisher-chosen IRIs, which have no path of ours to add a suffix to.
 */
export function rdfAlternates(iri: string, baseUrl: string): { href: string; name: string; mediaType: string }[] {
  return RDF_SUFFIXES.map((suffix) => ({
    href: isLocalIri(iri, baseUrl) && !/[?#]/.test(iri) ? `${iri}.${suffix.extension}` : `/resource.${suffix.extension}?${new URLSearchParams({ iri }).toString()}`,
    name: suffix.name,
    mediaType: suffix.mediaType,
  }));
}

/**
 * Keeps a language chosen with the switch on the links of a page: a reader who picked English on a Swedish browser
 * would otherwise fall back to Swedish at the next click. A language that came from Accept-Language needs no carrying.
 */
export function carryLanguage(href: string, carried: string | null): string {
  if (carried === null) return href;
  const parsed = new URL(href, ANY_ORIGIN);
  parsed.searchParams.set('lang', carried);
  return relativeOrAbsolute(parsed);
}

/** The last path segment or fragment of an IRI, readable: what is shown when no label is known. */
export function lastSegment(iri: string): string {
  const trimmed = iri.replace(/[/#]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('#'));
  const segment = cut >= 0 ? trimmed.slice(cut + 1) : trimmed;
  try {
    return decodeURIComponent(segment) || iri;
  } catch {
    return segment || iri;
  }
}
