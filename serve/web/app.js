// charter workbench: reading and indexing transcripts, the codebook,
// charts with their cells' passages, memos, search and the matrix query.
// Every change goes to charter's JSON API, one history entry each; the
// page asks for the entries since the last it saw every few seconds and
// brings itself up to date when other coders change something.
'use strict';

const $ = (s, r = document) => r.querySelector(s);
const $$ = (s, r = document) => [...r.querySelectorAll(s)];

// An element: el('div', {class: 'x', onclick: f}, 'text', child ...).
// Text always goes in as text, never as HTML.
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'style') {
      // through the CSSOM: the Content-Security-Policy refuses style attributes
      for (const decl of v.split(';')) {
        const i = decl.indexOf(':');
        if (i > 0) e.style.setProperty(decl.slice(0, i).trim(), decl.slice(i + 1).trim());
      }
    }
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) {
    if (k === undefined || k === null || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}

const S = {
  session: null, codes: [], byNum: new Map(), entry: 0, view: 'read',
  source: null, data: null, selected: null, chart: null, cell: null,
};

// ---- talking to charter ---------------------------------------------------

function coder() {
  return localStorage.getItem('charter.coder') || (S.session && S.session.coder) || '';
}

async function api(path, body) {
  const headers = {};
  if (S.session && !S.session.team && coder()) headers['X-Charter-Coder'] = coder();
  const opt = { headers, credentials: 'same-origin' };
  if (body !== undefined) {
    opt.method = 'POST';
    headers['Content-Type'] = 'application/json';
    if (S.session) headers['X-CSRF-Token'] = S.session.csrf;
    opt.body = JSON.stringify(body);
  }
  const r = await fetch(path, opt);
  const j = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) {
    const e = new Error(j.error || r.statusText);
    e.status = r.status;
    e.body = j;
    throw e;
  }
  return j;
}

let statusTimer = 0;
function say(msg, error) {
  const s = $('#status');
  s.textContent = msg;
  s.className = error ? 'error' : '';
  clearTimeout(statusTimer);
  if (!error) statusTimer = setTimeout(() => { s.textContent = ''; }, 6000);
}

// A write, its answer or its error said; the view brought up to date.
// The answer, or null when the write was refused (and nothing changed).
async function change(path, body, done) {
  let j;
  try {
    j = await api(path, body);
  } catch (e) {
    say(e.message, true);
    return null;
  }
  if (done) say(typeof done === 'function' ? done(j) : done);
  await refresh();
  return j;
}

// ---- offsets: the browser counts UTF-16 units, charter code points --------

function isHigh(c) { return c >= 0xd800 && c <= 0xdbff; }

// Code points in s[0, u).
function u16ToCp(s, u) {
  let cp = 0;
  for (let i = 0; i < u; i++) {
    if (isHigh(s.charCodeAt(i)) && i + 1 < s.length) i++;
    cp++;
  }
  return cp;
}

// The UTF-16 index of code point cp of s.
function cpToU16(s, cp) {
  let i = 0;
  for (let k = 0; k < cp && i < s.length; k++) i += isHigh(s.charCodeAt(i)) ? 2 : 1;
  return i;
}

// ---- the codebook ---------------------------------------------------------

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf',
  '#8c564b', '#e377c2', '#bcbd22', '#7f7f7f', '#393b79', '#637939'];

