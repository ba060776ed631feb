import type { Provisioner } from '../harness/targets/provisioner.ts';
import { courierTarget } from './courier/courier-target.ts';
import { dovecotTarget } from './dovecot/dovecot-target.ts';
import { eximTarget } from './exim/exim-target.ts';
import { provisionFlawed } from './flawed/flawed-target.ts';
import { harakaTarget } from './haraka/haraka-target.ts';
import { opensmtpdTarget } from './opensmtpd/opensmtpd-target.ts';
import { postfixTarget } from './postfix/postfix-target.ts';
import { sendmailTarget } from './sendmail/sendmail-target.ts';

/**
 * Built-in targets by name. MTAs are named "<mta>:<profile>" (see TargetProfile); "<mta>" alone means
 * its hardened profile, and "all" every MTA target. The flawed target is for self-validation.
 */
export const BUILTIN_TARGETS: Record<string, Provisioner> = {
  'postfix:stock': postfixTarget('stock'),
  'postfix:hardened': postfixTarget('hardened'),
  'exim:stock': eximTarget('stock'),
  'exim:hardened': eximTarget('hardened'),
  'dovecot:stock': dovecotTarget('stock'),
  'dovecot:hardened': dovecotTarget('hardened'),
  'haraka:stock': harakaTarget('stock'),
  'haraka:hardened': harakaTarget('hardened'),
  'courier:stock': courierTarget('stock'),
  'courier:hardened': courierTarget('hardened'),
  'opensmtpd:stock': opensmtpdTarget('stock'),
  'opensmtpd:hardened': opensmtpdTarget('hardened'),
  'sendmail:stock': sendmailTarget('stock'),
  'sendmail:hardened': sendmailTarget('hardened'),
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
