import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';

/** Counts on the command line: 1000000, 1_000_000 and 1,000,000 alike. */
export function positiveInteger(raw: string): number {
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('needs a positive integer');
  return value;
}

/** Counts where none is a sensible answer (a pause, other catalogs). */
export function nonNegativeInteger(raw: string): number {
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('needs a whole number, 0 or more');
  return value;
}

/** A directory, made absolute (the benches start servers with other working directories in mind). */
export function directory(raw: string): string {
  return path.resolve(raw);
}

/**
 * The command line of one benchmark, parsed by commander like the server's CLI: `--help` prints the options,
 * a bad option or value prints why and exits with code 2.
 */
export function benchOptions<T extends object>(name: string, define: (command: Command) => Command): T {
  const command = define(new Command(name).allowExcessArguments(false)).exitOverride((error) => {
    process.exit(error.code === 'commander.helpDisplayed' || error.code === 'commander.help' ? 0 : 2);
  });
  command.parse(process.argv);
  return command.opts<T>();
}

/** What a person can tell the store benchmark on the command line. */
export interface BenchOptions {
  /** Approximate number of quads to generate (the generator rounds to whole datasets). */
  quads: number;
  /** Organisation catalogs, one named graph each. */
  catalogs: number;
  /** Output directory: generated data, server data directories, logs, results. */
  out: string;
  /** Timed runs per query (after one untimed warm-up run). */
  runs: number;
  /** Timed one-triple writes of each kind. */
  writes: number;
  /** Server query replicas (QUERY_WORKERS); undefined = the server's default. */
  replicas: number | undefined;
  /** Keep the server's data directory after the run (it is as large as the data). */
  keepData: boolean;
}

export function storeBenchOptions(): BenchOptions {
  return benchOptions<BenchOptions>('npm run bench --', (command) =>
    command
      .option('--quads <n>', 'quads to generate (tested up to 5000000)', positiveInteger, 1_000_000)
      .option('--catalogs <n>', 'organisation catalogs = named graphs', positiveInteger, 50)
      .option('--out <dir>', 'output directory', directory, path.resolve('bench/out'))
      .option('--runs <k>', 'timed runs per query', positiveInteger, 20)
      .option('--writes <n>', 'timed one-triple writes of each kind', positiveInteger, 200)
      .option('--replicas <n>', "QUERY_WORKERS for the server (default: the server's own default)", positiveInteger)
      .option('--keep-data', "keep the server's DATA_DIR after the run", false),
  );
}