function natcmp(a, b) {
  const x = a.split('.').map(Number), y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

async function loadCodes() {
  const codes = await api('/api/codebook');
  codes.sort((a, b) => natcmp(a.code, b.code));
  S.codes = codes;
  S.byNum = new Map(codes.map(c => [c.code, c]));
  const kids = new Map();
  for (const c of codes) {
    if (!c.parent) continue;
    if (!kids.has(c.parent)) kids.set(c.parent, []);
    kids.get(c.parent).push(c);
  }
  for (const c of codes) {
    c.children = kids.get(c.code) || [];
    // a theme counts what its sub-themes hold
    c.total = c.codings + c.children.reduce((n, k) => n + k.codings, 0);
    c.totalSuggested = c.suggested + c.children.reduce((n, k) => n + k.suggested, 0);
    // distinct colours among a theme's sub-themes
    const sibs = c.parent ? kids.get(c.parent) : codes.filter(k => !k.parent);
    c.colour = c.color || PALETTE[sibs.indexOf(c) % PALETTE.length];
  }
}

// Codes a passage can be coded to: sub-themes, and themes without any.
function codable() { return S.codes.filter(c => !c.children.length); }

// ---- the code picker --------------------------------------------------------

let pick = null; // {onpick, items, at}

function openPicker(x, y, title, onpick) {
  const p = $('#picker');
  pick = { onpick, items: [], at: 0 };
  p.hidden = false;
  p.style.left = Math.max(8, Math.min(x, innerWidth - 460)) + 'px';
  p.style.top = Math.max(8, Math.min(y, innerHeight - 380)) + 'px';
  $('#pickq').value = '';
  $('#pickq').placeholder = title;
  fillPicker();
  $('#pickq').focus();
}

function closePicker() {
  $('#picker').hidden = true;
  pick = null;
}

function fillPicker() {
  const q = $('#pickq').value.trim().toLowerCase();
  const all = codable();
  pick.items = !q ? all : all.filter(c => c.code.startsWith(q) ||
    c.name.toLowerCase().includes(q) || c.definition.toLowerCase().includes(q));
  pick.at = Math.min(pick.at, Math.max(0, pick.items.length - 1));
  const ul = $('#picklist');
  ul.replaceChildren(...pick.items.slice(0, 200).map((c, i) => el('li', {
    class: i === pick.at ? 'on' : '', dataset: { code: c.code },
    onmousedown: ev => { ev.preventDefault(); choose(i); },
  }, el('span', { class: 'sw', style: `background:${c.colour}` }), el('b', {}, c.code), c.name)));
  const c = pick.items[pick.at];
  $('#pickinfo').replaceChildren(...(c ? [
    c.definition && el('p', {}, c.definition),
    c.use_when && el('p', {}, el('b', {}, 'Use when: '), c.use_when),
    c.not_when && el('p', {}, el('b', {}, 'Not when: '), c.not_when),
  ] : [el('p', {}, 'No code matches.')]));
  const on = ul.children[pick.at];
  if (on) on.scrollIntoView({ block: 'nearest' });
}

function choose(i) {
  const c = pick && pick.items[i];
  if (!c) return;
  const f = pick.onpick;
  closePicker();
  f(c.code);
}

function pickerKeys(ev) {
  if (!pick) return;
  if (ev.key === 'ArrowDown') { pick.at = Math.min(pick.at + 1, pick.items.length - 1); fillPicker(); ev.preventDefault(); }
  else if (ev.key === 'ArrowUp') { pick.at = Math.max(pick.at - 1, 0); fillPicker(); ev.preventDefault(); }
  else if (ev.key === 'Enter') { choose(pick.at); ev.preventDefault(); }
  else if (ev.key === 'Escape') closePicker();
}

// ---- reading a transcript -----------------------------------------------------

async function loadSources() {
  const list = await api('/api/sources');
  $('#sources').replaceChildren(el('h3', {}, 'Transcripts'), ...list.map(s => el('button', {
    class: 'src' + (s.source === S.source ? ' on' : ''), dataset: { source: s.source },
    onclick: () => openSource(s.source),
  }, s.source, el('small', {}, `${s.case || 'no case'} · ${s.codings} coded` +
    (s.suggested ? ` · ${s.suggested} suggested` : '')))));
}

function fmtTime(ms) {
  if (ms === '' || ms === null || ms < 0) return '';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
  return (h ? h + ':' : '') + String(m).padStart(h ? 2 : 1, '0') + ':' + String(s % 60).padStart(2, '0');
}

let observer = null;

let sourceSeq = 0;
async function openSource(name, keepScroll) {
  const seq = ++sourceSeq; // only the newest answer is shown
  const box = $('#transcript');
  const top = keepScroll ? box.scrollTop : 0;
  const data = await api('/api/source?name=' + encodeURIComponent(name));
  if (seq !== sourceSeq) return;
  S.source = name;
  S.data = data;
  localStorage.setItem('charter.source', name);
  $$('#sources .src').forEach(b => b.classList.toggle('on', b.dataset.source === name));
  const sug = data.codings.filter(c => c.status === 'suggested').length;
  $('#readhead').replaceChildren(el('b', {}, name),
    el('span', {}, `${data.turns.length} turns · ${data.codings.length - sug} codings · ${sug} suggested`),
    el('span', { class: 'spacer' }),
    el('span', { class: 'hint' }, 'Select words to code them'),
    sug > 0 && el('button', { id: 'nextsug', title: 'The next suggestion (N); then A accepts, R rejects', onclick: () => nextSuggestion(false) }, 'Next suggestion'),
    data.turns.some(u => u.case) && el('button', { onclick: () => memoFor({ case: data.turns.find(u => u.case).case }) }, 'Memo on this case'));
  if (observer) observer.disconnect();
  observer = new IntersectionObserver(drawVisible, { root: box, rootMargin: '400px' });
  // each turn's codings: the turns a coding spans, found by halving
  const at = data.turns.map(() => []);
  for (const c of data.codings) {
    let lo = 0, hi = data.turns.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (data.turns[mid].end <= c.start) lo = mid + 1; else hi = mid; }
    for (let i = lo; i < data.turns.length && data.turns[i].start < c.end; i++) at[i].push(c);
  }
  S.turnCodings = at;
  const frag = document.createDocumentFragment();
  data.turns.forEach((u, i) => {
    const lines = u.line_start === u.line_end ? `${u.line_start}` : `${u.line_start}–${u.line_end}`;
    const time = fmtTime(u.t_start_ms);
    const row = el('div', { class: `turn ${u.role || 'header'}`, dataset: { i } },
      el('div', { class: 'ln' }, lines),
      el('div', { class: 'who' }, u.speaker || '', el('small', {}, [u.role, time].filter(Boolean).join(' · '))),
      el('div', { class: 'tx' }, u.text),
      el('div', { class: 'stripes' }));
    frag.append(row);
  });
  box.replaceChildren(frag);
  for (const row of box.children) if (at[+row.dataset.i].length) observer.observe(row);
  if (CSS.highlights) { CSS.highlights.set('coded', new Highlight()); CSS.highlights.set('suggest', new Highlight()); }
  box.scrollTop = top;
  legend();
  if (S.selected) {
    const c = data.codings.find(k => k.id === S.selected);
    showCoding(c || null);
  }
}

