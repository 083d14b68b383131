/**
 * Value resolution: what an expression evaluates to, as far as the code shows it.
 *
 * Results are three-valued. A string is a list of segments, each known text or a hole (an env var,
 * a parameter, an unresolved expression) that remembers where it came from; alternatives keep every
 * possibility (fallback chains, branches, normalisation guards) with the preferred one first. Rules
 * report only on what is known, so an unknown value never causes a report.
 *
 * Covered: literals, templates, `+`, `const` chains and destructuring, `let` bindings reassigned on the
 * way (evaluated in order, guards such as `if (!base.endsWith('/v1'))` decided per alternative),
 * string methods (`replace`, `trim`, `endsWith`…), `new URL(path, base)`, object literals with spread,
 * bracket assignments, small helper functions (parameters bound to the arguments), class fields,
 * env reads (`process.env`, `import.meta.env`, `Deno.env.get`), relative imports (module graph), and,
 * with type information, literal types and declarations the checker finds.
 *
 * The code lives in `values/`: `value.ts` (the Value model and its pure operations), `resolver.ts`
 * (the recursive resolver and bindings), `variables.ts` (identifiers, variables, destructuring,
 * reassignments), `imports.ts` (import/require/export and the checker), `objects.ts` (members, objects,
 * class fields), `functions.ts` (calls, returns, parameters, `new`), `strings.ts` (string methods,
 * URLs, conditions). This file re-exports their public names so existing imports keep working.
 */
export { NO_BINDINGS, unknown, stringValue, alternatives, getOptions, concatValues, getKnownString, getPatternText } from './values/value.js';
export type { Origin, Hole, Segment, Value, AnalysisContext, Bindings } from './values/value.js';
export { registerUnit, findUnitOf, resolveValue, bindArguments, bindParametersAsUnknown, bindReceiver } from './values/resolver.js';
export { findVariableFor, getPatternSteps } from './values/variables.js';
export type { PatternStep } from './values/variables.js';
export { getReturnedExpressions, resolveFunctionReturn } from './values/functions.js';
export { getStaticPropertyName, getMemberName, isEnvObject, getProperty } from './values/objects.js';
export { evaluateCondition } from './values/strings.js';
export type { FunctionNode } from './ast.js';
export { walk } from './ast.js';
