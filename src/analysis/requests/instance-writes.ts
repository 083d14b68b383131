/**
 * Configuration written on an axios instance after its creation, in any module: request interceptors
 * (`api.interceptors.request.use((config) => { config.headers… })`) and defaults
 * (`api.defaults.headers.common['x-api-key'] = …`; `axios.defaults.headers…` for the default
 * instance every `axios.get(…)` uses).
 *
 * Each write is tied to the instance it really targets: its receiver is resolved (through imports) to
 * the instance's `axios.create(…)` or to the axios import itself, never matched by name, so a local
 * instance or a plain object that happens to have `defaults.headers` is another target. Found from the
 * module's file index (calls by name, member assignments), once per module.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, type FunctionNode } from '../ast.js';
import { getFileIndex } from '../file-index.js';
import { findClientByGlobal, findClientByModule } from '../http-clients.js';
import { findUnitOf, findVariableFor, getMemberName, getOptions, resolveValue, type AnalysisContext, type Origin, type Value } from '../static-value.js';
import { addObjectEntries, findHeaderWrites, headerEntry, UNKNOWN, type HookHeaders } from './header-writes.js';
import { getConfigProperty } from './headers.js';

/** What a write configures: one instance (by its creation) or axios' default instance. */
export type InstanceTarget =
  | { kind: 'instance'; creation: TSESTree.CallExpression; /** `file` and the creation's offset: the same across parses of the file. */ key: string }
  | { kind: 'default'; key: typeof DEFAULT_INSTANCE_KEY };

const DEFAULT_INSTANCE_KEY = 'axios';
export const DEFAULT_INSTANCE: InstanceTarget = { kind: 'default', key: DEFAULT_INSTANCE_KEY };

export interface InstanceWrite {
  target: InstanceTarget;
  /** The interceptor's `use(…)` call or the defaults assignment. */
  node: TSESTree.Node;
  headers: HookHeaders;
}

/** axios groups default headers by method: `defaults.headers.common.X`, `defaults.headers.post.X`. */
const AXIOS_HEADER_GROUPS = new Set(['common', 'get', 'post', 'put', 'patch', 'delete', 'head']);

const writesByProgram = new WeakMap<TSESTree.Program, readonly InstanceWrite[]>();

/** Every interceptor and defaults write on an axios instance in the module whose AST is `program`. */
export function findModuleInstanceWrites(program: TSESTree.Program, context: AnalysisContext): readonly InstanceWrite[] {
  let writes = writesByProgram.get(program);
  if (!writes) {
    writes = collectWrites(program, context);
    for (const write of writes) for (const entry of write.headers.entries) entry.fromInstanceHook = true;
    writesByProgram.set(program, writes);
  }
  return writes;
}

/** The writes of `program` on `target`. */
export function findModuleWritesOn(program: TSESTree.Program, target: InstanceTarget, context: AnalysisContext): readonly InstanceWrite[] {
  return findModuleInstanceWrites(program, context).filter((write) => write.target.key === target.key);
}

/** The target `creation` is, when it is `axios.create(…)`. */
export function findCreationTarget(creation: TSESTree.Node, context: AnalysisContext): InstanceTarget | undefined {
  if (creation.type !== 'CallExpression' || creation.callee.type !== 'MemberExpression') return undefined;
  if (getMemberName(creation.callee, context) !== 'create' || !isDefaultInstance(resolveValue(creation.callee.object, context))) return undefined;
  return { kind: 'instance', creation, key: `${findUnitOf(creation, context.unit).filename}\u0000${creation.range[0]}` };
}

/** The base URL an instance's creation configures (`baseURL`), when it shows one. */
export function findTargetBaseUrl(target: InstanceTarget, context: AnalysisContext): Value | undefined {
  if (target.kind !== 'instance' || !target.creation.arguments[0]) return undefined;
  return getConfigProperty(resolveValue(target.creation.arguments[0], context), ['baseURL']);
}

function collectWrites(program: TSESTree.Program, context: AnalysisContext): InstanceWrite[] {
  const index = getFileIndex(program);
  const writes: InstanceWrite[] = [];
  // instance.interceptors.request.use((config) => { config.headers… })
  for (const call of index.callsByName.get('use') ?? []) {
    const receiver = findInterceptorReceiver(call.callee, context);
    const target = receiver && findWriteTarget(receiver, context);
    if (target) writes.push({ target, node: call, headers: readInterceptor(call.arguments[0], context) });
  }
  // instance.defaults.headers[.common|.post…].Name = value
  for (const assignment of index.memberAssignments) {
    if (assignment.operator !== '=' && assignment.operator !== '??=' && assignment.operator !== '||=') continue;
    const write = readDefaultsWrite(assignment, context);
    if (write) writes.push(write);
  }
  return writes;
}