// A text range of turn row for code points [a, b) of the source.
function turnRange(row, a, b) {
  const u = S.data.turns[+row.dataset.i];
  const node = $('.tx', row).firstChild;
  if (!node) return null;
  const r = document.createRange();
  r.setStart(node, cpToU16(u.text, Math.max(a, u.start) - u.start));
  r.setEnd(node, cpToU16(u.text, Math.min(b, u.end) - u.start));
  return r;
}

function drawVisible(entries) {
  for (const en of entries) if (en.isIntersecting) drawStripes(en.target);
}

function drawStripes(row) {
  const list = S.turnCodings[+row.dataset.i];
  const lane = $('.stripes', row), tx = $('.tx', row);
  lane.replaceChildren();
  const base = tx.getBoundingClientRect().top;
  list.forEach((c, k) => {
    const r = turnRange(row, c.start, c.end);
    if (!r) return;
    const rects = [...r.getClientRects()];
    if (!rects.length) return;
    const top = Math.min(...rects.map(q => q.top)) - base;
    const bottom = Math.max(...rects.map(q => q.bottom)) - base;
    const code = S.byNum.get(c.code);
    const colour = code ? code.colour : '#888';
    lane.append(el('div', {
      class: 'stripe ' + c.status + (c.id === S.selected ? ' sel' : ''), dataset: { id: c.id },
      title: `${c.code} ${c.code_name}${c.status === 'suggested' ? ' (suggested)' : ''}`,
      style: `left:${(k % 8) * 8}px;top:${top}px;height:${Math.max(6, bottom - top)}px;background:${colour};border-color:${colour}`,
      onclick: () => showCoding(c),
      onmouseenter: () => focusRange(c),
      onmouseleave: () => focusRange(S.data.codings.find(k2 => k2.id === S.selected)),
    }));
    if (CSS.highlights) CSS.highlights.get(c.status === 'suggested' ? 'suggest' : 'coded').add(r);
  });
}

// The next pending suggestion after the one shown (in transcript order),
// selected and scrolled to, for reviewing from the keyboard.
function nextSuggestion(afterDecision) {
  const sug = S.data.codings.filter(c => c.status === 'suggested');
  if (!sug.length) {
    // after a decision, what was decided stays said
    const done = afterDecision === true ? $('#status').textContent : '';
    say((done ? done + ' · ' : '') + 'no suggestions are left in this transcript');
    return;
  }
  const cur = S.data.codings.find(c => c.id === S.selected);
  const next = sug.find(c => cur && (c.start > cur.start || (c.start === cur.start && c.id > cur.id))) || sug[0];
  showCoding(next);
  const row = rowsOf(next)[0];
  if (row) row.scrollIntoView({ block: 'center' });
}

function rowsOf(c) {
  return $$('#transcript .turn').filter(row => S.turnCodings[+row.dataset.i].includes(c));
}

function focusRange(c) {
  if (!CSS.highlights) return;
  const h = new Highlight();
  if (c) for (const row of rowsOf(c)) { const r = turnRange(row, c.start, c.end); if (r) h.add(r); }
  CSS.highlights.set('focus', h);
}

function legend() {
  const n = new Map();
  for (const c of S.data.codings) n.set(c.code, (n.get(c.code) || 0) + 1);
  const codes = [...n.keys()].sort(natcmp);
  $('#legend').replaceChildren(...codes.map(k => {
    const c = S.byNum.get(k);
    return el('div', { title: c ? c.definition : '' },
      el('span', { class: 'sw', style: `background:${c ? c.colour : '#888'}` }),
      el('b', {}, k), c ? c.name : '', el('span', { class: 'tag' }, n.get(k)));
  }));
}

function sourceText(c) {
  return S.data.turns.filter(u => u.end > c.start && u.start < c.end)
    .map(u => u.text.slice(cpToU16(u.text, Math.max(c.start, u.start) - u.start),
      cpToU16(u.text, Math.min(c.end, u.end) - u.start))).join('\n');
}

function showCoding(c) {
  S.selected = c ? c.id : null;
  $$('.stripe.sel').forEach(s => s.classList.remove('sel'));
  const box = $('#coding');
  if (!c) { box.replaceChildren(); focusRange(null); return; }
  $$(`.stripe[data-id="${c.id}"]`).forEach(s => s.classList.add('sel'));
  focusRange(c);
  const code = S.byNum.get(c.code);
  const lines = c.line_start === c.line_end ? `L${c.line_start}` : `L${c.line_start}-${c.line_end}`;
  const sug = c.status === 'suggested';
  box.replaceChildren(el('div', { class: 'box', id: 'codingbox', dataset: { id: c.id } },
    el('p', {}, el('span', { class: 'sw', style: `background:${code ? code.colour : '#888'}` }), ' ',
      el('b', {}, c.code), ' ', c.code_name),
    el('p', {}, el('span', { class: 'tag ' + c.status }, c.status), ' ', c.origin === 'rule' ? 'by a rule' : 'by hand',
      c.coder ? ` · ${c.coder}` : '', ` · ${lines}`),
    el('div', { class: 'text' }, sourceText(c)),
    el('p', { class: 'row' },
      sug && el('button', { class: 'primary', id: 'accept', onclick: () => decide(c, 'accept') }, 'Accept'),
      sug && el('button', { id: 'reject', onclick: () => decide(c, 'reject') }, 'Reject'),
      el('button', { id: 'recode', onclick: ev => recode(c, ev) }, 'Change code'),
      !sug && el('button', { class: 'danger', id: 'remove', onclick: () => removeCoding(c) }, 'Remove'),
      el('button', { onclick: () => memoFor({ source: S.source, line_start: c.line_start, line_end: c.line_end }) }, 'Memo on these lines')),
    sug && c.rule !== '' && el('p', { class: 'row' },
      el('button', { onclick: () => decideRule(c, 'accept') }, 'Accept all of this rule here'),
      el('button', { onclick: () => decideRule(c, 'reject') }, 'Reject all of this rule here'))));
}

