/**
 * Issue requirement: what the server serves for a conforming catalog validates without Violations against the
 * official SEMIC DCAT-AP 3.0.1 shapes in ../shared/reference/dcat-ap/3.0.1 — `shapes.ttl` on the catalog alone,
 * `range.ttl` with the EU vocabularies of ../shared/reference/vocabularies merged in, as the EU validator does.
 *
 * The official files are run here with rdf-validate-shacl, in the test process, on the documents the server serves
 * (GET, Turtle and RDF/XML) — not through the server's own validator, and not on the fixtures as written.
 *
 * How this maps to the EU validator (ITB; reference/itb/*\/config.properties, fact sheet dcat-ap.md §8, §10):
 * - (i) `shapes.ttl` alone on the served graph = mode "3.0.1 Base Zero (no background knowledge)".
 * - (ii) `range.ttl` = mode "3.0.1 Ranges (with background knowledge)": ITB resolves the owl:imports of
 *   `imports.ttl` and merges the shapes graph with everything it imported into the data graph
 *   (`mergeModelsBeforeValidation`). Here the data graph is: the served catalog + the EU vocabularies (as the brief
 *   asks; ITB loads them in its code-list mode) + range.ttl itself + `imports-background.ttl` (the subclass axioms of
 *   the ontologies imports.ttl names, which are not available offline; see that file).
 *
 * Official shapes treated specially, each for a reason in the fact sheet:
 * - shapes.ttl `sh:shape` (5 places: CatalogRecord dct:modified, Dataset dct:issued/dct:modified, PeriodOfTime
 *   dcat:startDate/endDate; §9.1): non-standard; rdf-validate-shacl ignores it exactly as the EU validator's engine
 *   does, so those date checks do not run in either. Nothing to do; the server's own shapes check those dates.
 * - range.ttl `sh:class` on links to resources that live OUTSIDE the catalog (§10: "Without vocabularies, range
 *   checks fail on ordinary data: … a CC0 licence IRI is not typed dct:LicenseDocument"; §8: the ITB README says
 *   range checks "almost never" matter and a receiver may trust the sender). The EU vocabularies type their codes
 *   only `skos:Concept` (checked: language, file-type, frequency, access-right, licence, country), and web pages,
 *   IANA media types, GeoNames places and specifications are not described anywhere offline. For exactly the classes
 *   in EXTERNAL_RANGE_CLASSES below, a violation is not counted when its value is an IRI that the served catalog does
 *   not describe (no triple with it as subject). It IS counted when the catalog describes the value (a blank node, or
 *   an IRI with properties) without the right type, and for every other class. The uncounted results are printed
 *   per check, and the negative controls at the end prove both halves of the rule.
 * - No official file used here has sh:sparql or owl:imports (checked when loading; reference.ts shapesFrom).
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { Quad } from 'n3';
import { Store } from 'n3';
import type { Term } from '@rdfjs/types';
import { startTestServer, admin, type TestServer } from '../support/server.js';
import { makeCatalog } from '../support/catalogs.js';
import {
  EXTERNAL_SOURCES,
  NS,
  REPO_ROOT,
  describeFindings,
  missingReference,
  n3Parse,
  oxParse,
  oxParseFile,
  ref,
  shapesFrom,
  validate,
  type Finding,
} from './reference.js';

const SHACL_DIR = 'dcat-ap/3.0.1/html/shacl';

/**
 * The EU vocabularies merged into the data graph for range.ttl. Left out: ADMS_SKOS_v2.00.rdf (broken upstream, does
 * not parse; vocabularies/README.md: "A validator should load v1.00"), and the IANA XML / mime-db JSON (not RDF).
 */
const VOCABULARIES: [file: string, format: string][] = [
  ['ADMS_SKOS_v1.00.rdf', 'rdf'],
  ['access-right-skos_20220316-0.rdf', 'rdf'],
  ['countries-skos_20221214-0.rdf', 'rdf'],
  ['data-theme-skos_20220715-0.rdf', 'rdf'],
  ['dataset-types-skos_20220316-0.rdf', 'rdf'],
  ['distribution-status-skos_20220615-0.rdf', 'rdf'],
  ['filetypes-skos_20230315-0.rdf', 'rdf'],
  ['filetypes-concepts-only_20240612-0.rdf', 'rdf'],
  ['frequencies-skos_20220615-0.rdf', 'rdf'],
  ['high-value-dataset-category_v1.0.rdf', 'rdf'],
  ['high-value-dataset-category_v2.1_skos-xl.rdf', 'rdf'],
  ['languages-skos_20220928-0.ttl', 'ttl'],
  ['licences-skos_20220928-0.rdf', 'rdf'],
  ['planned-availability-skos_20211208-0.rdf', 'rdf'],
];

/**
 * range.ttl classes whose instances DCAT-AP catalogs link to rather than describe, with what the links point to.
 * Only for these, and only when the value is an IRI the catalog does not describe, is a Violation not counted.
 * (skos:Concept and skos:ConceptScheme are NOT here: the merged EU vocabularies supply those types.)
 */
