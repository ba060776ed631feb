import { randomBytes } from 'node:crypto';
import type { StartedTestContainer } from 'testcontainers';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import type { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import { BUILTIN_SERVERNAME } from '../../harness/model/provisioner.ts';
import { prepareContainerImage, startTargetContainer, type ImageSpec } from '../container-target.ts';
import { MANAGED_LABEL, PID_LABEL } from '../engine/cleanup.ts';
import type { BuiltImage } from '../images/image-builder.ts';

/**
 * A real submission server that nobody here configured for the suite, in a container, to be tested
 * the way a user tests a live host (`msaspec run --host`): an "external" target with a CA of the
 * caller's, the server name mail.example.test, and a user whose name is an address. Each image
 * (targets/<name>/image/) sets the server up as its own documentation shows; the certificate,
 * the user and the password are handed over at start, never baked in. Not built-in targets: they
 * have no configurations and no findings.ts, and a run never starts them.
 *
 *   const host = await new TestHostContainer(CHASQUID_HOST).withCa(ca).start();
 *   await runCase(someCase, host.toTarget(), 'starttls', timeouts);
 *   await host.stop();
 */
export interface TestHostSpec {
  image: ImageSpec;
  /** The user of a start without withUser: an address in a domain of the server's own. */
  defaultUser: string;
  /** What the server is, for reports: "chasquid 1.11 (Debian 12)". */
  description: string;
}

/** What an image's entrypoint accepts as the user: an address, or a bare name. */
const USER = /^[A-Za-z0-9._-]{1,64}(@[a-z0-9]([a-z0-9.-]{0,62}[a-z0-9])?)?$/;

export class TestHostContainer {
  private user: string;
  private password?: string;
  private ca?: CertificateAuthority;
  private labels: Record<string, string> = {};
  private log: (line: string) => void = () => undefined;

  constructor(private readonly spec: TestHostSpec) {
    this.user = spec.defaultUser;
  }

  /** The user (an address, e.g. alice@chasquid.test) and the password the server accepts. */
  withUser(user: string, password: string): this {
    if (!USER.test(user)) throw new Error(`user ${JSON.stringify(user)}: local part of letters, digits, ".", "_" and "-", then optionally @domain`);
    if (password === '' || /[\r\n\0]/.test(password)) throw new Error('the password must be one non-empty line without NUL');
    this.user = user;
    this.password = password;
    return this;
  }

  /** The CA that issues the server's certificate (default: a new one for this start). */
  withCa(ca: CertificateAuthority): this {
    this.ca = ca;
    return this;
  }

  /** Labels beside msaspec.managed and msaspec.pid, e.g. a run's (targets/engine/cleanup.ts runLabels). */
  withLabels(labels: Record<string, string>): this {
    this.labels = { ...labels };
    return this;
  }

  withLogger(log: (line: string) => void): this {
    this.log = log;
    return this;
  }

  /** Builds the image unless one of the same content hash exists. */
  prepare(): Promise<BuiltImage> {
    return prepareContainerImage(this.spec.image, this.log);
  }

  async start(): Promise<StartedTestHost> {
    const { CertificateAuthority } = await import('../../harness/pki/certificate-authority.ts');
    const ca = this.ca ?? (await CertificateAuthority.create(`msaspec ${this.spec.image.name} test host CA`));
    const password = this.password ?? randomBytes(18).toString('base64url');
    const started = await startTargetContainer({
      image: this.spec.image,
      // One configuration per image, the documented one; the entrypoints do not read a configuration.
      configuration: 'stock',
      ca,
      user: this.user,
      password,
      // Bound to this process: if it dies without stop(), the next run or module start removes them.
      labels: { ...this.labels, [MANAGED_LABEL]: 'true', [PID_LABEL]: String(process.pid), 'msaspec.host': this.spec.image.name },
      log: this.log,
    });
    return new StartedTestHost(started.container, {
      name: this.spec.image.name,
      description: this.spec.description,
      ports: started.ports,
      caPem: ca.pem,
      user: this.user,
      password,
      image: started.image.tag,
      ...(started.packages ? { packages: started.packages } : {}),
    });
  }
}

interface StartedDetails {
  name: string;
  description: string;
  ports: { implicit: number; starttls: number };
  caPem: string;
  user: string;
  password: string;
  image: string;
  packages?: string;
}

export class StartedTestHost {
  constructor(
    private readonly container: StartedTestContainer,
    private readonly details: StartedDetails,
  ) {}

  get ports(): { implicit: number; starttls: number } {
    return { ...this.details.ports };
  }

  get user(): string {
    return this.details.user;
  }

  /** As `msaspec run --host 127.0.0.1 --implicit-port … --starttls-port … --ca … --servername mail.example.test --user …` sees it. */
  toTarget(): ResolvedTarget {
    return {
      name: `host:${this.details.name}`,
      kind: 'external',
      host: '127.0.0.1',
      ports: { ...this.details.ports },
      servername: BUILTIN_SERVERNAME,
      ca: this.details.caPem,
      user: this.details.user,
      password: this.details.password,
      waivers: [],
      facts: { server: this.details.description, image: this.details.image, ...(this.details.packages ? { packages: this.details.packages } : {}) },
    };
  }

  /** Stops and removes the container (SIGTERM, then SIGKILL after 2 s). */
  async stop(): Promise<void> {
    await this.container.stop({ timeout: 2 });
  }
}
