import { readFileSync } from 'node:fs';
import { isEhloName, isMailbox, type EnvelopeSettings } from '../../harness/model/envelope.ts';
import { UsageError } from './usage-error.ts';

/** A TCP port, or "none" for a service the host does not offer. */
export function parsePort(value: string, flag: string): number | undefined {
  if (value === 'none') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    throw new UsageError(`${flag} must be a port number 1-65535 or "none", got "${value}"`);
  }
  return Number(value);
}

export function parsePositiveInt(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return Number(value);
}

/** A fast-check seed as the report prints it: a 32-bit signed integer. */
export function parseSeed(value: string): number {
  if (!/^-?\d{1,10}$/.test(value) || Number(value) < -(2 ** 31) || Number(value) > 2 ** 31 - 1) {
    throw new UsageError(`--seed must be an integer from -2147483648 to 2147483647, got "${value}"`);
  }
  return Number(value);
}

export function readCaFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot read CA file ${path}: ${code}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`CA file ${path} holds no PEM certificate`);
  return text;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--mail-from`, `--rcpt-to`, `--ehlo-name`: checked here, so that nothing malformed (or a CRLF) reaches a command line. */
export function parseEnvelope(flags: { mailFrom?: string; rcptTo?: string; ehloName?: string }): EnvelopeSettings {
  const shown = (value: string) => JSON.stringify(value.slice(0, 80));
  for (const [flag, value] of [['--mail-from', flags.mailFrom], ['--rcpt-to', flags.rcptTo]] as const) {
    if (value !== undefined && !isMailbox(value)) throw new UsageError(`${flag} must be an address local-part@domain (no angle brackets, no spaces), got ${shown(value)}`);
  }
  if (flags.ehloName !== undefined && !isEhloName(flags.ehloName)) {
    throw new UsageError(`--ehlo-name must be a domain name (letters, digits, hyphens, dots) or an address literal such as [192.0.2.1], got ${shown(flags.ehloName)}`);
  }
  return {
    ...(flags.mailFrom !== undefined ? { mailFrom: flags.mailFrom } : {}),
    ...(flags.rcptTo !== undefined ? { rcptTo: flags.rcptTo } : {}),
    ...(flags.ehloName !== undefined ? { ehloName: flags.ehloName } : {}),
  };
}
