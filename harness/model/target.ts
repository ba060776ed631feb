import type { EnvelopeSettings } from './envelope.ts';
import type { PortKind } from './port.ts';

/** A target ready to be tested: where it listens and how the harness authenticates and verifies it. */
export interface ResolvedTarget {
  /** Name in reports, e.g. "postfix" or "host:mail.example.org". */
  name: string;
  /** The plan's name for it, known before it starts (app/plan/shard.ts plannedName): what `--shard` keys on. */
  planned?: string;
  kind: 'container' | 'external' | 'local';
  host: string;
  /** Port number per service; a missing entry means the target does not offer that service. */
  ports: Partial<Record<PortKind, number>>;
  /** Name the client expects in the certificate (SNI and verification). */
  servername: string;
  /** PEM trust anchor; undefined means the system store. */
  ca?: string;
  user?: string;
  password?: string;
  /** Addresses and EHLO name the user set for the run (`--mail-from`, `--rcpt-to`, `--ehlo-name`); absent: the defaults. */
  envelope?: EnvelopeSettings;
  /**
   * The user opted in (`--cleartext-test-credentials`, a throwaway test account) to the real
   * credentials going in clear before TLS on this external host, where the state-reset probes need
   * them. Never set on its own: without it only targets the harness owns get the real password in clear.
   */
  cleartextTestCredentials?: boolean;
  /** Case id pattern → reason, for known deviations of this target. */
  waivers: Waiver[];
  /** Free-form facts for the report: image id, package versions, flaws switched on. */
  facts: Record<string, string>;
  /**
   * Folder where the messages this target relays appear, one `<ms>-<n>.eml` file each, exactly as
   * the target sent them on (built-in targets only). Absent for external hosts: they relay to the
   * real world, which the harness never sees. Several targets of one run may share the folder.
   */
  sinkDir?: string;
}

export interface Waiver {
  /** Case id prefix, or a requirement ID. */
  pattern: string;
  reason: string;
  /** Only on this service (a deviation of one port); absent: on both. */
  port?: PortKind;
  /** Last day it holds, YYYY-MM-DD (a waivers file's `expires`); absent: no end. */
  expires?: string;
  /** The waivers file it came from (`--waivers`); absent: the target's own (its findings.ts). */
  file?: string;
}

/**
 * May the target's real password go in clear, before TLS (the state-reset probes, the injection
 * attacker's AUTH)? On a target the harness owns, yes: it is a throwaway; on an external host only
 * when the user opted in for a test account (`--cleartext-test-credentials`).
 */
export function realPasswordInClear(target: ResolvedTarget): boolean {
  return target.kind !== 'external' || target.cleartextTestCredentials === true;
}

/** What is safe to put in a report: no password. The run's options record the envelope and the opt-in. */
export type TargetSummary = Omit<ResolvedTarget, 'password' | 'ca' | 'envelope' | 'cleartextTestCredentials'> & { caProvided: boolean };

export function summarizeTarget(target: ResolvedTarget): TargetSummary {
  const { password: _password, ca, envelope: _envelope, cleartextTestCredentials: _optIn, ...rest } = target;
  return { ...rest, caProvided: ca !== undefined };
}
