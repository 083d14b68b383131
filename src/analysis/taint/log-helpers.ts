/**
 * Log helpers: whether a function may log, and which of its parameters reach a log sink and how
 * (`getHelper`), applied to a call's arguments (`applyRef`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { callsWithin, throwsWithin } from '../file-index.js';
import { findLogSink, findThrowSink, type LogSink } from '../log-sinks.js';
import { walk, type FunctionNode } from '../static-value.js';
import { ROOT, type TaintEngine } from './engine.js';
import { type ParamRef, type Taint, findParamLeaf, arrayOf, readProperty, stringify, toJson } from './lattice.js';

export interface LogHelper {
  fn: FunctionNode;
  /** Parameter index → how the parameter reaches a sink, and which sink. */
  params: ReadonlyMap<number, { ref: ParamRef; innerSink: string }>;
}

/** Method names of every logger family the sinks know (console, pino, winston, Nest, streams…). */
const LOG_METHOD_NAMES = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'dir', 'table', 'fatal', 'verbose', 'silly', 'notice', 'success', 'fail', 'write', 'print', 'critical', 'alert', 'emerg', 'http', 'child', 'reject']);

/**
 * A syntactic look before any evaluation: does `fn` (or a function it calls) throw or call a
 * log-shaped method at all? Most functions do not, and then no taint is evaluated for them.
 */
function mayLog(engine: TaintEngine, fn: FunctionNode, depth = 0): boolean {
  const cached = engine.mayLogCache.get(fn);
  if (cached !== undefined) return cached;
  if (depth > 4) return true;
  engine.mayLogCache.set(fn, false);
  let found = false;
  const callees: TSESTree.CallExpression[] = [];
  if (fn.body && throwsWithin(fn.body).length > 0) found = true;
  for (const inner of found || !fn.body ? [] : callsWithin(fn.body)) {
    const callee = inner.callee;
    if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && LOG_METHOD_NAMES.has(callee.property.name)) found = true;
    else if (callee.type === 'Identifier' && /^(debug|log|trace)/i.test(callee.name)) found = true;
    else callees.push(inner);
    if (found) break;
  }
  if (!found) {
    for (const call of callees) {
      const innerFn = engine.findCallee(call);
      if (innerFn && innerFn !== fn && mayLog(engine, innerFn, depth + 1)) {
        found = true;
        break;
      }
    }
  }
  engine.mayLogCache.set(fn, found);
  return found;
}

export function getHelper(engine: TaintEngine, fn: FunctionNode): LogHelper | undefined {
  const cached = engine.helperCache.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  if (!mayLog(engine, fn)) {
    engine.helperCache.set(fn, null);
    return undefined;
  }
  if (engine.helpersInProgress.has(fn) || engine.helpersInProgress.size >= 4) return undefined;
  engine.helpersInProgress.add(fn);
  const params = new Map<number, { ref: ParamRef; innerSink: string }>();
  try {
    const record = (taint: Taint | undefined, innerSink: string) => {
      const ref = findParamLeaf(taint, fn);
      if (ref && !params.has(ref.index)) params.set(ref.index, { ref, innerSink });
    };
    walk(fn.body, (inner) => {
      if (inner.type === 'ThrowStatement') {
        const sink = findThrowSink(inner);
        if (sink) for (const argument of sink.arguments) record(stringify(engine.evaluate(argument, ROOT)), sink.name);
        return;
      }
      if (inner.type !== 'CallExpression') return;
      const sink: LogSink | undefined = findLogSink(inner, engine.context);
      if (sink) {
        for (const argument of sink.arguments) record(engine.evaluate(argument, ROOT), sink.name);
        return;
      }
      const innerFn = engine.findCallee(inner);
      if (!innerFn || innerFn === fn) return;
      const innerHelper = getHelper(engine, innerFn);
      if (!innerHelper) return;
      const args = engine.evaluateArguments(inner.arguments, ROOT);
      for (const { ref, innerSink } of innerHelper.params.values()) record(applyRef(engine, ref, args), innerSink);
    }, true);
  } finally {
    engine.helpersInProgress.delete(fn);
  }
  const helper: LogHelper = { fn, params };
  if (!engine.exhausted) engine.helperCache.set(fn, helper);
  return helper;
}

/** What `ref` (a parameter read and converted) is for these argument taints. */
export function applyRef(engine: TaintEngine, ref: ParamRef, args: readonly (Taint | undefined)[]): Taint | undefined {
  let value = ref.rest ? arrayOf(args.slice(ref.index)) : args[ref.index];
  for (const segment of ref.path) value = readProperty(value, segment);
  if (ref.conversion === 'string') value = stringify(value);
  if (ref.conversion === 'json') value = toJson(value);
  return value;
}
