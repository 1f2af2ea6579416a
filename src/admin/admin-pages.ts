import type { Request } from 'express';
import type { PortalRenderer, PageRequest } from '../portal/render.js';
import { chooseLanguage } from '../portal/language.js';
import { formatDate, formatNumber } from '../portal/format.js';
import type { Lang } from '../portal/messages.js';
import { TIERS } from '../tiers/tier-rules.js';
import { TIER_FORM_PATH } from '../tiers/tier-routes.js';
import type { FeeReport } from '../fees/fees.js';
import { sek } from '../fees/fee-views.js';
import { adminMessages, type AdminMessages } from './admin-messages.js';
import { formProtectionFields } from './overview-columns.js';
import type { RegionOverview } from './overview.js';

export const FEES_PATH = '/admin/fees';
export { OVERVIEW_PATH } from '../tiers/tier-routes.js';

const LOCALES: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

/** The region's administration pages in the portal's layout; the data is built here, the templates only place it. */
export class AdminPages {
  constructor(private readonly renderer: PortalRenderer) {}

  overview(model: RegionOverview, req: Request): string {
    const page = pageRequest(req);
    const a = adminMessages(page.lang);
    const changed = typeof req.query.changed === 'string' ? model.rows.find((r) => r.organisation.id === req.query.changed) : undefined;
    const money = moneyFormat(page.lang);
    return this.renderer.renderPage('admin-overview', a.overviewTitle, {
      a,
      sub: this.subNav(a, page, 'overview'),
      changed: changed && a.overviewChanged(changed.organisation.name),
      caption: a.overviewCaption(String(model.year)),
      rows: model.rows.map((row) => ({
        anchor: `org-${row.organisation.id}`,
        name: row.organisation.name,
        href: this.renderer.link(`/organisations/${encodeURIComponent(row.organisation.id)}`, page),
        tier: row.status.tier ?? a.notJoined,
        since: row.status.since ? isoDay(row.status.since) : undefined,
        joined: row.status.joined ? isoDay(row.status.joined) : undefined,
        fees: row.fees.totalOre === undefined ? a.unknown : money(row.fees.totalOre),
        catalogs: row.catalogs.map((id) => ({ id, href: this.renderer.link(`/catalogs/${encodeURIComponent(id)}`, page) })),
        datasets: formatNumber(row.datasets, page.lang),
        coordinator: row.coordinator ? row.coordinator.name : a.unknown,
        usage: row.usage ? `${formatNumber(Math.round((row.usage.storageBytes / row.usage.storageQuotaBytes) * 1000) / 10, page.lang)} %` : a.unknown,
      })),
      form: {
        action: TIER_FORM_PATH,
        hidden: [...formProtectionFields(req), ...(paramsLang(req) ? [{ name: 'lang', value: page.lang }] : [])],
        organisations: model.rows.map((row) => ({ value: row.organisation.id, label: row.organisation.name })),
        tiers: TIERS,
        today: model.day,
      },
    }, page);
  }

  fees(report: FeeReport, req: Request): string {
    const page = pageRequest(req);
    const a = adminMessages(page.lang);
    const money = moneyFormat(page.lang);
    const amount = (ore: number | undefined) => (ore === undefined ? a.unknown : money(ore));
    const year = String(report.year);
    const dates = [...new Set(report.organisations.map((r) => r.population?.date).filter((d): d is string => d !== undefined))];
    // The data is the same in every language, so the download links carry no ?lang=.
    const suffixLink = (ext: string) => `${FEES_PATH}.${ext}?year=${year}`;
    return this.renderer.renderPage('admin-fees', a.feesTitle(year), {
      a,
      sub: this.subNav(a, page, 'fees'),
      heading: a.feesTitle(year),
      year,
      hiddenLang: paramsLang(req) ? page.lang : undefined,
      rows: report.organisations.map((row) => ({
        name: row.organisation.name,
        joined: row.joined ? isoDay(row.joined) : undefined,
        notJoined: a.notJoined,
        population: row.population ? formatNumber(row.population.population, page.lang) : a.unknown,
        band: row.band ? a.bands[row.band] : a.unknown,
        tier: row.tierAtYearEnd ?? '–',
        startFee: money(row.startFeeOre),
        licence: amount(row.licenceOre),
        total: amount(row.totalOre),
      })),
      totals: { startFee: money(report.totals.startFeeOre), licence: money(report.totals.licenceOre), total: money(report.totals.totalOre) },
      unpriced: report.unpriced.length ? a.feesUnpriced(report.unpriced.join(', ')) : undefined,
      populationSource: dates.length ? a.feesPopulationSource(dates.map((d) => formatDate(d, page.lang)).join(', ')) : undefined,
      downloads: [
        { href: suffixLink('csv'), name: 'CSV', mediaType: 'text/csv' },
        { href: suffixLink('json'), name: 'JSON', mediaType: 'application/json' },
      ],
    }, page);
  }

  private subNav(a: AdminMessages, page: PageRequest, current: 'overview' | 'fees') {
    return [
      { label: a.navOverview, href: this.renderer.link('/admin', page), current: current === 'overview' },
      { label: a.navFees, href: this.renderer.link(FEES_PATH, page), current: current === 'fees' },
    ];
  }
}

/** Days in the wide tables are written YYYY-MM-DD: short, sortable, and as the API and the form take them. */
function isoDay(day: string): { text: string; datetime: string } {
  return { text: day, datetime: day };
}

function pageRequest(req: Request): PageRequest {
  return { lang: chooseLanguage(req), url: req.originalUrl };
}

function paramsLang(req: Request): boolean {
  return req.query.lang === 'sv' || req.query.lang === 'en';
}

/** Amounts on these pages always show öre, as an invoice does: "2 600,00". */
function moneyFormat(lang: Lang): (ore: number) => string {
  const format = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (ore) => format.format(sek(ore));
}
