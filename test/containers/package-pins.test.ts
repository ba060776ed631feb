import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TARGETS } from '../../targets/registry.ts';
import { parseAptInstall, parseAptPolicy, parseVersionsFile, pinFailure, rewritePins, targetDockerfiles } from '../../targets/images/package-pins.ts';

const DOCKERFILE = `ARG BASE
FROM \${BASE}
RUN set -eux; \\
    echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/bpo.list; \\
    apt-get update; \\
    apt-get install -y --no-install-recommends --allow-downgrades -t bookworm-backports \\
        opensmtpd=7.4.0p1-1~bpo12+1 \\
        busybox=1:1.35.0-4+deb12u1+b1 \\
        libssl3=3.0.22-1~deb12u2 \\
        netbase; \\
    for p in opensmtpd libssl3; do dpkg-query -W "$p"; done
RUN apt-get install -y -o Dpkg::Options::=--force-confold libevent-2.1-7=2.1.12-stable-8+deb12u1 && true
`;

/**
 * The package whose version decides what the TLS cases see: OpenSSL's libssl3 unless named here
 * (GnuTLS for Courier and Exim; chasquid is a Go program with Go's crypto/tls compiled in).
 */
const TLS_PACKAGE: Record<string, string> = { courier: 'libgnutls30', exim: 'libgnutls30', chasquid: 'chasquid' };

describe('parseAptInstall', () => {
  it('reads the pins, the bare names, the release and the extra sources of every install command', () => {
    const install = parseAptInstall(DOCKERFILE);
    expect(install.pins).toEqual([
      { name: 'opensmtpd', version: '7.4.0p1-1~bpo12+1' },
      { name: 'busybox', version: '1:1.35.0-4+deb12u1+b1' },
      { name: 'libssl3', version: '3.0.22-1~deb12u2' },
      { name: 'libevent-2.1-7', version: '2.1.12-stable-8+deb12u1' },
    ]);
    expect(install.unpinned).toEqual(['netbase']);
    expect(install.targetRelease).toBe('bookworm-backports');
    expect(install.sources).toEqual(['deb http://deb.debian.org/debian bookworm-backports main']);
  });

  it('stops at the end of the command, not at the end of the RUN instruction', () => {
    const { pins, unpinned } = parseAptInstall('RUN apt-get install -y aa=1 bb=2; apt-get clean; echo cc=3\nRUN echo dd\n');
    expect(pins.map((p) => p.name)).toEqual(['aa', 'bb']);
    expect(unpinned).toEqual([]);
  });

  it('finds every package of every target Dockerfile pinned', () => {
    const root = resolve(import.meta.dirname, '../..');
    const targets = targetDockerfiles(root);
    // Every line of every MTA the registry runs, and the test hosts.
    const images = new Set(Object.values(BUILTIN_TARGETS).flatMap((p) => (p.image ? [p.image.name] : [])));
    expect(targets.map((t) => t.name).sort()).toEqual([...images, 'chasquid', 'aiosmtpd', 'smtp-server'].sort());
    for (const t of targets) {
      const install = parseAptInstall(readFileSync(t.dockerfile, 'utf8'));
      expect(install.unpinned, t.name).toEqual([]);
      // OpenSSL and GnuTLS are libssl3 and libgnutls30 on Debian 12, libssl3t64 and libgnutls30t64 on Debian 13 (the 64-bit time_t transition).
      const tls = TLS_PACKAGE[t.name.split('@')[0]!] ?? 'libssl3';
      expect(install.pins.map((p) => p.name), t.name).toContain(t.codename === 'trixie' && tls.startsWith('lib') ? `${tls}t64` : tls);
    }
  });
});

