import path from 'node:path';

/** What a person can tell the benchmark on the command line. */
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

const USAGE = `Usage: npm run bench -- [options]

  --quads N        quads to generate (default 1000000; tested up to 5000000)
  --catalogs N     organisation catalogs = named graphs (default 50)
  --out DIR        output directory (default bench/out)
  --runs K         timed runs per query (default 20)
  --writes N       timed one-triple writes of each kind (default 200)
  --replicas N     QUERY_WORKERS for the server (default: the server's own default)
  --keep-data      keep the server's DATA_DIR after the run
  --help           this text
`;

export class UsageError extends Error {}

function positiveInteger(name: string, raw: string | undefined): number {
  // Accept 1_000_000 and 1,000,000 as well as 1000000.
  const value = Number((raw ?? '').replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} needs a positive integer, got "${raw ?? ''}"`);
  return value;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const options: BenchOptions = {
    quads: 1_000_000,
    catalogs: 50,
    out: 'bench/out',
    runs: 20,
    writes: 200,
    replicas: undefined,
    keepData: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--quads':
        options.quads = positiveInteger(flag, value());
        break;
      case '--catalogs':
        options.catalogs = positiveInteger(flag, value());
        break;
      case '--out': {
        const dir = value();
        if (!dir) throw new UsageError('--out needs a directory');
        options.out = dir;
        break;
      }
      case '--runs':
        options.runs = positiveInteger(flag, value());
        break;
      case '--writes':
        options.writes = positiveInteger(flag, value());
        break;
      case '--replicas':
        options.replicas = positiveInteger(flag, value());
        break;
      case '--keep-data':
        options.keepData = true;
        break;
      case '--help':
      case '-h':
        return 'help';
      default:
        throw new UsageError(`unknown option "${arg}"\n\n${USAGE}`);
    }
  }
  options.out = path.resolve(options.out);
  return options;
}

export { USAGE };
