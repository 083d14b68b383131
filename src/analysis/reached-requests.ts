/**
 * The requests a call reaches: the call itself when it is a request, else the requests inside the
 * wrapper functions it runs (helpers, class methods, transports), a few levels deep, with each
 * wrapper's parameters bound to the arguments of this call. Rules that judge a request by a part a
 * wrapper's caller supplies (the path, the URL) report at the call where that part is written.
 *
 * Built on the request model (`findRequest`) and the call-target resolution of `key-scope.ts`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { findEnclosingFunction } from './ast.js';
import { sendsRequests } from './scope/sites.js';
import { findCallTargets } from './scope/targets.js';
import { findRequest, type RequestModel } from './request-model.js';
import { bindArguments, bindParametersAsUnknown, bindReceiver, walk, NO_BINDINGS, type AnalysisContext, type Bindings, type FunctionNode } from './static-value.js';

export interface ReachedRequest {
  /** The request as this call makes it (wrapper parameters bound to the call's arguments). */
  request: RequestModel;
  /** The wrapper calls between the call and the request, outermost first (empty for a direct request). */
  via: readonly TSESTree.CallExpression[];
}

/** A predicate over requests; a wrapper call is reported only where it makes the predicate hold. */
export type RequestPredicate<T> = (request: RequestModel) => T | undefined;

export interface Reached<T> {
  result: T;
  reached: ReachedRequest;
}

/**
 * What `judge` says about the requests `call` reaches. A request inside a wrapper counts only when the
 * judgement depends on this call: when the request, seen from inside with unknown parameters, is
 * already judged the same, it is reported where it is written, not at every caller.
 */
export function judgeReachedRequests<T>(call: TSESTree.CallExpression, analysis: AnalysisContext, depth: number, judge: RequestPredicate<T>): Array<Reached<T>> {
  const enclosing = findEnclosingFunction(call);
  const direct = findRequest(call, analysis);
  if (direct) {
    // Cached model first; a finding is then confirmed as seen from inside, without what the
    // callers of the enclosing function pass (a wrapper's own request is judged at its callers).
    if (judge(direct) === undefined) return [];
    const request = enclosing ? findRequest(call, analysis, bindParametersAsUnknown(enclosing, analysis)) : direct;
    const result = request && judge(request);
    return request && result !== undefined ? [{ result, reached: { request, via: [] } }] : [];
  }
  if (depth <= 0) return [];
  const outer = enclosing ? bindParametersAsUnknown(enclosing, analysis) : NO_BINDINGS;
  const results: Array<Reached<T>> = [];
  for (const target of findCallTargets(call, analysis, NO_BINDINGS, false)) {
    if (target.fn === enclosing || !sendsRequests(target.fn, analysis, depth)) continue;
    const start = target.receiver ? bindReceiver(outer, target.receiver) : outer;
    const found: Array<Reached<T>> = [];
    collect(target.fn, bindArguments(target.fn, call.arguments, analysis, start), depth - 1, [call], analysis, new Set([target.fn]), judge, found);
    if (found.length === 0) continue;
    // Decided inside the wrapper (a literal path, a module constant): reported there, not at every caller.
    const inside: Array<Reached<T>> = [];
    collect(target.fn, bindParametersAsUnknown(target.fn, analysis), depth - 1, [call], analysis, new Set([target.fn]), judge, inside);
    const decided = new Set(inside.map((item) => chainKey(item.reached)));
    results.push(...found.filter((item) => !decided.has(chainKey(item.reached))));
  }
  return results;
}

const nodeIds = new WeakMap<TSESTree.Node, number>();
let nextNodeId = 1;

/** The chain below the outer call (calls inside the wrapper, then the request), by node identity. */
function chainKey(reached: ReachedRequest): string {
  return [...reached.via.slice(1), reached.request.node]
    .map((node) => {
      let id = nodeIds.get(node);
      if (id === undefined) nodeIds.set(node, (id = nextNodeId++));
      return id;
    })
    .join('>');
}

function collect<T>(
  fn: FunctionNode,
  bindings: Bindings,
  depth: number,
  via: readonly TSESTree.CallExpression[],
  analysis: AnalysisContext,
  active: ReadonlySet<FunctionNode>,
  judge: RequestPredicate<T>,
  results: Array<Reached<T>>,
): void {
  walkReachedRequests(fn, bindings, depth, [], analysis, active, (request, _call, steps) => {
    const result = judge(request);
    if (result !== undefined) results.push({ result, reached: { request, via: [...via, ...steps.map((step) => step.call)] } });
  });
}

/** A wrapper call on the way to a request, with the bindings its arguments were resolved with. */
export interface WrapperStep {
  call: TSESTree.CallExpression;
  bindings: Bindings;
}

/**
 * Every request `fn`'s body makes, directly or through the wrappers it calls (`depth` levels), each
 * wrapper's parameters bound to the arguments of its call: the one walk behind `judgeReachedRequests`
 * and key-scope's sent keys.
 */
export function walkReachedRequests(
  fn: FunctionNode,
  bindings: Bindings,
  depth: number,
  steps: readonly WrapperStep[],
  analysis: AnalysisContext,
  active: ReadonlySet<FunctionNode>,
  visit: (request: RequestModel, call: TSESTree.CallExpression, steps: readonly WrapperStep[]) => void,
): void {
  walk(fn.body, (node) => {
    if (node.type !== 'CallExpression') return;
    const request = findRequest(node, analysis, bindings);
    if (request) {
      visit(request, node, steps);
      return;
    }
    if (depth <= 0) return;
    for (const target of findCallTargets(node, analysis, bindings, true)) {
      if (active.has(target.fn) || !sendsRequests(target.fn, analysis, depth)) continue;
      const start = target.receiver ? bindReceiver(bindings, target.receiver) : bindings;
      const inner = bindArguments(target.fn, node.arguments, analysis, start);
      walkReachedRequests(target.fn, inner, depth - 1, [...steps, { call: node, bindings: start }], analysis, new Set(active).add(target.fn), visit);
    }
  }, true);
}