async function decide(c, d) {
  await change('/api/review', { id: c.id, decision: d }, `${d === 'accept' ? 'Accepted' : 'Rejected'} ${c.code} at L${c.line_start}`);
}

// Every pending suggestion of the rule in this transcript.
async function decideRule(c, d) {
  const same = S.data.codings.filter(k => k.status === 'suggested' && k.rule === c.rule && k.code === c.code);
  try {
    for (const k of same) await api('/api/review', { id: k.id, decision: d });
    say(`${d === 'accept' ? 'Accepted' : 'Rejected'} ${same.length} suggestions of the rule /${c.rule}/`);
  } catch (e) { say(e.message, true); }
  await refresh();
}

function recode(c, ev) {
  const r = ev.target.getBoundingClientRect();
  openPicker(r.left, r.bottom + 4, `recode ${c.code} to …`, code =>
    change('/api/recode', { id: c.id, code }, `Moved to ${code}`));
}

async function removeCoding(c) {
  S.selected = null;
  await change('/api/uncode', { id: c.id }, `Removed ${c.code} at L${c.line_start}`);
}

// The code points of a point of the selection; end: the point ends it.
function pointCp(node, off, end) {
  const hostEl = node.nodeType === 3 ? node.parentElement : node;
  const tx = hostEl.closest('.tx');
  if (tx) {
    const u = S.data.turns[+tx.parentElement.dataset.i];
    const units = node.nodeType === 3 ? off : (off ? u.text.length : 0);
    return u.start + u16ToCp(u.text, units);
  }
  const row = hostEl.closest('.turn');
  if (!row) return null;
  const u = S.data.turns[+row.dataset.i];
  return end ? u.end : u.start;
}

function onSelect(ev) {
  if (!S.data || pick) return;
  const sel = getSelection();
  if (!sel.rangeCount || sel.isCollapsed) return;
  const r = sel.getRangeAt(0);
  if (!$('#transcript').contains(r.commonAncestorContainer)) return;
  const a = pointCp(r.startContainer, r.startOffset, false);
  const b = pointCp(r.endContainer, r.endOffset, true);
  if (a === null || b === null || b <= a) return;
  const rect = r.getBoundingClientRect();
  openPicker(rect.left, rect.bottom + 6, 'code to … (number or word)', code => {
    sel.removeAllRanges();
    change('/api/code', { source: S.source, start: a, end: b, code }, j => {
      S.selected = j.id;
      return `Coded to ${code} (coding ${j.id})`;
    });
  });
}

// ---- the codebook view ------------------------------------------------------

let dragged = null;

function renderTree() {
  const rows = S.codes.map(c => {
    const row = el('div', {
      class: `code d${Math.min(c.depth, 3)}`, draggable: 'true', dataset: { code: c.code },
      ondragstart: () => { dragged = c.code; },
      ondragover: ev => { if (c.depth === 1 && dragged && dragged !== c.code) { ev.preventDefault(); row.classList.add('drop'); } },
      ondragleave: () => row.classList.remove('drop'),
      ondrop: ev => { ev.preventDefault(); row.classList.remove('drop'); moveCode(dragged, c.code); },
      onclick: () => codeDetail(c),
    },
    el('span', { class: 'sw', style: `background:${c.colour}` }),
    el('span', { class: 'num' }, c.code), el('span', { class: 'name' }, c.name),
    el('span', { class: 'n' }, `${c.total} coded` + (c.totalSuggested ? ` · ${c.totalSuggested} suggested` : '') + (c.rules ? ` · ${c.rules} rules` : '')));
    return row;
  });
  const top = el('div', {
    class: 'code', dataset: { code: '' },
    ondragover: ev => { ev.preventDefault(); top.classList.add('drop'); },
    ondragleave: () => top.classList.remove('drop'),
    ondrop: ev => { ev.preventDefault(); top.classList.remove('drop'); moveCode(dragged, ''); },
  }, el('span', { class: 'name' }, 'Drop a code here to make it a main theme of its own'));
  $('#tree').replaceChildren(el('h3', {}, 'The thematic framework (drag a code onto a theme to move it)'), ...rows, top);
  if (!$('#codeform').firstChild) addForm();
}

async function moveCode(from, under) {
  if (!from) return;
  await change('/api/codebook/move', { from, under }, j => `${from} is now ${j.number}`);
}

function addForm() {
  const f = el('form', { id: 'addcode', onsubmit: async ev => {
    ev.preventDefault();
    const d = Object.fromEntries(new FormData(f));
    if (await change('/api/codebook/add', d, `Added ${d.number} ${d.name}`)) f.reset();
  } }, el('h3', {}, 'Add a code'),
  el('label', {}, 'Number ', el('input', { name: 'number', size: 6, required: true, placeholder: '2.5' })),
  el('label', {}, 'Name ', el('input', { name: 'name', required: true })),
  el('label', {}, 'Definition ', el('textarea', { name: 'definition', rows: 3 })),
  el('button', { type: 'submit' }, 'Add'));
  $('#codeform').replaceChildren(el('div', { id: 'codedetail' }), f);
}

