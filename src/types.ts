/**
 * Branded key types for code that talks to the PilotStatus API (`eslint-plugin-pilotstatus/types`).
 *
 * A PilotStatus key is either tenant-scoped (Dashboard → Profile → API; it may call only
 * `/v1/numbers/*` and `/v1/remote-pairing/*`) or number-scoped (Dashboard → API Keys; every other
 * `/v1` endpoint). Each gets 403 on the other's endpoints. Annotate where a key enters the program and
 * `pilotstatus/key-scope-mismatch` follows the type (with type information) through parameters,
 * return types, class fields and object properties, whatever the variables are called:
 *
 *   import { asTenantApiKey, type NumberApiKey } from 'eslint-plugin-pilotstatus/types';
 *   const hqKey = asTenantApiKey(process.env.PILOTSTATUS_HQ_KEY ?? '');
 *   interface Shop { lineKey: NumberApiKey }
 *
 * The brands exist only for the type checker: at run time the values are plain strings.
 */

declare const pilotstatusScope: unique symbol;

/** A tenant-scoped key (Profile → API): number lifecycle only (`/v1/numbers/*`, `/v1/remote-pairing/*`). */
export type TenantApiKey = string & { readonly [pilotstatusScope]: 'tenant' };

/** A number-scoped key (Dashboard → API Keys): messages, groups, templates, media and the other per-number endpoints. */
export type NumberApiKey = string & { readonly [pilotstatusScope]: 'number' };

/** A key of either scope, for code that passes keys through without choosing (a transport, a cache). */
export type PilotStatusApiKey = TenantApiKey | NumberApiKey;

/** Marks a raw string as the tenant-scoped key. Does not check or change the value. */
export function asTenantApiKey(key: string): TenantApiKey {
  return key as TenantApiKey;
}

/** Marks a raw string as a number-scoped key. Does not check or change the value. */
export function asNumberApiKey(key: string): NumberApiKey {
  return key as NumberApiKey;
}
