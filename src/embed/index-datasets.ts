import type { AppContext } from '../context.js';
import { pickText } from '../search/dataset-index.js';
import type { EmbedDatasets } from './view-model.js';

/**
 * The embed page's datasets from the dataset index: the same search, stems and folding as /search, limited to one
 * organisation; newest first without words, by relevance with them.
 */
export function indexEmbedDatasets(ctx: Pick<AppContext, 'datasets' | 'config'>): EmbedDatasets {
  return {
    async find({ organisation, q, lang, page, pageSize }) {
      const result = ctx.datasets.search({ q, filters: { organisation: [organisation] }, sort: q ? 'relevance' : 'modified', page, pageSize, lang });
      return {
        total: result.total,
        results: result.results.map((d) => ({
          iri: d.iri,
          title: pickText(d.title, lang),
          description: pickText(d.description, lang),
          modified: d.modified,
          url: d.iri.startsWith(`${ctx.config.baseUrl}/`) ? d.iri : `${ctx.config.baseUrl}/resource?iri=${encodeURIComponent(d.iri)}`,
        })),
      };
    },
  };
}