// A code's guidance, editable field by field, and its rules.
async function codeDetail(c) {
  const guide = (label, field, value) => {
    const ta = el('textarea', { rows: 3, dataset: { field } });
    ta.value = value || '';
    return el('label', {}, label, ta, el('button', {
      onclick: () => change('/api/codebook/define', { number: c.code, field, text: ta.value }, `${c.code}: ${label.toLowerCase()} saved`),
    }, 'Save'));
  };
  let rules = [];
  try { rules = await api('/api/rules?code=' + encodeURIComponent(c.code)); } catch (e) { say(e.message, true); }
  const rule = el('input', { id: 'newrule', placeholder: '/\\bpattern\\b/i scope=sentence speaker=respondent' });
  const d = el('div', { id: 'codedetail' },
    el('h3', {}, `${c.code} ${c.name}`),
    el('p', {}, `${c.total} codings, ${c.totalSuggested} suggested, ${c.rules} rules`),
    el('p', { class: 'row' },
      el('button', { onclick: async () => {
        const name = prompt(`New name for ${c.code}`, c.name);
        if (name) await change('/api/codebook/rename', { number: c.code, name }, `Renamed ${c.code}`);
      } }, 'Rename'),
      el('button', { onclick: async () => {
        const into = prompt(`Merge ${c.code} into which code?`);
        if (into) await change('/api/codebook/merge', { from: c.code, into }, j => `Merged ${c.code} into ${into} (${j.moved} codings)`);
      } }, 'Merge into…'),
      el('button', { class: 'danger', onclick: async () => {
        const force = c.total + c.totalSuggested > 0;
        if (force && !confirm(`${c.code} has codings: delete them with it?`)) return;
        await change('/api/codebook/delete', { number: c.code, force }, `Deleted ${c.code}`);
      } }, 'Delete')),
    guide('Definition', 'definition', c.definition),
    guide('Use when', 'use', c.use_when),
    guide('Not when', 'not', c.not_when),
    guide('Example', 'example', c.example),
    el('h3', {}, 'Auto-coding rules'),
    ...rules.map(r => el('div', { class: 'rule' }, el('code', {}, `/${r.pattern}/${r.flags}`),
      el('small', {}, ` ${r.scope}, ${r.speaker} · ${r.codings} hits `),
      el('button', { onclick: () => change('/api/codebook/rule', { id: r.id }, `Rule ${r.id} removed`).then(j => j && codeDetail(S.byNum.get(c.code))) }, 'Remove'))),
    el('p', { class: 'row' }, rule, el('button', {
      onclick: () => change('/api/codebook/rule', { number: c.code, rule: rule.value }, j => `Rule ${j.id} added: autocode applies it`).then(j => j && codeDetail(S.byNum.get(c.code))),
    }, 'Add rule')));
  $('#codedetail').replaceWith(d);
}

// ---- charts -----------------------------------------------------------------

async function loadThemes() {
  const themes = await api('/api/themes');
  const sel = $('#theme'), was = sel.value;
  sel.replaceChildren(...themes.map(t => el('option', { value: t.code }, `${t.code} ${t.name}`)));
  if (was) sel.value = was;
}

let chartSeq = 0;
async function showChart() {
  const seq = ++chartSeq; // only the newest answer is shown
  const q = new URLSearchParams({ theme: $('#theme').value });
  // "district=A; sex=F": each condition must hold
  for (const c of $('#where').value.split(';').map(t => t.trim()).filter(Boolean)) q.append('where', c);
  if ($('#sort').value.trim()) q.set('sort', $('#sort').value.trim());
  let ch;
  try { ch = await api('/api/chart?' + q); } catch (e) { say(e.message, true); return; }
  if (seq !== chartSeq) return;
  S.chart = ch;
  const subs = ch.columns.slice(2);
  const flags = new Map();
  for (const k of ch.checks) {
    const key = k.case + '\u0000' + k.code;
    if (!flags.has(key)) flags.set(key, []);
    flags.get(key).push(`${k.problem}${k.detail ? ': ' + k.detail : ''}`);
  }
  const agreements = new Map(ch.agreements.map(a => [a.case + '\u0000' + a.code, a.agreement]));
  const head = el('tr', {}, el('th', {}, 'Case'), ...subs.map(s => el('th', {}, s)));
  const body = ch.rows.map(r => {
    if (r.group !== undefined) return el('tr', { class: 'group' }, el('td', { colspan: subs.length + 1 }, r.group));
    const cs = r.cells[0];
    return el('tr', {}, el('td', { class: 'case' }, cs),
      ...subs.map((s, i) => {
        const code = s.split(' ')[0];
        const probs = flags.get(cs + '\u0000' + code);
        const txt = r.cells[i + 2];
        const agr = agreements.get(cs + '\u0000' + code);
        return el('td', {
          class: 'cell' + (probs ? ' flag' : ''), dataset: { case: cs, code },
          title: probs ? probs.join('\n') : '',
          onclick: ev => openCell(cs, code, ev.currentTarget),
        }, txt.startsWith('[draft]') ? el('span', { class: 'draft' }, txt) : txt,
        agr && el('span', { class: 'agree', title: 'how the group agreed' }, agr));
      }));
  });
  $('#chart').replaceChildren(el('table', { class: 'grid', id: 'charttable' }, el('thead', {}, head), el('tbody', {}, body)));
  if (S.cell) {
    const td = $(`#chart td.cell[data-case="${CSS.escape(S.cell.case)}"][data-code="${CSS.escape(S.cell.code)}"]`);
    if (td) td.classList.add('on');
  }
}

