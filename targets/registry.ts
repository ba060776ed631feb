import type { Provisioner } from '../harness/model/provisioner.ts';
import { CONFIGURATIONS } from './container-target.ts';
import { provisionFlawed } from './flawed/flawed-target.ts';
import { MTAS } from './mtas.ts';

/**
 * Built-in targets by name. MTAs are named "<mta>:<configuration>" (see Configuration), one per MTA of
 * targets/mtas.ts and configuration; "<mta>" alone means its hardened configuration, and "all" every MTA
 * target. The flawed target is for self-validation.
 */
export const BUILTIN_TARGETS: Record<string, Provisioner> = {
  ...Object.fromEntries(MTAS.flatMap((mta) => CONFIGURATIONS.map((configuration) => [`${mta.name}:${configuration}`, mta.target(configuration)]))),
  flawed: provisionFlawed,
};

export const DEFAULT_TARGET = 'postfix:hardened';

/** Every MTA target in a container, in registry order. */
export const MTA_TARGETS: readonly string[] = Object.keys(BUILTIN_TARGETS).filter((name) => name.includes(':'));

/** The registry names a user's --target value stands for; empty when it names nothing. */
export function expandTargetName(name: string): string[] {
  if (name === 'all') return [...MTA_TARGETS];
  if (BUILTIN_TARGETS[name]) return [name];
  if (BUILTIN_TARGETS[`${name}:hardened`]) return [`${name}:hardened`];
  return [];
}
