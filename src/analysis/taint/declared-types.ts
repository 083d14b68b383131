/**
 * Objects whose declared type has a key field. Logged whole, `config: PilotConfig` prints its
 * `apiKey`, whatever value the code gave it. A field counts when its name says PilotStatus key
 * (`pilotstatusApiKey`), when its type is a key brand (`lineKey: NumberApiKey`), or when it is a plain
 * `apiKey` of a type that is PilotStatus's: the type's name says so (`PilotStatusConfig`), or a
 * vendor-neutral type (`Options`, an inline `{ apiKey }`) is declared in a file that calls PilotStatus.
 * (`apiKey` alone is every vendor's field name: a `ResendOptions` next to a PilotStatus call is not ours.)
 *
 * Asked only where the engine has no value of its own: an unbound parameter, a variable whose
 * initialiser it cannot see into, a member of an unknown object. Without type information the
 * annotation is read: an interface or type alias of the same file or of a module the module graph
 * reads. With it, the checker answers for the rest (types from packages, inferred types).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { Redacted } from '../../core/key.js';
import { isPilotStatusKeyName, toUpperSnake } from '../../core/names.js';
import { findEnclosingClass } from '../ast.js';
import { findLintedFileEvidence } from '../context.js';
import { getClassIndex } from '../file-index.js';
import { isKeyBrandName } from '../key-value.js';
import { findExport, resolveModuleFile } from '../module-graph.js';
import { Evidence, fileHas, findProgramEvidence, moduleClosureHas } from '../relevance.js';
import { findUnitOf, findVariableFor, getMemberName, registerUnit } from '../static-value.js';
import { describeTypeNames, isStringBased } from '../type-info.js';
import type { TaintEngine } from './engine.js';
import { type Taint, findConcreteLeaf, makeObject, union } from './lattice.js';

/** `apiKey`, `api_key`, `xApiKey`, `apiKeyId`: a key field of any vendor. */
const GENERIC_KEY_FIELD = /^(?:X_)?API_?KEY(?:_?ID)?$/;
/** A type name that says PilotStatus (`PilotConfig`, `PilotStatusOptions`, `IPilotSettings`). */
const PILOTSTATUS_OWNER = /(?:^|_)I?PILOT(?:_?STATUS)?(?:_|$)/;
/** Words of a type name that name no vendor. */
const NEUTRAL_WORDS = new Set([
  'I', 'CONFIG', 'CONFIGURATION', 'CFG', 'CONF', 'OPTIONS', 'OPTS', 'SETTINGS', 'ENV', 'CREDENTIALS', 'CREDS', 'AUTH', 'CLIENT',
  'API', 'HTTP', 'REQUEST', 'INIT', 'PARAMS', 'PROPS', 'ARGS', 'DEPS', 'CONTEXT', 'CTX', 'SECRETS', 'GATEWAY', 'SERVICE', 'TRANSPORT',
  'CONNECTION', 'SEND', 'SENDER', 'MESSAGE', 'MESSAGES', 'NOTIFY', 'NOTIFIER', 'WHATSAPP', 'APP',
]);
/** Evidence that a file calls PilotStatus: its host, a base URL named for it, its SDK. */
const CALLS_PILOTSTATUS = Evidence.apiHost | Evidence.urlName | Evidence.sdk;
/** Nested declared types followed (`{ pilot: PilotConfig }`), and properties read per type. */
const MAX_NESTING = 1;
const MAX_PROPERTIES = 64;

/** Properties the checker is asked about per question: a large framework type costs no more than this. */
const PROPERTY_BUDGET = 128;
/** A declaring file with none of these cannot declare a key field (its words were read for the pre-filter). */
const MAY_DECLARE_KEY_FIELD = Evidence.keyName | Evidence.brand | Evidence.keyType | CALLS_PILOTSTATUS;

/** Import levels between a type's import and its declaration: an index re-exporting it, the declaring module. */
const REEXPORT_DEPTH = 2;

type TypeDeclaration = TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration;

/**
 * The taint of a binding from its declared type: `binding` is a parameter, a pattern or a
 * variable's identifier carrying a type annotation. The annotation first, then the checker.
 */
