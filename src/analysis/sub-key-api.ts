/**
 * Key-management calls the API does not have. The vendor page: each number has one default key and
 * the tenant key is a singleton, both made in the dashboard; "there are no sub-keys / no
 * parent-child", and the only key endpoint is `POST /v1/api-keys/regenerate`. Any other PilotStatus
 * `/v1/api-keys…` request (list, create, delete, revoke, children) is code written against an API
 * that does not exist.
 */
import { HOLE, REGENERATE_PATH, trimTrailingSlashes, type ApiEndpoint } from '../core/api-model.js';
import { findApiTarget, type RequestModel } from './request-model.js';
import { getOptions, getPatternText, type AnalysisContext, type Value } from './static-value.js';

export interface SubKeyCall {
  /** `GET /v1/api-keys`, `DELETE /v1/api-keys/{…}`: printable, holes shown as `{…}`. */
  endpoint: string;
  /** A `parentKeyId` in the body: a child key is asked for. */
  childKey: boolean;
}

const API_KEYS_RESOURCE = '/v1/api-keys';

/** The sub-key call `request` makes, when every PilotStatus alternative of its URL is one. */
export function findSubKeyCall(request: RequestModel, analysis: AnalysisContext): SubKeyCall | undefined {
  const target = findApiTarget(request.url, analysis);
  if (!target) return undefined;
  const v1 = target.endpoints.filter((endpoint) => endpoint.kind === 'v1');
  // Alternatives that disagree (another resource, an unknown segment) are not a finding.
  if (v1.length === 0 || !v1.every((endpoint) => endpoint.resource === API_KEYS_RESOURCE)) return undefined;
  const method = request.method;
  const childKey = hasParentKeyId(request);
  const endpoint = v1.find((candidate) => !isRegenerate(candidate, method)) ?? (childKey ? v1[0] : undefined);
  if (!endpoint) return undefined;
  // The method decides at `/regenerate`: an unknown one there may well be the POST.
  if (isRegeneratePath(endpoint) && method === undefined && !childKey) return undefined;
  const path = trimTrailingSlashes(endpoint.path);
  return { endpoint: `${method ? `${method} ` : ''}${path.split(HOLE).join('{…}')}`, childKey };
}

function isRegeneratePath(endpoint: ApiEndpoint): boolean {
  return trimTrailingSlashes(endpoint.path) === REGENERATE_PATH;
}

function isRegenerate(endpoint: ApiEndpoint, method: string | undefined): boolean {
  return isRegeneratePath(endpoint) && (method === undefined || method === 'POST');
}

/** `{ parentKeyId }` (or `parent_key_id`) in the body, as an object or inside `JSON.stringify(…)`. */
function hasParentKeyId(request: RequestModel): boolean {
  return (request.payload ?? []).some((value) => hasPropertyNamed(value, /^parent_?key_?id$/i, 0));
}

function hasPropertyNamed(value: Value, name: RegExp, depth: number): boolean {
  if (depth > 4) return false;
  for (const option of getOptions(value)) {
    if (option.kind === 'object' && [...option.properties.keys()].some((key) => name.test(key))) return true;
    if (option.kind === 'string' && /parent_?key_?id/i.test(getPatternText(option) ?? '')) return true;
    if (option.kind === 'unknown' && option.origin?.kind === 'expression') {
      const node = option.origin.node;
      // JSON.stringify({ parentKeyId, … }): the object literal is in sight
      if (node.type === 'CallExpression' && node.arguments[0]?.type === 'ObjectExpression') {
        if (node.arguments[0].properties.some((property) => property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && name.test(property.key.name))) return true;
      }
    }
  }
  return false;
}