const EXTERNAL_RANGE_CLASSES = new Map<string, string>([
  [`${NS.dct}LinguisticSystem`, 'dct:language → EU language codes (typed only skos:Concept in the vocabulary)'],
  [`${NS.dct}Frequency`, 'dct:accrualPeriodicity → EU frequency codes (only skos:Concept)'],
  [`${NS.dct}MediaTypeOrExtent`, 'dct:format → EU file-type codes (only skos:Concept)'],
  [`${NS.dct}RightsStatement`, 'dct:accessRights → EU access-right codes (only skos:Concept); dct:rights → rights pages'],
  [`${NS.dct}LicenseDocument`, 'dct:license → licence IRIs (Creative Commons; EU licence codes are only skos:Concept)'],
  [`${NS.dct}Location`, 'dct:spatial → GeoNames / EU country and place codes (only skos:Concept)'],
  [`${NS.dct}MediaType`, 'dcat:mediaType, packageFormat, compressFormat → IANA media types (the registry is not RDF)'],
  [`${NS.dct}Standard`, 'dct:conformsTo → specifications published elsewhere'],
  [`${NS.foaf}Document`, 'foaf:homepage, foaf:page, dcat:landingPage → web pages'],
  [`${NS.eli}LegalResource`, 'dcatap:applicableLegislation → ELI IRIs'],
  [`${NS.dcat}Role`, 'dcat:hadRole → role code lists (IANA link relations, INSPIRE roles)'],
]);

const fixture = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/catalogs', name), 'utf8');

const GBG = '2120001355';
const CATALOGS: { name: string; text: () => string }[] = [
  { name: 'valid-full.ttl', text: () => fixture('valid-full.ttl') },
  { name: 'valid-minimal.ttl', text: () => fixture('valid-minimal.ttl') },
  {
    name: 'a generated catalog (makeCatalog, 25 datasets)',
    text: () =>
      makeCatalog({
        orgnr: GBG,
        name: 'Göteborgs Stad',
        catalogIri: 'http://localhost:3030/catalogs/goteborg',
        datasetBase: 'http://localhost:3030/catalogs/goteborg/datasets',
        datasets: 25,
      }),
  },
];

const SERVED = [
  { label: 'Turtle', suffix: '.ttl', format: 'ttl', type: 'text/turtle' },
  { label: 'RDF/XML', suffix: '.rdf', format: 'rdf', type: 'application/rdf+xml' },
] as const;

const skipReason = missingReference([
  `${SHACL_DIR}/shapes.ttl`,
  `${SHACL_DIR}/range.ttl`,
  ...VOCABULARIES.map(([f]) => `vocabularies/${f}`),
]);

type Shapes = ReturnType<typeof shapesFrom>;

/** Official shapes.ttl on a graph alone: the Violations. */
async function baseZero(shapes: Shapes, catalog: Quad[]): Promise<Finding[]> {
  return (await validate(shapes.validator, new Store(catalog))).filter((f) => f.severity === 'Violation');
}

/**
 * Official range.ttl with the background merged into a copy of the data graph. Returns the counted Violations and
 * the ones on links to external resources (see the header and EXTERNAL_RANGE_CLASSES).
 */
async function ranges(range: Shapes, background: Quad[], catalog: Quad[]): Promise<{ counted: Finding[]; external: Finding[] }> {
  const data = new Store();
  data.addQuads(background);
  data.addQuads(catalog);
  const described = new Store(catalog);
  const violations = (await validate(range.validator, data)).filter((f) => f.severity === 'Violation');
  for (const v of violations) {
    // range.ttl has no sh:message; say which class was required
    const required = range.store.getObjects(v.terms.shape as never, `${NS.sh}class`, null)[0];
    if (!v.message && required) v.message = `value is not (known to be) a <${required.value}>`;
  }
  const counted: Finding[] = [];
  const external: Finding[] = [];
  for (const v of violations) (isExternalLink(range.store, described, v) ? external : counted).push(v);
  return { counted, external };
}

function isExternalLink(shapes: Store, catalog: Store, finding: Finding): boolean {
  const { value, shape } = finding.terms;
  if (finding.component !== 'ClassConstraintComponent' || !value || !shape || value.termType !== 'NamedNode') return false;
  const required = shapes.getObjects(shape as never, `${NS.sh}class`, null).map((t) => t.value);
  if (required.length !== 1 || !EXTERNAL_RANGE_CLASSES.has(required[0]!)) return false;
  return catalog.countQuads(value as Term as never, null, null, null) === 0;
}

const short = (iri: string) =>
  Object.entries(NS).reduce((s, [prefix, ns]) => (s.startsWith(ns) ? `${prefix}:${s.slice(ns.length)}` : s), iri);

function tally(findings: Finding[], shapes: Store): string {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const cls = shapes.getObjects(f.terms.shape as never, `${NS.sh}class`, null)[0]?.value ?? '?';
    const key = `${short(f.path.slice(1, -1))} → ${short(cls)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ×${n}`).join('; ');
}

