import type { AstNode, CodeBuilder, NodePath } from './ast.js';
import type { Grammar } from './parse.js';
import type { ResultShape } from './result-reads.js';
import type { SoapOperation } from './operations.js';
import type { MigrationConfig } from './types.js';

/**
 * Shape the rewritten code reads the result in: `rest` when every read was moved to the REST
 * shape (or nothing reads it), `soap` when the result goes through the SOAP-shaped view.
 */
export type ResultMode = 'rest' | 'soap';

/** File context passed to an operation recipe for one call. */
export interface RecipeContext {
  grammar: Grammar;
  builder: CodeBuilder;
  config: MigrationConfig;
  /** SOAP lead field name to REST name from `--field-map`, checked before the standard table. */
  fieldMap: Readonly<Record<string, string>>;
  /**
   * `MktowsContextHeader.targetWorkspace` set on the client in this file: the workspace name,
   * `dynamic` when it is computed at run time, or null when no header is set.
   */
  targetWorkspace: string | 'dynamic' | null;
  /**
   * Returns the object or array literal that a variable in the request holds, or the node
   * itself. Recipes call it on every part of the request they read.
   */
  resolve: (node: AstNode | null | undefined) => AstNode | null;
  /**
   * The SOAP call being converted, for recipes that read the code around it, such as whether a
   * variable is reassigned. Recipes must not change the tree through it. Absent outside a call.
   */
  callPath?: NodePath;
}

/**
 * The REST replacement of one SOAP call, as code templates. `__client` stands for the
 * receiver and `__slot0`, `__slot1`, ... for the nodes in `slots`, which keep their source text.
 */
export interface RestCall {
  /** The REST call, an expression that evaluates to a promise of the REST response. */
  expression: string;
  /** `.then()` handlers that run whatever the result mode, such as Associate Lead. */
  steps: string[];
  /** `.then()` handler that turns the REST response into the SOAP result shape. */
  view: string;
  /** `.then()` handler for the REST mode, such as the not-found check, or null. */
  restStep: string | null;
  slots: AstNode[];
  /** Names the templates use from the REST client module. */
  imports: string[];
  /** Follow-ups a person must check although the call was converted. */
  notes: string[];
  /**
   * True when `expression` resolves to the SOAP result itself, as for an operation that needs no
   * REST call, so the result needs no view and no marker when it leaves the function.
   */
  soapShaped?: boolean;
}

/** A call the recipe cannot convert, with what a person must do instead. */
export interface Unconvertible {
  unconvertible: string;
}

export interface OperationRecipe {
  operation: SoapOperation;
  /** REST endpoints the rewritten code calls, as `METHOD /path`. */
  restEndpoints: string[];
  summary: string;
  /** The SOAP result reads that have a REST counterpart. */
  resultShape: ResultShape;
  /**
   * Builds the REST call from the SOAP request argument. `fieldsRead` lists the REST fields the
   * rewritten reads use in the REST mode, so the call can ask for them.
   */
  buildCall(
    request: AstNode | undefined,
    context: RecipeContext,
    mode: ResultMode,
    fieldsRead: readonly string[],
  ): RestCall | Unconvertible;
}

export function isUnconvertible(value: RestCall | Unconvertible): value is Unconvertible {
  return 'unconvertible' in value;
}
