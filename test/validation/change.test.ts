/**
 * A write sent as a line diff (CatalogValidator.validateChange) — a re-PUT, or a POST as a change that removes
 * nothing: the thread holding the index of the stored text patches it instead of parsing the new text. Every answer
 * must equal what a validator without kept indexes gives for the new text and the same previous digests; the pieces
 * (TripleGraph.remove, Partition.patch) must leave what building from scratch leaves.
 */
import { expect } from 'chai';
import { CatalogValidator, type CatalogValidation, type DatasetDigests, type TextChange } from '../../src/validation/catalog-validator.js';
import { forEachTriple, splitLine, TripleGraph } from '../../src/validation/ntriples-graph.js';
import { Partition, type Triple } from '../../src/validation/partition.js';
import { catalogNTriples, datasetIri, datasetNTriples, CATALOG_IRI } from './catalog-generator.js';
import { DPV } from './support.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const RDFS_SUBCLASS_OF = '<http://www.w3.org/2000/01/rdf-schema#subClassOf>';

const linesOf = (text: string) => text.split('\n').filter((l) => l !== '');
const textOf = (lines: readonly string[]) => lines.map((l) => `${l}\n`).join('');

/** What the writer sends: the lines the new text loses and gains, as sets. */
function lineChange(stored: string, next: string): TextChange {
  const before = new Set(linesOf(stored));
  const after = new Set(linesOf(next));
  return { removed: textOf([...before].filter((l) => !after.has(l))), added: textOf([...after].filter((l) => !before.has(l))) };
}

/** `text` without the lines `drop` accepts, with `add` inserted where the first dropped line was (or at `at`). */
function edit(text: string, drop: (line: string) => boolean, add: readonly string[] = [], at?: number): string {
  const lines = linesOf(text);
  const first = lines.findIndex(drop);
  const kept = lines.filter((l) => !drop(l));
  const where = at ?? (first >= 0 ? first : kept.length);
  kept.splice(Math.min(where, kept.length), 0, ...add);
  return textOf(kept);
}

const d = (i: number) => `<${datasetIri(i)}>`;
/** Every line describing dataset i: its own, its blank nodes', its distributions', and the catalogue's link to it. */
const ofDataset = (i: number) => (l: string) =>
  l.startsWith(`${d(i)} `) ||
  l.startsWith(`<${datasetIri(i)}/`) ||
  l.startsWith(`_:contact${i} `) ||
  l.startsWith(`_:period${i} `) ||
  l === `<${CATALOG_IRI}> <${DCAT}dataset> ${d(i)} .`;
const descriptionOf = (i: number) => (l: string) => l.startsWith(`${d(i)} <${DCT}description> `);
const revisedDescriptions = (i: number, revision: number) => linesOf(datasetNTriples(i, { revision })).filter(descriptionOf(i));
const revise = (text: string, i: number, revision: number) => edit(text, descriptionOf(i), revisedDescriptions(i, revision));
const distributionLinks = (text: string, i: number) => linesOf(text).filter((l) => l.startsWith(`${d(i)} <${DCAT}distribution> `));

/** A seeded random number below n. */
function seeded(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
}

describe('TripleGraph.remove', () => {
  const snapshot = (g: TripleGraph) => ({
    out: [...g.out].map(([s, byP]) => [s, [...byP].map(([p, os]) => [p, [...os]])]),
    lines: [...g.lines].map(([s, ls]) => [s, [...ls]]),
    types: [...g.objectsOf(RDF_TYPE)].map(([o, ss]) => [o, [...ss]]),
    size: g.size,
  });

  it('undoes add: the same structures as never adding', () => {
    const text = datasetNTriples(1) + datasetNTriples(2);
    const graph = new TripleGraph();
    forEachTriple(text, (s, p, o, line) => graph.add(s, p, o, line));
    const before = snapshot(graph);
    const extra = [
      `${d(1)} <${DCAT}keyword> "ny"@sv .`,
      `${d(3)} ${RDF_TYPE} <${DCAT}Dataset> .`,
      `_:fresh ${RDF_TYPE} <${VCARD}Organization> .`,
      `${d(1)} ${RDF_TYPE} <${DCAT}Resource> .`,
    ];
    for (const line of extra) {
      const [s, p, o, normal] = splitLine(line)!;
      expect(graph.add(s, p, o, normal)).to.equal(true);
    }
    expect(graph.out.has(d(3))).to.equal(true);
    for (const line of extra) {
      const [s, p, o, normal] = splitLine(line)!;
      expect(graph.remove(s, p, o, normal)).to.equal(true);
    }
    expect(snapshot(graph)).to.deep.equal(before);
    expect(graph.out.has(d(3)), 'a subject with no triples left').to.equal(false);
    expect(graph.out.has('_:fresh')).to.equal(false);
    expect(graph.subjects(RDF_TYPE, `<${DCAT}Resource>`)).to.deep.equal([]);
  });

  it('says false for a triple that is not there, and changes nothing', () => {
    const graph = new TripleGraph();
    forEachTriple(datasetNTriples(1), (s, p, o, line) => graph.add(s, p, o, line));
    const before = snapshot(graph);
    expect(graph.remove(d(1), `<${DCAT}keyword>`, '"saknas"@sv', `${d(1)} <${DCAT}keyword> "saknas"@sv .`)).to.equal(false);
    expect(graph.remove(d(9), `<${DCAT}keyword>`, '"saknas"@sv')).to.equal(false);
    expect(snapshot(graph)).to.deep.equal(before);
  });

  it('keeps the duplicate check of long object lists right as they shrink and grow', () => {
    const graph = new TripleGraph();
    const c = `<${CATALOG_IRI}>`;
    const p = `<${DCAT}dataset>`;
    for (let i = 0; i < 20; i++) expect(graph.add(c, p, d(i))).to.equal(true);
    expect(graph.add(c, p, d(5)), 'a duplicate in a long list').to.equal(false);
    for (let i = 0; i < 12; i++) expect(graph.remove(c, p, d(i))).to.equal(true);
    expect(graph.objects(c, p)).to.have.length(8);
    // Below 16 the list is searched; growing it again past 16 must not trust a set from before.
    for (let i = 0; i < 12; i++) expect(graph.add(c, p, d(i)), `d${i} again`).to.equal(true);
    for (let i = 0; i < 20; i++) expect(graph.add(c, p, d(i)), `d${i} is there`).to.equal(false);
    expect(graph.remove(c, p, d(15))).to.equal(true);
    expect(graph.add(c, p, d(15)), 'removed from a long list, so new again').to.equal(true);
    expect(graph.objects(c, p)).to.have.length(20);
  });
});

