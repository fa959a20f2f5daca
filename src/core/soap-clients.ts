import type { Collection, JSCodeshift } from 'jscodeshift';
import {
  type AstNode,
  type NodePath,
  isFunction,
  isMember,
  memberPropertyName,
  propertyKey,
  requiredModule,
  staticString,
} from './ast.js';
import { SOAP_FACTORIES, SOAP_PACKAGES } from './operations.js';

/** Origin of the receiver of an operation call. */
export type ReceiverKind = 'soap' | 'other' | 'unknown';

/** A call of `createClient`, `createClientAsync` or `createMarketoClient`. */
export interface FactoryCall {
  path: NodePath;
  style: 'callback' | 'promise';
  /** Package the factory was imported from. */
  packageName: string;
}

/** A `require` or `import` of a SOAP package. */
export interface SoapModuleBinding {
  path: NodePath;
  packageName: string;
  /** Local names this declaration binds. */
  localNames: string[];
}

/**
 * Traces which expressions of a file hold a Marketo SOAP client: results of the SOAP
 * packages' factories, followed through variables, `this.<field>` assignments, properties
 * of objects handed around, and parameters or fields typed with the `soap` `Client` type.
 * Names are tracked per file rather than per scope, which is exact for the way integrations
 * are written (one client per module) and errs toward treating a call as SOAP.
 */
export class SoapClientModel {
  readonly namespaces = new Map<string, string>();
  readonly factories = new Map<string, string>();
  readonly typeNames = new Set<string>();
  readonly clientNames = new Set<string>();
  readonly clientFields = new Set<string>();
  readonly clientProperties = new Set<string>();
  readonly otherNames = new Set<string>();
  readonly otherFields = new Set<string>();
  readonly factoryCalls: FactoryCall[] = [];
  readonly moduleBindings: SoapModuleBinding[] = [];

  constructor(
    private readonly j: JSCodeshift,
    private readonly root: Collection<unknown>,
  ) {
    this.findModuleBindings();
    this.findFactoryCalls();
    this.findTypedBindings();
    this.findOtherReceivers();
    this.propagate();
  }

  /** True when the file imports a SOAP package or calls one of its factories. */
  get usesSoapPackage(): boolean {
    return this.moduleBindings.length > 0 || this.factoryCalls.length > 0;
  }

  classify(receiver: AstNode): ReceiverKind {
    if (this.isClient(receiver)) return 'soap';
    if (this.isOther(receiver)) return 'other';
    return 'unknown';
  }

