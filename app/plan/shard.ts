import { createHash } from 'node:crypto';
import type { TargetRequest } from '../provision/target-request.ts';

/** Part `index` (1-based) of `total`: `--shard 2/4`. */
export interface Shard {
  index: number;
  total: number;
}

/** "i/n" with 1 ≤ i ≤ n, or undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const total = Number(match[2]);
  return index >= 1 && index <= total ? { index, total } : undefined;
}

/**
 * The shard a row (case × target × port) belongs to: a hash of the three, so the split is the same on
 * every machine and a new case or target never moves the rows that were already there.
 */
export function shardOf(caseId: string, target: string, port: string, total: number): number {
  const digest = createHash('sha256').update(`${caseId}\n${target}\n${port}`).digest();
  return (digest.readUInt32BE(0) % total) + 1;
}

export function inShard(shard: Shard | undefined, caseId: string, target: string, port: string): boolean {
  return shard === undefined || shardOf(caseId, target, port, shard.total) === shard.index;
}

/**
 * The name the plan gives a target before anything starts (a registry name, or "host:H"): what
 * sharding keys on, so that `--dry-run` and the run itself split alike.
 */
export function plannedName(spec: TargetRequest): string {
  return spec.type === 'external' ? `host:${spec.host}` : spec.name;
}
