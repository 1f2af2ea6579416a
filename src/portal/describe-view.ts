import { Parser, type Quad, type Term } from 'n3';
import { DCAT, DCT, FOAF, LOCN, RDF, RDFS, SCHEMA, SKOS, VCARD } from '../rdf/vocabulary.js';
import type { LangValues } from '../search/dataset-summary.js';
import type {
  AgentView,
  CatalogView,
  ContactView,
  DatasetView,
  DistributionView,
  PeriodView,
  TermView,
} from './view-models.js';


/** Raised when the description is not N-Triples or does not describe the resource asked for. */
export class DescriptionError extends Error {}

/**
 * A parsed description: triples by subject. A page reads a few dozen triples, so one pass into a map beats any
 * store; labels of blank nodes stay meaningful only within this description, which is all a page needs.
 */
class Description {
  private readonly bySubject = new Map<string, Quad[]>();

  constructor(ntriples: string) {
    let quads: Quad[];
    try {
      quads = new Parser({ format: 'N-Triples' }).parse(ntriples);
    } catch (error) {
      throw new DescriptionError(`the description is not valid N-Triples: ${(error as Error).message}`);
    }
    for (const quad of quads) {
      const key = termKey(quad.subject);
      const list = this.bySubject.get(key);
      if (list) list.push(quad);
      else this.bySubject.set(key, [quad]);
    }
  }

  has(node: Term): boolean {
    return this.bySubject.has(termKey(node));
  }

  objects(node: Term, predicate: string): Term[] {
    return (this.bySubject.get(termKey(node)) ?? []).filter((q) => q.predicate.value === predicate).map((q) => q.object as Term);
  }

  object(node: Term, predicate: string): Term | undefined {
    return this.objects(node, predicate)[0];
  }

  types(node: Term): string[] {
    return this.objects(node, `${RDF}type`).map((t) => t.value);
  }

  /** Every literal of the predicates, first one per language tag (pages show one text per language). */
  texts(node: Term, ...predicates: string[]): LangValues {
    const values: LangValues = {};
    for (const predicate of predicates) {
      for (const object of this.objects(node, predicate)) {
        if (object.termType !== 'Literal') continue;
        const lang = (object as { language?: string }).language ?? '';
        if (!(lang in values)) values[lang] = object.value;
      }
    }
    return values;
  }

  /** The first literal's lexical form (dates, sizes: language-free). */
  literal(node: Term, predicate: string): string | undefined {
    return this.objects(node, predicate).find((t) => t.termType === 'Literal')?.value;
  }

  /** IRIs only; literals where a URL belongs are taken too, since people can still follow them. */
  urls(node: Term, predicate: string): string[] {
    return unique(this.objects(node, predicate).filter((t) => t.termType !== 'BlankNode').map((t) => t.value));
  }

  /** A value shown as a term: an IRI keeps its IRI, anything else is shown by the label the description gives it. */
  term(object: Term): TermView {
    if (object.termType === 'Literal') {
      const lang = (object as { language?: string }).language ?? '';
      return { label: { [lang]: object.value } };
    }
    const label = this.texts(object, `${SKOS}prefLabel`, `${RDFS}label`, `${DCT}title`, `${FOAF}name`);
    return object.termType === 'NamedNode' ? { iri: object.value, label } : { label };
  }

  terms(node: Term, predicate: string): TermView[] {
    const seen = new Set<string>();
    const out: TermView[] = [];
    for (const object of this.objects(node, predicate)) {
      const key = termKey(object);
      if (seen.has(key)) continue;
      seen.add(key);
      const view = this.term(object);
      // A blank node that says nothing of itself cannot be shown meaningfully.
      if (view.iri === undefined && Object.keys(view.label).length === 0) continue;
      out.push(view);
    }
    return out;
  }

  firstTerm(node: Term, predicate: string): TermView | undefined {
    return this.terms(node, predicate)[0];
  }