describe('Partition.patch: the same partition, digests and selection as partitioning from scratch', () => {
  const FINGERPRINT = 'test';

  interface Internals {
    distributions: Set<string>;
    referrers: Map<string, string[]>;
    datasetReferrers: Map<string, string[]>;
  }
  const sortedLists = (map: Map<string, string[]>) => [...map].map(([k, v]) => [k, [...v].sort()]).sort();
  const shape = (p: Partition) => {
    const inside = p as unknown as Internals;
    return {
      owners: [...p.owner].sort(),
      datasets: p.datasets,
      members: p.datasets.map((ds) => [...p.membersOf(ds)].sort()),
      shared: p.sharedSubjects().sort(),
      distributions: [...inside.distributions].sort(),
      referrers: sortedLists(inside.referrers),
      datasetReferrers: sortedLists(inside.datasetReferrers),
    };
  };
  const graphOf = (text: string) => {
    const graph = new TripleGraph();
    forEachTriple(text, (s, p, o, line) => graph.add(s, p, o, line));
    return graph;
  };

  it('over chosen and forty random edits that move nodes between datasets and the shared part', () => {
    const random = seeded(11);
    let text = catalogNTriples(40);
    const graph = graphOf(text);
    const partition = new Partition(graph);
    let digests = partition.digests(FINGERPRINT);
    const series = `<${CATALOG_IRI}/series/s>`;
    const doc = '<http://example.org/doc>';
    const edits: ((t: string) => string)[] = [
      (t) => revise(t, random(40), 1 + random(100)),
      (t) => edit(t, ofDataset(random(40))),
      (t) => edit(t, () => false, linesOf(datasetNTriples(40 + random(20))), random(1000)),
      (t) => {
        const i = random(40);
        return edit(t, (l) => l.startsWith(`_:contact${i} <${VCARD}fn>`), [`_:contact${i} <${VCARD}fn> "Ny ${random(9)}"@sv .`]);
      },
      (t) => {
        const [from, to] = [random(40), random(40)];
        const link = distributionLinks(t, from)[0];
        return link ? edit(t, (l) => l === link, [link.replace(`${d(from)} `, `${d(to)} `)]) : t;
      },
      (t) => edit(t, () => false, [`${d(random(40))} <${DCAT}contactPoint> _:contact${random(40)} .`]),
      (t) => edit(t, (l) => l.startsWith(`<${CATALOG_IRI}> <${DCT}title> `), [`<${CATALOG_IRI}> <${DCT}title> "Katalog ${random(9)}"@sv .`]),
      (t) => edit(t, () => false, [`${series} ${RDF_TYPE} <${DCAT}DatasetSeries> .`, `${d(random(40))} <${DCAT}inSeries> ${series} .`]),
      (t) => edit(t, (l) => l.startsWith(`${series} ${RDF_TYPE}`)),
      (t) => edit(t, () => false, [`${d(random(40))} <${DCT}relation> ${doc} .`]),
      (t) => edit(t, () => false, [`${d(random(40))} <${DCAT}distribution> ${doc} .`]),
      (t) => edit(t, (l) => l.endsWith(` ${doc} .`)),
      (t) => {
        const typed = `${d(random(40))} ${RDF_TYPE} <${DCAT}Dataset> .`;
        return edit(t, (l) => l === typed);
      },
      (t) => edit(t, () => false, [`${d(random(60))} ${RDF_TYPE} <${DCAT}Dataset> .`]),
      (t) => {
        const lines = linesOf(t);
        const line = lines[random(lines.length)];
        return edit(t, (l) => l === line);
      },
      (t) => edit(t, () => false, [`<${datasetIri(random(40))}/csv> <${DCT}relation> ${d(random(40))} .`, `_:loose <${DCT}relation> _:contact${random(40)} .`]),
    ];
    // First the cases that need a particular earlier state, then random edits.
    const dist = (i: number) => distributionLinks(text, i)[0]!.split(' ')[2]!;
    const SPDX = 'http://spdx.org/rdf/terms#';
    const add = (...lines: string[]) => (t: string) => edit(t, () => false, lines);
    const scenario: ((t: string) => string)[] = [
      // A distribution with a blank node under it moves: the blank node must follow (found by reaching from seeds).
      add(`${dist(1)} <${SPDX}checksum> _:sum1 .`, `_:sum1 <${SPDX}checksumValue> "abc" .`),
      (t) => edit(t, (l) => l === `${d(1)} <${DCAT}distribution> ${dist(1)} .`, [`${d(2)} <${DCAT}distribution> ${dist(1)} .`]),
      // A distribution linking to another dataset becomes shared: its line becomes a link of that dataset.
      add(`${dist(3)} <${DCT}relation> ${d(4)} .`),
      add(`${d(5)} <${DCAT}distribution> ${dist(3)} .`),
      // A shared blank node with a link to a dataset is claimed by one: the link is no longer the dataset's.
      add(`_:orphan ${RDF_TYPE} <${VCARD}Organization> .`, `_:orphan <${DCT}relation> ${d(6)} .`),
      add(`${d(7)} <${DCAT}contactPoint> _:orphan .`),
      // A link between datasets, then its target changes: the dataset linking to it is selected too.
      add(`${d(8)} <${DCT}relation> ${d(9)} .`),
      (t) => revise(t, 9, 1),
      // A dataset that others link to stops being one.
      (t) => edit(t, (l) => l === `${d(9)} ${RDF_TYPE} <${DCAT}Dataset> .`),
      (t) => edit(t, () => false, [`${d(9)} ${RDF_TYPE} <${DCAT}Dataset> .`]),
      (t) => edit(t, (l) => l === `${d(8)} <${DCT}relation> ${d(9)} .`),
      // A shared subject comes and goes.
      add(`_:gone <${DCT}title> "Borta"@sv .`),
      (t) => edit(t, (l) => l.startsWith('_:gone ')),
    ];
    for (let round = 0; round < scenario.length + 40; round++) {
      const kind = round < scenario.length ? -1 - round : random(edits.length);
      const next = kind < 0 ? scenario[round]!(text) : edits[kind]!(text);
      const removed: Triple[] = [];
      const added: Triple[] = [];
      const { removed: out, added: put } = lineChange(text, next);
      forEachTriple(out, (s, p, o, line) => void (graph.remove(s, p, o, line) && removed.push([s, p, o])));
      forEachTriple(put, (s, p, o, line) => void (graph.add(s, p, o, line) && added.push([s, p, o])));
      const effect = partition.patch(removed, added);
      const patched = partition.digestsAfterPatch(FINGERPRINT, effect, digests);
      const selection = partition.changedAfterPatch(digests, patched, effect);

      const fresh = new Partition(graphOf(next));
      const expected = fresh.digests(FINGERPRINT);
      const message = kind < 0 ? `scenario step ${round}` : `round ${round}, edit ${kind}`;
      expect(shape(partition), message).to.deep.equal(shape(fresh));
      expect(patched, message).to.deep.equal(expected);
      const want = fresh.changedSince(digests, expected);
      expect({ all: selection.all, datasets: [...selection.datasets].sort() }, message).to.deep.equal({ all: want.all, datasets: [...want.datasets].sort() });
      text = next;
      digests = patched;
    }
  });
});

