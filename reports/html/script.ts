/**
 * The page's only script, inlined (the CSP admits it by hash): the matrix filters, the drill-down
 * panel, a target's facts opened from the summary, and every target's facts opened for printing. It
 * never builds markup from text: it only toggles `hidden`, `open` and classes on elements the writer
 * made, so nothing a server sent can become an element here.
 */
export const HTML_SCRIPT = `
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.case'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('tr.group'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.filters input[data-filter]'));
  var shown = document.getElementById('shown');
  // Each filter names the row attribute that must be "1" (or, for data-all-na, must not be).
  function apply() {
    var visibleGroups = {};
    var count = 0;
    rows.forEach(function (row) {
      var hide = boxes.some(function (box) {
        if (!box.checked) return false;
        var value = row.getAttribute(box.getAttribute('data-filter'));
        return box.hasAttribute('data-hide') ? value === '1' : value !== '1';
      });
      row.hidden = hide;
      if (!hide) {
        count += 1;
        row.getAttribute('data-groups').split(' ').forEach(function (g) { visibleGroups[g] = true; });
      }
    });
    groups.forEach(function (g) { g.hidden = !visibleGroups[g.getAttribute('data-group')]; });
    if (shown) shown.textContent = count + ' of ' + rows.length + ' cases shown';
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });

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
  function openTarget(id) {
    var facts = document.getElementById(id);
    if (!facts || facts.tagName !== 'DETAILS') return;
    facts.open = true;
    facts.scrollIntoView();
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[data-detail], a[data-close], a[data-target]') : null;
    if (!link) return;
    event.preventDefault();
    if (link.hasAttribute('data-close')) close();
    else if (link.hasAttribute('data-target')) openTarget(link.getAttribute('data-target'));
    else show(link.getAttribute('data-detail'));
  });
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') close(); });
  // A printed report (a certification file) carries every target's facts and waivers.
  var closedForPrint = [];
  window.addEventListener('beforeprint', function () {
    closedForPrint = Array.prototype.slice.call(document.querySelectorAll('details.target:not([open])'));
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });
  if (/^#d-[0-9]+$/.test(location.hash)) show(location.hash.slice(1));
  apply();
})();
`;
