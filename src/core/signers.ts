import type { Collection, JSCodeshift } from 'jscodeshift';
import type { AstNode, NodePath } from './ast.js';
import { prototypeAssignments } from './unused-declarations.js';

/** A top-level declaration that signs the SOAP AuthenticationHeader. */
export interface Signer {
  path: NodePath;
  /** The signer's declaration and its `Name.prototype.x = ...` statements. */
  nodes: AstNode[];
}

/**
 * Finds the declarations that sign SOAP requests and are left in the file. They become dead
 * code once the callers use the REST client, but other files may still import them, so they
 * are marked rather than removed.
 */
export function findOrphanSigners(j: JSCodeshift, root: Collection<unknown>): Signer[] {
  const signers: Signer[] = [];
  const program = root.find(j.Program).paths()[0] as NodePath;
  const body = program.get('body') as NodePath;
  (program.node.body as AstNode[]).forEach((statement, index) => {
    const candidate =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
        ? statement.declaration
        : statement;
    if (
      !candidate ||
      !['FunctionDeclaration', 'ClassDeclaration', 'VariableDeclaration'].includes(candidate.type)
    )
      return;
    const name = candidate.id?.name ?? candidate.declarations?.[0]?.id?.name;
    const attachments =
      typeof name === 'string' ? prototypeAssignments(j, root, name).map((path) => path.node) : [];
    const text = JSON.stringify(
      [candidate, ...attachments],
      [
        'type',
        'name',
        'value',
        'body',
        'declarations',
        'init',
        'callee',
        'property',
        'arguments',
        'object',
        'expression',
        'left',
        'right',
        'quasis',
        'raw',
        'key',
        'argument',
        'properties',
      ],
    );
    // A function that also builds a request body (`params<Op>`) is a hand-built request, not a signer.
    if (
      /AuthenticationHeader|requestSignature/.test(text) &&
      /createHmac|hmac/i.test(text) &&
      !/params[A-Z]/.test(text)
    ) {
      signers.push({ path: body.get(index) as NodePath, nodes: [statement, ...attachments] });
    }
  });
  return signers;
}
