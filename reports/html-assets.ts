/** The page's only style sheet and script, inlined: index.html needs no network when viewed. */

export const HTML_STYLE = `
:root { --fg: #1d232a; --muted: #69727d; --line: #d8dde3; --bg: #fff; --head: #f3f5f7;
  --PASS: #1a7f37; --FAIL: #cf222e; --WARN: #9a6700; --INFO: #0969da; --NA: #8c959f; --ERROR: #8250df; --XFAIL: #1b7c83; --XPASS: #a40e26; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: 1.2rem 0 .3rem; } h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; }
.muted, .where { color: var(--muted); }
code, .case-id, .wire { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.meta { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; margin: 0; color: var(--muted); }
.exit-0 { color: var(--PASS); } .exit-1 { color: var(--FAIL); } .exit-2 { color: var(--WARN); } .exit-3 { color: var(--ERROR); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); gap: .8rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.card h3 { margin: 0 0 .3rem; font-size: 1rem; word-break: break-all; }
.stats { display: flex; gap: 1rem; margin: .3rem 0; } .stats b { font-size: 1.2rem; display: block; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 .6rem; margin: .3rem 0 0; font-size: 12px; }
.card dt { color: var(--muted); } .card dd { margin: 0; word-break: break-all; }
.chips { display: flex; flex-wrap: wrap; gap: .3rem; margin: .3rem 0; padding: 0; list-style: none; }
.badge, .chips li { display: inline-block; border-radius: 4px; padding: 0 .35rem; color: #fff; font-weight: 600; font-size: 12px; }
.legend { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; align-items: center; margin: .6rem 0; position: sticky; top: 0; background: var(--bg); padding: .4rem 0; z-index: 2; }
table.matrix { border-collapse: collapse; width: 100%; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: .2rem .4rem; text-align: left; vertical-align: top; }
.matrix thead th { background: var(--head); position: sticky; top: 2.4rem; z-index: 1; }
.matrix th.port, .matrix th.target { text-align: center; }
.matrix tr.rfc th { background: #e6eaef; font-size: 1rem; } .matrix tr.section th { background: var(--head); }
.matrix tr.requirement th { font-weight: 400; } .level { color: var(--muted); font-size: 12px; }
.matrix tr.case th { font-weight: 400; padding-left: 1.2rem; } .case-title { color: var(--muted); } .also { color: var(--muted); font-size: 12px; }
td.cell { text-align: center; white-space: nowrap; } td.none { color: var(--NA); }
td.cell a { color: inherit; text-decoration: none; font-weight: 600; display: block; }
td.cell a:hover, td.cell a:focus { text-decoration: underline; }
td.v-PASS { color: var(--PASS); } td.v-FAIL { color: #fff; background: var(--FAIL); } td.v-WARN { color: #fff; background: var(--WARN); }
td.v-INFO { color: var(--INFO); } td.v-NA { color: var(--NA); } td.v-ERROR { color: #fff; background: var(--ERROR); }
td.v-XFAIL { color: var(--XFAIL); } td.v-XPASS { color: #fff; background: var(--XPASS); }
.badge.v-PASS, li.v-PASS { background: var(--PASS); } .badge.v-FAIL, li.v-FAIL { background: var(--FAIL); } .badge.v-WARN, li.v-WARN { background: var(--WARN); }
.badge.v-INFO, li.v-INFO { background: var(--INFO); } .badge.v-NA, li.v-NA { background: var(--NA); } .badge.v-ERROR, li.v-ERROR { background: var(--ERROR); }
.badge.v-XFAIL, li.v-XFAIL { background: var(--XFAIL); } .badge.v-XPASS, li.v-XPASS { background: var(--XPASS); }
.detail { display: none; position: fixed; top: 0; right: 0; bottom: 0; width: min(52rem, 92vw); overflow: auto; background: var(--bg);
  border-left: 1px solid var(--line); box-shadow: -6px 0 18px rgba(0,0,0,.15); padding: .4rem 1.2rem 2rem; z-index: 5; }
html:not(.js) .detail:target, .detail.open { display: block; }
.detail h3 { margin: .2rem 0; font-size: 1.05rem; word-break: break-all; } .detail .title { margin: .2rem 0 .6rem; }
.detail dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem .8rem; }
.detail li.broken { color: var(--FAIL); font-weight: 600; }
.detail dt { font-weight: 600; } .detail dd { margin: 0; white-space: pre-wrap; word-break: break-word; } .detail dd ul { margin: 0; padding-left: 1.1rem; white-space: normal; }
.close-row { text-align: right; margin: 0; } .close { color: var(--muted); }
ol.wire { list-style: none; padding: .4rem; margin: 0; background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; font-size: 12px; }
ol.wire li { white-space: pre-wrap; word-break: break-all; } ol.wire .dir { color: var(--muted); }
ol.wire li.c { color: #0a3069; } ol.wire li.s { color: #1d232a; } ol.wire li.ev { color: var(--muted); font-style: italic; }
ol.wire li.tls { border-left: 3px solid var(--PASS); padding-left: .3rem; }
ol.wire li.boundary { font-weight: 700; text-align: center; margin: .3rem 0; border-top: 2px dashed; }
ol.wire li.tls-on { color: var(--PASS); } ol.wire li.tls-off { color: var(--WARN); }
.errors li { color: var(--ERROR); }
`;

/**
 * Filters (only rows where targets differ, hide rows that are NA everywhere, only findings) and the
 * drill-down panel. It never builds markup from text: it only toggles `hidden` and classes on elements
 * the writer made, so nothing a server sent can become an element here.
 */
export const HTML_SCRIPT = `
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.case'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('tr.group'));
  var differ = document.getElementById('f-differ');
  var hideNa = document.getElementById('f-hide-na');
  var findings = document.getElementById('f-findings');
  var shown = document.getElementById('shown');
  function apply() {
    var visibleGroups = {};
    var count = 0;
    rows.forEach(function (row) {
      var hide = (differ.checked && row.getAttribute('data-differ') !== '1') ||
        (hideNa.checked && row.getAttribute('data-all-na') === '1') ||
        (findings.checked && row.getAttribute('data-finding') !== '1');
      row.hidden = hide;
      if (!hide) {
        count += 1;
        row.getAttribute('data-groups').split(' ').forEach(function (g) { visibleGroups[g] = true; });
      }
    });
    groups.forEach(function (g) { g.hidden = !visibleGroups[g.getAttribute('data-group')]; });
    shown.textContent = count + ' of ' + rows.length + ' rows shown';
  }
  [differ, hideNa, findings].forEach(function (box) { box.addEventListener('change', apply); });

  var open = null;
  function close() {
    if (open) open.classList.remove('open');
    open = null;
  }
  function show(id) {
    var detail = document.getElementById(id);
    if (!detail || !detail.classList.contains('detail')) return;
    close();
    detail.classList.add('open');
    open = detail;
    var closer = detail.querySelector('a.close');
    if (closer) closer.focus();
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[data-detail], a[data-close]') : null;
    if (!link) return;
    event.preventDefault();
    if (link.hasAttribute('data-close')) close();
    else show(link.getAttribute('data-detail'));
  });
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') close(); });
  if (/^#d-[0-9]+$/.test(location.hash)) show(location.hash.slice(1));
  apply();
})();
`;
