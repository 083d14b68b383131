/**
 * `--shard k/n`: n CI jobs each scan the paths whose stable hash falls in their slot, so together
 * they scan every path exactly once. The hash is of the path's text only (sha256, first 32 bits),
 * never of anything that varies between machines or runs.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `2/4` → `{ index: 2, count: 4 }`; undefined when malformed or out of range. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/** The 1-based shard a path belongs to out of `count`. */
export function shardOf(path: string, count: number): number {
  return (createHash('sha256').update(path).digest().readUInt32BE(0) % count) + 1;
}

export function inShard(path: string, shard: Shard | undefined): boolean {
  return !shard || shard.count === 1 || shardOf(path, shard.count) === shard.index;
}
