import { type AstNode, nodeLocation } from './ast.js';
import type { SiteRecord } from './types.js';

/** Variable names that hold SOAP credentials. */
export const CREDENTIAL_NAME =
  /encrypt|secret|signingKey|(^|_)key$|password|mktowsUserId|userId|user_id/i;

/** Reports string literals passed as SOAP credentials, without their values. */
export function findSecrets(node: AstNode, secrets: SiteRecord[]): void {
  visitNodes(node, (child) => {
    if (child.type !== 'StringLiteral' || !child.loc || child.value.length < 8) return;
    if (/^(https?:|\/|<|\.)/.test(child.value) || /\s/.test(child.value)) return;
    secrets.push({
      ...nodeLocation(child),
      transform: 'client',
      reason: 'a hard-coded SOAP credential (the value is not copied into the output)',
    });
  });
}

/** Calls `callback` on the node and every node below it, skipping positions and comments. */
export function visitNodes(node: unknown, callback: (node: AstNode) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((child) => visitNodes(child, callback));
    return;
  }
  const record = node as AstNode;
  if (typeof record.type !== 'string') return;
  callback(record);
  for (const [key, child] of Object.entries(record)) {
    if (key === 'loc' || key === 'comments' || key === 'tokens' || key === 'original') continue;
    visitNodes(child, callback);
  }
}

/** Reports string literals in the declaration of a credential variable, without their values. */
export function findCredentialLiterals(
  nodes: readonly AstNode[],
  name: string,
  secrets: SiteRecord[],
): void {
  if (!CREDENTIAL_NAME.test(name)) return;
  for (const node of nodes) {
    visitNodes(node, (child) => {
      if (
        child.type !== 'StringLiteral' ||
        !child.loc ||
        child.value.length < 8 ||
        /^https?:/.test(child.value)
      )
        return;
      secrets.push({
        ...nodeLocation(child),
        transform: 'client',
        reason: `a hard-coded SOAP credential in ${name} (the value is not copied into the output)`,
      });
    });
  }
}