export function declaredBindingTaint(engine: TaintEngine, binding: TSESTree.Node): Taint | undefined {
  const annotated = binding.type === 'AssignmentPattern' ? binding.left : binding;
  // one answer per binding: a parameter is asked again for every read and every helper question
  const cached = engine.declaredTypeCache.get(annotated);
  if (cached !== undefined) return cached ?? undefined;
  engine.declaredTypeCache.set(annotated, null);
  const annotation = findAnnotation(annotated);
  let taint = annotation ? fromTypeNode(engine, annotation, binding, undefined, 0) : undefined;
  if (!taint && engine.context.typeInfo && (annotated.type === 'Identifier' || annotated.type === 'ObjectPattern')) taint = fromChecker(engine, annotated);
  engine.declaredTypeCache.set(annotated, taint ?? null);
  return taint;
}

/** `config: PilotConfig`, or a variable's `= readConfig() as PilotConfig`. */
function findAnnotation(binding: TSESTree.Node): TSESTree.TypeNode | undefined {
  if ('typeAnnotation' in binding && binding.typeAnnotation?.type === 'TSTypeAnnotation') return binding.typeAnnotation.typeAnnotation;
  const declarator = binding.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id !== binding) return undefined;
  const init = declarator.init?.type === 'AwaitExpression' ? declarator.init.argument : declarator.init;
  return init?.type === 'TSAsExpression' || init?.type === 'TSTypeAssertion' ? init.typeAnnotation : undefined;
}

/**
 * The taint of a value the engine cannot see into (`node` is a read of it), from its declared type:
 * the annotation of the variable or class field it reads, else the checker's type of `node`.
 */
export function declaredValueTaint(engine: TaintEngine, node: TSESTree.Node): Taint | undefined {
  if (node.type === 'Identifier') {
    const definition = findVariableFor(node, engine.context)?.defs[0];
    if (definition?.type === 'Variable' && definition.node.id.type === 'Identifier') return declaredBindingTaint(engine, definition.node.id);
  }
  if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') {
    const name = getMemberName(node, engine.context);
    const classNode = findEnclosingClass(node);
    const field = name && classNode ? getClassIndex(classNode)?.members.get(name)?.find((member) => member.kind === 'field') : undefined;
    if (field?.kind === 'field' && field.node.typeAnnotation) {
      const taint = fromTypeNode(engine, field.node.typeAnnotation.typeAnnotation, node, undefined, 0);
      if (taint) return taint;
    }
  }
  if (!engine.context.typeInfo || (node.type !== 'Identifier' && node.type !== 'MemberExpression' && node.type !== 'CallExpression')) return undefined;
  return fromChecker(engine, node);
}

// ——— without types: the annotation ———

function fromTypeNode(engine: TaintEngine, type: TSESTree.TypeNode, at: TSESTree.Node, owner: string | undefined, depth: number, seen = new Set<TSESTree.Node>()): Taint | undefined {
  switch (type.type) {
    case 'TSTypeLiteral':
      return fromMembers(engine, type.members, owner, findUnitOf(type, engine.context.unit).filename, at, depth);
    case 'TSUnionType':
    case 'TSIntersectionType':
      return type.types.reduce<Taint | undefined>((result, part) => union(result, fromTypeNode(engine, part, at, owner, depth, seen)), undefined);
    case 'TSTypeReference': {
      if (type.typeName.type !== 'Identifier') return undefined;
      const [argument] = type.typeArguments?.params ?? [];
      // `Readonly<PilotConfig>` and its kin keep the fields
      if (argument && ['Readonly', 'Partial', 'Required'].includes(type.typeName.name)) return fromTypeNode(engine, argument, at, owner, depth, seen);
      return fromTypeName(engine, type.typeName, at, depth, seen);
    }
    default:
      return undefined;
  }
}

/** The fields of the interface (with those it extends) or type alias `name` refers to. */
function fromTypeName(engine: TaintEngine, name: TSESTree.Identifier, at: TSESTree.Node, depth: number, seen: Set<TSESTree.Node>): Taint | undefined {
  const declaration = findTypeDeclaration(engine, name);
  if (!declaration || seen.has(declaration)) return undefined;
  seen.add(declaration);
  if (declaration.type === 'TSTypeAliasDeclaration') return fromTypeNode(engine, declaration.typeAnnotation, at, name.name, depth, seen);
  let result = fromMembers(engine, declaration.body.body, name.name, findUnitOf(declaration, engine.context.unit).filename, at, depth);
  for (const heritage of declaration.extends) {
    if (heritage.expression.type === 'Identifier') result = union(result, fromTypeName(engine, heritage.expression, at, depth, seen));
  }
  return result;
}

