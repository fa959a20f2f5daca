/**
 * Types shared by the migration core (`src/core`), the transforms and the runner.
 */

/** Settings read from the `--config` JSON file. */
export interface MigrationConfig {
  /**
   * REST API name of the custom lead field that replaces SOAP's
   * `ForeignSysPersonId`. Without it, syncLead calls keyed by a foreign id are marked.
   */
  foreignSysPersonIdField?: string;
  /** SOAP workspace name to REST lead partition name, for `MktowsContextHeader.targetWorkspace`. */
  workspacePartitions?: Record<string, string>;
}

export interface MigrateOptions {
  /** Path of the file, used to pick the parser and in reports. */
  filePath: string;
  /** Names of the transforms to run. `client` is added when missing. */
  transforms: readonly string[];
  /**
   * Module specifier that rewritten files import the REST client from: a relative path
   * such as `../marketo-rest-client/index.js`, or a package name from `--client-import`.
   */
  clientImport: string;
  config?: MigrationConfig;
  /**
   * SOAP lead field name to REST name for the target instance, as `fields pull` writes it.
   * It names custom fields that the standard-field table does not know.
   */
  fieldMap?: Readonly<Record<string, string>>;
}

/** A place in a source file. Lines and columns are 1-based. */
export interface SourceLocation {
  line: number;
  column: number;
}

export interface MarkerRecord extends SourceLocation {
  /** SOAP operation of the call, or `client` for client setup. */
  transform: string;
  /** The text after the `MARKETO-MIGRATE:` prefix: what a person must do. */
  message: string;
  /** True when the marker was already in the input (a second run). */
  existing: boolean;
}

export interface SiteRecord extends SourceLocation {
  transform: string;
  reason: string;
}

export interface FileReport {
  /** Call sites rewritten to REST calls, client setup included. */
  converted: number;
  /** `converted` split by transform name (`client` for client setup). */
  convertedByTransform: Record<string, number>;
  /** Follow-up markers in the output, old and new. */
  markers: MarkerRecord[];
  /** Calls left alone because of a `marketo-migrate-ignore` comment. */
  ignored: SiteRecord[];
  /** Hard-coded SOAP credentials found in the input. They are never copied to the output. */
  secrets: SiteRecord[];
  /**
   * Set when the file was left unchanged on purpose because a construct could not be
   * migrated safely. The output then equals the input.
   */
  skipped: SiteRecord | null;
  /** True when the output imports the REST client module. */
  importsClient: boolean;
}

export interface MigrateResult {
  /** The new source. Equals the input, byte for byte, when `changed` is false. */
  output: string;
  changed: boolean;
  report: FileReport;
}

/** The input file does not parse. The file must be reported and left as it is. */
export class SourceParseError extends Error {
  constructor(
    readonly filePath: string,
    readonly location: SourceLocation | null,
    detail: string,
  ) {
    super(
      `${filePath}${location ? `:${location.line}:${location.column}` : ''}: parse failed: ${detail}`,
    );
    this.name = 'SourceParseError';
  }
}

/** A transform produced output that does not parse. The output must not be written. */
export class OutputParseError extends Error {
  constructor(
    readonly filePath: string,
    detail: string,
  ) {
    super(`${filePath}: the migrated output does not parse, so it was not written: ${detail}`);
    this.name = 'OutputParseError';
  }
}
