/**
 * Log sinks: "does this call write its arguments to a log, a terminal or an error message?"
 *
 * Built-in sinks only; a project's own helper that forwards a parameter to one of these is found by
 * the taint engine (it needs the data flow). Loggers are recognised by provenance: what the receiver
 * resolves to (the global `console`, an import of a logging package, a value created by one of its
 * factories, a parameter whose declared type is imported from one), then, with type information, by
 * the declaring package of the receiver's type, and last by a conventional name (`logger.info`,
 * `request.log.warn`) when nothing says what the receiver is.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { findVariableFor, getKnownString, getMemberName, getOptions, resolveValue, type AnalysisContext, type Value } from './static-value.js';

export type SinkFamily =
  | 'console' | 'stream' | 'pino' | 'winston' | 'bunyan' | 'log4js' | 'consola' | 'loglevel' | 'signale' | 'debug'
  | 'nest' | 'fastify' | 'npmlog' | 'tslog' | 'logger' | 'error';

export interface LogSink {
  /** The call (or `throw` statement) to report. */
  node: TSESTree.Node;
  family: SinkFamily;
  /** Printable callee: `console.log`, `this.logger.warn`, `throw new Error`. */
  name: string;
  /** The arguments whose values get written. */
  arguments: readonly TSESTree.Node[];
  /** pino `redact` paths of the logger, split into segments (`*` is a wildcard). */
  redactPaths?: readonly (readonly string[])[];
}

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'assert']);
const PINO_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** The methods that write, per family. `undefined`: every method except `NON_WRITING`. */
const FAMILY_METHODS: Record<Exclude<SinkFamily, 'console' | 'stream' | 'debug' | 'error' | 'fastify'>, ReadonlySet<string> | undefined> = {
  pino: new Set(PINO_LEVELS),
  bunyan: new Set(PINO_LEVELS),
  winston: new Set(['log', 'error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly', 'emerg', 'alert', 'crit', 'warning', 'notice']),
  log4js: new Set([...PINO_LEVELS, 'mark', 'log']),
  consola: new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'success', 'fail', 'start', 'ready', 'box', 'verbose']),
  loglevel: new Set(['trace', 'debug', 'info', 'warn', 'error', 'log']),
  signale: undefined,
  nest: new Set(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']),
  npmlog: new Set(['silly', 'verbose', 'info', 'timing', 'http', 'notice', 'warn', 'error', 'log']),
  tslog: new Set(['silly', 'trace', 'debug', 'info', 'warn', 'error', 'fatal']),
  logger: new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'critical', 'crit', 'alert', 'emerg', 'http']),
};
const NON_WRITING = new Set(['config', 'scope', 'unscope', 'time', 'timeEnd', 'disable', 'enable', 'isEnabled', 'addSecrets', 'clearSecrets', 'child', 'level', 'setLevel', 'getLogger']);

/** Package → family, and what the package's exports are. */
interface LoggerModule {
  family: SinkFamily;
  /** Exports that are loggers themselves (`import log from 'loglevel'`). */
  loggers: ReadonlySet<string>;
  /** Exports that create loggers when called or constructed (`pino()`, `new Logger()`). */
  factories: ReadonlySet<string>;
  /** Methods of the module object (or of a logger) that return a logger. */
  factoryMethods: ReadonlySet<string>;
}

const CHILD_METHODS = new Set(['child', 'withTag', 'withDefaults', 'create', 'scope', 'extend', 'getLogger', 'createLogger', 'getSubLogger', 'get']);

