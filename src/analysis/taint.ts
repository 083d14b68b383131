/**
 * A small, demand-driven taint engine: sources → propagation → sanitizers → sinks.
 *
 * Asked backwards from a sink argument: "does this expression hold a full PilotStatus key, and where
 * does it come from?" The answer is a `Taint` (its shape and its source) or `undefined`.
 *
 * - Sources: `ps_` literals, env vars / config values / bindings named like PilotStatus keys, key brand
 *   types (with type information) — all through `findKeyEvidence`; the value of an `x-api-key` /
 *   `x-api-key-id` header (so any headers object, `Headers`, `Request` or request config holding one);
 *   the response of `POST /v1/api-keys/regenerate`; axios / got / ky errors caught around a request
 *   that sent a key (the request config, options and request objects inside them); objects whose
 *   declared type has a key field.
 * - Propagation: `const`/`let` chains and writes, destructuring, templates, `+`, `String()`,
 *   `JSON.stringify`, object and array literals and spread, mutations (`headers['x-api-key'] = …`,
 *   `.set()`), property reads, `await`, `.then` and event callbacks, class fields, the fields of a
 *   class instance (`new C(key)`, bound per construction), function parameters
 *   and returns (bound per call, memoised per function and argument signature), relative imports, and
 *   with type information the callee's declaration in another module.
 * - Sanitizers: `.length`, comparisons, `!`, `typeof`, `Boolean()`; slices and replacements, decided by
 *   applying them to a sample key and checking that no run of more than 8 of its characters survives;
 *   hashing; the mask functions of `settings.pilotstatus.maskFunctions`.
 *
 * A parameter that nothing binds is symbolic (`shape: 'param'`): a sink that receives one makes the
 * function a log helper, reported where it is called with a key (`findLogHelper`).
 *
 * Bounded: a step budget per question and a depth limit; results are cached per node and per variable
 * outside bound calls. Where a file's only key words are its own key headers, a sink argument no header
 * write can reach is not evaluated at all (`reach.ts`).
 *
 * The code lives in `taint/`: `lattice.ts` (the Taint shapes and their pure operations), `engine.ts`
 * (the TaintEngine: evaluation, variables, members, calls), `sources.ts` (key evidence, regenerate
 * responses, HTTP errors/responses, whole env), `builtins.ts` (builtin calls and methods, sanitizers),
 * `callees.ts` (which function a call runs), `log-helpers.ts` (functions that pass a parameter to a
 * log sink), `declared-types.ts` (objects whose declared type has a key field), `instances.ts` (the
 * fields of `new C(…)`), `reach.ts` (source-first: where a file whose only key words are its own key
 * headers can hold a key at all). This file re-exports their public names so existing imports keep working.
 */
export { findConcreteLeaf, isCoveredByRedaction, union } from './taint/lattice.js';
export type { SourceKind, TaintSource, ParamRef, Taint } from './taint/lattice.js';
export { getTaintEngine, TaintEngine } from './taint/engine.js';
export { isStandardLibraryCall } from './taint/builtins.js';
export type { LogHelper } from './taint/log-helpers.js';