/**
 * The catalogue as the writer keeps it (its text and the digests returned for it). Every write goes through
 * validateChange on `cached`, which keeps indexes, and through validate() on `oracle`, which keeps none: both must
 * give the same report, digests and counts. A text that conforms is stored, as the writer would store it.
 */
class Writer {
  text = '';
  digests: DatasetDigests = { shared: '', datasets: {} };

  constructor(
    readonly cached: CatalogValidator,
    readonly oracle: CatalogValidator,
    readonly profile = 'dcat-ap-3',
  ) {}

  /** A validator keeping indexes, one keeping none, and a writer over both with `text` stored. */
  static async withValidators(text: string, profile = 'dcat-ap-3'): Promise<{ cached: CatalogValidator; oracle: CatalogValidator; writer: Writer }> {
    const cached = new CatalogValidator({ threads: 1 });
    const oracle = new CatalogValidator({ threads: 1, cacheTriples: 0 });
    const writer = new Writer(cached, oracle, profile);
    await writer.store(text);
    return { cached, oracle, writer };
  }

  /** A first PUT: validated whole, and stored (the thread keeps its index). */
  async store(text: string): Promise<CatalogValidation> {
    const first = await this.cached.validate(this.profile, text);
    this.text = text;
    this.digests = first.digests;
    return first;
  }

  /** The stored text validated again with its digests, so that the thread keeps the index of this text. */
  async reindex(): Promise<void> {
    this.digests = (await this.cached.validate(this.profile, this.text, this.digests)).digests;
  }