function fromMembers(engine: TaintEngine, members: readonly TSESTree.TypeElement[], owner: string | undefined, file: string, at: TSESTree.Node, depth: number): Taint | undefined {
  const fields = new Map<string, Taint>();
  for (const member of members.slice(0, MAX_PROPERTIES)) {
    if (member.type !== 'TSPropertySignature' || member.computed) continue;
    const name = member.key.type === 'Identifier' ? member.key.name : member.key.type === 'Literal' ? String(member.key.value) : undefined;
    const type = member.typeAnnotation?.typeAnnotation;
    if (!name || !type) continue;
    const brand = type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && !namesObjectType(engine, type.typeName) ? type.typeName.name : undefined;
    let field: Taint | undefined;
    if (brand && isKeyBrandName(brand)) field = keyField(at, `a value of type \`${brand}\``);
    else if (isStringTypeNode(type) && isKeyField(engine, name, owner, file)) field = keyField(at, describeField(owner, name));
    else if (depth < MAX_NESTING) field = fromTypeNode(engine, type, at, undefined, depth + 1);
    if (field) fields.set(name, field);
  }
  return makeObject(fields, undefined, false);
}

/** The interface or type alias a type name refers to: in this file, or exported by a module the graph reads. */
/** `newest: ApiKey` where `ApiKey` is an interface or an object type literal: a key's metadata, no string brand. */
function namesObjectType(engine: TaintEngine, name: TSESTree.Identifier): boolean {
  const declaration = findTypeDeclaration(engine, name);
  return declaration?.type === 'TSInterfaceDeclaration' || declaration?.typeAnnotation.type === 'TSTypeLiteral';
}

function findTypeDeclaration(engine: TaintEngine, name: TSESTree.Identifier): TypeDeclaration | undefined {
  const definition = findVariableFor(name, engine.context)?.defs.find((candidate) => candidate.type === 'Type' || candidate.type === 'ImportBinding');
  if (!definition) return undefined;
  if (definition.type === 'Type') return isTypeDeclaration(definition.node) ? definition.node : undefined;
  const clause = definition.node as TSESTree.ImportClause;
  if (clause.type !== 'ImportSpecifier') return undefined;
  const importedName = clause.imported.type === 'Identifier' ? clause.imported.name : clause.imported.value;
  const unit = findUnitOf(clause, engine.context.unit);
  const file = resolveModuleFile(unit.filename, (definition.parent as TSESTree.ImportDeclaration).source.value);
  // a module (or an index re-exporting one) with none of the words a key field needs is not parsed to look
  if (!file || !moduleClosureHas(file, MAY_DECLARE_KEY_FIELD, engine.context.settings, REEXPORT_DEPTH)) return undefined;
  const found = findExport(file, importedName);
  if (!found) return undefined;
  registerUnit(found.unit);
  const declaration = found.entry.node.parent;
  return declaration && isTypeDeclaration(declaration) ? declaration : undefined;
}

function isTypeDeclaration(node: TSESTree.Node): node is TypeDeclaration {
  return node.type === 'TSInterfaceDeclaration' || node.type === 'TSTypeAliasDeclaration';
}

/** `string`, `string | undefined`, `` `ps_${string}` ``: a field that can hold the key text (not `boolean`, not `number`). */
function isStringTypeNode(type: TSESTree.TypeNode): boolean {
  if (type.type === 'TSStringKeyword' || type.type === 'TSTemplateLiteralType') return true;
  return type.type === 'TSUnionType' && type.types.some(isStringTypeNode);
}

// ——— with types: the checker ———

