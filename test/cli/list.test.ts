// `msaspec list`: the catalogue, one row per case of suites/index.ts with its requirement IDs, level
// and ports, and exit 0.
import { describe, expect, it } from 'vitest';
import { ALL_CASES } from '../../suites/index.ts';
import { runCli } from './cli-process.ts';

const PORT_NAME = { implicit: '465', starttls: '587' } as const;

describe('msaspec list', () => {
  it('prints every case with its requirement IDs, level and ports', { timeout: 70_000 }, async () => {
    const result = await runCli(['list'], { timeoutMs: 60_000 });
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^CASE +LEVEL +PORTS +REQUIREMENTS +TITLE$/);
    // Columns: case id, level (may hold a space: "MUST NOT"), ports, requirements, title.
    const row = /^(\S+) +(MUST NOT|SHOULD NOT|MUST|SHOULD|MAY|INFO) +(\S+) +(\S+) +(.+)$/;
    const parsed = lines
      .slice(1)
      .map((line) => row.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map(([, id, level, ports, requirements, title]) => ({ id, level, ports, requirements, title }));

    // Exactly the catalogue, in catalogue order.
    expect(parsed.map((p) => p.id)).toEqual(ALL_CASES.map((c) => c.id));
    for (const c of ALL_CASES) {
      const p = parsed.find((entry) => entry.id === c.id)!;
      expect(p.level, c.id).toBe(c.level);
      expect(p.requirements?.split(','), c.id).toEqual(c.requirements);
      const ports = c.scope === 'target' ? '465+587' : c.ports.map((k) => PORT_NAME[k]).join(',');
      expect(p.ports, c.id).toBe(ports);
      expect(p.title, c.id).toBe(c.title);
    }
    expect(result.stdout).toMatch(new RegExp(`\\n\\n${ALL_CASES.length} cases\\n$`));
  });
});
