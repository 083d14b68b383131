/**
 * The outgoing-request model: "this call sends an HTTP request — to which URL, with which headers?"
 *
 * Asked by every request rule and by the taint engine. Clients are recognised by import provenance
 * (what the callee resolves to), not by name alone: fetch and its polyfills, axios and its instances,
 * got, ky, ofetch, superagent, node:http(s), XMLHttpRequest, `new Request`, and the vendor SDK.
 *
 * The code lives in `requests/`: `model.ts` (the model types and `findRequest`, dispatch by client),
 * `clients.ts` (one adapter per client and the vendor SDK), `headers.ts` (headers and base URLs),
 * `targets.ts` (PilotStatus targets and instance creations), `hooks.ts`, `header-writes.ts`,
 * `instance-writes.ts` and `instance-registry.ts` (headers an instance's hooks and configuration set). This file re-exports their
 * public names so existing imports keep working.
 */
export { isRequestCandidate, isCallIntoRequestFreeModule, findRequest } from './requests/model.js';
export type { HeaderEntry, HeadersModel, RequestModel } from './requests/model.js';
export { findSdkConstruction } from './requests/clients.js';
export { findHeader, hasKeyHeader } from './requests/headers.js';
export { findApiTarget, findInstanceCreation } from './requests/targets.js';
export type { ApiTarget } from './requests/targets.js';
export { findModuleInstanceWrites, findTargetBaseUrl } from './requests/instance-writes.js';
export type { InstanceTarget, InstanceWrite } from './requests/instance-writes.js';
export type { ClientName } from './http-clients.js';

export { SDK_MODULE } from './http-clients.js';
