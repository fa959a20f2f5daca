import type { JSCodeshift } from 'jscodeshift';
import { type AstNode, type CodeBuilder, type NodePath, enclosingStatement } from './ast.js';
import type { MarkerRecord } from './types.js';
import { SOAP_OPERATIONS } from './operations.js';

/** The greppable prefix of every follow-up comment the migration writes. */
export const MARKER_PREFIX = 'MARKETO-MIGRATE:';

/** A comment with this text on the line above a call makes the migration leave the call alone. */
export const IGNORE_DIRECTIVE = 'marketo-migrate-ignore';

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function markerText(comment: AstNode): string | null {
  const value = normalize(String(comment.value ?? ''));
  return value.startsWith(MARKER_PREFIX) ? normalize(value.slice(MARKER_PREFIX.length)) : null;
}

/**
 * Adds `// MARKETO-MIGRATE: <message>` above the statement that contains `path`, unless that
 * statement already carries the same marker, so a second run adds nothing. Inside JSX
 * children the marker becomes a `{/* ... *\/}` child placed before the expression.
 * Returns false when no place for the comment was found.
 */
export function addMarker(
  j: JSCodeshift,
  builder: CodeBuilder,
  path: NodePath,
  message: string,
): boolean {
  const text = normalize(message);
  const jsxChild = enclosingJsxChild(path);
  if (jsxChild) return addJsxMarker(builder, jsxChild, text);
  const statement = enclosingStatement(path);
  if (!statement) return false;
  const node = statement.node;
  const comments: AstNode[] = node.comments ?? node.leadingComments ?? [];
  if (comments.some((comment) => comment.leading !== false && markerText(comment) === text))
    return true;
  const comment = j.commentLine(` ${MARKER_PREFIX} ${text}`, true, false) as unknown as AstNode;
  node.comments = [...(node.comments ?? []), comment];
  reprintOneLineBlock(statement);
  return true;
}

/**
 * recast keeps `{ stmt; }` on one line and puts a new leading comment after the brace. A block
 * written on one line is printed afresh instead, so the marker gets a line of its own.
 */
function reprintOneLineBlock(statement: NodePath): void {
  const block = statement.parent?.node as AstNode | undefined;
  if (block?.type !== 'BlockStatement' || !block.loc) return;
  if (block.loc.start.line !== block.loc.end.line) return;
  const copy: AstNode = {
    type: 'BlockStatement',
    body: block.body,
    directives: block.directives ?? [],
  };
  (statement.parent as NodePath).replace(copy);
}

/** Returns the JSX expression container, a child of a JSX element, that contains `path`. */
function enclosingJsxChild(path: NodePath): NodePath | null {
  let current: NodePath | null = path;
  while (current) {
    const parent = current.parent?.node as AstNode | undefined;
    if (/Statement$|Declaration$/.test(current.node.type)) return null;
    if (
      current.node.type === 'JSXExpressionContainer' &&
      (parent?.type === 'JSXElement' || parent?.type === 'JSXFragment')
    ) {
      return current;
    }
    current = current.parent as NodePath | null;
  }
  return null;
}

/**
 * Inserts `{/* MARKETO-MIGRATE: ... *\/}` before the JSX child. The child is parsed from text,
 * because recast prints the comment of a JSX empty expression only from its source.
 */
function addJsxMarker(builder: CodeBuilder, container: NodePath, text: string): boolean {
  const siblings = container.parent.node.children as AstNode[];
  const index = siblings.indexOf(container.node);
  const already = siblings.slice(0, index).some((child) => {
    if (child.type !== 'JSXExpressionContainer' || child.expression.type !== 'JSXEmptyExpression')
      return false;
    const comments: AstNode[] = [
      ...(child.expression.comments ?? []),
      ...(child.expression.innerComments ?? []),
    ];
    return comments.some((comment) => markerText(comment) === text);
  });
  if (already) return true;
  const safeText = text.replace(/\*\//g, '* /');
  const fragment = builder.expression(`<>{/* ${MARKER_PREFIX} ${safeText} */}\n</>`);
  const [marker, newline] = fragment.children as AstNode[];
  siblings.splice(index, 0, marker!, newline!);
  return true;
}

/** True when the statement that contains `path` already carries a marker, from any run. */
export function hasMarker(path: NodePath): boolean {
  const statement = enclosingStatement(path);
  const comments: AstNode[] = statement?.node.comments ?? [];
  return comments.some((comment) => comment.leading !== false && markerText(comment) !== null);
}

/** Lists the markers in a source text, with the line of each. */
export function scanMarkers(source: string, previous: string | null): MarkerRecord[] {
  const before = new Set(previous === null ? [] : scanMarkerTexts(previous));
  const records: MarkerRecord[] = [];
  source.split(/\r?\n/).forEach((line, index) => {
    const at = line.indexOf(MARKER_PREFIX);
    if (at === -1) return;
    const message = normalize(line.slice(at + MARKER_PREFIX.length).replace(/\*\/\s*\}?\s*$/, ''));
    records.push({
      line: index + 1,
      column: at + 1,
      transform: transformNamed(message),
      message,
      existing: before.has(message),
    });
  });
  return records;
}

function scanMarkerTexts(source: string): string[] {
  return scanMarkers(source, null).map((record) => record.message);
}

/** Attributes a marker to the first SOAP operation its message names, else to `client`. */
function transformNamed(message: string): string {
  let best: { name: string; at: number } | null = null;
  for (const operation of SOAP_OPERATIONS) {
    const match = new RegExp(`\\b${operation}\\b`).exec(message);
    if (
      match &&
      (!best ||
        match.index < best.at ||
        (match.index === best.at && operation.length > best.name.length))
    ) {
      best = { name: operation, at: match.index };
    }
  }
  return best?.name ?? 'client';
}

/** Returns the lines that carry an ignore directive. A call on the next line is ignored. */
export function ignoredLines(comments: readonly AstNode[]): Set<number> {
  const lines = new Set<number>();
  for (const comment of comments) {
    if (normalize(String(comment.value ?? '')).startsWith(IGNORE_DIRECTIVE) && comment.loc)
      lines.add(comment.loc.end.line as number);
  }
  return lines;
}
