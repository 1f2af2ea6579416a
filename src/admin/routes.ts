import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { chooseRepresentation } from '../http/representation.js';
import { sek } from '../fees/fee-views.js';
import type { Populations } from '../fees/population.js';
import { today } from '../tiers/tier-status.js';
import type { AdminPages } from './admin-pages.js';
import { regionOverview, type RegionOverview } from './overview.js';

/**
 * `GET /admin`: the region's overview (every organisation, its tier and since when, this year's fees, catalogs,
 * datasets, coordinator, usage) as a page with the form that sets tiers, or as JSON (`.json`). Region
 * administrators only.
 */
export function overviewEndpoint(ctx: AppContext, populations: Populations, pages: AdminPages | undefined) {
  return async (req: Request, res: Response): Promise<void> => {
    ctx.auth.requireAdmin(req, 'The region\'s overview');
    const model = () => regionOverview(ctx, populations, today());
    const chosen = chooseRepresentation(req, res, {
      rdf: false,
      suffix: typeof req.params.ext === 'string' ? req.params.ext : undefined,
      extra: [{ mediaType: 'application/json', extension: 'json' }],
      html: pages ? async (rq, rs) => void rs.type('text/html; charset=utf-8').send(pages.overview(model(), rq)) : undefined,
    });
    res.setHeader('Cache-Control', 'no-store');
    if (chosen.kind === 'html') return chosen.render(req, res);
    res.type('application/json; charset=utf-8').send(JSON.stringify(overviewJson(model())));
  };
}

function overviewJson(model: RegionOverview) {
  return {
    day: model.day,
    year: model.year,
    organisations: model.rows.map((row) => ({
      id: row.organisation.id,
      name: row.organisation.name,
      tier: row.status.tier ?? null,
      since: row.status.since ?? null,
      joined: row.status.joined ?? null,
      fees: { startFee: sek(row.fees.startFeeOre), licence: row.fees.licenceOre === undefined ? null : sek(row.fees.licenceOre), total: row.fees.totalOre === undefined ? null : sek(row.fees.totalOre) },
      catalogs: row.catalogs,
      datasets: row.datasets,
      coordinator: row.coordinator ?? null,
      usage: row.usage ?? null,
    })),
  };
}
