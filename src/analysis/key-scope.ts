/**
 * Key scope inference: is the key a request sends tenant-scoped or number-scoped, and what says so?
 *
 * Evidence, strongest first, and the first kind that decides wins:
 *  1. types (with a program): `TenantApiKey` / `NumberApiKey` from `eslint-plugin-pilotstatus/types`,
 *     user brands (`string & { __scope: 'tenant' }`) and aliases named like a scoped key
 *     (`TenantScopedKey`), asked at the places the key is written (header value, wrapper argument)
 *     and where its value comes from;
 *  2. a `@pilotstatusScope tenant|number` JSDoc tag on a declaration the key passes through;
 *  3. names: env vars, bindings and properties along the value's trail (`settings.pilotstatus`
 *     `tenantKeyNames` / `numberKeyNames`, key-like names only).
 * A fallback chain (`a || b ?? c`) is decided by its preferred (first) option: that one is sent
 * whenever it is set. Other alternatives (branches, call sites) must agree. Unknown stays unknown.
 *
 * The second half models where the key meets the path: the request itself, or the call of a wrapper
 * (a helper, a class method, a transport reached through `this`) whose body sends the request with
 * the arguments of that call. A wrapper call is where the key meets the path when its body, seen
 * without the call's arguments, does not decide the endpoint and the key by itself.
 *
 * The code lives in `scope/`: `inference.ts` (evidence on one value: names and types), `jsdoc.ts`
 * (`@pilotstatusScope` tags), `sites.ts` (where the key meets the path: sent keys, wrappers, labels),
 * `targets.ts` (which function a call runs). This file re-exports their public names.
 */
export { inferKeyScope, describeScopeEvidence, findTypeScope } from './scope/inference.js';
export type { ScopeEvidence, KeyScopeInference, ScopeContext } from './scope/inference.js';
export { findSentKeys, describeEndpoint } from './scope/sites.js';
export type { SentKey, SentKeyOptions } from './scope/sites.js';
