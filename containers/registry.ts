import type { Provisioner } from '../harness/targets/provisioner.ts';
import { provisionFlawed } from './flawed/flawed-target.ts';
import { provisionPostfix } from './postfix/postfix-target.ts';

/** Built-in targets by name. The first is the default of `msaspec run`. */
export const BUILTIN_TARGETS: Record<string, Provisioner> = {
  postfix: provisionPostfix,
  flawed: provisionFlawed,
};

export const DEFAULT_TARGET = 'postfix';