  /** A re-PUT of `next`, sent as the line diff against the stored text (or as `sent`). */
  async change(next: string, sent: TextChange = lineChange(this.text, next)): Promise<CatalogValidation> {
    const fast = await this.cached.validateChange(this.profile, this.text, next, sent, this.digests);
    const slow = await this.oracle.validate(this.profile, next, this.digests);
    expect(slow.path).to.equal('full');
    expect(fast.report, 'the same report').to.deep.equal(slow.report);
    expect(fast.digests, 'the same digests').to.deep.equal(slow.digests);
    expect(fast.validatedDatasets, 'the same datasets validated').to.equal(slow.validatedDatasets);
    expect(fast.datasets).to.equal(slow.datasets);
    if (fast.report.conforms) {
      this.text = next;
      this.digests = fast.digests;
    }
    return fast;
  }

  /** A POST: the stored text with `addition` after it, sent as a change that removes nothing and adds its new lines. */
  post(addition: string): Promise<CatalogValidation> {
    const sent = { removed: '', added: lineChange(this.text, this.text + addition).added };
    return this.change(this.text + addition, sent);
  }
}

describe('validation of a changed text (a re-PUT as a line diff) against a kept index', function () {
  this.timeout(120_000);
  let cached: CatalogValidator;
  let oracle: CatalogValidator;
  let writer: Writer;

  before(async () => ({ cached, oracle, writer } = await Writer.withValidators(catalogNTriples(100))));
  after(async () => {
    await cached.close();
    await oracle.close();
  });

  it('the identity change: unchanged, nothing validated', async () => {
    const { text, digests } = writer;
    const result = await cached.validateChange('dcat-ap-3', text, text, { removed: '', added: '' }, digests);
    expect(result.path).to.equal('unchanged');
    expect(result.validatedDatasets).to.equal(0);
    expect(result.report.conforms).to.equal(true);
    expect(result.digests).to.deep.equal({ ...digests, results: [] });
    writer.digests = result.digests;
  });

  it('ten datasets with new descriptions: patched, only they validated', async () => {
    let next = writer.text;
    for (let k = 0; k < 10; k++) next = revise(next, k * 10 + 3, 1);
    const result = await writer.change(next);
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(10);
  });

  it('a dataset removed', async () => {
    const result = await writer.change(edit(writer.text, ofDataset(17)));
    expect(result.path).to.equal('patch');
    expect(result.datasets).to.equal(99);
    expect(Object.keys(result.digests.datasets)).to.not.include(datasetIri(17));
  });

  it('a dataset added in the middle', async () => {
    const result = await writer.change(edit(writer.text, () => false, linesOf(datasetNTriples(150)), 1500));
    expect(result.path).to.equal('patch');
    expect(result.datasets).to.equal(100);
    expect(result.validatedDatasets).to.equal(1);
  });

  it('a blank-node contact point changed', async () => {
    const result = await writer.change(edit(writer.text, (l) => l.startsWith(`_:contact23 <${VCARD}fn> `), [`_:contact23 <${VCARD}fn> "Stadsbyggnad"@sv .`]));
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(1);
  });

  it('a distribution moved from one dataset to another', async () => {
    const link = distributionLinks(writer.text, 30)[0]!;
    const result = await writer.change(edit(writer.text, (l) => l === link, [link.replace(`${d(30)} `, `${d(31)} `)]));
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(2);
  });

  it('the catalogue title changed (a shared node): everything validated', async () => {
    const result = await writer.change(edit(writer.text, (l) => l.startsWith(`<${CATALOG_IRI}> <${DCT}title> `), [`<${CATALOG_IRI}> <${DCT}title> "Ny titel"@sv .`]));
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(result.datasets);
  });

  it('a change that brings a violation is refused; the index still stands for the stored text', async () => {
    const stored = writer.text;
    const broken = await writer.change(edit(writer.text, (l) => l.startsWith(`${d(40)} <${DCT}title> `)));
    expect(broken.path).to.equal('patch');
    expect(broken.report.conforms).to.equal(false);
    expect(broken.report.results.filter((r) => r.severity === 'Violation').map((r) => [r.focusNode, r.shape])).to.deep.equal([[datasetIri(40), `${DPV}Dataset-dct_title`]]);
    expect(writer.text).to.equal(stored);
    const good = await writer.change(revise(writer.text, 41, 2));
    expect(good.path, 'the kept index was put back, so the next change patches it').to.equal('patch');
    expect(good.validatedDatasets).to.equal(1);
  });

  it('a removed line the stored text does not have changes nothing it should not', async () => {
    const next = revise(writer.text, 44, 3);
    const sent = lineChange(writer.text, next);
    sent.removed += `${d(44)} <${DCAT}keyword> "finns inte"@sv .\n`;
    const result = await writer.change(next, sent);
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(1);
  });

  it('a line the ontology states too, added and removed again', async () => {
    const line = `<${VCARD}Organization> ${RDFS_SUBCLASS_OF} <${VCARD}Kind> .`;
    const added = await writer.change(edit(writer.text, () => false, [line]));
    expect(added.path).to.equal('patch');
    expect(added.validatedDatasets, 'a shared line: everything').to.equal(added.datasets);
    const removed = await writer.change(edit(writer.text, (l) => l === line));
    expect(removed.path).to.equal('patch');
  });

  it('an IRI referred to before becomes a distribution: shared, as a fresh partition has it', async () => {
    const doc = '<http://example.org/doc>';
    await writer.change(edit(writer.text, () => false, [`${d(50)} <${DCT}relation> ${doc} .`]));
    const result = await writer.change(edit(writer.text, () => false, [`${d(51)} <${DCAT}distribution> ${doc} .`, `${doc} ${RDF_TYPE} <${DCAT}Distribution> .`, `${doc} <${DCAT}accessURL> <https://example.org/doc> .`]));
    expect(result.path).to.equal('patch');
  });

  it('a new series with a member, then the series removed: the member is validated again', async () => {
    const series = `<${CATALOG_IRI}/series/s1>`;
    const seriesLines = [
      `<${CATALOG_IRI}> <${DCAT}dataset> ${series} .`,
      `${series} ${RDF_TYPE} <${DCAT}DatasetSeries> .`,
      `${series} <${DCT}title> "Serie"@sv .`,
      `${series} <${DCT}description> "En serie"@sv .`,
      `${series} <${DCT}publisher> <http://dataportal.se/organisation/SE2120001355> .`,
      `${series} <${DCT}spatial> <https://sws.geonames.org/2711537/> .`,
      `${series} <${DCAT}contactPoint> _:seriecontact .`,
      `_:seriecontact ${RDF_TYPE} <${VCARD}Organization> .`,
    ];
    const withSeries = await writer.change(edit(writer.text, () => false, [...seriesLines, `${d(60)} <${DCAT}inSeries> ${series} .`]));
    expect(withSeries.path).to.equal('patch');
    expect(withSeries.validatedDatasets).to.equal(2);
    const without = await writer.change(edit(writer.text, (l) => seriesLines.includes(l)));
    expect(without.path).to.equal('patch');
    expect(without.report.conforms, 'dataset 60 points to a series that is gone').to.equal(false);
  });

  it('a POST patched into the kept index, then a re-PUT patching it again', async () => {
    const posted = await writer.post(datasetNTriples(160));
    expect(posted.path).to.equal('patch');
    expect(posted.report.conforms).to.equal(true);
    const result = await writer.change(edit(revise(writer.text, 160, 1), ofDataset(62)));
    expect(result.path).to.equal('patch');
  });

  it('a large change falls back to a full validation, with the same answer', async () => {
    let next = writer.text;
    for (let i = 70; i < 100; i++) next = edit(next, ofDataset(i));
    for (let i = 300; i < 330; i++) next = edit(next, () => false, linesOf(datasetNTriples(i)));
    const before = Object.keys(writer.digests.datasets).length;
    const result = await writer.change(next);
    expect(result.path).to.equal('full');
    expect(result.datasets).to.equal(before);
  });

  it('a change to a catalogue type line, or a stored text that is not the one indexed, is validated whole', async () => {
    const other = await writer.change(edit(writer.text, () => false, [`<http://example.org/other> ${RDF_TYPE} <${DCAT}Catalog> .`], 0));
    expect(other.path).to.equal('full');
    // The full validation kept the index of that text; index the stored text again for the next one.
    await writer.reindex();
    const next = revise(writer.text, 6, 5);
    const longer = `${writer.text}# a comment\n`;
    const result = await cached.validateChange('dcat-ap-3', longer, next, lineChange(writer.text, next), writer.digests);
    expect(result.path).to.equal('full');
    expect(result.validatedDatasets).to.equal(1);
  });

  it('digests this validator did not return fall back to a full validation', async () => {
    const copy = JSON.parse(JSON.stringify(writer.digests)) as DatasetDigests;
    const next = revise(writer.text, 5, 4);
    const result = await cached.validateChange('dcat-ap-3', writer.text, next, lineChange(writer.text, next), copy);
    const slow = await oracle.validate('dcat-ap-3', next, copy);
    expect(result.path).to.equal('full');
    expect(result.report).to.deep.equal(slow.report);
    expect(result.digests).to.deep.equal(slow.digests);
  });

  it('twenty random changes in a row give what a full validation gives', async () => {
    // The last test left the kept index of another text; start from one this validator returned.
    await writer.reindex();
    const random = seeded(5);
    let fresh = 400;
    const present = () => linesOf(writer.text).filter((l) => l.startsWith(`<${CATALOG_IRI}> <${DCAT}dataset> `)).map((l) => Number(/\/d(\d+)> \.$/.exec(l)?.[1]));
    const pick = () => {
      const all = present().filter((i) => !Number.isNaN(i));
      return all[random(all.length)]!;
    };
    const changes: ((text: string) => string)[] = [
      (text) => {
        let next = text;
        for (let k = 0; k < 1 + random(5); k++) next = revise(next, pick(), 10 + random(100));
        return next;
      },
      (text) => edit(text, ofDataset(pick())),
      (text) => edit(text, () => false, linesOf(datasetNTriples(fresh++)), random(3000)),
      (text) => {
        const i = pick();
        return edit(text, (l) => l.startsWith(`_:contact${i} <${VCARD}fn> `), [`_:contact${i} <${VCARD}fn> "Enhet ${random(50)}"@sv .`]);
      },
      (text) => {
        const [from, to] = [pick(), pick()];
        const link = distributionLinks(text, from)[0];
        return link ? edit(text, (l) => l === link, [link.replace(`${d(from)} `, `${d(to)} `)]) : text;
      },
      (text) => edit(text, () => false, [`${d(pick())} <${DCT}relation> ${d(pick())} .`]),
      (text) => edit(text, () => false, [`${d(pick())} <${DCAT}contactPoint> _:contact${pick()} .`]),
      (text) => edit(text, (l) => l.startsWith(`<${CATALOG_IRI}> <${DCT}modified> `), [`<${CATALOG_IRI}> <${DCT}modified> "2025-0${1 + random(9)}-01"^^<http://www.w3.org/2001/XMLSchema#date> .`]),
      (text) => {
        const title = `${d(pick())} <${DCT}title> `;
        return edit(text, (l) => l.startsWith(title));
      },
    ];
    const paths = new Set<string>();
    for (let round = 0; round < 20; round++) paths.add((await writer.change(changes[random(changes.length)]!(writer.text))).path);
    expect([...paths]).to.include('patch');
  });

  it('after a split first validation the digests travel with the change', async () => {
    const split = new CatalogValidator({ threads: 2, splitFrom: 10 });
    try {
      const other = new Writer(split, oracle);
      const stored = catalogNTriples(60);
      const first = await other.store(stored);
      expect(first.threads).to.equal(2);
      const result = await other.change(revise(revise(stored, 7, 1), 8, 1));
      expect(result.path).to.equal('patch');
      expect(result.validatedDatasets).to.equal(2);
    } finally {
      await split.close();
    }
  });
});

