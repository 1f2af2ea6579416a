/**
 * Our SKOS files (ontologies/vocabularies) and the sh:in lists of the shapes (shapes/dcat-ap-3/vocabulary-lists.ttl)
 * hold exactly the current concepts of the official lists in ../shared/reference/vocabularies: the same IRIs, codes
 * and Swedish/English preferred labels. Skips, saying why, when the reference material is absent.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import N3 from 'n3';
import { VOCABULARY_LISTS } from '../../src/vocabularies/lists.js';
import { readOfficialList, type OfficialList } from '../../src/vocabularies/official/read-official.js';
import { vocabulary } from '../../src/vocabularies/skos.js';
import { REPO_ROOT, SHARED_REFERENCE } from '../validation/support.js';

const OFFICIAL_DIR = path.join(SHARED_REFERENCE, 'vocabularies');
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DPV = 'urn:dataportal-vast:shapes:dcat-ap-3:';

/** Counts of current concepts, from the reference README's table (concepts minus deprecated; file-type adds 13). */
const EXPECTED_COUNTS: Record<string, number> = {
  'data-theme': 14,
  'file-type': 202 - 3 + 13,
  frequency: 31,
  language: 8179 - 4,
  'access-right': 7 - 1,
  licence: 159 - 31,
  'distribution-status': 5,
  'planned-availability': 5,
  'adms-publisher-type': 11,
  'adms-licence-type': 13,
  'adms-status': 4,
  'hvd-category': 96,
};

/** The named sh:in lists of the generated shapes file, by list id. */
function shapeLists(): Map<string, string[]> {
  const store = new N3.Store(new N3.Parser().parse(fs.readFileSync(path.join(REPO_ROOT, 'shapes', 'dcat-ap-3', 'vocabulary-lists.ttl'), 'utf8')));
  const lists = new Map<string, string[]>();
  for (const list of VOCABULARY_LISTS) {
    const items: string[] = [];
    let node: N3.Term = N3.DataFactory.namedNode(`${DPV}in-${list.id}`);
    while (node.value !== `${RDF}nil`) {
      const first: N3.Term | undefined = store.getObjects(node, `${RDF}first`, null)[0];
      const rest: N3.Term | undefined = store.getObjects(node, `${RDF}rest`, null)[0];
      if (!first || !rest) throw new Error(`dpv:in-${list.id} is not a complete RDF list`);
      items.push(first.value);
      node = rest;
    }
    lists.set(list.id, items);
  }
  return lists;
}

describe('controlled vocabularies equal the official lists', function () {
  this.timeout(120_000);
  const official = new Map<string, OfficialList>();

  before(async function () {
    if (!fs.existsSync(OFFICIAL_DIR)) {
      console.log(`      skipped: the official vocabularies are absent (expected at ${OFFICIAL_DIR})`);
      this.skip();
    }
    for (const list of VOCABULARY_LISTS) {
      const missing = list.sources.filter((f) => !fs.existsSync(path.join(OFFICIAL_DIR, f)));
      if (missing.length) {
        console.log(`      skipped: official files missing under ${OFFICIAL_DIR}: ${missing.join(', ')}`);
        this.skip();
      }
      official.set(list.id, await readOfficialList(list, OFFICIAL_DIR));
    }
  });

  for (const list of VOCABULARY_LISTS) {
    describe(list.id, () => {
      it('has the same concept IRIs as the official list, deprecated ones left out', () => {
        const theirs = official.get(list.id)!;
        const ours = [...vocabulary(list.id).concepts.keys()].sort();
        expect(ours).to.deep.equal(theirs.concepts.map((c) => c.iri));
        expect(ours).to.have.length(EXPECTED_COUNTS[list.id]!);
        for (const gone of theirs.deprecated) expect(vocabulary(list.id).concepts.has(gone), gone).to.equal(false);
        for (const iri of ours) expect(iri.startsWith(list.namespace), iri).to.equal(true);
      });

      it('has the same codes and Swedish and English preferred labels', () => {
        const ours = vocabulary(list.id).concepts;
        const differences = official.get(list.id)!.concepts.flatMap((c) => {
          const mine = ours.get(c.iri);
          const a = { notation: c.notation, sv: c.labels.sv, en: c.labels.en, mediaTypes: c.mediaTypes, iso6391: c.iso6391 };
          const b = { notation: mine?.notation, sv: mine?.labels.sv, en: mine?.labels.en, mediaTypes: [...(mine?.mediaTypes ?? [])].sort(), iso6391: [...(mine?.iso6391 ?? [])].sort() };
          return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ iri: c.iri, official: a, ours: b }];
        });
        expect(differences).to.deep.equal([]);
      });

      it('is the sh:in list the shapes check membership with', () => {
        expect([...shapeLists().get(list.id)!].sort()).to.deep.equal(official.get(list.id)!.concepts.map((c) => c.iri));
      });
    });
  }

  it('spot checks against the official wording', () => {
    const theme = vocabulary('data-theme').concepts.get('http://publications.europa.eu/resource/authority/data-theme/ENVI')!;
    expect(theme.labels).to.deep.equal({ sv: 'Miljö', en: 'Environment' });
    const swe = vocabulary('language').concepts.get('http://publications.europa.eu/resource/authority/language/SWE')!;
    expect([swe.notation, swe.labels.sv, swe.labels.en, swe.iso6391]).to.deep.equal(['SWE', 'svenska', 'Swedish', ['sv']]);
    const csv = vocabulary('file-type').concepts.get('http://publications.europa.eu/resource/authority/file-type/CSV')!;
    expect(csv.mediaTypes).to.deep.equal(['text/csv']);
    // A code only the newer membership extract has: present, without labels.
    expect(vocabulary('file-type').concepts.get('http://publications.europa.eu/resource/authority/file-type/PARQUET')?.labels).to.deep.equal({});
    expect(vocabulary('adms-publisher-type').concepts.get('http://purl.org/adms/publishertype/LocalAuthority')?.labels.en).to.equal('Local Authority');
  });
});
