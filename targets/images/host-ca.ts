import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's place for the CAs a machine adds to its own trust store (update-ca-certificates(8)). */
const LOCAL_CA_DIR = '/usr/local/share/ca-certificates';
/** A file of PEM CA certificates that replaces what LOCAL_CA_DIR holds. */
export const BUILD_CA_ENV = 'MSASPEC_BUILD_CA';
/** A build arg travels on the docker command line: stay far below Linux's 128 KiB per argument. */
const MAX_PEM = 64 * 1024;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----/g;

/**
 * The CA certificates (PEM) this machine trusts beyond the public ones: the file named by
 * MSASPEC_BUILD_CA, else every *.crt under /usr/local/share/ca-certificates. An image build that
 * fetches from a package registry (npm) needs them when this machine reaches it through an
 * HTTPS-intercepting proxy. Public certificates only, never a key; empty when there are none.
 */
export function hostExtraCaPem(env: NodeJS.ProcessEnv = process.env): string {
  const files = env[BUILD_CA_ENV] ? [env[BUILD_CA_ENV]] : crtFiles(LOCAL_CA_DIR);
  const pems = files.flatMap((file) => {
    try {
      return readFileSync(file, 'utf8').match(PEM_CERTIFICATE) ?? [];
    } catch {
      return [];
    }
  });
  const joined = [...new Set(pems)].join('\n');
  return joined.length <= MAX_PEM ? joined : '';
}

function crtFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    try {
      if (statSync(path).isDirectory()) return crtFiles(path);
    } catch {
      return [];
    }
    return name.endsWith('.crt') ? [path] : [];
  });
}
