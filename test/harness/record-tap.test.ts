import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordTap } from '../../harness/smtp/record-tap.ts';

const servers: net.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** A tap on a connection to a loopback server that writes `bytes` and closes; resolves once all arrived. */
async function tapOf(bytes: Buffer): Promise<RecordTap> {
  const server = net.createServer((socket) => socket.end(bytes));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const raw = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  const tap = new RecordTap(raw);
  tap.resume();
  await tap.waitForFin(2000);
  return tap;
}

describe('RecordTap', () => {
  it('parses record headers and keeps no non-TLS bytes when there are none', async () => {
    const tap = await tapOf(Buffer.from([0x17, 3, 3, 0, 2, 0xaa, 0xbb, 0x15, 3, 3, 0, 2, 1, 0]));
    expect(tap.recordsSinceMark).toEqual([
      { contentType: 23, length: 2 },
      { contentType: 21, length: 2 },
    ]);
    expect(tap.nonTls).toBeUndefined();
  });

  it('keeps what follows the last record when it cannot be TLS (a plaintext SMTP reply)', async () => {
    const tap = await tapOf(Buffer.concat([Buffer.from([0x17, 3, 3, 0, 1, 0xaa]), Buffer.from('421 mail.example.test lost input connection\r\n')]));
    expect(tap.recordsSinceMark).toEqual([{ contentType: 23, length: 1 }]);
    expect(tap.nonTls?.toString('latin1')).toBe('421 mail.example.test lost input connection\r\n');
  });
});