function refOf(p) { return p.line_start === p.line_end ? `L${p.line_start}` : `L${p.line_start}-${p.line_end}`; }

function insertAtCursor(ta, s) {
  const a = ta.selectionStart ?? ta.value.length, b = ta.selectionEnd ?? a;
  const before = ta.value.slice(0, a), after = ta.value.slice(b);
  const glue = before && !/[\s(]$/.test(before) ? ', ' : '';
  ta.value = before + glue + s + after;
  ta.selectionStart = ta.selectionEnd = (before + glue + s).length;
  ta.focus();
}

async function openCell(cs, code, td, keepText) {
  let c;
  try { c = await api(`/api/cell?case=${encodeURIComponent(cs)}&code=${encodeURIComponent(code)}`); } catch (e) { say(e.message, true); return; }
  $$('#chart td.cell.on').forEach(t => t.classList.remove('on'));
  if (td) td.classList.add('on');
  const mine = keepText !== undefined ? keepText : c.summary;
  S.cell = { case: cs, code, base: c.summary };
  const k = S.byNum.get(code);
  const ta = el('textarea', { id: 'summary', placeholder: 'Summarise what the case says, with references (L12-14, L20* for a quote)' });
  ta.value = mine;
  const agree = el('select', { id: 'agreement' }, ...['', 'consensus', 'majority', 'divergent'].map(v => el('option', { value: v }, v || 'agreement (a group)')));
  if (/^single:/.test(c.agreement)) agree.append(el('option', { value: c.agreement }, c.agreement));
  agree.value = c.agreement || '';
  const probs = S.chart ? S.chart.checks.filter(q => q.case === cs && q.code === code) : [];
  $('#cellpane').replaceChildren(
    el('h3', {}, `${cs} × ${code} ${k ? k.name : ''}`),
    c.agreement && el('span', { class: 'agree' }, c.agreement),
    c.updated && el('p', { class: 'about' }, `written ${c.updated.replace('T', ' ').replace('Z', '')}${c.coder ? ' by ' + c.coder : ''}${c.draft ? ' (a draft)' : ''}`),
    probs.length ? el('ul', { class: 'checks' }, ...probs.map(q => el('li', {}, `${q.problem}${q.detail ? ': ' + q.detail : ''}`))) : '',
    ta,
    el('p', { class: 'row' }, agree,
      el('button', { class: 'primary', id: 'savecell', onclick: () => saveCell(ta, agree) }, 'Save'),
      c.draft && el('button', { id: 'acceptdraft', onclick: () => change('/api/cell/accept', { case: cs, code }, 'Draft accepted').then(j => j && openCell(cs, code, td)) }, 'Accept draft'),
      el('button', { onclick: () => memoFor({ case: cs, code }) }, 'Memo on this cell')),
    el('div', { id: 'conflictbox' }),
    el('h3', {}, `Coded passages (${c.passages.length})`),
    ...c.passages.map(p => el('div', { class: 'passage' },
      el('span', { class: 'ref' }, refOf(p)), p.speaker ? el('span', { class: 'who' }, ` ${p.speaker}`) : '', ' ',
      el('button', { class: 'insref', title: 'Insert the reference', onclick: () => insertAtCursor(ta, refOf(p)) }, 'insert ref'),
      el('button', { class: 'insquote', title: 'Insert it as a quote', onclick: () => insertAtCursor(ta, refOf(p) + '*') }, 'as quote *'),
      el('div', {}, p.text))));
}

async function saveCell(ta, agree, overwrite) {
  const body = { case: S.cell.case, code: S.cell.code, summary: ta.value, agreement: agree.value, base: S.cell.base };
  try {
    const j = await api('/api/cell', body);
    S.cell.base = ta.value;
    say('Saved' + (j.notes.length ? ': ' + j.notes.join('; ') : ''));
    $('#conflictbox').replaceChildren();
    await showChart();
  } catch (e) {
    if (e.status !== 409 || !e.body.conflict) { say(e.message, true); return; }
    const theirs = e.body.conflict;
    say(e.message, true);
    $('#conflictbox').replaceChildren(el('div', { class: 'conflict' },
      el('p', {}, el('b', {}, `Changed by ${theirs.by || 'someone'} at ${theirs.at}:`)),
      el('p', { id: 'theirs' }, theirs.summary || '(empty)'),
      el('p', { class: 'row' },
        el('button', { id: 'taketheirs', onclick: () => { ta.value = theirs.summary; S.cell.base = theirs.summary; $('#conflictbox').replaceChildren(); } }, 'Take theirs'),
        el('button', { id: 'keepmine', onclick: () => { S.cell.base = theirs.summary; saveCell(ta, agree, true); } }, 'Keep mine (replace theirs)'))));
  }
}

// ---- memos ----------------------------------------------------------------------

async function loadMemos() {
  const memos = await api('/api/memos');
  $('#memolist').replaceChildren(el('h3', {}, `Memos (${memos.length})`), ...memos.map(m => el('div', {
    class: 'memo', onclick: () => editMemo(m),
  }, el('b', {}, m.title || m.text.split('\n')[0].slice(0, 80)), ' ', el('span', { class: 'tag' }, m.kind),
  el('div', { class: 'about' }, `${m.target}${m.case ? ' ' + m.case : ''}${m.code ? ' ' + m.code : ''}${m.group ? ' ' + m.group : ''}${m.source ? ' ' + m.source : ''}${m.line_start ? ' L' + m.line_start + (m.line_end !== m.line_start ? '-' + m.line_end : '') : ''} · ${m.author} · ${m.updated_at}`))));
  if (!$('#memoform').firstChild) memoFor({});
}

function memoFor(about) {
  setView('memos');
  const f = el('form', { id: 'newmemo', onsubmit: async ev => {
    ev.preventDefault();
    const d = Object.fromEntries(new FormData(f));
    for (const k of ['line_start', 'line_end']) d[k] = d[k] ? parseInt(d[k], 10) : 0;
    if (await change('/api/memo', d, j => `Memo ${j.id} written`)) f.reset();
  } }, el('h3', {}, 'A new memo'),
  el('label', {}, 'Kind ', el('select', { name: 'kind' }, ...['note', 'analytic', 'method', 'reflexive'].map(k => el('option', {}, k)))),
  el('label', {}, 'Title ', el('input', { name: 'title', size: 30 })),
  el('label', {}, 'About: case ', el('input', { name: 'case', size: 8, value: about.case || '' }), ' code ', el('input', { name: 'code', size: 5, value: about.code || '' }), ' group ', el('input', { name: 'group', size: 14, value: about.group || '' })),
  el('label', {}, 'or transcript ', el('input', { name: 'source', size: 14, value: about.source || '' }), ' lines ', el('input', { name: 'line_start', size: 4, value: about.line_start || '' }), '–', el('input', { name: 'line_end', size: 4, value: about.line_end || '' })),
  el('textarea', { name: 'text', required: true }),
  el('button', { type: 'submit', class: 'primary' }, 'Write the memo'));
  $('#memoform').replaceChildren(f);
}

function editMemo(m) {
  const ta = el('textarea', { id: 'memotext' });
  ta.value = m.text;
  let base = m.text;
  const box = el('div', {});
  const save = async () => {
    try {
      await api('/api/memo/edit', { id: m.id, text: ta.value, title: m.title, base });
      base = ta.value;
      say(`Memo ${m.id} saved`);
      box.replaceChildren();
      await loadMemos();
    } catch (e) {
      say(e.message, true);
      if (e.body && e.body.conflict) {
        const t = e.body.conflict;
        box.replaceChildren(el('div', { class: 'conflict' }, el('b', {}, `Changed by ${t.by} at ${t.at}:`), el('p', {}, t.text),
          el('button', { onclick: () => { base = t.text; save(); } }, 'Keep mine (replace theirs)')));
      }
    }
  };
  $('#memoform').replaceChildren(el('h3', {}, `Memo ${m.id}: ${m.title || ''}`), el('p', { class: 'about' }, `${m.target} · ${m.author}`), ta,
    el('p', { class: 'row' }, el('button', { class: 'primary', onclick: save }, 'Save'), el('button', { onclick: () => memoFor({}) }, 'New memo')), box);
}

// ---- search and the matrix ------------------------------------------------------

async function runSearch() {
  const q = $('#q').value.trim();
  if (!q) return;
  let r;
  try { r = await api('/api/search?q=' + encodeURIComponent(q)); } catch (e) { say(e.message, true); return; }
  $('#hits').replaceChildren(el('h3', {}, `${r.total} hits` + (r.total > r.hits.length ? ` (the first ${r.hits.length} shown)` : '')),
    ...r.hits.map(h => el('div', { class: 'hit' },
      el('a', { class: 'where', href: '#', onclick: ev => { ev.preventDefault(); openAt(h.source, parseInt(String(h.line).replace(/^L/, ''), 10)); } }, `${h.case} ${h.source} ${h.line}`),
      h.context)));
}

async function codeHits() {
  const q = $('#q').value.trim(), code = $('#searchcode').value.trim();
  if (!q || !code) { say('Search first, and name the code', true); return; }
  await change('/api/search/code', { q, code }, j => `Coded ${j.coded} hits to ${code}`);
}

async function openAt(source, line) {
  setView('read');
  await openSource(source);
  const row = $$('#transcript .turn').find(r => { const u = S.data.turns[+r.dataset.i]; return u.line_start <= line && line <= u.line_end; });
  if (row) row.scrollIntoView({ block: 'center' });
}

async function showMatrix() {
  const q = new URLSearchParams({ rows: $('#mrows').value, cols: $('#mcols').value, count: $('#mcount').value });
  let m;
  try { m = await api('/api/matrix?' + q); } catch (e) { say(e.message, true); return; }
  $('#matrix').replaceChildren(el('table', { class: 'grid' },
    el('thead', {}, el('tr', {}, ...m.columns.map(c => el('th', {}, c)))),
    el('tbody', {}, ...m.rows.map(r => r.group !== undefined
      ? el('tr', { class: 'group' }, el('td', { colspan: m.columns.length }, r.group))
      : el('tr', {}, ...r.cells.map(c => el('td', {}, c)))))));
}

// ---- the report, as charter report writes it ------------------------------

async function writeReport() {
  $('#writereport').disabled = true;
  try {
    const r = await api('/api/report', {});
    $('#reportinfo').textContent = `${r.chapters} chapters, ${r.summaries} summaries, ${r.quotes} quotes` +
      (r.placeholders ? `, ${r.placeholders} ${r.placeholders === 1 ? 'memo' : 'memos'} still to write` : '') +
      (r.warnings.length ? ` · ${r.warnings.length} warnings: ${r.warnings.slice(0, 3).join('; ')}` : '');
    $('#reportframe').src = r.url + '?t=' + Date.now();
  } catch (e) { say(e.message, true); } finally { $('#writereport').disabled = false; }
}

// ---- views, undo, keeping up to date ------------------------------------------

function setView(v) {
  S.view = v;
  $$('#tabs button').forEach(b => b.classList.toggle('on', b.dataset.view === v));
  $$('main > .view').forEach(s => { s.hidden = s.id !== 'view-' + v; });
  refresh().catch(e => say(e.message, true));
}

async function refresh() {
  await loadCodes();
  if (S.view === 'read') {
    await loadSources();
    if (S.source) await openSource(S.source, true);
  } else if (S.view === 'codebook') renderTree();
  else if (S.view === 'chart') {
    await loadThemes();
    await showChart();
  } else if (S.view === 'memos') await loadMemos();
}

async function undoRedo(which) {
  try {
    const j = await api('/api/' + which, {});
    const e = (j.undid || j.redid)[0];
    say(`${which === 'undo' ? 'Undid' : 'Redid'}: ${e.verb}`);
    await refresh();
  } catch (e) { say(e.message, true); }
}

async function poll() {
  try {
    const j = await api('/api/changes?since=' + S.entry);
    const others = j.entries.filter(e => e.coder !== coder());
    S.entry = j.entry;
    if (others.length) {
      const e = others[others.length - 1];
      say(`${e.coder}: ${e.verb} ${e.args}`);
      // a cell being written is not replaced under the writer's hands
      if (S.view !== 'chart' || !S.cell) await refresh();
      else await showChart();
    }
  } catch (e) { /* the server may be restarting; ask again later */ }
}

async function start() {
  try {
    S.session = await api('/api/session');
  } catch (e) {
    if (e.status === 401) return showLogin();
    say(e.message, true);
    return;
  }
  $('#view-login').hidden = true;
  $('#project').textContent = S.session.project;
  S.entry = S.session.entry;
  const ci = $('#coder');
  ci.value = coder();
  if (S.session.team) { ci.disabled = true; $('#logout').hidden = false; }
  ci.addEventListener('change', () => { if (ci.value.trim()) localStorage.setItem('charter.coder', ci.value.trim()); });
  $$('#tabs button').forEach(b => b.addEventListener('click', () => setView(b.dataset.view)));
  $('#undo').addEventListener('click', () => undoRedo('undo'));
  $('#redo').addEventListener('click', () => undoRedo('redo'));
  $('#logout').addEventListener('click', async () => { await api('/api/logout', {}); location.reload(); });
  $('#transcript').addEventListener('mouseup', () => setTimeout(onSelect, 0));
  $('#transcript').addEventListener('keyup', ev => { if (ev.shiftKey) onSelect(ev); });
  $('#pickq').addEventListener('input', () => { pick.at = 0; fillPicker(); });
  $('#pickq').addEventListener('keydown', pickerKeys);
  $('#pickq').addEventListener('blur', () => setTimeout(closePicker, 150));
  $('#chartopts').addEventListener('submit', ev => { ev.preventDefault(); showChart(); });
  $('#theme').addEventListener('change', showChart);
  $('#searchform').addEventListener('submit', ev => { ev.preventDefault(); runSearch(); });
  $('#codehits').addEventListener('click', codeHits);
  $('#matrixform').addEventListener('submit', ev => { ev.preventDefault(); showMatrix(); });
  $('#writereport').addEventListener('click', writeReport);
  document.addEventListener('keydown', ev => {
    const inField = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (!inField && (ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'z') {
      ev.preventDefault();
      undoRedo(ev.shiftKey ? 'redo' : 'undo');
      return;
    }
    // reviewing from the keyboard in the transcript: N next, A accept, R reject
    if (inField || pick || ev.ctrlKey || ev.metaKey || ev.altKey || S.view !== 'read' || !S.data) return;
    const c = S.data.codings.find(k => k.id === S.selected);
    const key = ev.key.toLowerCase();
    if (key === 'n') nextSuggestion();
    else if ((key === 'a' || key === 'r') && c && c.status === 'suggested')
      decide(c, key === 'a' ? 'accept' : 'reject').then(() => nextSuggestion(true));
    else return;
    ev.preventDefault();
  });
  await loadCodes();
  await loadSources();
  const last = localStorage.getItem('charter.source');
  const first = $('#sources .src');
  const want = last && $$('#sources .src').find(b => b.dataset.source === last) ? last : first && first.dataset.source;
  if (want) await openSource(want);
  setInterval(poll, 2500);
  document.body.dataset.ready = '1';
}

function showLogin() {
  document.body.classList.add('signed-out');
  $$('main > .view').forEach(s => { s.hidden = s.id !== 'view-login'; });
  $('#login').addEventListener('submit', async ev => {
    ev.preventDefault();
    const d = Object.fromEntries(new FormData(ev.target));
    try { await api('/api/login', d); location.reload(); } catch (e) { say(e.message, true); }
  });
}

start();