const LOGGER_MODULES: Record<string, LoggerModule> = {
  pino: { family: 'pino', loggers: new Set(), factories: new Set(['default', 'pino', '*']), factoryMethods: new Set(['pino', 'default', 'child']) },
  winston: { family: 'winston', loggers: new Set(['default', '*']), factories: new Set(['createLogger']), factoryMethods: new Set(['createLogger', 'child', 'get']) },
  bunyan: { family: 'bunyan', loggers: new Set(), factories: new Set(['default', 'createLogger', '*']), factoryMethods: new Set(['createLogger', 'child']) },
  log4js: { family: 'log4js', loggers: new Set(), factories: new Set(['getLogger']), factoryMethods: new Set(['getLogger']) },
  consola: { family: 'consola', loggers: new Set(['default', 'consola']), factories: new Set(['createConsola']), factoryMethods: new Set(['create', 'withTag', 'withDefaults']) },
  loglevel: { family: 'loglevel', loggers: new Set(['default', '*']), factories: new Set(['getLogger']), factoryMethods: new Set(['getLogger']) },
  signale: { family: 'signale', loggers: new Set(['default', '*']), factories: new Set(['Signale']), factoryMethods: new Set(['scope']) },
  debug: { family: 'debug', loggers: new Set(), factories: new Set(['default', 'debug', '*']), factoryMethods: new Set(['extend']) },
  '@nestjs/common': { family: 'nest', loggers: new Set(['Logger']), factories: new Set(['Logger', 'ConsoleLogger']), factoryMethods: new Set() },
  'nestjs-pino': { family: 'pino', loggers: new Set(), factories: new Set(['PinoLogger', 'Logger']), factoryMethods: new Set() },
  fastify: { family: 'fastify', loggers: new Set(), factories: new Set(['default', 'fastify', '*']), factoryMethods: new Set() },
  npmlog: { family: 'npmlog', loggers: new Set(['default', '*']), factories: new Set(), factoryMethods: new Set() },
  tslog: { family: 'tslog', loggers: new Set(), factories: new Set(['Logger']), factoryMethods: new Set(['getSubLogger']) },
};

/** Type names (with their declaring package) that are loggers. */
const LOGGER_TYPE_PACKAGE = /[\\/]node_modules[\\/](?:@types[\\/])?(pino|winston|bunyan|log4js|consola|loglevel|signale|debug|@nestjs[\\/]common|nestjs-pino|fastify|npmlog|tslog)[\\/]/;
const LOGGER_NAME = /^(?:_*log|_*logger|\w*Logger|\w*Log)$/i;
const ERROR_NAME = /(?:^Error|Error|Exception)$/;

interface Provenance {
  family: SinkFamily;
  /** The expression that created the logger (for pino options). */
  creation?: TSESTree.CallExpression | TSESTree.NewExpression;
}

/** A cheap syntactic check before any resolution: a call through a name or a member. */
export function isSinkCandidate(node: TSESTree.CallExpression): boolean {
  return node.callee.type === 'MemberExpression' || node.callee.type === 'Identifier';
}

/** The built-in sink `node` calls, if any. */
/**
 * `useTypes: false` decides from the code alone (what the receiver was created from, its name); the
 * type checker is then asked only for calls where it can matter (no-key-logging: an argument holds a key).
 */
