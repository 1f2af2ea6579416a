import type { HtmlRenderer } from '../http/representation.js';
import type { CatalogRecord } from '../catalogs/catalog-record.js';
import type { Organisation } from '../organisations/organisations.js';
import type { FoundResource } from './describe.js';
import type { CatalogQualityReport } from '../quality/catalog-report.js';

/**
 * The seam for the portal's pages. Each method answers the renderer of the page for one resource, or undefined when
 * there is no page for it; a route offers `text/html` (and `.html`) only when it gets a renderer. The renderers run
 * only when HTML was chosen, so answering one costs nothing for RDF clients. Set as `AppContext.pages`.
 */
export interface PortalPages {
  /** `/catalogs/{id}`. */
  catalog?(id: string, record: CatalogRecord): HtmlRenderer | undefined;
  /** `/catalog`, the regional catalog (also paged). */
  regionalCatalog?(): HtmlRenderer | undefined;
  /** `/organisations`. */
  organisations?(): HtmlRenderer | undefined;
  /** `/organisations/{id}`. */
  organisation?(organisation: Organisation): HtmlRenderer | undefined;
  /**
   * A dereferenced IRI (under BASE_URL or at `/resource?iri=`): a dataset, distribution, data service, agent…;
   * `resource.types` tells which page fits, `describeResource` gives its triples.
   */
  resource?(resource: FoundResource): HtmlRenderer | undefined;
  /** `/catalogs/{id}/quality`: the catalog's MQA score. */
  quality?(report: CatalogQualityReport): HtmlRenderer;
}
