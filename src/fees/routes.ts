import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { badRequest } from '../http/errors.js';
import { chooseRepresentation } from '../http/representation.js';
import type { AdminPages } from '../admin/admin-pages.js';
import { feesOfYear } from './fees.js';
import { feeReportCsv, feeReportJson } from './fee-views.js';
import type { Populations } from './population.js';

const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/**
 * `GET /admin/fees?year=YYYY` (this year without it): what every organisation owes for the year, as JSON, CSV
 * (`Accept: text/csv` or `.csv`) or a page. Region administrators only. Figures follow the tier history as it is
 * now, so a change back-dated into the year shows at once.
 */
export function feesEndpoint(ctx: AppContext, populations: Populations, pages: AdminPages | undefined) {
  return async (req: Request, res: Response): Promise<void> => {
    ctx.auth.requireAdmin(req, 'The fees');
    const year = feeYear(req.query.year);
    const report = () => feesOfYear(year, ctx.organisations.all(), ctx.tiers, populations);
    const chosen = chooseRepresentation(req, res, {
      rdf: false,
      suffix: typeof req.params.ext === 'string' ? req.params.ext : undefined,
      extra: [
        { mediaType: 'application/json', extension: 'json' },
        { mediaType: 'text/csv', extension: 'csv' },
      ],
      html: pages ? async (rq, rs) => void rs.type('text/html; charset=utf-8').send(pages.fees(report(), rq)) : undefined,
    });
    res.setHeader('Cache-Control', 'no-store');
    if (chosen.kind === 'html') return chosen.render(req, res);
    if (chosen.mediaType === 'text/csv') {
      res.setHeader('Content-Disposition', `attachment; filename="fees-${year}.csv"`);
      res.type('text/csv; charset=utf-8; header=present').send(feeReportCsv(report()));
      return;
    }
    res.type('application/json; charset=utf-8').send(JSON.stringify(feeReportJson(report())));
  };
}

function feeYear(raw: unknown): number {
  if (raw === undefined) return new Date().getUTCFullYear();
  const year = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
    throw badRequest(`year must be a year from ${FIRST_YEAR} to ${LAST_YEAR} (YYYY), got "${String(raw)}"`, { parameter: 'year' });
  }
  return year;
}