/** `receiver` of `receiver.interceptors.request.use`. */
function findInterceptorReceiver(callee: TSESTree.Node, context: AnalysisContext): TSESTree.Node | undefined {
  if (callee.type !== 'MemberExpression') return undefined;
  const request = callee.object;
  if (request.type !== 'MemberExpression' || getMemberName(request, context) !== 'request') return undefined;
  const interceptors = request.object;
  if (interceptors.type !== 'MemberExpression' || getMemberName(interceptors, context) !== 'interceptors') return undefined;
  return interceptors.object;
}

/** The headers an interceptor sets: `(config) => { config.headers.set(…); return config; }`, or a function of this module named there. */
function readInterceptor(hook: TSESTree.Node | undefined, context: AnalysisContext): HookHeaders {
  const fn = hook && findLocalFunction(hook, context);
  if (!fn) return { entries: [], complete: hook === undefined };
  const param = fn.params[0];
  if (!param) return { entries: [], complete: true };
  if (param.type !== 'Identifier') return { entries: [], complete: false };
  return findHeaderWrites(fn, { root: param.name, path: ['headers'] }, context);
}

/** The function `node` is: written in place, or a function declared (or assigned to a `const`) in this module. */
function findLocalFunction(node: TSESTree.Node, context: AnalysisContext): FunctionNode | undefined {
  if (isFunctionNode(node)) return node;
  if (node.type !== 'Identifier') return undefined;
  const variable = findVariableFor(node, context);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  if (definition.node.type === 'FunctionDeclaration') return definition.node;
  if (definition.node.type === 'VariableDeclarator' && definition.parent?.type === 'VariableDeclaration' && definition.parent.kind === 'const' && definition.node.init && isFunctionNode(definition.node.init)) return definition.node.init;
  return undefined;
}

/** `receiver.defaults.headers[.group].Name = value` or `receiver.defaults.headers[.group] = { … }`. */
function readDefaultsWrite(assignment: TSESTree.AssignmentExpression, context: AnalysisContext): InstanceWrite | undefined {
  const members: TSESTree.MemberExpression[] = [];
  for (let current: TSESTree.Node = assignment.left; current.type === 'MemberExpression'; current = current.object) members.unshift(current);
  // cheap first: a member written `.defaults` (names are resolved only then)
  const at = members.findIndex((member, index) => !member.computed && member.property.type === 'Identifier' && member.property.name === 'defaults' && members[index + 1] !== undefined);
  if (at < 0 || getMemberName(members[at + 1]!, context) !== 'headers') return undefined;
  const target = findWriteTarget(members[at]!.object, context);
  if (!target) return undefined;
  const rest = members.slice(at + 2).map((member) => getMemberName(member, context) ?? UNKNOWN).filter((name) => !AXIOS_HEADER_GROUPS.has(name));
  const headers: HookHeaders = { entries: [], complete: true };
  if (rest.length === 1 && rest[0] !== UNKNOWN) headers.entries.push(headerEntry(rest[0]!, resolveValue(assignment.right, context), assignment));
  else if (rest.length === 0) addObjectEntries(headers, resolveValue(assignment.right, context), assignment);
  else headers.complete = false;
  return { target, node: assignment, headers };
}

/** The instance a write's receiver is, when it is certainly one (a single alternative). */
function findWriteTarget(receiver: TSESTree.Node, context: AnalysisContext): InstanceTarget | undefined {
  const options = getOptions(resolveValue(receiver, context));
  const only = options.length === 1 ? options[0]! : undefined;
  if (only?.kind !== 'unknown' || !only.origin) return undefined;
  if (isAxiosOrigin(only.origin)) return DEFAULT_INSTANCE;
  return only.origin.kind === 'expression' ? findCreationTarget(only.origin.node, context) : undefined;
}

function isDefaultInstance(value: Value): boolean {
  const options = getOptions(value);
  return options.length === 1 && options[0]!.kind === 'unknown' && options[0]!.origin !== undefined && isAxiosOrigin(options[0]!.origin);
}

/** The axios module itself (`import axios from 'axios'`, `require('axios')`, a global `axios`). */
function isAxiosOrigin(origin: Origin): boolean {
  if (origin.kind === 'import') return findClientByModule(origin.source)?.name === 'axios' && (origin.importedName === 'default' || origin.importedName === '*');
  return origin.kind === 'global' && findClientByGlobal(origin.name)?.name === 'axios';
}
