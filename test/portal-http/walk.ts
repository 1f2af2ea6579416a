import { Parser, Store, DataFactory } from 'n3';

const DCAT_DATASET = DataFactory.namedNode('http://www.w3.org/ns/dcat#dataset');
const HYDRA_NEXT = DataFactory.namedNode('http://www.w3.org/ns/hydra/core#next');
const HYDRA_TOTAL = DataFactory.namedNode('http://www.w3.org/ns/hydra/core#totalItems');
const HYDRA_VIEW = DataFactory.namedNode('http://www.w3.org/ns/hydra/core#view');

export interface CatalogPage {
  url: string;
  datasets: string[];
  next?: string;
  totalItems?: number;
}

/** One /catalog page as a harvester reads it: the union catalog's dcat:dataset links and the view's hydra:next. */
export async function readCatalogPage(base: string, url: string): Promise<CatalogPage> {
  const res = await fetch(url, { headers: { Accept: 'text/turtle' } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  const store = new Store(new Parser({ baseIRI: url }).parse(await res.text()));
  const catalog = DataFactory.namedNode(`${base}/catalog`);
  const datasets = store.getObjects(catalog, DCAT_DATASET, null).map((o) => o.value);
  // The view is found through the catalog, not by spelling the request URL: the server may encode the query differently.
  const views = store.getObjects(catalog, HYDRA_VIEW, null);
  if (views.length !== 1) throw new Error(`${url} has ${views.length} hydra:view links`);
  const view = views[0]!;
  const next = store.getObjects(view, HYDRA_NEXT, null)[0]?.value;
  const total = store.getObjects(view, HYDRA_TOTAL, null)[0]?.value;
  return { url, datasets, ...(next ? { next } : {}), ...(total !== undefined ? { totalItems: Number(total) } : {}) };
}

/** Every page from `first`, following hydra:next to the end; throws on a loop rather than walking forever. */
export async function walkCatalog(base: string, first: string): Promise<CatalogPage[]> {
  const pages: CatalogPage[] = [];
  const seen = new Set<string>();
  for (let url: string | undefined = first; url; ) {
    if (seen.has(url)) throw new Error(`hydra:next leads back to ${url}`);
    seen.add(url);
    const page: CatalogPage = await readCatalogPage(base, url);
    pages.push(page);
    url = page.next;
  }
  return pages;
}
