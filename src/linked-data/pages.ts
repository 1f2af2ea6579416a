import type { HtmlRenderer } from '../http/representation.js';
import type { CatalogRecord } from '../catalogs/catalog-record.js';
import type { Organisation } from '../organisations/organisations.js';
import type { FoundResource } from './describe.js';
import type { CatalogQualityReport } from '../quality/catalog-report.js';
import type { ValidationReport } from '../validation/report.js';
import type { HttpError } from '../http/errors.js';

/** What the dry-run form is shown again with after a refused post: the fields as sent and the error. */
export interface FormState {
  profile?: string;
  syntax?: string;
  text?: string;
  error?: HttpError;
}

/** A report with the N-Triples text it is of (its dataset titles come from the text). */
export interface ReportOfText {
  report: ValidationReport;
  ntriples: string;
  profile: string;
  /** A dry run's uploaded file name. */
  source?: string;
}

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
  /** `/catalogs/{id}/validation`: the report of the catalog as last accepted; `load` runs only when HTML is sent. */
  catalogValidation?(id: string, record: CatalogRecord, load: () => Promise<ReportOfText>): HtmlRenderer | undefined;
  /** `POST /validate` from a browser: the report of a dry run. */
  validationReport?(run: ReportOfText): HtmlRenderer | undefined;
  /** `GET /validate`: the dry-run form; after a refused post, shown again with what was sent and why. */
  validateForm?(state?: FormState): HtmlRenderer | undefined;
}
