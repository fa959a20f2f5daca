import { createRequire } from 'node:module';

import type { Argv } from 'yargs';

import type { TransformInfo } from '../core/registry-types.js';
import { transformInfos } from '../../transforms/index.js';
import { UsageError, errorMessage } from './errors.js';
import { ExitCode, exitCodeTable, type ExitCodeValue } from './exit-codes.js';
import { formatTransformList, formatTransformListJson } from './list.js';
import { defaultRunDependencies, type RunDependencies } from './run.js';
import { runCommand, type CommandIO, type RunArguments } from './run-command.js';
import { CLIENT_TRANSFORM } from './transform-selection.js';
import { TOOLKIT_NAME, locateToolkit } from './toolkit.js';
import { DEFAULT_VENDOR_FOLDER } from './vendor.js';

// yargs 17.7.3 wraps help text at word boundaries only in its CommonJS build. Its ES module
// build breaks lines inside words (fixed in yargs 18), so the CommonJS build is loaded.
const yargs = createRequire(import.meta.url)('yargs') as typeof import('yargs').default;

export interface CommandLineOptions {
  registry?: readonly TransformInfo[];
  dependencies?: RunDependencies;
}

interface CommandHandlers {
  run: (args: RunArguments) => Promise<void>;
  list: (json: boolean) => void;
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

  return yargs([...argv])
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
          .conflicts('client-path', 'client-import'),
      async (parsed) => {
        await handlers.run({
          paths: parsed.paths ?? ['.'],
          dry: parsed.dry,
          silent: parsed.silent,
          ...(parsed.transform === undefined ? {} : { transform: parsed.transform }),
          ...(parsed.config === undefined ? {} : { config: parsed.config }),
          ...(parsed.clientPath === undefined ? {} : { clientPath: parsed.clientPath }),
          ...(parsed.clientImport === undefined ? {} : { clientImport: parsed.clientImport }),
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
    .demandCommand(1, 'Missing command. Use "run" or "list".')
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
    });
}