describe('official SEMIC DCAT-AP 3.0.1 shapes on what the server serves', function () {
  this.timeout(180_000);
  let server: TestServer | undefined;
  let shapes: Shapes;
  let range: Shapes;
  /** EU vocabularies + range.ttl itself + imports-background.ttl, loaded once (≈180,000 triples). */
  let rangeBackground: Quad[];

  before(async function () {
    if (skipReason) {
      console.log(`      skipped: ${skipReason}`);
      this.skip();
    }
    shapes = shapesFrom(ref(SHACL_DIR, 'shapes.ttl'));
    range = shapesFrom(ref(SHACL_DIR, 'range.ttl'));
    rangeBackground = [
      ...VOCABULARIES.flatMap(([file, format]) => oxParseFile(ref('vocabularies', file), format)),
      ...range.quads,
      ...n3Parse(fs.readFileSync(path.join(EXTERNAL_SOURCES, 'imports-background.ttl'), 'utf8')),
    ];
    server = await startTestServer();
  });
  after(async () => server?.kill());

  for (const catalog of CATALOGS) {
    describe(catalog.name, () => {
      const served = new Map<string, Quad[]>();

      before(async function () {
        if (!server) this.skip();
        // These are DCAT-AP 3 documents checked against the SEMIC DCAT-AP shapes: the catalog uses our dcat-ap-3 profile.
        const put = await fetch(`${server!.url}/catalogs/goteborg?profile=dcat-ap-3`, {
          method: 'PUT',
          body: catalog.text(),
          headers: { ...admin, 'Content-Type': 'text/turtle' },
        });
        expect([201, 204], `PUT ${catalog.name}: ${await put.clone().text()}`).to.include(put.status);
        for (const s of SERVED) {
          const res = await fetch(`${server!.url}/catalogs/goteborg${s.suffix}`);
          expect(res.status, `GET ${s.suffix}`).to.equal(200);
          expect(res.headers.get('content-type')).to.match(new RegExp(`^${s.type.replace('+', '\\+')}`));
          served.set(s.label, oxParse(await res.text(), s.format));
        }
      });

      it('official shapes.ttl on the served catalog alone (Base Zero): no sh:Violation, in Turtle and in RDF/XML', async () => {
        for (const s of SERVED) {
          const violations = await baseZero(shapes, served.get(s.label)!);
          expect(violations, `shapes.ttl on the served ${s.label} of ${catalog.name}:\n${describeFindings(violations)}`).to.deep.equal([]);
        }
      });

      it('official range.ttl with the EU vocabularies merged (Ranges): no sh:Violation, in Turtle and in RDF/XML', async () => {
        for (const s of SERVED) {
          const { counted, external } = await ranges(range, rangeBackground, served.get(s.label)!);
          if (external.length) {
            console.log(`      ${s.label}: not counted, links to external resources: ${tally(external, range.store)}`);
          }
          expect(counted, `range.ttl on the served ${s.label} of ${catalog.name}:\n${describeFindings(counted)}`).to.deep.equal([]);
        }
      });
    });
  }

  describe('the checks bite (negative controls on edited fixtures, no server)', () => {
    before(function () {
      if (skipReason) this.skip();
    });

    it('shapes.ttl reports a dataset without dct:description', async () => {
      const text = fixture('valid-minimal.ttl').replace('dct:description "Kommunala badplatser i Göteborg."@sv ;', '');
      const violations = await baseZero(shapes, n3Parse(text));
      expect(violations.map((v) => `${v.focus} ${v.path} ${v.component}`)).to.deep.equal([
        '<http://localhost:3030/catalogs/goteborg/datasets/badplatser> <http://purl.org/dc/terms/description> MinCountConstraintComponent',
      ]);
    });

    it('range.ttl counts a described but wrongly typed value, and only an undescribed external IRI is not counted', async () => {
      const text = fixture('valid-minimal.ttl')
        // publisher typed dct:Agent only: no vocabulary makes that a foaf:Agent → counted
        .replace('a foaf:Organization ;', 'a dct:Agent ;')
        // a licence described in the catalog but not typed dct:LicenseDocument → counted, although the class is external
        .replace(
          'dcat:accessURL <https://example.org/goteborg/badplatser.csv> .',
          'dcat:accessURL <https://example.org/goteborg/badplatser.csv> ; dct:license [ dct:title "Egen licens"@sv ] ;\n' +
            '    dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> .',
        );
      const { counted, external } = await ranges(range, rangeBackground, n3Parse(text));
      // (the catalogue's publisher is reported twice: by Catalog_Shape, and by Dataset_Shape since DCAT says
      // dcat:Catalog rdfs:subClassOf dcat:Dataset)
      expect([...new Set(counted.map((v) => `${v.path} ${v.component}`))].sort()).to.deep.equal([
        '<http://purl.org/dc/terms/license> ClassConstraintComponent',
        '<http://purl.org/dc/terms/publisher> ClassConstraintComponent',
      ]);
      // the EU file-type code is typed only skos:Concept: an uncounted external link
      expect(external.map((v) => `${v.path} ${v.value}`)).to.deep.equal([
        '<http://purl.org/dc/terms/format> <http://publications.europa.eu/resource/authority/file-type/CSV>',
      ]);
    });
  });
});
