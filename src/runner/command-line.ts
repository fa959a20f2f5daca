import { createRequire } from 'node:module';

import type { Argv } from 'yargs';

import type { TransformInfo } from '../core/registry-types.js';
import { transformInfos } from '../../transforms/index.js';
import { UsageError, errorMessage } from './errors.js';
import { ExitCode, exitCodeTable, type ExitCodeValue } from './exit-codes.js';
import { DEFAULT_FIELD_MAP_FILE, fieldsPullCommand, type LeadFieldSource } from './field-map.js';
import { formatTransformList, formatTransformListJson } from './list.js';
import { defaultRunDependencies, type RunDependencies } from './run.js';
import {
  OUTPUT_FORMATS,
  runCommand,
  type CommandIO,
  type OutputFormat,
  type RunArguments,
} from './run-command.js';
import { CLIENT_TRANSFORM } from './transform-selection.js';
import { TOOLKIT_NAME, locateToolkit } from './toolkit.js';
import { DEFAULT_VENDOR_FOLDER } from './vendor.js';

// yargs 17.7.3 wraps help text at word boundaries only in its CommonJS build. Its ES module
// build breaks lines inside words (fixed in yargs 18), so the CommonJS build is loaded.
const yargs = createRequire(import.meta.url)('yargs') as typeof import('yargs').default;

export interface CommandLineOptions {
  registry?: readonly TransformInfo[];
  dependencies?: RunDependencies;
  /** Builds the Describe Lead source of `fields pull`. Default: the REST client from `env`. */
  leadFieldSource?: (env: Record<string, string | undefined>) => LeadFieldSource;
}

interface CommandHandlers {
  run: (args: RunArguments) => Promise<void>;
  list: (json: boolean) => void;
  fieldsPull: (output: string) => Promise<void>;
}

/**
 * Parses the command line and runs the command. Returns the exit code instead of exiting,
 * so the caller decides when the process ends and stdout is flushed first. Usage errors,
 * yargs' own validation errors included, print a message on stderr and return
 * `ExitCode.Error`, as do errors that no file outcome caught.
 */
export async function main(
  argv: readonly string[],
  io: CommandIO,
  options: CommandLineOptions = {},
): Promise<ExitCodeValue> {
  const registry = options.registry ?? transformInfos;
  const dependencies = options.dependencies ?? defaultRunDependencies;
  let exitCode: ExitCodeValue = ExitCode.Ok;

  const parser = buildParser(argv, registry, {
    run: async (args) => {
      exitCode = await runCommand(args, io, registry, dependencies);
    },
    list: (json) => {
      io.stdout.write(json ? formatTransformListJson(registry) : formatTransformList(registry));
    },
    fieldsPull: async (output) => {
      const fieldsIO = { cwd: io.cwd, stderr: io.stderr, env: io.env ?? {} };
      exitCode = await fieldsPullCommand(output, fieldsIO, options.leadFieldSource);
    },
  });

  try {
    await parser.parseAsync();
  } catch (error) {
    const hint =
      error instanceof UsageError
        ? `Run "${TOOLKIT_NAME} --help" or "${TOOLKIT_NAME} <command> --help" for usage.\n`
        : '';
    io.stderr.write(`Error: ${errorMessage(error)}\n${hint}`);
    return ExitCode.Error;
  }
  return exitCode;
}