export function findLogSink(node: TSESTree.CallExpression, context: AnalysisContext, useTypes = true): LogSink | undefined {
  if (!isSinkCandidate(node)) return undefined;
  const callee = node.callee;
  if (callee.type === 'Identifier') {
    const provenance = findProvenance(callee, context, 0, useTypes);
    if (provenance?.family === 'debug') return { node, family: 'debug', name: callee.name, arguments: node.arguments };
    return undefined;
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const method = getMemberName(callee, context);
  if (!method) return undefined;
  const name = describeCallee(callee);
  if (method === 'write' && isProcessStream(callee.object, context)) {
    return { node, family: 'stream', name, arguments: node.arguments.slice(0, 1) };
  }
  const provenance = findProvenance(callee.object, context, 0, useTypes);
  if (provenance) {
    if (provenance.family === 'console') {
      if (!CONSOLE_METHODS.has(method)) return undefined;
      return { node, family: 'console', name, arguments: method === 'assert' ? node.arguments.slice(1) : node.arguments };
    }
    if (provenance.family === 'debug') return method === 'log' ? { node, family: 'debug', name, arguments: node.arguments } : undefined;
    if (provenance.family === 'fastify' || provenance.family === 'stream' || provenance.family === 'error') return undefined;
    if (!writes(provenance.family, method)) return undefined;
    const redactPaths = provenance.family === 'pino' && provenance.creation ? findPinoRedactPaths(provenance.creation, context) : undefined;
    return { node, family: provenance.family, name, arguments: node.arguments, ...(redactPaths ? { redactPaths } : {}) };
  }
  // Nothing says what the receiver is: a conventional logger name with a level method.
  if (FAMILY_METHODS.logger!.has(method) && isUnresolvedReceiver(callee.object, context) && LOGGER_NAME.test(getLastName(callee.object) ?? '')) {
    return { node, family: 'logger', name, arguments: node.arguments };
  }
  return undefined;
}

/** `throw new Error(message)` / `throw new HttpException({...})`: the message is logged wherever it is caught. */
export function findThrowSink(node: TSESTree.ThrowStatement): LogSink | undefined {
  const argument = node.argument;
  if (!argument || (argument.type !== 'NewExpression' && argument.type !== 'CallExpression')) return undefined;
  const calleeName = getLastName(argument.callee);
  if (!calleeName || !ERROR_NAME.test(calleeName)) return undefined;
  return { node, family: 'error', name: `throw ${argument.type === 'NewExpression' ? 'new ' : ''}${describeCallee(argument.callee)}`, arguments: argument.arguments };
}

/** `reject(new Error(message))`, `Promise.reject(new Error(message))`: the same as a throw. */
export function findRejectSink(node: TSESTree.NewExpression): LogSink | undefined {
  const calleeName = getLastName(node.callee);
  if (!calleeName || !ERROR_NAME.test(calleeName)) return undefined;
  const parent = node.parent;
  if (parent?.type !== 'CallExpression' || !parent.arguments.includes(node)) return undefined;
  const rejectName = getLastName(parent.callee);
  if (rejectName !== 'reject') return undefined;
  return { node, family: 'error', name: `new ${describeCallee(node.callee)}`, arguments: node.arguments };
}

function writes(family: SinkFamily, method: string): boolean {
  const methods = FAMILY_METHODS[family as keyof typeof FAMILY_METHODS];
  if (methods === undefined) return !NON_WRITING.has(method);
  return methods.has(method);
}

function isProcessStream(node: TSESTree.Node, context: AnalysisContext): boolean {
  return (
    node.type === 'MemberExpression' &&
    !node.computed &&
    node.property.type === 'Identifier' &&
    (node.property.name === 'stdout' || node.property.name === 'stderr') &&
    node.object.type === 'Identifier' &&
    node.object.name === 'process' &&
    !(findVariableFor(node.object, context)?.defs.length)
  );
}

/** What the receiver is, by provenance (and by type when the code does not say). */
function findProvenance(node: TSESTree.Node, context: AnalysisContext, depth: number, useTypes: boolean): Provenance | undefined {
  if (depth > 5) return undefined;
  // globalThis.console / window.console
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === 'console' && node.object.type === 'Identifier' && ['globalThis', 'window', 'global', 'self'].includes(node.object.name)) {
    return { family: 'console' };
  }
  // `app.log`, `request.log`, `fastify.log`: the pino logger of a Fastify instance or request
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === 'log') {
    const owner = findProvenance(node.object, context, depth + 1, useTypes);
    if (owner?.family === 'fastify') return { family: 'pino' };
  }
  const value = resolveValue(node, context);
  for (const option of getOptions(value)) {
    const found = fromValue(option, context, depth, useTypes);
    if (found) return found;
  }
  return useTypes ? findProvenanceFromType(node, context) : undefined;
}

