import { expect } from 'chai';
import {
  Organisations,
  OrganisationsDataError,
  catalogOwnerId,
  parseOrganisations,
} from '../../src/organisations/organisations.js';

const HEADER = 'id,name,type,municipality_code,organisation_number,population,population_year,web_domain,sub_region';
const GOTEBORG = 'goteborg,Göteborgs Stad,kommun,1480,212000-1355,608993,2024,goteborg.se,Göteborgsregionen';
const VGR = 'vgr,Västra Götalandsregionen,region,14,232100-0131,1772821,2024,vgregion.se,';

describe('organisations list (data/organisations.csv)', () => {
  it('loads the 50 organisations shipped in data/, from any working directory', () => {
    const cwd = process.cwd();
    try {
      process.chdir('/');
      const organisations = Organisations.load('http://example.se');
      expect(organisations.all()).to.have.length(50);
      expect(organisations.all()[0]!.id).to.equal('vgr');
      expect(organisations.all().filter((o) => o.type === 'kommun')).to.have.length(49);
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads every column, with empty values as null', () => {
    const organisations = Organisations.load('http://example.se');
    expect(organisations.get('goteborg')).to.deep.equal({
      id: 'goteborg',
      name: 'Göteborgs Stad',
      type: 'kommun',
      municipalityCode: '1480',
      organisationNumber: '212000-1355',
      population: 608993,
      populationYear: 2024,
      webDomain: 'goteborg.se',
      subRegion: 'Göteborgsregionen',
    });
    const tanum = organisations.get('tanum')!;
    expect([tanum.organisationNumber, tanum.population, tanum.populationYear]).to.deep.equal([null, null, null]);
    expect(organisations.get('vgr')!.subRegion).to.equal(null);
    expect(organisations.get('nowhere')).to.equal(undefined);
  });

  it('names an organisation by its dataportal.se IRI when its number is known, else by its page here', () => {
    const organisations = Organisations.load('https://data.vgregion.se');
    expect(organisations.publisherIri(organisations.get('goteborg')!)).to.equal('http://dataportal.se/organisation/SE2120001355');
    expect(organisations.publisherIri(organisations.get('vgr')!)).to.equal('http://dataportal.se/organisation/SE2321000131');
    expect(organisations.publisherIri(organisations.get('dalsed')!)).to.equal('https://data.vgregion.se/organisations/dalsed');
    expect(organisations.documentIri(organisations.get('goteborg')!)).to.equal('https://data.vgregion.se/organisations/goteborg');
  });

  // [file content, message the start-up error must contain]
  const BROKEN: [string, string, RegExp][] = [
    ['another header', `id,name\n${GOTEBORG}\n`, /header must be/],
    ['no rows', `${HEADER}\n`, /lists no organisations/],
    ['a short row', `${HEADER}\ngoteborg,Göteborgs Stad\n`, /line 2: expected 9 fields .*, got 2/],
    ['an unclosed quote', `${HEADER}\n"goteborg,x\n`, /not valid CSV/],
    ['a duplicate id', `${HEADER}\n${GOTEBORG}\n${GOTEBORG}\n`, /line 3: id "goteborg" is already used on line 2/],
    ['an id that is not a slug', `${HEADER}\n${GOTEBORG.replace('goteborg,', 'Göteborg,')}\n`, /line 2: id must be a lower-case ASCII slug/],
    ['an unknown type', `${HEADER}\n${GOTEBORG.replace(',kommun,', ',stad,')}\n`, /type must be "region" or "kommun"/],
    ['a 3-digit kommunkod', `${HEADER}\n${GOTEBORG.replace(',1480,', ',148,')}\n`, /municipality_code of a kommun must be 4 digits/],
    ['a malformed org number', `${HEADER}\n${GOTEBORG.replace('212000-1355', '2120001355')}\n`, /NNNNNN-NNNN/],
    ['a wrong check digit', `${HEADER}\n${GOTEBORG.replace('212000-1355', '212000-1354')}\n`, /fails the check digit/],
    ['a population without year', `${HEADER}\n${GOTEBORG.replace(',2024,', ',,')}\n`, /both be given or both be empty/],
    ['a non-numeric population', `${HEADER}\n${GOTEBORG.replace('608993', '609k')}\n`, /population must be a whole number/],
    ['a URL for a domain', `${HEADER}\n${GOTEBORG.replace('goteborg.se,', 'https://goteborg.se,')}\n`, /web_domain must be a domain name/],
  ];
  for (const [what, text, message] of BROKEN) {
    it(`refuses a file with ${what}`, () => {
      expect(() => parseOrganisations(text, 'organisations.csv')).to.throw(OrganisationsDataError, message);
    });
  }

  it('accepts a byte-order mark, blank lines and the region row', () => {
    const list = parseOrganisations(`\uFEFF${HEADER}\n${VGR}\n\n${GOTEBORG}\n`);
    expect(list.map((o) => o.id)).to.deep.equal(['vgr', 'goteborg']);
  });

  it('fails start-up clearly when the file is missing', () => {
    expect(() => Organisations.load('http://example.se', '/nonexistent/organisations.csv')).to.throw(OrganisationsDataError, /cannot read the organisations list/);
  });
});

describe('which organisation a catalog belongs to', () => {
  const ids = ['vgr', 'goteborg', 'lilla', 'lilla-edet', 'lillaedet'];
  // [catalog id, owning organisation id or undefined]
  const CASES: [string, string | undefined][] = [
    ['goteborg', 'goteborg'],
    ['goteborg-trafik', 'goteborg'],
    ['goteborg-trafik-2024', 'goteborg'],
    ['lilla-edet', 'lilla-edet'],
    ['lilla-edet-parkering', 'lilla-edet'],
    ['lilla-x', 'lilla'],
    ['lillaedet-x', 'lillaedet'],
    ['goteborg-', undefined],
    ['goteborgs', undefined],
    ['boras', undefined],
    ['', undefined],
  ];
  for (const [catalog, owner] of CASES) {
    it(`${catalog || '(empty)'} → ${owner ?? 'nobody'}`, () => {
      expect(catalogOwnerId(catalog, ids)).to.equal(owner);
    });
  }

  it('resolves against the shipped list', () => {
    const organisations = Organisations.load('http://example.se');
    expect(organisations.forCatalog('goteborg-miljo')?.id).to.equal('goteborg');
    expect(organisations.forCatalog('vgr')?.id).to.equal('vgr');
    expect(organisations.forCatalog('stockholm')).to.equal(undefined);
  });
});
