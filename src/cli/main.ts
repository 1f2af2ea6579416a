import { Command, CommanderError, Option } from 'commander';
import { ConfigError, readConfig, type Config } from '../config.js';
import { OrganisationsDataError } from '../organisations/organisations.js';
import { TOKEN_ROLES } from '../auth/token-directory.js';
import { serve } from './serve.js';
import { tokenCreateCommand } from './token.js';
import { dumpCommand } from './dump.js';
import { loadCommand } from './load.js';
import { restoreCommand } from './restore.js';
import { REPORT_FORMATS, validateCommand } from './validate.js';
import { CLI_LANGS } from './report-text.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usage.js';

/** Flags that mirror the environment variables of the contract; a flag wins over the variable. */
interface EnvFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  baseUrl?: string;
}

function withFlags(flags: EnvFlags): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (flags.port !== undefined) env.PORT = flags.port;
  if (flags.host !== undefined) env.HOST = flags.host;
  if (flags.dataDir !== undefined) env.DATA_DIR = flags.dataDir;
  if (flags.baseUrl !== undefined) env.BASE_URL = flags.baseUrl;
  return env;
}

function config(flags: EnvFlags): Config {
  try {
    return readConfig(withFlags(flags));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`configuration error: ${error.message}`);
    throw error;
  }
}

const dataDirOption = () => new Option('--data-dir <dir>', 'the data directory (default: $DATA_DIR or ./var)');

/** The command line; `run` records the exit code of the command that ran. */
export function buildProgram(run: (code: number) => void): Command {
  const program = new Command('dataportal-vast')
    .description('Dataportal Väst: a DCAT-AP catalog server for Västra Götaland')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  program
    .command('serve')
    .description('run the server (configured by PORT, HOST, DATA_DIR, BASE_URL, ADMIN_TOKEN, QUERY_TIMEOUT_MS)')
    .option('--port <port>', 'port to listen on (default: $PORT or 3030)')
    .option('--host <host>', 'interface to listen on (default: $HOST or 127.0.0.1)')
    .addOption(dataDirOption())
    .option('--base-url <url>', 'public base of every IRI and link (default: $BASE_URL or http://localhost:$PORT)')
    .action(async (flags: EnvFlags) => {
      await serve(withFlags(flags));
    });

  const token = program.command('token').description('organisation and admin tokens');
  token
    .command('create')
    .description('issue a token while no server runs on the data directory (else use POST /admin/tokens); prints it once')
    .requiredOption('--organisation <id>', 'the organisation the token publishes for (see GET /organisations)')
    .addOption(new Option('--role <role>', 'what the token may do').choices([...TOKEN_ROLES]).default('publisher'))
    .addOption(dataDirOption())
    .action(async (options: { organisation: string; role: string } & EnvFlags) => run(await tokenCreateCommand(config(options), options)));

  program
    .command('dump')
    .description('write every graph of the data directory as N-Quads to stdout, then the server\'s records (catalog records, token hashes) as one more graph (while no server runs on it)')
    .option('--graphs-only', 'leave the server\'s records out: only the graphs')
    .addOption(dataDirOption())
    .action(async (options: { graphsOnly?: boolean } & EnvFlags) => run(await dumpCommand(config(options), options)));

  program
    .command('restore')
    .description('load a dump (N-Quads from `dump`, or - for stdin) into an empty data directory, with progress on stderr')
    .argument('<file>', 'the dump, or - to read stdin')
    .addOption(dataDirOption())
    .action(async (file: string, options: EnvFlags) => run(await restoreCommand(config(options), file)));

  program
    .command('load')
    .description('load a catalog document into the data directory, validated as a PUT to /catalogs/{id} would be')
    .argument('<file>', 'an RDF file (.ttl, .nt, .rdf, .jsonld)')
    .requiredOption('--catalog <id>', 'the catalog id')
    .option('--profile <id>', 'the catalog\'s profile (see GET /profiles): a new catalog\'s, or a stored one moved to it, as the admin token may; default: the stored one, dcat-ap-se for a new catalog')
    .addOption(dataDirOption())
    .action(async (file: string, options: { catalog: string; profile?: string } & EnvFlags) => run(await loadCommand(config(options), file, options)));

  program
    .command('validate')
    .description('validate an RDF file against a profile (exit 0 conforms, 1 does not, 2 unreadable)')
    .argument('<file>', 'an RDF file (.ttl, .nt, .rdf, .jsonld)')
    .requiredOption('--profile <id>', 'the profile id (see GET /profiles)')
    .addOption(new Option('--format <format>', 'how to print the report (default: text on a terminal, json when piped)').choices([...REPORT_FORMATS]))
    .addOption(new Option('--lang <lang>', 'language of the messages and labels').choices([...CLI_LANGS]).default('sv'))
    .action(async (file: string, options: { profile: string; format?: string; lang: string }) => run(await validateCommand(config({}), file, options)));

  return program;
}

/** Run the command line; resolves with the exit code, or never settles the process while `serve` runs. */
export async function main(argv: string[]): Promise<number | undefined> {
  let result: number | undefined;
  const program = buildProgram((code) => (result = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (error instanceof UsageError) {
      process.stderr.write(`dataportal-vast: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // A setting found wrong only when used (STORE naming a backend this build lacks).
    if (error instanceof ConfigError) {
      process.stderr.write(`dataportal-vast: configuration error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return EXIT_FAILURE;
    // Expected failures (the data directory is locked, the organisations file is broken) read best as one line.
    const expected = error instanceof OrganisationsDataError || /is in use by process/.test((error as Error).message);
    process.stderr.write(`dataportal-vast: ${expected ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    return EXIT_FAILURE;
  }
}

const code = await main(process.argv.slice(2));
if (code !== undefined) {
  // Let stdout drain (it is asynchronous when it is a pipe) before leaving.
  process.stdout.write('', () => process.exit(code));
}