describe('validation of a POST (a change that removes nothing) against a kept index', function () {
  this.timeout(120_000);
  let cached: CatalogValidator;
  let oracle: CatalogValidator;
  let writer: Writer;

  before(async () => ({ cached, oracle, writer } = await Writer.withValidators(catalogNTriples(100))));
  after(async () => {
    await cached.close();
    await oracle.close();
  });

  // The digests stored before it still name the kept index: the next POST patches it.
  it('the same text again through validate(): unchanged, nothing validated, the same answer', async () => {
    const again = await cached.validate('dcat-ap-3', writer.text, writer.digests);
    const slow = await oracle.validate('dcat-ap-3', writer.text, writer.digests);
    expect(again.path).to.equal('unchanged');
    expect(again.validatedDatasets).to.equal(0);
    expect(again.report).to.deep.equal(slow.report);
    expect(again.digests).to.deep.equal(slow.digests);
  });

  it('a new dataset: patched, only it validated', async () => {
    const result = await writer.post(datasetNTriples(100));
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(1);
    expect(result.datasets).to.equal(101);
  });

  it('a new keyword on an existing dataset', async () => {
    const result = await writer.post(`${d(4)} <${DCAT}keyword> "ny"@sv .\n`);
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(1);
  });

  it('a broken new dataset is refused; the next good POST is still patched', async () => {
    const broken = await writer.post(datasetNTriples(101, { withoutTitle: true }));
    expect(broken.report.conforms).to.equal(false);
    expect(broken.report.results.filter((r) => r.severity === 'Violation').map((r) => [r.focusNode, r.shape])).to.deep.equal([[datasetIri(101), `${DPV}Dataset-dct_title`]]);
    const good = await writer.post(datasetNTriples(102));
    expect(good.report.conforms).to.equal(true);
    expect(good.path, 'the patch of the broken one was undone').to.equal('patch');
    expect(good.validatedDatasets).to.equal(1);
  });

  it('a second title on an existing dataset changes its digest', async () => {
    const before = writer.digests.datasets[datasetIri(5)];
    const result = await writer.post(`${d(5)} <${DCT}title> "Andra titeln"@sv .\n`);
    expect(result.path).to.equal('patch');
    expect(result.report.conforms).to.equal(true);
    expect(result.digests.datasets[datasetIri(5)]).to.not.equal(before);
  });

  it('a new series, then a member pointing to it: the series is validated with the member', async () => {
    const series = `<${CATALOG_IRI}/series/s1>`;
    const addition = [
      `<${CATALOG_IRI}> <${DCAT}dataset> ${series} .`,
      `${series} ${RDF_TYPE} <${DCAT}DatasetSeries> .`,
      `${series} <${DCT}title> "Serie"@sv .`,
      `${series} <${DCT}description> "En serie"@sv .`,
      `${series} <${DCT}publisher> <http://dataportal.se/organisation/SE2120001355> .`,
      `${series} <${DCT}spatial> <https://sws.geonames.org/2711537/> .`,
      `${series} <${DCAT}contactPoint> _:seriecontact .`,
      `_:seriecontact ${RDF_TYPE} <${VCARD}Organization> .`,
      '',
    ].join('\n');
    const alone = await writer.post(addition);
    expect(alone.report.results.map((r) => r.shape)).to.include(`${DPV}DatasetSeries-inverse_dcat_inSeries-recommended`);
    const member = await writer.post(`${d(6)} <${DCAT}inSeries> ${series} .\n`);
    expect(member.path).to.equal('patch');
    expect(member.report.results.map((r) => r.shape)).to.not.include(`${DPV}DatasetSeries-inverse_dcat_inSeries-recommended`);
    expect(member.validatedDatasets).to.equal(2);
  });

  it('a new shared agent (a new publisher): everything validated again', async () => {
    const other = '<http://dataportal.se/organisation/SE2321000131>';
    const result = await writer.post(`${other} ${RDF_TYPE} <http://xmlns.com/foaf/0.1/Organization> .\n${other} <http://xmlns.com/foaf/0.1/name> "Borås Stad"@sv .\n`);
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(result.datasets);
  });

  it('a new type on an existing distribution', async () => {
    const result = await writer.post(`<${datasetIri(7)}/csv> ${RDF_TYPE} <${DCAT}Resource> .\n`);
    expect(result.path).to.equal('patch');
  });

  it('a link into another dataset’s blank node: the node becomes shared', async () => {
    const result = await writer.post(`${d(8)} <${DCAT}contactPoint> _:contact9 .\n`);
    expect(result.path).to.equal('patch');
    expect(result.report.conforms).to.equal(true);
    expect(result.validatedDatasets, 'the shared part changed').to.equal(result.datasets);
  });

  it('duplicates of existing lines only: nothing added, nothing validated', async () => {
    const result = await writer.post(textOf(linesOf(writer.text).slice(0, 5)));
    expect(result.path).to.equal('unchanged');
    expect(result.validatedDatasets).to.equal(0);
  });

  // The three cases below went wrong on the append path that POSTs used to take (Partition.absorb on the kept index).

  // Guards against keeping the shared digest when a blank node that was a subject but belonged to no dataset (shared)
  // is linked from a dataset and moves into it: the append path kept the old shared digest and validated one dataset.
  it('a blank node of no dataset, then linked from a dataset: it leaves the shared part', async () => {
    await writer.post(`_:orphan ${RDF_TYPE} <${VCARD}Organization> .\n`);
    const shared = writer.digests.shared;
    const result = await writer.post(`${d(10)} <${DCAT}contactPoint> _:orphan .\n`);
    expect(result.path).to.equal('patch');
    expect(result.digests.shared).to.not.equal(shared);
  });

  // Guards against taking the new dcat:distribution link as the only line pointing to an IRI: the append path gave
  // the IRI to the posting dataset although an existing line of another dataset points to it too (so it is shared),
  // and its ownership, the digests and the report's `dataset` differed from a full validation's.
  it('an IRI an existing line points to becomes a distribution: it stays shared', async () => {
    const doc = '<http://example.org/doc>';
    await writer.post(`${d(11)} <${DCT}relation> ${doc} .\n`);
    const added = [`${d(12)} <${DCAT}distribution> ${doc} .`, `${doc} ${RDF_TYPE} <${DCAT}Distribution> .`, `${doc} <${DCAT}accessURL> <https://example.org/doc> .`];
    const result = await writer.post(textOf(added));
    expect(result.path).to.equal('patch');
    const onDoc = result.report.results.filter((r) => r.focusNode === 'http://example.org/doc');
    expect(onDoc).to.not.be.empty;
    expect(onDoc.map((r) => r.dataset)).to.deep.equal(onDoc.map(() => undefined));
  });

  // Guards against validating only a posted dataset and what it points to: an existing dataset that already linked to
  // the posted IRI was not validated again on the append path (with dcat-ap-3 a dct:relation link has no rule that
  // reads its target, so only the count shows it; an sh:class on such a link would have kept a stale result).
  it('a dataset an existing line already linked to is posted: the linking dataset is validated too', async () => {
    await writer.post(`${d(13)} <${DCT}relation> ${d(177)} .\n`);
    const result = await writer.post(datasetNTriples(177));
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(2);
  });

  it('validate() of a whole text with the previous digests parses it whole, whether or not it extends the stored one', async () => {
    const keyword = `${d(4)} <${DCAT}keyword> "ny"@sv .`;
    const shorter = edit(writer.text, (l) => l === keyword);
    const longer = `${writer.text}${d(4)} <${DCAT}keyword> "nyare"@sv .\n`;
    for (const text of [shorter, longer]) {
      const result = await cached.validate('dcat-ap-3', text, writer.digests);
      const slow = await oracle.validate('dcat-ap-3', text, writer.digests);
      expect(result.path).to.equal('full');
      expect(result.validatedDatasets).to.equal(1);
      expect(result.report).to.deep.equal(slow.report);
      expect(result.digests).to.deep.equal(slow.digests);
    }
  });

  it('thirty random POSTs in a row give what a full validation gives', async () => {
    // The last test left the kept index of another text; start from one this validator returned.
    await writer.reindex();
    const random = seeded(7);
    let next = 200;
    const additions: (() => string)[] = [
      () => datasetNTriples(next++),
      () => `${d(random(100))} <${DCAT}keyword> "k${random(1000)}"@sv .\n`,
      () => {
        const i = random(100);
        return `${d(i)} <${DCAT}contactPoint> _:extra${i}x${random(1000)} .\n`;
      },
      () => `<${CATALOG_IRI}> <${DCAT}dataset> ${d(random(100))} .\n`,
      () => {
        const i = random(100);
        const distribution = `<${datasetIri(i)}/extra${random(1000)}>`;
        return `${d(i)} <${DCAT}distribution> ${distribution} .\n${distribution} ${RDF_TYPE} <${DCAT}Distribution> .\n${distribution} <${DCAT}accessURL> <https://example.org/x> .\n`;
      },
      () => `${d(random(100))} <${DCT}relation> ${d(random(100))} .\n`,
      () => `_:contact${random(100)} <${VCARD}hasEmail> <mailto:x${random(1000)}@example.org> .\n`,
      () => `<${datasetIri(random(100))}/csv> ${RDF_TYPE} <${DCAT}Resource> .\n`,
      () => `<${CATALOG_IRI}> <${DCT}modified> "2025-0${1 + random(9)}-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n`,
      () => `${d(random(100))} <${DCT}issued> "inte ett datum" .\n`,
    ];
    const paths = new Set<string>();
    for (let round = 0; round < 30; round++) paths.add((await writer.post(additions[random(additions.length)]!())).path);
    expect([...paths]).to.include('patch');
  });

  it('a POST with digests this validator did not return (a copy) is validated whole, with the same answer', async () => {
    writer.digests = JSON.parse(JSON.stringify(writer.digests)) as DatasetDigests;
    const result = await writer.post(datasetNTriples(503));
    expect(result.path).to.equal('full');
    expect(result.validatedDatasets).to.equal(1);
  });

  it('after a split first validation the index is kept too (results come with the digests)', async () => {
    const split = new CatalogValidator({ threads: 2, splitFrom: 10 });
    try {
      const other = new Writer(split, oracle);
      /** The stored text again through validate(): the kept index answers, with the warning of dataset 2. */
      const sameAgain = async () => {
        const again = await split.validate('dcat-ap-3', other.text, other.digests);
        const slow = await oracle.validate('dcat-ap-3', other.text, other.digests);
        expect(again.path).to.equal('unchanged');
        expect(again.validatedDatasets).to.equal(0);
        expect(again.report).to.deep.equal(slow.report);
        expect(again.digests).to.deep.equal(slow.digests);
        expect(again.report.results.map((r) => r.focusNode)).to.deep.equal([datasetIri(2)]);
      };
      const noKeywords = `${d(2)} <${DCAT}keyword>`;
      const first = await other.store(edit(catalogNTriples(60), (l) => l.startsWith(noKeywords)));
      expect(first.threads).to.equal(2);
      expect(first.report.results.map((r) => r.focusNode)).to.deep.equal([datasetIri(2)]);
      await sameAgain(); // the results come with the digests: the thread kept those of its half only
      const next = await other.post(datasetNTriples(60));
      expect(next.path).to.equal('patch');
      expect(next.report.results.map((r) => r.focusNode), 'the warning of dataset 2 is carried over').to.deep.equal([datasetIri(2)]);
      await sameAgain(); // the thread has all the results of the patched index
    } finally {
      await split.close();
    }
  });
});

