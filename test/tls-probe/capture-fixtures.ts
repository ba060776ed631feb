// Records the fixtures of probe.test.ts: what Debian's `openssl s_server` answers to the probe's
// ClientHellos. Run by hand (`npx tsx test/tls-probe/capture-fixtures.ts`) when the probe's offers
// change; the files are small hex dumps of the server's first flight.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import { clientHelloRecord } from '../../harness/tls-probe/client-hello.ts';
import { FIXTURES } from './fixture-offers.ts';
import { OpensslServer } from './openssl-server.ts';

const ca = await CertificateAuthority.create('msaspec fixture CA');
const credentials = await ca.issueServer('mail.example.test');
for (const fixture of FIXTURES) {
  const server = await OpensslServer.start(fixture.serverArgs, credentials);
  const socket = net.connect(server.port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(clientHelloRecord(fixture.offer));
  await new Promise((resolve) => setTimeout(resolve, 500));
  socket.destroy();
  await server.stop();
  const bytes = Buffer.concat(chunks);
  writeFileSync(join(import.meta.dirname, 'fixtures', `${fixture.name}.hex`), `${bytes.toString('hex').replace(/(.{128})/g, '$1\n')}\n`);
  console.log(`${fixture.name}: ${bytes.length} octets`);
}
