import type { CertificateAuthority } from '../pki/certificate-authority.ts';
import type { ResolvedTarget } from './target.ts';

/** The server name every built-in target presents: its certificate carries it as a SAN dNSName (C-NAME). */
export const BUILTIN_SERVERNAME = 'mail.example.test';
export const BUILTIN_USER = 'alice';

export interface ProvisionContext {
  runId: string;
  /** The run's own CA; built-in targets get a certificate from it. */
  ca: CertificateAuthority;
  /** Password made for this run, given to built-in targets at start, never baked into an image. */
  password: string;
  log: (line: string) => void;
  /**
   * The run's message sink (harness/sink), for targets in a container: they relay every accepted
   * message to host:port, and the harness finds it in `dir`. Absent: the target discards them.
   */
  sink?: { host: string; port: number; dir: string };
}

export interface ProvisionedTarget {
  target: ResolvedTarget;
  stop(): Promise<void>;
}

/** Starts a built-in target; `flaws` only means something to the flawed target. */
export interface Provisioner {
  (ctx: ProvisionContext, flaws: string[]): Promise<ProvisionedTarget>;
  /** true for a target in a Docker container: the run then starts a sink it can reach (`ctx.sink`). */
  readonly inContainer?: boolean;
  /** The image a container target runs: the run prepares (builds or reuses) every image before starting targets. */
  readonly image?: TargetImage;
}

/** An MTA's image; its configurations share it, so the run prepares each name once. */
export interface TargetImage {
  /** The MTA, e.g. "postfix" (the image is msaspec/<name>:<hash>). */
  name: string;
  prepare(log: (line: string) => void): Promise<{ tag: string; built: boolean }>;
}