function fromValue(value: Value, context: AnalysisContext, depth: number, useTypes: boolean): Provenance | undefined {
  if (value.kind !== 'unknown' || !value.origin) return undefined;
  const origin = value.origin;
  switch (origin.kind) {
    case 'global':
      return origin.name === 'console' ? { family: 'console' } : undefined;
    case 'import': {
      const module = findLoggerModule(origin.source);
      if (module?.loggers.has(origin.importedName)) return { family: module.family };
      return undefined;
    }
    case 'expression':
      if (origin.node.type === 'CallExpression' || origin.node.type === 'NewExpression') return fromCreation(origin.node, context, depth, useTypes);
      return undefined;
    case 'parameter':
      return fromDeclaredType(origin.node, context);
    default:
      return undefined;
  }
}

function findLoggerModule(source: string): LoggerModule | undefined {
  return LOGGER_MODULES[source.replace(/^node:/, '')];
}

/** `pino(opts)`, `winston.createLogger()`, `new Logger()`, `logger.child()`, `debug('ns')`. */
function fromCreation(node: TSESTree.CallExpression | TSESTree.NewExpression, context: AnalysisContext, depth: number, useTypes: boolean): Provenance | undefined {
  const callee = node.callee;
  if (callee.type === 'MemberExpression') {
    const method = getMemberName(callee, context);
    if (!method) return undefined;
    const receiver = resolveValue(callee.object, context);
    for (const option of getOptions(receiver)) {
      if (option.kind === 'unknown' && option.origin?.kind === 'import') {
        const module = findLoggerModule(option.origin.source);
        if (module && (module.factoryMethods.has(method) || (option.origin.importedName !== '*' && module.factories.has(option.origin.importedName) && method === 'default'))) {
          return { family: module.family, creation: node };
        }
      }
    }
    if (CHILD_METHODS.has(method)) {
      const parent = findProvenance(callee.object, context, depth + 1, useTypes);
      if (parent && parent.family !== 'console') return { family: parent.family, creation: parent.creation ?? node };
    }
    return undefined;
  }
  const calleeValue = resolveValue(callee, context);
  for (const option of getOptions(calleeValue)) {
    if (option.kind === 'unknown' && option.origin?.kind === 'import') {
      const module = findLoggerModule(option.origin.source);
      if (module?.factories.has(option.origin.importedName)) return { family: module.family, creation: node };
    }
  }
  return undefined;
}

/** `constructor(private readonly logger: Logger)` with `Logger` imported from a logging package. */
function fromDeclaredType(node: TSESTree.Node, context: AnalysisContext): Provenance | undefined {
  if (node.type !== 'Identifier' || !node.typeAnnotation) return undefined;
  const annotation = node.typeAnnotation.typeAnnotation;
  if (annotation.type !== 'TSTypeReference') return undefined;
  let typeName: TSESTree.EntityName = annotation.typeName;
  while (typeName.type === 'TSQualifiedName') typeName = typeName.left;
  if (typeName.type !== 'Identifier') return undefined;
  const variable = findVariableFor(typeName, context);
  const definition = variable?.defs[0];
  if (definition?.type !== 'ImportBinding') return undefined;
  const declaration = definition.parent as TSESTree.ImportDeclaration;
  const module = findLoggerModule(declaration.source.value);
  return module && module.family !== 'fastify' && module.family !== 'debug' ? { family: module.family } : undefined;
}

/** With type information: the receiver's type is declared by a logging package, or is `Console`. */
function findProvenanceFromType(node: TSESTree.Node, context: AnalysisContext): Provenance | undefined {
  const typeInfo = context.typeInfo;
  if (!typeInfo) return undefined;
  const type = typeInfo.getType(node);
  if (!type) return undefined;
  const symbol: ts.Symbol | undefined = type.aliasSymbol ?? type.getSymbol();
  if (!symbol) return undefined;
  const declarations = symbol.getDeclarations() ?? [];
  for (const declaration of declarations) {
    const fileName = declaration.getSourceFile().fileName;
    const match = LOGGER_TYPE_PACKAGE.exec(fileName);
    if (match) {
      const module = findLoggerModule(match[1]!.replace(/\\/g, '/'));
      if (module && module.family !== 'fastify') return { family: module.family };
      if (module?.family === 'fastify') return /Logger/.test(symbol.getName()) ? { family: 'pino' } : { family: 'fastify' };
    }
    if (symbol.getName() === 'Console' && declaration.getSourceFile().isDeclarationFile) return { family: 'console' };
  }
  return undefined;
}

