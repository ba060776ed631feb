import { DEFAULT_PORT, type PortKind } from '../../harness/model/port.ts';
import type { TargetSummary } from '../../harness/model/target.ts';
import { escapeHtml as h } from './escape.ts';

export const targetId = (index: number) => `t-${index}`;

/** Reports name a service by its standard port (465, 587), whatever number the target listened on. */
const service = (kind: string) => String(DEFAULT_PORT[kind as PortKind] ?? kind);

const portsLine = (t: TargetSummary) =>
  Object.entries(t.ports)
    .map(([kind, port]) => `${service(kind)} → ${port}`)
    .join(', ') || 'none';

/** A waiver's case pattern, the port it is limited to, and its reason, as table rows that wrap as text. */
function waivers(t: TargetSummary): string {
  if (t.waivers.length === 0) return '<p class="muted">No waivers.</p>';
  const rows = t.waivers.map((w) => `<tr><td class="mono">${h(w.pattern)}</td><td>${w.port ? h(service(w.port)) : 'both'}</td><td>${h(w.reason)}${w.expires ? ` <span class="muted">(until ${h(w.expires)})</span>` : ''}${w.file ? ` <span class="muted">(${h(w.file)})</span>` : ''}</td></tr>`);
  return `<table class="grid waivers"><caption class="muted">Known deviations of this target: a FAIL here is XFAIL, a PASS is XPASS (a stale waiver).</caption><thead><tr><th scope="col">waived case or requirement</th><th scope="col">port</th><th scope="col">reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * One closed block per target: where it listened, its facts (image, packages, relay, flaws) and its
 * waivers. Long values wrap as text across the page's width; the summary links here.
 */
export function renderTargets(targets: readonly (TargetSummary | undefined)[], names: readonly string[]): string {
  return names
    .map((name, i) => {
      const t = targets[i];
      if (!t) return `<details class="target" id="${targetId(i)}"><summary><b>${h(name)}</b> <span class="muted">(only in results: no description of this target)</span></summary></details>`;
      const facts: [string, string][] = [
        ['kind', t.kind],
        ['host', t.host],
        ['ports', portsLine(t)],
        ['server name', t.servername],
        ['user', t.user ?? 'none (no credentials)'],
        ['trust anchor', t.caProvided ? 'a CA given for this target' : 'the system store'],
        ...Object.entries(t.facts),
      ];
      const waived = t.waivers.length ? ` · ${t.waivers.length} waiver${t.waivers.length > 1 ? 's' : ''}` : '';
      return [
        `<details class="target" id="${targetId(i)}">`,
        `<summary><b>${h(name)}</b> <span class="muted">${h(t.kind)} · ports ${h(portsLine(t))}${waived}</span></summary>`,
        `<dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`,
        waivers(t),
        '</details>',
      ].join('\n');
    })
    .join('\n');
}
