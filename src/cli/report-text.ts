import { messages, type Lang } from '../portal/messages.js';
import { shownPath, type GroupedReport } from '../validation/report-groups.js';

/** ANSI styles, or none: no colour when stdout is not a terminal or NO_COLOR is set (https://no-color.org). */
export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
export const COLOURS: Styles = { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), yellow: ansi(33, 39), green: ansi(32, 39) };
const same = (text: string) => text;
export const PLAIN: Styles = { bold: same, dim: same, red: same, yellow: same, green: same };

export function stylesFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Styles {
  return stream.isTTY && !env.NO_COLOR ? COLOURS : PLAIN;
}

/**
 * The grouped report as text for a terminal: the verdict, then per dataset (catalogue first) each finding with its
 * property, value, message and what to do — the same content as the HTML page, in the same order.
 */
export function reportText(grouped: GroupedReport, file: string, style: Styles): string {
  const m = messages(grouped.lang);
  const lines: string[] = [];
  const counts = [m.reportViolations(String(grouped.counts.violations)), m.reportWarnings(String(grouped.counts.warnings))];
  if (grouped.counts.infos) counts.push(m.reportInfos(String(grouped.counts.infos)));
  const verdict = grouped.conforms ? style.green(m.reportVerdictConforms) : style.red(m.reportVerdictFails);
  lines.push(`${style.bold(file)} (${grouped.profile}): ${style.bold(verdict)} — ${counts.join(', ')}`);
  if (grouped.datasets.length === 0) lines.push(m.reportNothing);
  for (const group of grouped.datasets) {
    const kind = { catalog: m.reportKindCatalog, dataset: m.reportKindDataset, series: m.reportKindSeries, other: m.reportKindOther }[group.kind];
    const title = group.title?.text ?? (group.kind === 'other' ? m.reportOtherTitle : m.untitled);
    lines.push('', `${style.bold(title)}  ${style.dim(`[${kind}]`)}${group.iri ? `  ${style.dim(group.iri)}` : ''}`);
    for (const r of group.results) {
      const badge = r.severity === 'Violation' ? style.red(m.severityViolation.toUpperCase()) : r.severity === 'Warning' ? style.yellow(m.severityWarning.toUpperCase()) : m.severityInfo.toUpperCase();
      const property = r.property ? `${r.property.label}${r.path !== null ? ` (${shownPath(r.path)})` : ''}` : m.findingResource;
      lines.push(`  ${badge}  ${style.bold(property)}`);
      const detail = (label: string, text: string) => lines.push(`      ${label}: ${text}`);
      if (r.focusNode !== group.iri) detail(m.findingResource, style.dim(r.focusNode));
      if (r.value !== null) detail(m.findingValue, r.value);
      detail(m.findingMessage, r.message.text);
      detail(m.findingFix, r.fix);
      if (r.seeAlso) detail(m.findingSpec, style.dim(r.seeAlso));
    }
  }
  return `${lines.join('\n')}\n`;
}

export const CLI_LANGS: readonly Lang[] = ['sv', 'en'];
