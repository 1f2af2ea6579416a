import { PREFIXES } from '../rdf/formats.js';
import { localText, pickText, type LocalText } from '../portal/language.js';
import type { Lang } from '../portal/messages.js';
import { fixHint } from './fix-hints.js';
import { suggestionOf, type ValidationReport, type ValidationResult } from './report.js';
import { reportSubjects, type ReportSubjects, type SubjectKind } from './report-subjects.js';
import { shapeNotes, type ShapeNote } from './shape-notes.js';

/**
 * A report as people act on it: the results grouped per dataset (catalogue-level results and those on nodes several
 * datasets share under the catalogue), each with the property's name, the message in the reader's language and a
 * hint of what to do. The JSON report carries it as `datasets` beside the flat `results`; the HTML page and the
 * CLI's text print it.
 */
export interface GroupedReport {
  conforms: boolean;
  lang: Lang;
  profile: string;
  counts: Counts;
  datasets: ReportGroup[];
}

export interface Counts {
  violations: number;
  warnings: number;
  infos: number;
}

export interface ReportGroup {
  /** The dataset, series or catalogue IRI; null for results of a document without a catalogue that no dataset owns. */
  iri: string | null;
  kind: SubjectKind | 'other';
  /** The title in the reader's language (`lang` set when it is another one); undefined when there is none. */
  title?: LocalText;
  counts: Counts;
  results: GroupedResult[];
}

export interface GroupedResult {
  severity: ValidationResult['severity'];
  focusNode: string;
  /** The property the result is about (the IRI in the path) and its name for people; null for node-level results. */
  property: { iri: string; label: string } | null;
  path: string | null;
  value: string | null;
  message: LocalText;
  fix: string;
  /** The specification's section on the property, when the shape links to it. */
  seeAlso?: string;
  shape: string | null;
  component?: string;
  suggestion?: { value: string; label?: string };
}

export interface GroupingContext {
  lang: Lang;
  profile: string;
  subjects: ReportSubjects;
  notes: Map<string, ShapeNote>;
}

const KIND_ORDER: Record<ReportGroup['kind'], number> = { catalog: 0, other: 1, dataset: 2, series: 2 };

export function groupReport(report: ValidationReport, context: GroupingContext): GroupedReport {
  const { lang, subjects } = context;
  const groups = new Map<string | null, ReportGroup>();
  for (const result of report.results) {
    const iri = groupOf(result, subjects);
    let group = groups.get(iri);
    if (!group) {
      const kind = iri === null ? 'other' : (subjects.kinds.get(iri) ?? 'dataset');
      groups.set(iri, (group = { iri, kind, title: pickText(iri === null ? undefined : subjects.titles.get(iri), lang), counts: zero(), results: [] }));
    }
    count(group.counts, result.severity);
    group.results.push(describeResult(result, context));
  }
  const collator = new Intl.Collator(lang);
  // The catalogue first, then datasets that would block a write, then the rest; by title within each.
  const datasets = [...groups.values()].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      Number(b.counts.violations > 0) - Number(a.counts.violations > 0) ||
      collator.compare(a.title?.text ?? '\uffff', b.title?.text ?? '\uffff') ||
      (a.iri ?? '').localeCompare(b.iri ?? ''),
  );
  const counts = zero();
  for (const result of report.results) count(counts, result.severity);
  return { conforms: report.conforms, lang, profile: context.profile, counts, datasets };
}

/** The JSON form of the groups: texts as plain strings in the chosen language. */
export function groupsToJson(grouped: GroupedReport) {
  return {
    lang: grouped.lang,
    profile: grouped.profile,
    counts: grouped.counts,
    datasets: grouped.datasets.map((group) => ({
      iri: group.iri,
      kind: group.kind,
      title: group.title?.text ?? null,
      counts: group.counts,
      results: group.results.map((r) => ({
        severity: r.severity,
        focusNode: r.focusNode,
        property: r.property,
        path: r.path,
        value: r.value,
        message: r.message.text,
        fix: r.fix,
        ...(r.seeAlso ? { seeAlso: r.seeAlso } : {}),
        shape: r.shape,
        ...(r.component !== undefined ? { component: r.component } : {}),
        ...(r.suggestion ? { suggestion: r.suggestion } : {}),
      })),
    })),
  };
}