describe('rewritePins', () => {
  it('changes the versions it is given, pins bare names and keeps everything else byte for byte', () => {
    const versions = new Map([
      ['libssl3', '3.0.23-1~deb12u1'],
      ['opensmtpd', '7.4.0p1-1~bpo12+1'],
      ['netbase', '6.4'],
      ['libevent-2.1-7', '2.1.12-stable-8+deb12u2'],
    ]);
    const { text, changes } = rewritePins(DOCKERFILE, versions);
    expect(changes).toEqual([
      { name: 'libssl3', from: '3.0.22-1~deb12u2', to: '3.0.23-1~deb12u1' },
      { name: 'netbase', from: '', to: '6.4' },
      { name: 'libevent-2.1-7', from: '2.1.12-stable-8+deb12u1', to: '2.1.12-stable-8+deb12u2' },
    ]);
    expect(text).toBe(
      DOCKERFILE.replace('libssl3=3.0.22-1~deb12u2', 'libssl3=3.0.23-1~deb12u1')
        .replace('        netbase;', '        netbase=6.4;')
        .replace('stable-8+deb12u1 &&', 'stable-8+deb12u2 &&'),
    );
    expect(parseAptInstall(text).unpinned).toEqual([]);
    expect(rewritePins(text, versions).changes).toEqual([]);
  });

  it('refuses a version that is not one', () => {
    expect(() => rewritePins(DOCKERFILE, new Map([['libssl3', '1.0; rm -rf /']]))).toThrow(/not a Debian version/);
  });
});

describe('parseAptPolicy', () => {
  it('takes each package candidate, with an epoch, and leaves out what apt does not know', () => {
    const output = [
      'postfix:',
      '  Installed: (none)',
      '  Candidate: 3.7.11-0+deb12u1',
      '  Version table:',
      '     3.7.11-0+deb12u1 500',
      '        500 http://deb.debian.org/debian bookworm/main amd64 Packages',
      'busybox:',
      '  Installed: (none)',
      '  Candidate: 1:1.35.0-4+deb12u1+b1',
      'gone:',
      '  Installed: (none)',
      '  Candidate: (none)',
      'libssl3:amd64:',
      '  Installed: 3.0.22-1~deb12u2',
      '  Candidate: 3.0.22-1~deb12u2',
    ].join('\n');
    expect([...parseAptPolicy(output)]).toEqual([
      ['postfix', '3.7.11-0+deb12u1'],
      ['busybox', '1:1.35.0-4+deb12u1+b1'],
      ['libssl3', '3.0.22-1~deb12u2'],
    ]);
  });
});

describe('parseVersionsFile', () => {
  it('reads package<TAB>version lines', () => {
    expect([...parseVersionsFile('Haraka\t3.1.1\nnodejs\t18.20.4+dfsg-1~deb12u3\n\n')]).toEqual([
      ['Haraka', '3.1.1'],
      ['nodejs', '18.20.4+dfsg-1~deb12u3'],
    ]);
  });
});

describe('pinFailure', () => {
  it('names every pinned package apt could not find and says what to run', () => {
    const message = pinFailure([
      'Reading package lists...',
      "\x1b[91mE: Version '3.0.20-1~deb12u2' for 'libssl3' was not found\x1b[0m\x1b[91m",
      "#7 12.3 E: Version '3.7.10-0+deb12u1' for 'postfix' was not found",
      "The command '/bin/sh -c set -eux; apt-get update' returned a non-zero code: 100",
    ]);
    expect(message).toBe('pinned packages libssl3=3.0.20-1~deb12u2, postfix=3.7.10-0+deb12u1 gone from the Debian mirror: run `npm run pins`, then `npm run images`');
    expect(message).not.toContain('\n');
  });

  it('says the same for pins apt cannot install together, and nothing for other failures', () => {
    expect(pinFailure(['E: Unable to correct problems, you have held broken packages.'])).toMatch(/npm run pins/);
    expect(pinFailure(['E: Failed to fetch http://deb.debian.org/debian/pool/main/p/postfix.deb  Connection timed out'])).toBeUndefined();
    expect(pinFailure([])).toBeUndefined();
  });
});