function fromChecker(engine: TaintEngine, node: TSESTree.Node): Taint | undefined {
  const typeInfo = engine.context.typeInfo!;
  // a program none of whose files has a word a key field needs declares no such type: ask no type
  if (![...findProgramEvidence(typeInfo, engine.context.settings).values()].some((bits) => (bits & MAY_DECLARE_KEY_FIELD) !== 0)) return undefined;
  const type = typeInfo.getType(node);
  const location = typeInfo.getTsNode(node);
  if (!type || !location) return undefined;
  try {
    return fromType(engine, typeInfo.getChecker(), type, location, node, 0, { properties: PROPERTY_BUDGET });
  } catch {
    return undefined;
  }
}

/** TypeFlags values differ between TypeScript 5 and 6: types are told apart by the checker's own answers. */
function fromType(engine: TaintEngine, checker: ts.TypeChecker, type: ts.Type, location: ts.Node, at: TSESTree.Node, depth: number, budget: { properties: number }): Taint | undefined {
  if (type.isUnionOrIntersection()) return type.types.reduce<Taint | undefined>((result, part) => union(result, fromType(engine, checker, part, location, at, depth, budget)), undefined);
  // objects have a symbol (interfaces, classes, `__type` literals); primitives and their aliases do not
  const symbol = type.getSymbol();
  const declaration = (type.aliasSymbol ?? symbol)?.declarations?.[0];
  if (!symbol || !declaration || isStringBased(type, checker)) return undefined;
  const sourceFile = declaration.getSourceFile();
  // lib types (`Array`, `Promise`, `Date`) and files without a key word hold no key field
  if (sourceFile.hasNoDefaultLib || !fileHasEvidence(engine, sourceFile.fileName, MAY_DECLARE_KEY_FIELD)) return undefined;
  const ownerSymbol = type.aliasSymbol ?? symbol;
  const owner = ownerSymbol.getName() === '__type' || ownerSymbol.getName() === '__object' ? undefined : ownerSymbol.getName();
  const fields = new Map<string, Taint>();
  for (const property of checker.getPropertiesOfType(type)) {
    if (--budget.properties < 0) break;
    const name = property.getName();
    const propertyType = checker.getTypeOfSymbolAtLocation(property, location);
    const named = describeTypeNames(propertyType, checker).find(isKeyBrandName);
    const isString = isStringBased(propertyType, checker);
    let field: Taint | undefined;
    if (named && isString) field = keyField(at, `a value of type \`${named}\``);
    else if (isString && isKeyField(engine, name, owner, sourceFile.fileName)) field = keyField(at, describeField(owner, name));
    else if (depth < MAX_NESTING) field = fromType(engine, checker, propertyType, location, at, depth + 1, budget);
    if (field) fields.set(name, field);
  }
  return makeObject(fields, undefined, false);
}

// ——— which fields are keys ———

function isKeyField(engine: TaintEngine, name: string, owner: string | undefined, file: string): boolean {
  if (isPilotStatusKeyName(name, engine.context.settings)) return true;
  if (!GENERIC_KEY_FIELD.test(toUpperSnake(name))) return false;
  const ownerWords = owner ? toUpperSnake(owner) : '';
  if (PILOTSTATUS_OWNER.test(ownerWords)) return true;
  if (ownerWords && !ownerWords.split('_').every((word) => NEUTRAL_WORDS.has(word))) return false;
  return fileHasEvidence(engine, file, CALLS_PILOTSTATUS);
}

/** Evidence of `mask` in `file`'s own words: the linted file's text as linted (an editor buffer may differ from the disk), else as read. */
function fileHasEvidence(engine: TaintEngine, file: string, mask: number): boolean {
  if (file === engine.context.unit.filename) return ((findLintedFileEvidence(engine.context.unit.ast)?.own ?? 0) & mask) !== 0;
  return fileHas(file, mask, engine.context.settings);
}

function describeField(owner: string | undefined, name: string): Redacted {
  return (owner ? `\`${owner}.${name}\`` : `the \`${name}\` field`) as Redacted;
}

function keyField(node: TSESTree.Node, label: string): Taint {
  return { shape: 'string', source: { kind: 'declared', label: label as Redacted, node } };
}

/**
 * An object known only by its declared type. Its methods (`gateway.perform()`) return what their
 * bodies return, not the object: the type speaks of its fields only.
 */
export function isDeclaredObject(taint: Taint): boolean {
  return taint.shape === 'object' && findConcreteLeaf(taint)?.source.kind === 'declared';
}
