import { randomBytes } from 'node:crypto';
import type { StartedTestContainer } from 'testcontainers';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import { BUILTIN_SERVERNAME, BUILTIN_USER } from '../../harness/model/provisioner.ts';
import { startTargetContainer, type ImageSpec, type Configuration } from '../container-target.ts';
import { MANAGED_LABEL, PID_LABEL } from '../engine/cleanup.ts';
import { CURRENT_RELEASE, RELEASES, targetName, type Release } from '../releases.ts';

/**
 * A mail submission server in a container, as a testcontainers module: configure it with the
 * `with…` methods, then `start()`. It runs the same image and configurations as an msaspec run, with a CA
 * of its own and the user and password given (default: "alice" and a random password), and it
 * discards what it accepts (Courier and Exim keep it queued, Dovecot hands it to a sink in its
 * container) unless told where to relay. One subclass per MTA (PostfixContainer, EximContainer…).
 *
 *   const mta = await new PostfixContainer().withConfiguration('stock').withUser('carol', 'pw').start();
 *   const older = await new PostfixContainer().withRelease('debian12').start();
 *   // smtps://carol:pw@{mta.getHost()}:{mta.getImplicitPort()}, trusting mta.getCaPem() for mta.getServername()
 *   await mta.stop();
 */
export abstract class SubmissionContainer {
  private configuration: Configuration = 'hardened';
  private user: string = BUILTIN_USER;
  private password?: string;
  private relay?: { host: string; port: number };
  private startupTimeoutMs = 90_000;
  private log: (line: string) => void = () => undefined;

  private image: ImageSpec;

  /** The MTA's image on each of its release lines; it starts on the current line (or its newest) unless told `withRelease`. */
  protected constructor(private readonly lines: Partial<Record<Release, ImageSpec>>) {
    const release = lines[CURRENT_RELEASE] ? CURRENT_RELEASE : RELEASES.find((r) => lines[r]);
    if (!release) throw new Error('a submission container needs the image of at least one release line');
    this.image = lines[release]!;
  }

  /** The release line to run (targets/releases.ts): "debian13", "debian12"… of those the MTA has. */
  withRelease(release: Release): this {
    const image = this.lines[release];
    if (!image) throw new Error(`${this.image.name} has no ${release} line; it has ${Object.keys(this.lines).join(', ')}`);
    this.image = image;
    return this;
  }

  /** "hardened" (the default): what RFC 8314 and BCP 195 ask; "stock": the distribution's configuration. */
  withConfiguration(configuration: Configuration): this {
    this.configuration = configuration;
    return this;
  }

  /**
   * The user and password AUTH PLAIN and LOGIN accept (default: "alice" and a random password). Every
   * image takes a name of 1 to 64 letters, digits, ".", "_" and "-" (its entrypoint reads
   * /run/msaspec/user); Exim, OpenSMTPD and Dovecot match it case-insensitively. Subclasses refuse
   * what their MTA cannot hold; Courier, whose users are system accounts, refuses at start a name
   * the image already has (root, nobody…).
   */
  withUser(user: string, password: string): this {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(user)) throw new Error(`user name ${JSON.stringify(user)}: 1 to 64 letters, digits, ".", "_" and "-"`);
    if (password === '' || /[\r\n]/.test(password)) throw new Error('the password must be one non-empty line');
    // AUTH PLAIN separates its fields with NUL (RFC 4616 §2): no client can send such a password.
    if (password.includes('\0')) throw new Error('the password must not contain NUL');
    this.user = user;
    this.password = password;
    return this;
  }

  /** Relay every accepted message to this SMTP server (as the container reaches it, e.g. the Docker bridge gateway). */
  withRelay(host: string, port: number): this {
    this.relay = { host, port };
    return this;
  }

  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    return this;
  }

  /** Where build and start progress goes (default: nowhere). */
  withLogger(log: (line: string) => void): this {
    this.log = log;
    return this;
  }

  async start(): Promise<StartedSubmissionContainer> {
    const ca = await CertificateAuthority.create(`msaspec ${this.image.name} module CA`);
    const password = this.password ?? randomBytes(18).toString('base64url');
    const started = await startTargetContainer({
      image: this.image,
      configuration: this.configuration,
      ca,
      user: this.user,
      password,
      ...(this.relay ? { relay: this.relay } : {}),
      // Bound to this process, like a run's containers: if it dies without stop(), the next start removes them.
      labels: { [MANAGED_LABEL]: 'true', [PID_LABEL]: String(process.pid), 'msaspec.module': this.image.name },
      log: this.log,
      startupTimeoutMs: this.startupTimeoutMs,
    });
    return new StartedSubmissionContainer(started.container, {
      name: targetName({ mta: this.image.name, release: this.image.release, configuration: this.configuration }),
      ports: started.ports,
      caPem: ca.pem,
      user: this.user,
      password,
      ...(started.packages ? { packages: started.packages } : {}),
    });
  }
}

interface StartedDetails {
  name: string;
  ports: { implicit: number; starttls: number };
  caPem: string;
  user: string;
  password: string;
  packages?: string;
}

/** A started submission server: where it listens, how to trust it, and how to stop it. */
export class StartedSubmissionContainer {
  constructor(
    private readonly container: StartedTestContainer,
    private readonly details: StartedDetails,
  ) {}

  /** Loopback: Docker publishes the ports there, and nothing else needs to reach them. */
  getHost(): string {
    return '127.0.0.1';
  }

  /** The host port of 465 (TLS from the first byte); it may change with restart(). */
  getImplicitPort(): number {
    return this.details.ports.implicit;
  }

  /** The host port of 587 (STARTTLS); it may change with restart(). */
  getStartTlsPort(): number {
    return this.details.ports.starttls;
  }

  /** PEM of the CA that issued the server certificate: the only trust anchor a client needs. */
  getCaPem(): string {
    return this.details.caPem;
  }

  /** The name in the certificate (SAN): the TLS server name a client verifies. */
  getServername(): string {
    return BUILTIN_SERVERNAME;
  }

  getUser(): string {
    return this.details.user;
  }

  getPassword(): string {
    return this.details.password;
  }

  /** "package version" pairs of the MTA in the image. */
  getPackages(): string | undefined {
    return this.details.packages;
  }

  getId(): string {
    return this.container.getId();
  }

  /** The container as an msaspec target, to run cases against it (harness/run/run-case.ts). */
  toTarget(): ResolvedTarget {
    return {
      name: this.details.name,
      kind: 'container',
      host: this.getHost(),
      ports: { ...this.details.ports },
      servername: BUILTIN_SERVERNAME,
      ca: this.details.caPem,
      user: this.details.user,
      password: this.details.password,
      waivers: [],
      facts: this.details.packages ? { packages: this.details.packages } : {},
    };
  }

  /**
   * Restarts the container (SIGTERM, then SIGKILL after 2 s) and waits until the MTA listens again.
   * Every image keeps the user and password of its first start; Docker may map the ports anew.
   */
  async restart(): Promise<void> {
    await this.container.restart({ timeout: 2 });
    this.details.ports = { implicit: this.container.getMappedPort(465), starttls: this.container.getMappedPort(587) };
  }

  /** Stops and removes the container (SIGTERM, then SIGKILL after 2 s). */
  async stop(): Promise<void> {
    await this.container.stop({ timeout: 2 });
  }
}