function buildParser(
  argv: readonly string[],
  registry: readonly TransformInfo[],
  handlers: CommandHandlers,
): Argv {
  const names = registry.map((info) => info.name).join(', ');
  const exitCodes = exitCodeTable.map((row) => `  ${row.code}  ${row.meaning}`).join('\n');

  return (
    yargs([...argv])
      .scriptName(TOOLKIT_NAME)
      .usage('$0 <command> [options]')
      .command(
        'run [paths..]',
        'Rewrite Marketo SOAP (mktows) call sites under the paths into REST client calls.',
        (command) =>
          command
            .positional('paths', {
              describe: 'Files and directories to migrate. Default: the current directory.',
              type: 'string',
              array: true,
              default: ['.'],
            })
            .option('dry', {
              describe:
                'Write nothing. Print the changes on stdout as one patch that `git apply` ' +
                'accepts. Default: false, the changes are written.',
              type: 'boolean',
              default: false,
            })
            .option('transform', {
              describe:
                'Run only these transforms. Repeat the option or separate names with commas. ' +
                `Names: ${names}. "${CLIENT_TRANSFORM}" always runs too. Default: all transforms.`,
              type: 'string',
              requiresArg: true,
              coerce: (value: string | string[]) => [value].flat(),
            })
            .option('silent', {
              describe:
                'Do not print the summary on stderr. Errors are still printed and the exit ' +
                'code does not change. Default: false.',
              type: 'boolean',
              default: false,
            })
            .option('config', {
              describe:
                'JSON file with migration settings: "foreignSysPersonIdField" (REST name of ' +
                'the custom field that replaces ForeignSysPersonId) and "workspacePartitions" ' +
                '(SOAP workspace name to REST partition name). Default: none, and the calls ' +
                'that need them are marked.',
              type: 'string',
              requiresArg: true,
            })
            .option('client-path', {
              describe:
                'Folder to vendor the REST client into. Default: ' +
                `${DEFAULT_VENDOR_FOLDER}/ beside the nearest package.json at or above the ` +
                'first path (within its git work tree), else inside the first path. ' +
                'Conflicts with --client-import.',
              type: 'string',
              requiresArg: true,
            })
            .option('client-import', {
              describe:
                'Module specifier, such as a published package name, that rewritten files ' +
                'import the REST client from. Nothing is vendored. Default: a relative path ' +
                'to the vendored folder. Conflicts with --client-path.',
              type: 'string',
              requiresArg: true,
            })
            .conflicts('client-path', 'client-import')
            .check((argv) => {
              if (argv['dry'] === true && argv['check'] === true) {
                throw new Error(
                  '--dry and --check cannot be combined: --check already writes nothing. Drop one of them.',
                );
              }
              return true;
            })
            .option('check', {
              describe:
                'Write nothing and print one line per file that needs work on stdout, with the ' +
                'summary on stderr. Exit 1 when work remains (changes pending, or call sites ' +
                'marked, ignored or skipped for safety), 0 when fully migrated, 2 on errors. ' +
                'Conflicts with --dry. Default: false.',
              type: 'boolean',
              default: false,
            })
            .option('patch-file', {
              describe:
                'Write the patch of the run to this file instead of stdout. Works with --dry, ' +
                '--check and a writing run, where it records what was written. Default: none.',
              type: 'string',
              requiresArg: true,
            })
            .option('report', {
              describe:
                'Write a JSON report of the run to this file (layout in docs/report-schema.md). ' +
                'Default: none.',
              type: 'string',
              requiresArg: true,
            })
            .option('report-md', {
              describe:
                'Write a Markdown report of the run to this file, ready to post as a ' +
                'pull-request comment. Default: none.',
              type: 'string',
              requiresArg: true,
            })
            .option('format', {
              describe:
                'Output format of stdout: "text", or "github" for GitHub Actions workflow ' +
                'annotations of follow-ups, skips and failures. With --dry, "github" needs ' +
                '--patch-file. Default: text.',
              choices: OUTPUT_FORMATS,
              default: 'text' as OutputFormat,
            })
            .option('allow-dirty', {
              describe:
                'Write even when the git work tree has uncommitted changes. Default: false, ' +
                'such a run exits 2 before writing. --dry and --check are never blocked.',
              type: 'boolean',
              default: false,
            })
            .option('verbose', {
              describe:
                'List every file on stderr with its outcome and the reason it was skipped or ' +
                'failed. Default: false.',
              type: 'boolean',
              default: false,
            })
            .option('prune-dependencies', {
              describe:
                'Remove soap, strong-soap and node-marketo-soap from a package.json once no ' +
                'file of its package imports them. The lock file must be refreshed afterwards. ' +
                'Default: false, the summary only names them.',
              type: 'boolean',
              default: false,
            })
            .option('field-map', {
              describe:
                'JSON file of SOAP lead field names to REST names, as `fields pull` writes it. ' +
                'The map is passed to the migration core with every file. Default: none.',
              type: 'string',
              requiresArg: true,
            }),
        async (parsed) => {
          await handlers.run({
            paths: parsed.paths ?? ['.'],
            dry: parsed.dry,
            silent: parsed.silent,
            check: parsed.check,
            format: parsed.format,
            allowDirty: parsed.allowDirty,
            verbose: parsed.verbose,
            pruneDependencies: parsed.pruneDependencies,
            ...(parsed.transform === undefined ? {} : { transform: parsed.transform }),
            ...(parsed.config === undefined ? {} : { config: parsed.config }),
            ...(parsed.clientPath === undefined ? {} : { clientPath: parsed.clientPath }),
            ...(parsed.clientImport === undefined ? {} : { clientImport: parsed.clientImport }),
            ...(parsed.patchFile === undefined ? {} : { patchFile: parsed.patchFile }),
            ...(parsed.report === undefined ? {} : { report: parsed.report }),
            ...(parsed.reportMd === undefined ? {} : { reportMd: parsed.reportMd }),
            ...(parsed.fieldMap === undefined ? {} : { fieldMap: parsed.fieldMap }),
          });
        },
      )
      .command(
        'list',
        'List every transform with its SOAP operation and the REST endpoints it targets.',
        (command) =>
          command.option('json', {
            describe:
              'Print a JSON array of { name, soapOperation, restEndpoints, summary } objects. ' +
              'Default: false, plain text.',
            type: 'boolean',
            default: false,
          }),
        (parsed) => handlers.list(parsed.json),
      )
      .command(
        'fields <action>',
        'Work with the lead fields of the Marketo instance.',
        (command) =>
          command
            .positional('action', {
              describe:
                '"pull": write the SOAP-to-REST lead field name map, read with Describe Lead ' +
                'through the REST client, to a JSON file for `run --field-map`. The client ' +
                'reads MARKETO_BASE_URL or MARKETO_MUNCHKIN_ID, MARKETO_CLIENT_ID and ' +
                'MARKETO_CLIENT_SECRET (and MARKETO_IDENTITY_URL when set).',
              choices: ['pull'] as const,
              demandOption: true,
            })
            .option('output', {
              alias: 'o',
              describe: `File to write the map to. Default: ${DEFAULT_FIELD_MAP_FILE}.`,
              type: 'string',
              requiresArg: true,
              default: DEFAULT_FIELD_MAP_FILE,
            }),
        async (parsed) => {
          await handlers.fieldsPull(parsed.output);
        },
      )
      .demandCommand(1, 'Missing command. Use "run", "list" or "fields pull".')
      .strict()
      .version(locateToolkit().version)
      .help()
      .alias('help', 'h')
      .epilog(`Exit codes:\n${exitCodes}`)
      .wrap(100)
      .exitProcess(false)
      // yargs reports its own validation errors here, with a message or an error object.
      // Errors thrown by a command handler reject parseAsync and do not come here.
      .fail((message, error) => {
        throw new UsageError(message || errorMessage(error));
      })
  );
}
