import type { Collection, JSCodeshift } from 'jscodeshift';
import type { AstNode, NodePath } from './ast.js';
import { type SoapOperation, isSoapOperation } from './operations.js';

/** A SOAP request or header written as XML text, which needs a person to rebuild. */
export interface XmlRequest {
  path: NodePath;
  operation: SoapOperation | null;
  message: string;
}

const REQUEST_ELEMENT = /<(?:[\w-]+:)?params([A-Z]\w*)\b/;
const HEADER_ELEMENT = /<(?:[\w-]+:)?AuthenticationHeader\b/;

/**
 * Finds string and template literals that build a SOAP request body (`<tns:paramsSyncLead>`)
 * or a full envelope with the AuthenticationHeader. Their operation is read from the
 * `params<Op>` element name. Each statement is reported once.
 */
export function findXmlRequests(j: JSCodeshift, root: Collection<unknown>): XmlRequest[] {
  const found: XmlRequest[] = [];
  const seen = new Set<AstNode>();
  const check = (path: NodePath): void => {
    const top = outermostConcatenation(path);
    if (seen.has(top.node)) return;
    const text = literalText(top.node);
    const request = REQUEST_ELEMENT.exec(text);
    const name = request ? request[1]!.charAt(0).toLowerCase() + request[1]!.slice(1) : null;
    const operation = name && isSoapOperation(name) ? name : null;
    if (!operation && !HEADER_ELEMENT.test(text)) return;
    seen.add(top.node);
    const message = operation
      ? `this builds a SOAP ${operation} request as XML. Replace it with the REST client method for ${operation}, which takes plain objects.`
      : 'this builds the SOAP AuthenticationHeader as XML. REST clients authenticate with OAuth client credentials: remove it.';
    found.push({ path: top, operation, message });
  };
  root.find(j.StringLiteral).forEach(check);
  root.find(j.TemplateLiteral).forEach(check);
  return found;
}

/** Joins the literal parts of a string built with `+`, template literals included. */
function literalText(node: AstNode): string {
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral')
    return (node.quasis as AstNode[]).map((quasi) => quasi.value.raw as string).join('');
  if (node.type === 'BinaryExpression' && node.operator === '+')
    return literalText(node.left) + literalText(node.right);
  if (node.type === 'ParenthesizedExpression') return literalText(node.expression);
  return '';
}

/** Climbs through `+` concatenations so that one built string is reported once. */
function outermostConcatenation(path: NodePath): NodePath {
  let current = path;
  for (;;) {
    const parent = current.parent?.node as AstNode | undefined;
    const joins =
      (parent?.type === 'BinaryExpression' && parent.operator === '+') ||
      parent?.type === 'ParenthesizedExpression';
    if (!joins) break;
    current = current.parent as NodePath;
  }
  return current;
}