/** True when the analysis has no idea what the receiver is (a parameter, an unresolved import or call). */
function isUnresolvedReceiver(node: TSESTree.Node, context: AnalysisContext): boolean {
  const value = resolveValue(node, context);
  return getOptions(value).every((option) => option.kind === 'unknown');
}

function getLastName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.type === 'MemberExpression' && node.property.type === 'PrivateIdentifier') return node.property.name;
  return undefined;
}

/** `this.logger.warn`, `console.log`, `request.log.info` (computed parts as `[…]`). */
export function describeCallee(node: TSESTree.Node): string {
  const parts: string[] = [];
  let current: TSESTree.Node = node;
  for (let depth = 0; depth < 6; depth++) {
    if (current.type === 'MemberExpression') {
      parts.unshift(current.computed ? '[…]' : current.property.type === 'PrivateIdentifier' ? `#${current.property.name}` : current.property.name);
      current = current.object;
      continue;
    }
    if (current.type === 'Identifier') parts.unshift(current.name);
    else if (current.type === 'ThisExpression') parts.unshift('this');
    else if (current.type === 'CallExpression') parts.unshift(`${describeCallee(current.callee)}(…)`);
    else parts.unshift('…');
    break;
  }
  return parts.join('.').replace(/\.\[/g, '[');
}

/** pino's `redact` option of the logger's root creation: `['req.headers["x-api-key"]']` or `{ paths }`. */
function findPinoRedactPaths(creation: TSESTree.CallExpression | TSESTree.NewExpression, context: AnalysisContext): string[][] | undefined {
  let root: TSESTree.Node = creation;
  // a child logger keeps its parent's redaction: find the `pino(...)` call at the root
  for (let depth = 0; depth < 5 && root.type === 'CallExpression' && root.callee.type === 'MemberExpression'; depth++) {
    const method = getMemberName(root.callee, context);
    if (method !== 'child') break;
    const parent = resolveValue(root.callee.object, context);
    const origin = parent.kind === 'unknown' ? parent.origin : undefined;
    if (origin?.kind !== 'expression') break;
    root = origin.node;
  }
  if (root.type !== 'CallExpression' && root.type !== 'NewExpression') return undefined;
  const options = root.arguments[0] ? resolveValue(root.arguments[0], context) : undefined;
  if (options?.kind !== 'object') return undefined;
  let redact = options.properties.get('redact');
  if (redact?.kind === 'object') redact = redact.properties.get('paths');
  if (redact?.kind !== 'array') return undefined;
  const paths: string[][] = [];
  for (const element of redact.elements) {
    const text = getKnownString(element);
    if (text !== undefined) paths.push(parseRedactPath(text));
  }
  return paths;
}

/** Redact paths are short (`req.headers["x-api-key"]`); a longer string is not one, and the parser stays bounded. */
const MAX_REDACT_PATH_LENGTH = 500;

/** `req.headers["x-api-key"]` → `['req', 'headers', 'x-api-key']`; `*.apiKey` → `['*', 'apiKey']`. */
export function parseRedactPath(path: string): string[] {
  const segments: string[] = [];
  if (path.length > MAX_REDACT_PATH_LENGTH) return segments;
  const pattern = /([^.[\]]+)|\[\s*(?:"([^"]*)"|'([^']*)'|([^\]]*))\s*\]/g;
  for (let match = pattern.exec(path); match; match = pattern.exec(path)) {
    segments.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return segments;
}