/**
 * DCAT-AP-SE reaches contact points through sh:targetObjectsOf and publishers through sh:targetObjectsOf dct:publisher:
 * the fast path must select them as the full validation does.
 */
describe('validation of a changed text under dcat-ap-se (targets by object, deactivated base shapes)', function () {
  this.timeout(120_000);
  let cached: CatalogValidator;
  let oracle: CatalogValidator;
  let writer: Writer;

  before(async () => ({ cached, oracle, writer } = await Writer.withValidators(catalogNTriples(60), 'dcat-ap-se')));
  after(async () => {
    await cached.close();
    await oracle.close();
  });

  it('a contact point typed twice: refused on the fast path as on the full one, only its dataset validated', async () => {
    const result = await writer.change(edit(writer.text, () => false, [`_:contact23 ${RDF_TYPE} <${VCARD}Individual> .`]));
    expect(result.path).to.equal('patch');
    expect(result.validatedDatasets).to.equal(1);
    expect(result.report.results.filter((r) => r.severity === 'Violation').map((r) => r.shape)).to.deep.equal(['urn:dataportal-vast:shapes:dcat-ap-se:ContactPoint-rdf_type']);
  });

  it('a contact point moved to another dataset, a dataset added and one removed', async () => {
    await writer.change(edit(writer.text, (l) => l === `<${datasetIri(5)}> <${DCAT}contactPoint> _:contact5 .`, [`<${datasetIri(6)}> <${DCAT}contactPoint> _:contact5 .`]));
    const added = await writer.change(edit(writer.text, () => false, linesOf(datasetNTriples(90)), 900));
    expect(added.report.conforms).to.equal(true);
    expect(added.validatedDatasets).to.equal(1);
    await writer.change(edit(writer.text, ofDataset(11)));
  });

  it('the publisher loses its type (a shared node): everything validated, the violation found', async () => {
    const result = await writer.change(edit(writer.text, (l) => l.startsWith('<http://dataportal.se/organisation/SE2120001355> <http://purl.org/dc/terms/type> ')));
    expect(result.report.conforms).to.equal(false);
    expect(result.report.results.some((r) => r.shape === 'urn:dataportal-vast:shapes:dcat-ap-se:Agent-dct_type')).to.equal(true);
  });

  it('an email given as a literal on a posted dataset', async () => {
    const result = await writer.post(datasetNTriples(95).replace(/<mailto:[^>]+>/, '"data@example.org"'));
    expect(result.report.results.some((r) => r.shape === 'urn:dataportal-vast:shapes:dcat-ap-se:ContactPoint-vcard_hasEmail-value')).to.equal(true);
  });
});
