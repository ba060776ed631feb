// Stopping a run: SIGINT (Ctrl-C) or SIGTERM in the middle of cases that wait on a server that never
// answers ends the CLI promptly with 130 / 143 and one line on stderr; a Ctrl-C (the whole process
// group) also leaves no process behind holding connections to the server.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nonEmptyLines, silentServer, sleep, startCli, tempDir, waitFor } from './cli-process.ts';

const dir = tempDir();

interface Interrupt {
  name: string;
  signal: NodeJS.Signals;
  code: number;
  /** Ctrl-C in a terminal signals the whole foreground process group; kill(1) or a supervisor only the CLI. */
  group: boolean;
}

const INTERRUPTS: Interrupt[] = [
  { name: 'Ctrl-C (SIGINT to the process group)', signal: 'SIGINT', code: 130, group: true },
  { name: 'SIGINT to the CLI process alone', signal: 'SIGINT', code: 130, group: false },
  { name: 'SIGTERM to the CLI process alone', signal: 'SIGTERM', code: 143, group: false },
];

describe.concurrent('interrupting a run', () => {
  for (const { name, signal, code, group } of INTERRUPTS) {
    it(`${name} stops the run with exit ${code}`, { timeout: 120_000 }, async () => {
      const server = await silentServer();
      const out = join(dir, `${signal}-${group ? 'group' : 'process'}`);
      const args = ['run', '--host', '127.0.0.1', '--implicit-port', 'none', '--starttls-port', String(server.port)];
      const started = Date.now();
      const cli = startCli([...args, '--case-timeout', '20000', '--reply-timeout', '10000', '--out', out], { timeoutMs: 100_000 });

      // Signal once cases are waiting on the server: the preflight connection plus at least one case
      // connection (so the CLI is past start-up and inside the run), and no earlier than 1.5 s.
      // (Generous: on a loaded two-core machine the CLI took 14 s to get there.)
      await waitFor(() => server.accepted >= 2, 80_000, 'the first case connection');
      await sleep(Math.max(0, 1_500 - (Date.now() - started)));
      const signalled = Date.now();
      const pid = cli.child.pid!;
      // startCli makes the CLI a process group leader, so -pid is its group (CLI + vitest workers).
      process.kill(group ? -pid : pid, signal);

      const result = await cli.done;
      const stoppedIn = Date.now() - signalled;
      expect(result.timedOut).toBe(false);
      expect(stoppedIn).toBeLessThan(5_000);
      expect(result.signal).toBeNull();
      expect(result.code).toBe(code);
      const lines = nonEmptyLines(result.stderr);
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^msaspec: ${signal}: run stopped\\b`));
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stdout).toBe('');

      // Nothing of the run survives: every connection to the server is closed. The cases run in a
      // worker thread of the CLI process (run-suite.ts), so a signal to the CLI alone ends them too.
      try {
        await waitFor(() => server.open() === 0, 3_000, 'the run’s connections to close');
      } finally {
        killOrphans(pid);
      }
    });
  }

  // Once a bug: the cases ran in a vitest fork worker that outlived a signal sent to the CLI alone
  // (kill <pid>, a supervisor's SIGTERM) and kept its connections open. They now run in a worker
  // thread of the CLI process (run-suite.ts, pool "threads").
  it('SIGTERM to the CLI process alone also ends its workers', { timeout: 120_000 }, async () => {
    const server = await silentServer();
    const args = ['run', '--host', '127.0.0.1', '--implicit-port', 'none', '--starttls-port', String(server.port)];
    const cli = startCli([...args, '--case-timeout', '20000', '--reply-timeout', '10000', '--out', join(dir, 'orphan')], {
      timeoutMs: 100_000,
    });
    await waitFor(() => server.accepted >= 2, 80_000, 'the first case connection');
    process.kill(cli.child.pid!, 'SIGTERM');
    expect((await cli.done).code).toBe(143);
    try {
        await waitFor(() => server.open() === 0, 3_000, 'the run’s connections to close');
    } finally {
      killOrphans(cli.child.pid!);
    }
  });
});

/** SIGKILL to what is left of the process group the CLI (pid) led: only processes this test started. */
function killOrphans(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already empty
  }
}
