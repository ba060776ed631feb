/**
 * The page's only style sheet, inlined (index.html needs no network when viewed; the CSP admits it by
 * hash). Verdict colours come in two sets: `--t-*` for a verdict written in colour on the page, `--s-*`
 * for a solid badge or cell with white text; each pair keeps a contrast of at least 4.5:1 (WCAG AA) in
 * the light and the dark scheme, which test/cli/html-browser.test.ts computes from the rendered page.
 * Every verdict also carries its glyph and word, so colour is never the only cue.
 */
export const HTML_STYLE = `
:root { color-scheme: light dark;
  --fg: #1d232a; --muted: #5f6872; --line: #d0d7de; --bg: #ffffff; --head: #f3f5f7; --band: #e8ecf0; --wire: #f6f8fa; --link: #0550ae;
  --t-PASS: #1a7f37; --t-FAIL: #cf222e; --t-WARN: #9a6700; --t-INFO: #0969da; --t-NA: #6e7781; --t-ERROR: #8250df; --t-XFAIL: #1b7c83;
  --s-PASS: #1a7f37; --s-FAIL: #cf222e; --s-WARN: #9a6700; --s-INFO: #0969da; --s-NA: #6e7781; --s-ERROR: #8250df; --s-XFAIL: #1b7c83; --s-XPASS: #a40e26; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --bg: #0d1117; --head: #161b22; --band: #21262d; --wire: #161b22; --link: #58a6ff;
    --t-PASS: #3fb950; --t-FAIL: #ff7b72; --t-WARN: #d29922; --t-INFO: #58a6ff; --t-NA: #8b949e; --t-ERROR: #d2a8ff; --t-XFAIL: #39c5cf; }
}
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 1.5rem 3rem; }
a { color: var(--link); }
h1 { font-size: 1.45rem; margin: 1rem 0 .2rem; } h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
h1 .exit { font-size: 1rem; vertical-align: middle; }
.muted, .where { color: var(--muted); }
code, .case-id, .wire, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.meta { display: flex; flex-wrap: wrap; gap: .1rem 1.2rem; margin: 0; color: var(--muted); }
.exit { display: inline-block; border-radius: 4px; padding: 0 .4rem; color: #fff; font-weight: 600; white-space: nowrap; }
.exit-0 { background: var(--s-PASS); } .exit-1 { background: var(--s-FAIL); } .exit-2 { background: var(--s-WARN); } .exit-3 { background: var(--s-ERROR); }
.badge { display: inline-block; border-radius: 4px; padding: 0 .35rem; color: #fff; font-weight: 600; font-size: 12px; white-space: nowrap; }
.badge.v-PASS { background: var(--s-PASS); } .badge.v-FAIL { background: var(--s-FAIL); } .badge.v-WARN { background: var(--s-WARN); }
.badge.v-INFO { background: var(--s-INFO); } .badge.v-NA { background: var(--s-NA); } .badge.v-ERROR { background: var(--s-ERROR); }
.badge.v-XFAIL { background: var(--s-XFAIL); } .badge.v-XPASS { background: var(--s-XPASS); }
.scroll { overflow: auto; border: 1px solid var(--line); border-radius: 4px; }
.summary-wrap { max-height: 32rem; } .changes-wrap { max-height: 18rem; }
table.grid { border-collapse: separate; border-spacing: 0; }
.grid { width: 100%; } .grid caption { caption-side: bottom; text-align: left; padding: .3rem .6rem; font-size: 12px; }
.grid th, .grid td { border-bottom: 1px solid var(--line); padding: .2rem .6rem; text-align: left; vertical-align: middle; }
.grid thead th { background: var(--head); position: sticky; top: 0; z-index: 1; font-weight: 600; }
.grid th.num { text-align: right; } .grid td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.counts { display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; padding: 0; list-style: none; }
.legend { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; margin: .4rem 0; padding: 0; list-style: none; font-size: 12px; }
.legend li { white-space: nowrap; } .legend .badge { margin-right: .3rem; }
.filters { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; align-items: center; margin: .4rem 0; }
.matrix-wrap { max-height: calc(100vh - 3.5rem); width: fit-content; max-width: 100%; }
table.matrix { border-collapse: separate; border-spacing: 0; font-size: 12px; }
.matrix th, .matrix td { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: .15rem .35rem; text-align: left; vertical-align: top; background: var(--bg); }
.matrix thead { position: sticky; top: 0; z-index: 3; }
.matrix thead th { background: var(--head); text-align: center; vertical-align: bottom; }
.matrix th.target { min-width: 7rem; font-weight: 600; } .matrix th.port { font-weight: 400; color: var(--muted); }
.matrix .corner, .matrix tr.case > th { position: sticky; left: 0; z-index: 2; width: 24rem; min-width: 24rem; max-width: 24rem; }
.matrix .corner { z-index: 4; text-align: left; }
.matrix tr.group th { font-weight: 400; }
.matrix tr.group th .pin { position: sticky; left: .4rem; display: inline-block; max-width: min(60rem, 85vw); }
.matrix tr.rfc th { background: var(--band); font-weight: 600; font-size: 13px; } .matrix tr.section th { background: var(--head); font-weight: 600; }
.level { color: var(--muted); }
.matrix tr.case > th { font-weight: 400; padding-left: .9rem; }
.matrix .case-id { display: block; overflow-wrap: anywhere; } .case-title, .also { color: var(--muted); }
.matrix .case-title, .matrix .also { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
.matrix .case-title { -webkit-line-clamp: 2; } .matrix .also { -webkit-line-clamp: 1; font-size: 11px; }
td.cell { text-align: center; white-space: nowrap; min-width: 3.6rem; }
td.none { color: var(--t-NA); }
td.cell a { color: inherit; text-decoration: none; font-weight: 600; display: block; }
td.cell a:hover, td.cell a:focus { text-decoration: underline; }
td.v-PASS { color: var(--t-PASS); } td.v-INFO { color: var(--t-INFO); } td.v-NA { color: var(--t-NA); } td.v-XFAIL { color: var(--t-XFAIL); }
td.v-FAIL { color: #fff; background: var(--s-FAIL); } td.v-WARN { color: #fff; background: var(--s-WARN); }
td.v-ERROR { color: #fff; background: var(--s-ERROR); } td.v-XPASS { color: #fff; background: var(--s-XPASS); }
td.changed { box-shadow: inset 0 0 0 2px var(--fg); } td.changed a::after { content: " Δ"; }
.targets details { border: 1px solid var(--line); border-radius: 4px; margin: .3rem 0; padding: .2rem .6rem; }
.targets summary { cursor: pointer; } .targets summary b { font-weight: 600; }
.facts { display: grid; grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr); gap: .1rem .8rem; margin: .4rem 0; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
table.waivers { width: 100%; margin: .3rem 0 .4rem; } table.waivers td, table.waivers th { vertical-align: top; }
table.waivers .mono { overflow-wrap: anywhere; min-width: 12rem; }
.detail { display: none; position: fixed; top: 0; right: 0; bottom: 0; width: min(52rem, 92vw); overflow: auto; background: var(--bg);
  border-left: 1px solid var(--line); box-shadow: -6px 0 18px rgba(0,0,0,.25); padding: .4rem 1.2rem 2rem; z-index: 5; }
html:not(.js) .detail:target, .detail.open { display: block; }
.detail h3 { margin: .2rem 0; font-size: 1.05rem; overflow-wrap: anywhere; } .detail .title { margin: .2rem 0 .6rem; }
.detail dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .3rem .8rem; }
.detail li.broken { color: var(--t-FAIL); font-weight: 600; }
.detail dt { font-weight: 600; } .detail dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; } .detail dd ul { margin: 0; padding-left: 1.1rem; white-space: normal; }
.close-row { text-align: right; margin: 0; } .close { color: var(--muted); }
ol.wire { list-style: none; padding: .4rem; margin: 0; background: var(--wire); border: 1px solid var(--line); border-radius: 4px; font-size: 12px; }
ol.wire li { white-space: pre-wrap; overflow-wrap: anywhere; } ol.wire .dir { color: var(--muted); }
ol.wire li.ev { color: var(--muted); font-style: italic; }
ol.wire li.tls { border-left: 3px solid var(--t-PASS); padding-left: .3rem; }
ol.wire li.boundary { font-weight: 700; text-align: center; margin: .3rem 0; border-top: 2px dashed; }
ol.wire li.tls-on { color: var(--t-PASS); } ol.wire li.tls-off { color: var(--t-WARN); }
.errors li { color: var(--t-ERROR); }
@media print {
  @page { size: landscape; margin: 10mm; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  body { margin: 0; font-size: 11px; }
  .filters, .detail, .no-print { display: none !important; }
  .scroll { max-height: none; overflow: visible; border: 0; }
  .grid thead th, .matrix thead, .matrix .corner, .matrix tr.case > th, .matrix tr.group th .pin { position: static; }
  .matrix thead { display: table-header-group; }
  .matrix tr { break-inside: avoid; }
  /* A landscape page holds the case column and some forty verdict columns: a cell prints its glyph
     (its shape tells the verdict without colour, the legend says which), a target's name runs upwards. */
  table.matrix { font-size: 9px; }
  .matrix .corner, .matrix tr.case > th { width: 15rem; min-width: 15rem; max-width: 15rem; }
  td.cell { min-width: 0; padding: 0 2px; } td.cell .word { display: none; }
  .matrix th.target { min-width: 0; writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; text-align: left; }
  .matrix th.port { padding: 0 2px; }
}
`;
