import type { Config } from '../config.js';
import type { Lang } from '../portal/messages.js';
import { CatalogValidator } from '../validation/catalog-validator.js';
import { findProfile, PROFILES } from '../validation/profiles.js';
import { groupReportOf } from '../validation/report-groups.js';
import { writeReport } from '../validation/report.js';
import { readRdfFile } from './read-rdf-file.js';
import { reportText, stylesFor } from './report-text.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from './usage.js';

export const REPORT_FORMATS = ['text', 'json', 'turtle'] as const;

/**
 * `validate <file> --profile <id> [--format text|json|turtle] [--lang sv|en]`: validate an RDF file offline and print
 * the report. Without --format: text on a terminal, JSON when piped (what scripts read since 0.1). Text and JSON are
 * grouped per dataset in the chosen language (Swedish by default). Exit 0 when it conforms (warnings allowed), 1
 * when it has violations, 2 when the file or the profile is unusable.
 */
export async function validateCommand(config: Config, file: string, options: { profile: string; format?: string; lang?: string }): Promise<number> {
  if (!findProfile(options.profile)) {
    throw new UsageError(`unknown profile "${options.profile}"; known: ${PROFILES.map((p) => p.id).join(', ')}`);
  }
  const format = options.format ?? (process.stdout.isTTY ? 'text' : 'json');
  const lang = (options.lang ?? 'sv') as Lang;
  const { ntriples } = await readRdfFile(file, `${config.baseUrl}/validate/`, config.inputLimits);
  const validator = new CatalogValidator({ threads: 1 });
  try {
    const { report } = await validator.validate(options.profile, ntriples);
    if (format === 'turtle') process.stdout.write(await writeReport(report, 'text/turtle'));
    else {
      const grouped = groupReportOf(report, { ntriples, profile: options.profile, lang });
      if (format === 'json') process.stdout.write(await writeReport(report, 'application/json', grouped));
      else process.stdout.write(reportText(grouped, file, stylesFor(process.stdout, process.env)));
    }
    const violations = report.results.filter((r) => r.severity === 'Violation').length;
    process.stderr.write(`${file}: ${report.conforms ? 'conforms' : `${violations} violation(s)`}, ${report.results.length - violations} other result(s)\n`);
    return report.conforms ? EXIT_OK : EXIT_FAILURE;
  } finally {
    await validator.close();
  }
}
