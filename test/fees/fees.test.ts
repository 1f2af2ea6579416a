import fs from 'node:fs';
import { expect } from 'chai';
import { Records } from '../../src/records/records.js';
import { Tiers } from '../../src/tiers/tiers.js';
import { feesOfYear, type OrganisationFees } from '../../src/fees/fees.js';
import { bandOf } from '../../src/fees/fee-rules.js';
import { Populations, parsePopulations, PopulationDataError } from '../../src/fees/population.js';
import { feeReportCsv, feeReportJson } from '../../src/fees/fee-views.js';
import { tempDataDir } from '../support/server.js';

const org = (id: string, type: 'kommun' | 'region' = 'kommun') => ({ id, name: `${id} kommun`, type });
const figure = (slug: string, population: number, date = '2025-12-31') => ({ slug, figure: { population, date, source: 'test' } });

describe('fees', () => {
  let dir: string;
  let records: Records;
  let tiers: Tiers;
  beforeEach(() => {
    dir = tempDataDir('dpv-fees-');
    records = Records.open(dir);
    tiers = new Tiers(records.db);
  });
  afterEach(() => {
    records.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const one = (year: number, id: string, populations: Populations): OrganisationFees =>
    feesOfYear(year, [org(id)], tiers, populations).organisations[0]!;

  describe('population bands', () => {
    it('puts both boundaries, 10,000 and 25,000, in the middle band', () => {
      expect(bandOf(0)).to.equal('under-10000');
      expect(bandOf(9_999)).to.equal('under-10000');
      expect(bandOf(10_000)).to.equal('10000-25000');
      expect(bandOf(25_000)).to.equal('10000-25000');
      expect(bandOf(25_001)).to.equal('over-25000');
    });

    it('prices a whole year on ENKEL by band: 500, 900 and 1,900 a month, either side of each boundary', () => {
      const populations = new Populations([figure('a', 9_999), figure('b', 10_000), figure('c', 25_000), figure('d', 25_001)]);
      for (const id of ['a', 'b', 'c', 'd']) tiers.set(id, 'ENKEL', '2025-06-01', 'admin token');
      const licence = (id: string) => one(2026, id, populations).licenceOre;
      expect([licence('a'), licence('b'), licence('c'), licence('d')]).to.deep.equal([12 * 500_00, 12 * 900_00, 12 * 900_00, 12 * 1_900_00]);
    });

    it('prices AVANCERAD at 6,200 a month whatever the population', () => {
      const populations = new Populations([figure('small', 4_571), figure('large', 613_278)]);
      tiers.set('small', 'AVANCERAD', '2025-01-01', 'admin token');
      tiers.set('large', 'AVANCERAD', '2025-01-01', 'admin token');
      expect(one(2026, 'small', populations).licenceOre).to.equal(12 * 6_200_00);
      expect(one(2026, 'large', populations).licenceOre).to.equal(12 * 6_200_00);
    });
  });

  describe('start fee and joining', () => {
    const populations = new Populations([figure('hjo', 9_322)]);

    it('charges 2,600 in the year it joined and prorates the month it joined by days', () => {
      tiers.set('hjo', 'ENKEL', '2026-01-20', 'admin token');
      const fees = one(2026, 'hjo', populations);
      expect(fees.joined).to.equal('2026-01-20');
      expect(fees.startFeeOre).to.equal(2_600_00);
      // 12 of January's 31 days at 500 a month: 193.548… rounded to 193.55.
      expect(fees.months[0]!.licenceOre).to.equal(193_55);
      expect(fees.months[0]!.periods).to.deep.equal([{ from: '2026-01-20', to: '2026-01-31', tier: 'ENKEL', days: 12, monthlyOre: 500_00 }]);
      expect(fees.licenceOre).to.equal(193_55 + 11 * 500_00);
      expect(fees.totalOre).to.equal(2_600_00 + 193_55 + 11 * 500_00);
    });

    it('charges no start fee the year after, and nothing at all before it joined', () => {
      tiers.set('hjo', 'ENKEL', '2026-01-20', 'admin token');
      expect(one(2027, 'hjo', populations)).to.include({ startFeeOre: 0, licenceOre: 12 * 500_00, totalOre: 12 * 500_00 });
      expect(one(2025, 'hjo', populations)).to.include({ startFeeOre: 0, licenceOre: 0, totalOre: 0, tierAtYearEnd: undefined });
    });

    it('an organisation that has not joined pays nothing and has no tier, though it has a population', () => {
      const fees = one(2026, 'hjo', populations);
      expect(fees).to.include({ joined: undefined, startFeeOre: 0, licenceOre: 0, totalOre: 0, tierAtYearEnd: undefined, band: 'under-10000' });
      expect(fees.months.every((m) => m.periods.length === 0)).to.equal(true);
    });

    it('a first tier set from an earlier day moves the joining and the start fee with it', () => {
      tiers.set('hjo', 'ENKEL', '2026-03-01', 'admin token');
      tiers.set('hjo', 'ENKEL', '2025-11-01', 'admin token');
      expect(one(2025, 'hjo', populations)).to.include({ joined: '2025-11-01', startFeeOre: 2_600_00, licenceOre: 2 * 500_00 });
      expect(one(2026, 'hjo', populations).startFeeOre).to.equal(0);
    });
  });

  describe('a change of tier within the year', () => {
    const populations = new Populations([figure('boras', 115_238)]);

    it('is prorated by days in the month of the change (the worked example of the README)', () => {
      tiers.set('boras', 'ENKEL', '2026-03-01', 'admin token');
      tiers.set('boras', 'AVANCERAD', '2026-09-16', 'admin token');
      const fees = one(2026, 'boras', populations);
      expect(fees.months.map((m) => m.licenceOre! / 100)).to.deep.equal([0, 0, 1900, 1900, 1900, 1900, 1900, 1900, 4050, 6200, 6200, 6200]);
      expect(fees.months[8]!.periods.map((p) => [p.tier, p.days])).to.deep.equal([['ENKEL', 15], ['AVANCERAD', 15]]);
      expect(fees.startFeeOre).to.equal(2_600_00);
      expect(fees.licenceOre).to.equal(34_050_00);
      expect(fees.totalOre).to.equal(36_650_00);
      expect(fees.tierAtYearEnd).to.equal('AVANCERAD');
    });

    it('counts February of a leap year as 29 days', () => {
      tiers.set('boras', 'AVANCERAD', '2027-01-01', 'admin token');
      tiers.set('boras', 'ENKEL', '2028-02-15', 'admin token');
      // 14 days at 6,200 and 15 days at 1,900, over 29: (86,800 + 28,500) / 29 = 3,975.862… → 3,975.86.
      expect(one(2028, 'boras', populations).months[1]!.licenceOre).to.equal(3_975_86);
    });

    it('a change on the first of a month costs that month wholly on the new tier', () => {
      tiers.set('boras', 'ENKEL', '2025-01-01', 'admin token');
      tiers.set('boras', 'AVANCERAD', '2026-07-01', 'admin token');
      const fees = one(2026, 'boras', populations);
      expect(fees.months[5]!.licenceOre).to.equal(1_900_00);
      expect(fees.months[6]!.licenceOre).to.equal(6_200_00);
      expect(fees.licenceOre).to.equal(6 * 1_900_00 + 6 * 6_200_00);
    });
  });

  describe('totals and what cannot be priced', () => {
    it('adds every organisation into the region totals, per month in CSV too', () => {
      const populations = new Populations([figure('hjo', 9_322), figure('boras', 115_238), figure('ale', 32_620)]);
      tiers.set('hjo', 'ENKEL', '2026-01-20', 'admin token');
      tiers.set('boras', 'AVANCERAD', '2025-01-01', 'admin token');
      const report = feesOfYear(2026, [org('hjo'), org('boras'), org('ale')], tiers, populations);
      const hjo = 2_600_00 + 193_55 + 11 * 500_00;
      const boras = 12 * 6_200_00;
      expect(report.totals).to.deep.equal({ startFeeOre: 2_600_00, licenceOre: hjo - 2_600_00 + boras, totalOre: hjo + boras });
      expect(report.unpriced).to.deep.equal([]);
      const json = feeReportJson(report);
      expect(json.totals).to.deep.equal({ startFee: 2600, licence: (hjo - 2_600_00 + boras) / 100, total: (hjo + boras) / 100 });
      const lines = feeReportCsv(report).trimEnd().split('\r\n');
      expect(lines).to.have.length(5);
      expect(lines[0]).to.match(/^organisation,name,joined,population,population_date,band,tier_at_year_end,start_fee_sek,licence_01_sek,/);
      expect(lines[1]).to.equal(`hjo,hjo kommun,2026-01-20,9322,2025-12-31,under-10000,ENKEL,2600.00,193.55,${Array(11).fill('500.00').join(',')},5693.55,8293.55`);
      expect(lines[3]).to.equal(`ale,ale kommun,,32620,2025-12-31,over-25000,,0.00,${Array(12).fill('0.00').join(',')},0.00,0.00`);
      expect(lines[4]).to.equal(`,Total,,,,,,2600.00,6393.55,${Array(11).fill('6700.00').join(',')},80093.55,82693.55`);
    });

    it('an ENKEL organisation without a population figure is not priced, is named, and stays out of the totals', () => {
      const populations = new Populations([figure('boras', 115_238)]);
      tiers.set('nowhere', 'ENKEL', '2026-01-01', 'admin token');
      tiers.set('boras', 'AVANCERAD', '2026-01-01', 'admin token');
      tiers.set('elsewhere', 'AVANCERAD', '2026-01-01', 'admin token');
      const report = feesOfYear(2026, [org('nowhere'), org('boras'), org('elsewhere')], tiers, populations);
      expect(report.organisations[0]).to.include({ licenceOre: undefined, totalOre: undefined, band: undefined });
      // AVANCERAD needs no figure.
      expect(report.organisations[2]!.totalOre).to.equal(2_600_00 + 12 * 6_200_00);
      expect(report.unpriced).to.deep.equal(['nowhere']);
      expect(report.totals.totalOre).to.equal(2 * (2_600_00 + 12 * 6_200_00));
      expect(feeReportJson(report).organisations[0]).to.include({ licence: null, total: null, band: null });
    });
  });

  describe('population figures', () => {
    it('use the latest figure counted before the year begins, else the oldest there is', () => {
      const populations = new Populations([figure('ulricehamn', 25_054, '2024-12-31'), figure('ulricehamn', 24_954, '2025-12-31')]);
      const ulricehamn = org('ulricehamn');
      expect(populations.forYear(ulricehamn, 2024)?.population).to.equal(25_054);
      expect(populations.forYear(ulricehamn, 2025)?.population).to.equal(25_054);
      expect(populations.forYear(ulricehamn, 2026)?.population).to.equal(24_954);
      expect(populations.forYear(org('unknown'), 2026)).to.equal(undefined);
    });

    it('the shipped file has all 49 municipalities; the region is the county, their sum on the same day', () => {
      const populations = Populations.load();
      expect(populations.forYear(org('ulricehamn'), 2026)).to.deep.include({ population: 24_954, date: '2025-12-31' });
      expect(populations.forYear(org('goteborg'), 2026)?.source).to.match(/Kolada KPI N01951/);
      const region = populations.forYear(org('vgr', 'region'), 2026)!;
      expect(region).to.include({ population: 1_777_794, date: '2025-12-31' });
      expect(region.source).to.match(/^sum of the 49 municipalities/);
    });

    it('refuses a broken file naming the line', () => {
      const header = 'slug,name,kommunkod,population,year,source\n';
      expect(() => parsePopulations(`${header}ale,Ale,1440,many,2025-12-31,x\n`)).to.throw(PopulationDataError, /line 2: population must be a whole number/);
      expect(() => parsePopulations(`${header}ale,Ale,1440,1,2025-12-31,\n`)).to.throw(PopulationDataError, /line 2: source is empty/);
      expect(() => parsePopulations(`${header}ale,Ale,1440,1,2025,x\n`)).to.throw(PopulationDataError, /YYYY-MM-DD/);
      expect(() => parsePopulations('slug,population\n')).to.throw(PopulationDataError, /header/);
    });
  });
});