  agent(node: Term, predicate: string): AgentView | undefined {
    const object = this.object(node, predicate);
    if (!object) return undefined;
    if (object.termType === 'Literal') return { name: { [(object as { language?: string }).language ?? '']: object.value } };
    const agent: AgentView = { name: this.texts(object, `${FOAF}name`, `${SKOS}prefLabel`, `${RDFS}label`) };
    if (object.termType === 'NamedNode') agent.iri = object.value;
    const homepage = this.urls(object, `${FOAF}homepage`)[0];
    if (homepage) agent.homepage = homepage;
    const email = this.urls(object, `${FOAF}mbox`)[0];
    if (email) agent.email = stripMailto(email);
    return agent;
  }

  contacts(node: Term): ContactView[] {
    return this.objects(node, `${DCAT}contactPoint`).map((object) => {
      const contact: ContactView = { name: this.texts(object, `${VCARD}fn`, `${VCARD}organization-name`) };
      if (object.termType === 'NamedNode') contact.iri = object.value;
      const email = this.vcardValue(object, `${VCARD}hasEmail`);
      if (email) contact.email = stripMailto(email);
      const url = this.urls(object, `${VCARD}hasURL`)[0];
      if (url) contact.url = url;
      const phone = this.vcardValue(object, `${VCARD}hasTelephone`);
      if (phone) contact.phone = phone.replace(/^tel:/i, '');
      return contact;
    });
  }

  /** vCard values are written either directly (`vcard:hasEmail <mailto:…>`) or on a node with `vcard:value`. */
  private vcardValue(node: Term, predicate: string): string | undefined {
    const object = this.object(node, predicate);
    if (!object) return undefined;
    if (object.termType === 'BlankNode') return this.object(object, `${VCARD}value`)?.value;
    return object.value;
  }

  periods(node: Term): PeriodView[] {
    return this.objects(node, `${DCT}temporal`).flatMap((object) => {
      const start = this.literal(object, `${DCAT}startDate`) ?? this.literal(object, `${SCHEMA}startDate`);
      const end = this.literal(object, `${DCAT}endDate`) ?? this.literal(object, `${SCHEMA}endDate`);
      if (start === undefined && end === undefined) return [];
      const period: PeriodView = {};
      if (start !== undefined) period.start = start;
      if (end !== undefined) period.end = end;
      return [period];
    });
  }

  /** A place by IRI, or a blank-node location by its name (its geometry is not something to read on a page). */
  places(node: Term): TermView[] {
    return this.objects(node, `${DCT}spatial`).flatMap((object) => {
      const view = this.term(object);
      if (view.iri === undefined && Object.keys(view.label).length === 0) {
        const name = this.texts(object, `${LOCN}geographicName`);
        return Object.keys(name).length > 0 ? [{ label: name }] : [];
      }
      return [view];
    });
  }
}

/** The dataset page's view of `iri`, from its triples, their blank-node closure and its distributions' triples. */
export function describeDataset(ntriples: string, iri: string): DatasetView {
  const d = new Description(ntriples);
  const node = named(iri);
  if (!d.has(node)) throw new DescriptionError(`the description says nothing about <${iri}>`);
  const distributions = d.objects(node, `${DCAT}distribution`).map((dist) => distributionOf(d, dist));

  const licenses = d.terms(node, `${DCT}license`);
  for (const dist of distributions) {
    if (dist.license && !licenses.some((l) => sameTerm(l, dist.license!))) licenses.push(dist.license);
  }

  const view: DatasetView = {
    iri,
    type: d.types(node).includes(`${DCAT}DatasetSeries`) ? 'DatasetSeries' : 'Dataset',
    title: d.texts(node, `${DCT}title`),
    description: d.texts(node, `${DCT}description`),
    themes: d.terms(node, `${DCAT}theme`),
    keywords: keywords(d, node),
    distributions,
    licenses,
    contactPoints: d.contacts(node),
    temporal: d.periods(node),
    spatial: d.places(node),
    landingPages: d.urls(node, `${DCAT}landingPage`),
    languages: d.terms(node, `${DCT}language`),
    conformsTo: d.terms(node, `${DCT}conformsTo`),
  };
  assign(view, 'publisher', d.agent(node, `${DCT}publisher`));
  assign(view, 'accessRights', d.firstTerm(node, `${DCT}accessRights`));
  assign(view, 'issued', d.literal(node, `${DCT}issued`));
  assign(view, 'modified', d.literal(node, `${DCT}modified`));
  assign(view, 'frequency', d.firstTerm(node, `${DCT}accrualPeriodicity`));
  return view;
}