/**
 * The dataset a result belongs to (as the partition says), else the dataset it is on, else the one dataset whose
 * contact point or distribution it is on, else the catalogue (nodes several datasets share, agents, services).
 */
function groupOf(result: ValidationResult, subjects: ReportSubjects): string | null {
  if (result.dataset !== undefined) return result.dataset;
  const kind = subjects.kinds.get(result.focusNode);
  if (kind === 'dataset' || kind === 'series') return result.focusNode;
  const linked = subjects.linkedFrom.get(result.focusNode);
  if (linked?.length === 1) return linked[0]!;
  return subjects.catalog ?? null;
}

function describeResult(result: ValidationResult, context: GroupingContext): GroupedResult {
  const note = result.shape === null ? undefined : context.notes.get(result.shape);
  const propertyIri = result.path === null ? null : pathProperty(result.path);
  const name = pickText(note?.name, context.lang)?.text;
  const property = propertyIri === null ? null : { iri: propertyIri, label: name ?? readableName(propertyIri) };
  const shown = property && result.path !== null ? `${property.label} (${shownPath(result.path)})` : null;
  const found = suggestionOf(result);
  const suggestion = found && { value: found.value, label: context.lang === 'sv' ? found.labelSv : found.label };
  return {
    severity: result.severity,
    focusNode: result.focusNode,
    property,
    path: result.path,
    value: result.value,
    message: messageIn(result, context.lang),
    fix: fixHint({ severity: result.severity, component: result.component, shape: result.shape, property: shown, value: result.value, suggestion }, context.lang),
    ...(note?.seeAlso ? { seeAlso: note.seeAlso } : {}),
    shape: result.shape,
    ...(result.component !== undefined ? { component: result.component } : {}),
    ...(suggestion ? { suggestion } : {}),
  };
}

/** `message` is English (or the engine's wording), `messageSv` Swedish when the shape has it. */
function messageIn(result: ValidationResult, lang: Lang): LocalText {
  if (lang === 'sv' && result.messageSv !== undefined) return localText(result.messageSv, 'sv', lang);
  return localText(result.message, 'en', lang);
}

/** The first IRI of a path: the predicate itself for a plain path, the one inside `^<…>` and the like otherwise. */
function pathProperty(path: string): string {
  if (!path.includes('<')) return path;
  const start = path.indexOf('<');
  return path.slice(start + 1, path.indexOf('>', start));
}

/** A path with its IRIs as prefixed names where a prefix is known: `dct:title`, `^dcat:inSeries`. */
export function curie(path: string): string {
  const one = (iri: string) => {
    for (const [prefix, namespace] of Object.entries(PREFIXES)) {
      if (iri.startsWith(namespace) && /^[A-Za-z_][\w.-]*$/.test(iri.slice(namespace.length))) return `${prefix}:${iri.slice(namespace.length)}`;
    }
    return `<${iri}>`;
  };
  return path.includes('<') ? path.replace(/<([^>]*)>/g, (_, iri: string) => one(iri)) : one(path);
}

/**
 * A path as people read it: prefixed names, and an alternative path (`org:classification` under either namespace
 * spelling) by its first property.
 */
export function shownPath(path: string): string {
  return /^\(.*\|.*\)$/.test(path) ? curie(pathProperty(path)) : curie(path);
}

/** `…/dcat#accessURL` → "access URL", `…/terms/title` → "title": for properties no shape names. */
export function readableName(iri: string): string {
  const local = iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1) || iri;
  return local
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((word) => (/^[A-Z]+$/.test(word) && word.length > 1 ? word : word.toLowerCase()))
    .join(' ');
}

const zero = (): Counts => ({ violations: 0, warnings: 0, infos: 0 });

function count(counts: Counts, severity: ValidationResult['severity']): void {
  if (severity === 'Violation') counts.violations++;
  else if (severity === 'Warning') counts.warnings++;
  else counts.infos++;
}

/** Group a report of the N-Triples text it was made from (titles and kinds come from the text). */
export function groupReportOf(report: ValidationReport, source: { ntriples: string; profile: string; lang: Lang }): GroupedReport {
  return groupReport(report, { lang: source.lang, profile: source.profile, subjects: reportSubjects(source.ntriples), notes: shapeNotes(source.profile) });
}
