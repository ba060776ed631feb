import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHARED_FILES } from '../../targets/images/image-builder.ts';

/**
 * targets/images/run-files.sh, the reader of /run/msaspec/ that every image's entrypoint sources,
 * run here on this machine's dash (Debian's /bin/sh, what six entrypoints run under) and bash
 * (Courier's), against a folder standing for /run/msaspec/ (MSASPEC_RUN_DIR). Each entrypoint calls
 * its functions as plain commands under `set -eu`, as these scripts do.
 */
const RUN_FILES = SHARED_FILES['run-files.sh']!;
const SHELLS = ['dash', 'bash'] as const;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A run folder with these files (paths relative to it). */
function runDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'msaspec-run-files-'));
  dirs.push(dir);
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), body);
  }
  return dir;
}

const TLS = { 'tls/cert.pem': 'cert\n', 'tls/key.pem': 'key\n', 'tls/ca.pem': 'ca\n' };

/** Runs `script` after sourcing run-files.sh; stdout, stderr and the exit status. */
function run(shell: (typeof SHELLS)[number], dir: string, script: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(shell, ['-c', `set -eu\n. "$1"\n${script}`, shell, RUN_FILES], {
    env: { PATH: process.env.PATH, MSASPEC_RUN_DIR: dir },
    // stdin not a socket: bash would take itself for rshd's and read ~/.bashrc.
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.each(SHELLS)('run-files.sh under %s', (shell) => {
  describe('read_user', () => {
    it('is "alice" without /run/msaspec/user, else its first line without CR and LF', () => {
      expect(run(shell, runDir(), 'read_user; printf "%s" "$user"').stdout).toBe('alice');
      expect(run(shell, runDir({ user: 'Carol.2_x-y\r\nignored\n' }), 'read_user; printf "%s" "$user"').stdout).toBe('Carol.2_x-y');
      expect(run(shell, runDir({ user: '\n' }), 'read_user; printf "%s" "$user"').stdout).toBe('alice');
    });

    it('ends the entrypoint with one line on a name SubmissionContainer.withUser would refuse', () => {
      for (const bad of ['a b', 'x'.repeat(65), 'dave@example.test', "o'brien"]) {
        const r = run(shell, runDir({ user: `${bad}\n` }), 'read_user; echo reached');
        expect(r, bad).toMatchObject({ status: 1, stdout: '', stderr: expect.stringMatching(/^msaspec: entrypoint: bad user name in .*\/user\n$/) });
      }
      expect(run(shell, runDir({ user: `${'x'.repeat(64)}\n` }), 'read_user; echo reached').stdout).toBe('reached\n');
    });

    it("takes a test host's default, pattern and hint", () => {
      const script = `read_user alice@chasquid.test '[a-z]+@[a-z.]+' 'expected local@domain'; printf "%s" "$user"`;
      expect(run(shell, runDir(), script).stdout).toBe('alice@chasquid.test');
      expect(run(shell, runDir({ user: 'bob@x.test' }), script).stdout).toBe('bob@x.test');
      expect(run(shell, runDir({ user: 'bob' }), script)).toMatchObject({ status: 1, stderr: expect.stringMatching(/bad user name in .*\/user: expected local@domain\n$/) });
    });
  });

  describe('require_tls_files and require_password', () => {
    it('name the run file that is missing or empty', () => {
      expect(run(shell, runDir({ ...TLS, password: 'pw' }), 'require_tls_files; require_password -f /nonexistent; echo ok').stdout).toBe('ok\n');
      const noCa = run(shell, runDir({ 'tls/cert.pem': 'c', 'tls/key.pem': 'k', 'tls/ca.pem': '' }), 'require_tls_files; echo reached');
      expect(noCa).toMatchObject({ status: 1, stdout: '', stderr: expect.stringMatching(/^msaspec: entrypoint: missing or empty .*\/tls\/ca\.pem\n$/) });
      // A test host needs no CA.
      expect(run(shell, runDir({ 'tls/cert.pem': 'c', 'tls/key.pem': 'k' }), 'require_tls_files cert key; echo ok').stdout).toBe('ok\n');
      expect(run(shell, runDir(TLS), 'require_password -f /nonexistent; echo reached')).toMatchObject({ status: 1, stderr: expect.stringMatching(/missing or empty .*\/password\n$/) });
    });

    it('let a restart go on without the password file, on what the first start made of it', () => {
      const dir = runDir({ ...TLS, '.sasldb-created': '' });
      expect(run(shell, dir, 'require_password -f "$IN/.sasldb-created"; echo ok').stdout).toBe('ok\n');
      expect(run(shell, dir, 'require_password -s "$IN/.sasldb-created"; echo reached').status).toBe(1);
    });
  });

  describe('read_password and forget_password', () => {
    const password = (body: string | Buffer) => {
      const dir = runDir({ password: body });
      const r = run(shell, dir, 'read_password; printf "%s" "$password"; forget_password');
      return { ...r, deleted: !readdirSync(dir).includes('password') };
    };

    it('take the password byte for byte but for one trailing newline (and a CR before it), then delete the file', () => {
      expect(password('s3cret\n')).toMatchObject({ status: 0, stdout: 's3cret', deleted: true });
      expect(password('s3cret')).toMatchObject({ stdout: 's3cret' });
      expect(password('s3cret\r\n')).toMatchObject({ stdout: 's3cret' });
      expect(password('  007 =;#"\\ é€😀  \n')).toMatchObject({ stdout: '  007 =;#"\\ é€😀  ' });
      expect(password('two\n\n')).toMatchObject({ stdout: 'two\n' });
      expect(password('-n')).toMatchObject({ stdout: '-n' });
    });

    it('refuse an empty password with one line', () => {
      expect(password('\n')).toMatchObject({ status: 1, stdout: '', stderr: 'msaspec: entrypoint: empty password\n' });
      expect(password('\r\n')).toMatchObject({ status: 1 });
    });
  });

  describe('keep_credentials', () => {
    it('keeps the user and password for a restart, deletes the password file, and refuses a first start without it', () => {
      const script = `read_user alice@host.test '[a-z@.]+'; keep_credentials "$IN/keep"`;
      const dir = runDir({ password: 'pw\n' });
      expect(run(shell, dir, script)).toMatchObject({ status: 0, stdout: 'msaspec: user: alice@host.test\n' });
      expect(readdirSync(dir)).not.toContain('password');
      expect(readFileSync(join(dir, 'keep/password'), 'utf8')).toBe('pw\n');
      expect(statSync(join(dir, 'keep')).mode & 0o777).toBe(0o700);
      // A restart: the run files are gone, what the first start kept stays.
      expect(run(shell, dir, script)).toMatchObject({ status: 0, stdout: 'msaspec: user: alice@host.test\n' });
      expect(run(shell, runDir(), script)).toMatchObject({ status: 1, stderr: expect.stringMatching(/missing or empty .*\/password\n$/) });
    });
  });

  describe('read_configuration', () => {
    const configurations = { 'etc/configurations/stock.conf': '', 'etc/configurations/hardened.conf': '', 'etc/haraka/hardened/config/x': '' };

    it('is "hardened" by default, else the first line of /run/msaspec/configuration; its file must exist', () => {
      const script = 'read_configuration "$IN/etc/configurations/" .conf; printf "%s" "$configuration"';
      expect(run(shell, runDir(configurations), script).stdout).toBe('hardened');
      expect(run(shell, runDir({ ...configurations, configuration: 'stock\r\n' }), script).stdout).toBe('stock');
      expect(run(shell, runDir({ ...configurations, configuration: 'lenient\n' }), script)).toMatchObject({ status: 1, stdout: '', stderr: "msaspec: entrypoint: unknown configuration 'lenient'\n" });
      // A configuration that is a folder (Haraka's): no suffix.
      expect(run(shell, runDir(configurations), 'read_configuration "$IN/etc/haraka/"; printf "%s" "$configuration"').stdout).toBe('hardened');
    });
  });

  describe('read_relay', () => {
    const relay = (body: string | undefined, flag = '') =>
      run(shell, runDir(body === undefined ? {} : { relay: body }), `read_relay ${flag}; printf "%s|%s|%s" "$relay" "$relay_host" "$relay_port"`);

    it('is empty without a relay file', () => {
      expect(relay(undefined)).toMatchObject({ status: 0, stdout: '||' });
      expect(relay(undefined, '--ipv6')).toMatchObject({ status: 0, stdout: '||' });
    });

    it('splits "[address]:port" as the harness writes it (targets/container-target.ts relayAddress)', () => {
      expect(relay('[172.17.0.1]:2525\n')).toMatchObject({ status: 0, stdout: '[172.17.0.1]:2525|172.17.0.1|2525' });
      expect(relay('[172.17.0.1]:2525\r\n', '--ipv6')).toMatchObject({ stdout: '[172.17.0.1]:2525|172.17.0.1|2525' });
      expect(relay('[ipv6:fd00::1]:25\n', '--ipv6')).toMatchObject({ status: 0, stdout: '[ipv6:fd00::1]:25|fd00::1|25' });
    });

    it('refuses anything else with one line: a name (no DNS), IPv6 where the MTA takes IPv4 only, no port', () => {
      for (const bad of ['mail.example.test:25', '[ipv6:fd00::1]:25', '[172.17.0.1]', '\n[172.17.0.1]:25']) {
        expect(relay(bad), bad).toMatchObject({ status: 1, stdout: '', stderr: expect.stringMatching(/^msaspec: entrypoint: bad .*\/relay: expected \[IPv4 address\]:port, got '.*'\n$/) });
      }
      expect(relay('[mail.example.test]:25', '--ipv6')).toMatchObject({ status: 1, stderr: expect.stringMatching(/expected \[address\]:port, got '\[mail\.example\.test\]:25'\n$/) });
    });
  });
});

describe('every image uses it', () => {
  const containers = resolve(import.meta.dirname, '../../targets');
  const images = readdirSync(containers, { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(join(containers, d.name)).includes('image'))
    .map((d) => d.name);

  it.each(images)('%s: its Dockerfile copies run-files.sh, its entrypoint sources it and reads no run file by itself', (name) => {
    const dockerfile = readFileSync(join(containers, name, 'image/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^COPY run-files\.sh \/usr\/local\/lib\/msaspec\/run-files\.sh$/m);
    const entrypoint = readFileSync(join(containers, name, 'image/entrypoint.sh'), 'utf8');
    expect(entrypoint).toMatch(/^set -eu(o pipefail)?\n\. \/usr\/local\/lib\/msaspec\/run-files\.sh$/m);
    // The user, the configuration and the relay are read by run-files.sh only; die is its own.
    expect(entrypoint).not.toMatch(/head -n 1 "?\$IN\/(user|configuration|relay)|^die\(\)|^IN=/m);
  });
});