/** The distribution page's view of `iri`. */
export function describeDistribution(ntriples: string, iri: string): DistributionView {
  const d = new Description(ntriples);
  const node = named(iri);
  if (!d.has(node)) throw new DescriptionError(`the description says nothing about <${iri}>`);
  return distributionOf(d, node);
}

/** The catalog page's view of the catalog node `iri` (its own triples; the datasets come from the index). */
export function describeCatalog(ntriples: string, iri: string): CatalogView {
  const d = new Description(ntriples);
  const node = named(iri);
  if (!d.has(node)) throw new DescriptionError(`the description says nothing about <${iri}>`);
  const view: CatalogView = {
    iri,
    title: d.texts(node, `${DCT}title`),
    description: d.texts(node, `${DCT}description`),
    languages: d.terms(node, `${DCT}language`),
  };
  assign(view, 'publisher', d.agent(node, `${DCT}publisher`));
  assign(view, 'homepage', d.urls(node, `${FOAF}homepage`)[0]);
  assign(view, 'license', d.firstTerm(node, `${DCT}license`));
  assign(view, 'issued', d.literal(node, `${DCT}issued`));
  assign(view, 'modified', d.literal(node, `${DCT}modified`));
  return view;
}

function distributionOf(d: Description, node: Term): DistributionView {
  const view: DistributionView = {
    title: d.texts(node, `${DCT}title`),
    description: d.texts(node, `${DCT}description`),
    accessUrls: d.urls(node, `${DCAT}accessURL`),
    downloadUrls: d.urls(node, `${DCAT}downloadURL`),
    conformsTo: d.terms(node, `${DCT}conformsTo`),
    languages: d.terms(node, `${DCT}language`),
  };
  if (node.termType === 'NamedNode') view.iri = node.value;
  assign(view, 'format', d.firstTerm(node, `${DCT}format`));
  assign(view, 'mediaType', d.firstTerm(node, `${DCAT}mediaType`));
  assign(view, 'license', d.firstTerm(node, `${DCT}license`));
  assign(view, 'accessRights', d.firstTerm(node, `${DCT}accessRights`));
  const size = Number(d.literal(node, `${DCAT}byteSize`));
  if (Number.isFinite(size) && size >= 0 && d.literal(node, `${DCAT}byteSize`) !== undefined) view.byteSize = size;
  assign(view, 'issued', d.literal(node, `${DCT}issued`));
  assign(view, 'modified', d.literal(node, `${DCT}modified`));
  return view;
}

function keywords(d: Description, node: Term): { value: string; lang: string }[] {
  const seen = new Set<string>();
  const out: { value: string; lang: string }[] = [];
  for (const object of d.objects(node, `${DCAT}keyword`)) {
    if (object.termType !== 'Literal') continue;
    const lang = (object as { language?: string }).language ?? '';
    const key = `${lang}\u0000${object.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ value: object.value, lang });
  }
  return out;
}

/** Optional properties stay absent rather than `undefined` (exactOptionalPropertyTypes-friendly, and JSON-clean). */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function sameTerm(a: TermView, b: TermView): boolean {
  return a.iri !== undefined ? a.iri === b.iri : b.iri === undefined && JSON.stringify(a.label) === JSON.stringify(b.label);
}

function named(iri: string): Term {
  return { termType: 'NamedNode', value: iri } as Term;
}

function termKey(term: Term): string {
  return `${term.termType}:${term.value}`;
}

function stripMailto(value: string): string {
  return value.replace(/^mailto:/i, '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