  /** True when the expression evaluates to a SOAP client by the traces found so far. */
  isClient(node: AstNode | null | undefined): boolean {
    if (!node) return false;
    switch (node.type) {
      case 'Identifier':
        return this.clientNames.has(node.name);
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TypeCastExpression':
      case 'ParenthesizedExpression':
      case 'TSSatisfiesExpression':
        return this.isClient(node.expression);
      case 'AwaitExpression':
        return this.isPromiseFactoryCall(node.argument);
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const name = memberPropertyName(node);
        if (name === null) return false;
        if (node.object.type === 'ThisExpression') return this.clientFields.has(name);
        return this.clientProperties.has(name);
      }
      default:
        return false;
    }
  }

  private isOther(node: AstNode): boolean {
    if (node.type === 'NewExpression') return true;
    if (node.type === 'Identifier') return this.otherNames.has(node.name);
    if (isMember(node)) {
      if (node.object.type === 'ThisExpression') {
        const name = memberPropertyName(node);
        return name !== null && this.otherFields.has(name);
      }
      return this.isOther(node.object);
    }
    return false;
  }

  /** Returns the SOAP package a `require(...)` call loads, or null. */
  private requiredSoapPackage(node: AstNode | null | undefined): string | null {
    if (
      !node ||
      node.type !== 'CallExpression' ||
      node.callee.type !== 'Identifier' ||
      node.callee.name !== 'require'
    )
      return null;
    const name = staticString(node.arguments[0]);
    return name !== null && SOAP_PACKAGES.has(name) ? name : null;
  }

  /**
   * Returns the package when the expression is a SOAP package namespace: `require('soap')`,
   * `require('strong-soap').soap`, or a name bound to one of them.
   */
  private namespacePackage(node: AstNode | null | undefined): string | null {
    if (!node) return null;
    if (node.type === 'Identifier') return this.namespaces.get(node.name) ?? null;
    const required = this.requiredSoapPackage(node);
    if (required) return required;
    if (isMember(node) && memberPropertyName(node) === 'soap')
      return this.requiredSoapPackage(node.object) ?? this.namespacePackage(node.object);
    return null;
  }

  private findModuleBindings(): void {
    const { j } = this;
    this.root.find(j.ImportDeclaration).forEach((path: NodePath) => {
      const packageName = staticString(path.node.source);
      if (packageName === null || !SOAP_PACKAGES.has(packageName)) return;
      const localNames: string[] = [];
      for (const specifier of path.node.specifiers as AstNode[]) {
        const local = specifier.local.name as string;
        localNames.push(local);
        if (specifier.type !== 'ImportSpecifier') {
          this.namespaces.set(local, packageName);
          continue;
        }
        const imported = specifier.imported.name ?? specifier.imported.value;
        if (imported in SOAP_FACTORIES) this.factories.set(local, packageName);
        else if (imported === 'soap') this.namespaces.set(local, packageName);
        else if (imported === 'Client') this.typeNames.add(local);
      }
      this.moduleBindings.push({ path, packageName, localNames });
    });
    this.root.find(j.TSImportEqualsDeclaration).forEach((path: NodePath) => {
      const reference = path.node.moduleReference;
      const packageName =
        reference.type === 'TSExternalModuleReference' ? staticString(reference.expression) : null;
      if (packageName === null || !SOAP_PACKAGES.has(packageName)) return;
      this.namespaces.set(path.node.id.name, packageName);
      this.moduleBindings.push({ path, packageName, localNames: [path.node.id.name] });
    });
    this.root.find(j.VariableDeclarator).forEach((path: NodePath) => {
      const { id, init } = path.node;
      const packageName = this.namespacePackage(init);
      if (!packageName || init.type === 'Identifier') return;
      const localNames: string[] = [];
      if (id.type === 'Identifier') {
        this.namespaces.set(id.name, packageName);
        localNames.push(id.name);
      } else if (id.type === 'ObjectPattern') {
        for (const property of id.properties as AstNode[]) {
          const key = propertyKey(property);
          if (key === null || property.value.type !== 'Identifier') continue;
          const local = property.value.name as string;
          localNames.push(local);
          if (key in SOAP_FACTORIES) this.factories.set(local, packageName);
          else if (key === 'soap') this.namespaces.set(local, packageName);
          else if (key === 'Client') this.typeNames.add(local);
        }
      }
      this.moduleBindings.push({ path: path.parent as NodePath, packageName, localNames });
    });
  }

  /** Returns the factory style and package when the call is a SOAP factory call. */
  factoryOf(call: AstNode): { style: 'callback' | 'promise'; packageName: string } | null {
    if (call.type !== 'CallExpression') return null;
    const callee = call.callee as AstNode;
    if (callee.type === 'Identifier') {
      const packageName = this.factories.get(callee.name);
      const style = SOAP_FACTORIES[callee.name];
      if (packageName && style) return { style, packageName };
      // A renamed import (`import { createClient as makeClient }`) keeps its factory style.
      if (packageName)
        return { style: callee.name.endsWith('Async') ? 'promise' : 'callback', packageName };
      return null;
    }
    if (!isMember(callee)) return null;
    const name = memberPropertyName(callee);
    const style = name === null ? undefined : SOAP_FACTORIES[name];
    const packageName = this.namespacePackage(callee.object);
    return style && packageName ? { style, packageName } : null;
  }

  private isPromiseFactoryCall(node: AstNode | null | undefined): boolean {
    return !!node && this.factoryOf(node)?.style === 'promise';
  }

  private findFactoryCalls(): void {
    const { j } = this;
    this.root.find(j.CallExpression).forEach((path: NodePath) => {
      const factory = this.factoryOf(path.node);
      if (!factory) return;
      this.factoryCalls.push({ path, ...factory });
      if (factory.style === 'callback') {
        const callback = (path.node.arguments as AstNode[]).slice(1).find(isFunction);
        const clientParam = callback?.params[1];
        if (clientParam?.type === 'Identifier') this.clientNames.add(clientParam.name);
        return;
      }
      this.tracePromiseResult(path);
    });
  }

  /** Follows `await createClientAsync()` into its variable and `.then((client) => ...)`. */
  private tracePromiseResult(path: NodePath): void {
    const parent = path.parent?.node as AstNode | undefined;
    if (!parent) return;
    if (parent.type === 'AwaitExpression') {
      const holder = path.parent.parent?.node as AstNode | undefined;
      if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier')
        this.clientNames.add(holder.id.name);
      if (holder?.type === 'AssignmentExpression') this.addAssignmentTarget(holder.left);
      return;
    }
    if (isMember(parent) && memberPropertyName(parent) === 'then') {
      const thenCall = path.parent.parent?.node as AstNode | undefined;
      const handler = thenCall?.arguments?.[0];
      if (isFunction(handler) && handler.params[0]?.type === 'Identifier')
        this.clientNames.add(handler.params[0].name);
    }
  }

  private addAssignmentTarget(left: AstNode): boolean {
    if (left.type === 'Identifier') return addNew(this.clientNames, left.name);
    if (isMember(left)) {
      const name = memberPropertyName(left);
      if (name === null) return false;
      return left.object.type === 'ThisExpression'
        ? addNew(this.clientFields, name)
        : addNew(this.clientProperties, name);
    }
    return false;
  }

  private isSoapClientType(annotation: AstNode | null | undefined): boolean {
    let type = annotation;
    if (type?.type === 'TSTypeAnnotation' || type?.type === 'TypeAnnotation')
      type = type.typeAnnotation;
    if (!type) return false;
    if (type.type === 'TSUnionType')
      return (type.types as AstNode[]).some((member) => this.isSoapClientType(member));
    if (type.type !== 'TSTypeReference' && type.type !== 'GenericTypeAnnotation') return false;
    const name = type.typeName ?? type.id;
    if (name.type === 'Identifier') return this.typeNames.has(name.name);
    if (name.type === 'TSQualifiedName' || name.type === 'QualifiedTypeIdentifier') {
      const left = name.left ?? name.qualification;
      const right = name.right ?? name.id;
      return (
        left.type === 'Identifier' && this.namespaces.has(left.name) && right.name === 'Client'
      );
    }
    return false;
  }

  private findTypedBindings(): void {
    const { j } = this;
    this.root.find(j.Identifier).forEach((path: NodePath) => {
      if (!path.node.typeAnnotation || !this.isSoapClientType(path.node.typeAnnotation)) return;
      this.clientNames.add(path.node.name);
    });
    this.root.find(j.ClassProperty).forEach((path: NodePath) => {
      const key = path.node.key;
      if (key.type === 'Identifier' && this.isSoapClientType(path.node.typeAnnotation))
        this.clientFields.add(key.name);
    });
    this.root.find(j.TSParameterProperty).forEach((path: NodePath) => {
      const parameter = path.node.parameter;
      if (parameter.type === 'Identifier' && this.isSoapClientType(parameter.typeAnnotation))
        this.clientFields.add(parameter.name);
    });
  }

  /** Records names that hold something other than a SOAP client: other packages and `new X()`. */
  private findOtherReceivers(): void {
    const { j } = this;
    this.root.find(j.ImportDeclaration).forEach((path: NodePath) => {
      const source = staticString(path.node.source) ?? '';
      if (SOAP_PACKAGES.has(source) || source.startsWith('.') || source.startsWith('/')) return;
      for (const specifier of path.node.specifiers as AstNode[])
        this.otherNames.add(specifier.local.name);
    });
    this.root.find(j.VariableDeclarator).forEach((path: NodePath) => {
      const { id, init } = path.node;
      if (id.type !== 'Identifier' || !init) return;
      // A local object literal or class defines its own methods, whatever their names.
      const local = init.type === 'ObjectExpression' || init.type === 'ClassExpression';
      if (init.type === 'NewExpression' || local || isOtherPackageRequire(init))
        this.otherNames.add(id.name);
    });
    this.root.find(j.AssignmentExpression).forEach((path: NodePath) => {
      const { left, right } = path.node;
      if (
        right.type !== 'NewExpression' ||
        !isMember(left) ||
        left.object.type !== 'ThisExpression'
      )
        return;
      const name = memberPropertyName(left);
      if (name !== null) this.otherFields.add(name);
    });
  }

  /** Follows clients through assignments and object properties until nothing new is found. */
  private propagate(): void {
    const { j } = this;
    const declarators = this.root.find(j.VariableDeclarator).nodes() as AstNode[];
    const assignments = this.root.find(j.AssignmentExpression).nodes() as AstNode[];
    const properties = this.root
      .find(j.ObjectExpression)
      .nodes()
      .flatMap((object: AstNode) => object.properties as AstNode[]);
    let changed = true;
    while (changed) {
      changed = false;
      for (const declarator of declarators) {
        if (declarator.id.type === 'Identifier' && this.isClient(declarator.init))
          changed = addNew(this.clientNames, declarator.id.name) || changed;
      }
      for (const assignment of assignments) {
        if (assignment.operator === '=' && this.isClient(assignment.right))
          changed = this.addAssignmentTarget(assignment.left) || changed;
      }
      for (const property of properties) {
        if (property.type !== 'ObjectProperty' && property.type !== 'Property') continue;
        const key = propertyKey(property);
        if (key !== null && this.isClient(property.value))
          changed = addNew(this.clientProperties, key) || changed;
      }
    }
    for (const name of this.clientNames) this.otherNames.delete(name);
    for (const name of this.clientFields) this.otherFields.delete(name);
  }
}

function addNew(set: Set<string>, value: string): boolean {
  if (set.has(value)) return false;
  set.add(value);
  return true;
}

function isOtherPackageRequire(node: AstNode): boolean {
  const name = requiredModule(node);
  return (
    name !== null && !SOAP_PACKAGES.has(name) && !name.startsWith('.') && !name.startsWith('/')
  );
}
