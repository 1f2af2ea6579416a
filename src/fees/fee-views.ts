import type { FeeReport, OrganisationFees } from './fees.js';

/** Amounts leave the server in SEK with öre as decimals (2600, 516.13); inside they are whole öre. */
export function sek(ore: number): number {
  return ore / 100;
}

const sekOrNull = (ore: number | undefined) => (ore === undefined ? null : sek(ore));

/** The report as JSON: every organisation with its months and their periods, so each figure can be checked. */
export function feeReportJson(report: FeeReport) {
  return {
    year: report.year,
    currency: 'SEK',
    organisations: report.organisations.map((row) => ({
      id: row.organisation.id,
      name: row.organisation.name,
      joined: row.joined ?? null,
      population: row.population ? { population: row.population.population, date: row.population.date, source: row.population.source } : null,
      band: row.band ?? null,
      tierAtYearEnd: row.tierAtYearEnd ?? null,
      startFee: sek(row.startFeeOre),
      licence: sekOrNull(row.licenceOre),
      total: sekOrNull(row.totalOre),
      months: row.months.map((month) => ({
        month: month.month,
        licence: sekOrNull(month.licenceOre),
        periods: month.periods.map((p) => ({ from: p.from, to: p.to, tier: p.tier, days: p.days, monthlyLicence: sekOrNull(p.monthlyOre) })),
      })),
    })),
    totals: { startFee: sek(report.totals.startFeeOre), licence: sek(report.totals.licenceOre), total: sek(report.totals.totalOre) },
    unpriced: report.unpriced,
  };
}

const CSV_COLUMNS = [
  'organisation',
  'name',
  'joined',
  'population',
  'population_date',
  'band',
  'tier_at_year_end',
  'start_fee_sek',
  ...Array.from({ length: 12 }, (_, i) => `licence_${String(i + 1).padStart(2, '0')}_sek`),
  'licence_sek',
  'total_sek',
];

/**
 * The report as CSV (RFC 4180, CRLF, UTF-8): one row per organisation with each month's licence, then a last row
 * with an empty organisation and the name "Total" holding the region's totals. Amounts have two decimals and a
 * point; an amount that cannot be priced is empty.
 */
export function feeReportCsv(report: FeeReport): string {
  const amount = (ore: number | undefined) => (ore === undefined ? '' : sek(ore).toFixed(2));
  const row = (r: OrganisationFees) => [
    r.organisation.id,
    r.organisation.name,
    r.joined ?? '',
    r.population ? String(r.population.population) : '',
    r.population?.date ?? '',
    r.band ?? '',
    r.tierAtYearEnd ?? '',
    amount(r.startFeeOre),
    ...r.months.map((m) => amount(m.licenceOre)),
    amount(r.licenceOre),
    amount(r.totalOre),
  ];
  const monthTotals = Array.from({ length: 12 }, (_, i) =>
    amount(report.organisations.filter((r) => r.totalOre !== undefined).reduce((sum, r) => sum + r.months[i]!.licenceOre!, 0)),
  );
  const total = ['', 'Total', '', '', '', '', '', amount(report.totals.startFeeOre), ...monthTotals, amount(report.totals.licenceOre), amount(report.totals.totalOre)];
  return [CSV_COLUMNS, ...report.organisations.map(row), total].map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Quoted only when it must be: a comma, a quote or a line break inside. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
