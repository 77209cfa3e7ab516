// The workbench in a real browser (Debian's chromium, driven by Playwright):
// each scenario does what a researcher does and then asks the project, through
// charter itself, whether what was stored is right.  A screenshot of each
// scenario is kept in OUTDIR.
//
// usage: node tests/browser/workbench.mjs CHARTER OUTDIR
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync as require_fs_write } from 'node:fs';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';

const [charter, out] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
const fx = path.join(here, 'fixtures');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const P = path.join(out, 'study.charter');

const run = (...args) => execFileSync(charter, ['-p', P, ...args], { encoding: 'utf8' });
const sql = q => JSON.parse(run('sql', '--format', 'json', q));

// the project: two clients, the study's framework, auto-coding's suggestions
execFileSync(charter, ['init', P]);
run('cases', 'import', path.join(fx, 'cases.csv'));
run('ingest', path.join(fx, 'em01.txt'), path.join(fx, 'em02.txt'));
run('codebook', 'import', path.join(here, '../../codebooks/pathways.txt'));
run('autocode');

// charter serve on a free port; the address it prints
const server = spawn(charter, ['-p', P, 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', d => {
    text += d;
    const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})/);
    if (m) resolve(m[0]);
  });
  server.on('exit', c => reject(new Error(`charter serve exited (${c})`)));
  setTimeout(() => reject(new Error('charter serve printed no address')), 15000);
});
const origin = new URL(url).origin, port = new URL(url).port, token = new URL(url).searchParams.get('token');

function raw(method, p, headers, body) {
  return new Promise((resolve, reject) => {
    const rq = http.request({ host: '127.0.0.1', port, path: p, method, headers }, rs => {
      let b = '';
      rs.on('data', d => { b += d; });
      rs.on('end', () => resolve({ status: rs.statusCode, headers: rs.headers, body: b }));
    });
    rq.on('error', reject);
    if (body) rq.write(body);
    rq.end();
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
let failed = 0, passed = 0;
const errors = [];

async function open(coder) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await ctx.newPage();
  page.on('pageerror', e => errors.push(`${coder}: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(`${coder}: ${m.text()}`); });
  await page.addInitScript(c => localStorage.setItem('charter.coder', c), coder);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  return { ctx, page };
}

async function scenario(name, fn) {
  const shot = (page, suffix = '') => page.screenshot({ path: path.join(out, `${name}${suffix}.png`) });
  try {
    await fn(shot);
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    const at = (e.stack.split('\n').find(l => l.includes('workbench.mjs')) || '').trim();
    console.log(`FAIL ${name}\n     ${e.message.split('\n').slice(0, 8).join('\n     ')}\n     ${at}`);
  }
}

// Select words of a turn in the page (from the first word to the end of the
// last, as a researcher's drag does) and let go of the mouse.
async function selectWords(page, from, to) {
  await page.evaluate(([a, b]) => {
    const tx = [...document.querySelectorAll('#transcript .tx')].find(e => e.textContent.includes(a));
    const t = tx.firstChild, i = t.data.indexOf(a), j = t.data.indexOf(b, i) + b.length;
    const r = document.createRange();
    r.setStart(t, i);
    r.setEnd(t, j);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    tx.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, [from, to]);
  await page.waitForSelector('#picker:not([hidden])');
}

// Code points of the words in the stored transcript, as charter counts them.
function span(source, from, to) {
  const text = sql(`SELECT text FROM source WHERE name='${source}'`)[0].text;
  const i = text.indexOf(from), j = text.indexOf(to, i) + to.length;
  return [[...text.slice(0, i)].length, [...text.slice(0, j)].length];
}

// Wait until fn() holds (up to 10 s), asking the project, not the page.
async function until(fn) {
  for (let i = 0; i < 100; i++) {
    if (fn()) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('waited 10 s: ' + fn);
}
const cellNow = () => sql("SELECT summary FROM v_cells WHERE \"case\"='EM01' AND code='6.1'")[0].summary;

const codings = (extra = '') => sql(`SELECT id, code, start, "end", status, origin FROM v_codings WHERE source='em01.txt' ${extra} ORDER BY id`);

await scenario('refused-without-token', async () => {
  let r = await raw('GET', '/api/sources', { Host: `127.0.0.1:${port}` });
  assert.equal(r.status, 403);
  assert.match(JSON.parse(r.body).error, /no session/);
  r = await raw('GET', '/', { Host: `127.0.0.1:${port}` });
  assert.equal(r.status, 403);
  r = await raw('GET', '/?token=' + '0'.repeat(64), { Host: `127.0.0.1:${port}` });
  assert.equal(r.status, 403);
  // another name for this address (DNS rebinding) is refused, token or not
  r = await raw('GET', '/api/sources', { Host: `attacker.example:${port}`, Authorization: `Bearer ${token}` });
  assert.equal(r.status, 421);
  // a write without the page's CSRF token changes nothing
  const before = codings().length;
  r = await raw('POST', '/api/code', { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    JSON.stringify({ source: 'em01.txt', start: 0, end: 5, code: '2.1' }));
  assert.equal(r.status, 403);
  assert.equal(codings().length, before);
  // the token becomes an HttpOnly, SameSite cookie, and the page has a strict policy
  r = await raw('GET', '/?token=' + token, { Host: `127.0.0.1:${port}` });
  assert.equal(r.status, 303);
  assert.match(r.headers['set-cookie'][0], /HttpOnly; SameSite=Strict/);
  assert.match(r.headers['content-security-policy'], /default-src 'none'; script-src 'self'/);
  assert.equal(r.headers['access-control-allow-origin'], undefined);
  // a browser page from another origin cannot read the API
  const { ctx, page } = await open('eve');
  const p2 = await ctx.newPage();
  await p2.goto('about:blank');
  const got = await p2.evaluate(async o => {
    try { const r2 = await fetch(o + '/api/session'); return 'read ' + r2.status; } catch (e) { return 'blocked'; }
  }, origin);
  assert.equal(got, 'blocked');
  await ctx.close();
});

await scenario('code-emoji-span', async shot => {
  const { ctx, page } = await open('ana');
  await page.click('#sources .src[data-source="em01.txt"]');
  await page.waitForSelector('#transcript .tx');
  await selectWords(page, 'Honestly', 'adviser 👩🏽‍💼');
  await page.fill('#pickq', 'sanction');
  await page.fill('#pickq', '6.1');
  await shot(page, '-picker');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Coded to 6.1/.test(document.querySelector('#status').textContent));
  const [a, b] = span('em01.txt', 'Honestly', 'adviser 👩🏽‍💼');
  const c = codings("AND origin='manual'");
  assert.equal(c.length, 1);
  assert.deepEqual([c[0].code, c[0].start, c[0].end, c[0].status], ['6.1', a, b, 'confirmed']);
  // the astral characters count one each: the browser's UTF-16 offsets differ
  const text = sql("SELECT text FROM source WHERE name='em01.txt'")[0].text;
  assert.notEqual(text.indexOf('Honestly'), a);
  const coder = sql(`SELECT d.name FROM coding g JOIN coder d ON d.id=g.coder_id WHERE g.id=${c[0].id}`)[0].name;
  assert.equal(coder, 'ana');
  await page.waitForSelector(`.stripe[data-id="${c[0].id}"]`);
  await shot(page, '');
  await ctx.close();
});

await scenario('remove-undo-redo', async shot => {
  const { ctx, page } = await open('ana');
  await page.click('#sources .src[data-source="em01.txt"]');
  const id = codings("AND origin='manual'")[0].id;
  await page.click(`.stripe[data-id="${id}"]`);
  await page.waitForSelector('#codingbox #remove');
  await shot(page, '-coding');
  await page.click('#codingbox #remove');
  await page.waitForFunction(() => /Removed 6.1/.test(document.querySelector('#status').textContent));
  assert.equal(codings(`AND id=${id}`).length, 0);
  await page.click('#undo');
  await page.waitForFunction(() => /Undid: code remove/.test(document.querySelector('#status').textContent));
  assert.equal(codings(`AND id=${id}`).length, 1);
  await page.waitForSelector(`.stripe[data-id="${id}"]`);
  await page.click('#redo');
  await page.waitForFunction(() => /Redid: undo/.test(document.querySelector('#status').textContent));
  assert.equal(codings(`AND id=${id}`).length, 0);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(id2 => document.querySelector(`.stripe[data-id="${id2}"]`), id);
  assert.equal(codings(`AND id=${id}`).length, 1);
  await shot(page, '');
  await ctx.close();
});

await scenario('review-suggestions', async shot => {
  const { ctx, page } = await open('ana');
  await page.click('#sources .src[data-source="em01.txt"]');
  const sug = codings("AND status='suggested'");
  assert.ok(sug.length >= 2, `auto-coding suggested ${sug.length}`);
  await page.waitForSelector(`.stripe.suggested[data-id="${sug[0].id}"]`);
  await shot(page, '-before');
  await page.click(`.stripe[data-id="${sug[0].id}"]`);
  await page.click('#codingbox #accept');
  await page.waitForFunction(() => /Accepted/.test(document.querySelector('#status').textContent));
  await page.click(`.stripe[data-id="${sug[1].id}"]`);
  await page.click('#codingbox #reject');
  await page.waitForFunction(() => /Rejected/.test(document.querySelector('#status').textContent));
  const now = Object.fromEntries(codings().map(c => [c.id, c.status]));
  assert.equal(now[sug[0].id], 'confirmed');
  assert.equal(now[sug[1].id], 'rejected'); // kept, so that auto-coding does not suggest it again
  // the rejected suggestion's stripe is gone from the page
  assert.equal(await page.locator(`.stripe[data-id="${sug[1].id}"]`).count(), 0);
  // from the keyboard: N shows the next suggestion, A accepts it
  const left = codings("AND status='suggested'");
  assert.ok(left.length >= 1);
  await page.click('#readhead b');
  await page.keyboard.press('n');
  await page.waitForSelector(`#codingbox[data-id="${left[0].id}"] #accept`);
  await page.keyboard.press('a');
  await page.waitForFunction(() => /^Accepted/.test(document.querySelector('#status').textContent));
  assert.equal(sql(`SELECT status FROM v_codings WHERE id=${left[0].id}`)[0].status, 'confirmed');
  if (left.length === 1) // the last one: said so, what was accepted still said
    await page.waitForFunction(() => /^Accepted .* · no suggestions are left/.test(document.querySelector('#status').textContent));
  await shot(page, '');
  await ctx.close();
});

await scenario('cell-reference', async shot => {
  const { ctx, page } = await open('ana');
  await page.click('#tabs button[data-view="chart"]');
  await page.selectOption('#theme', '6');
  await page.waitForSelector('#chart td.cell[data-case="EM01"][data-code="6.1"]');
  await page.click('#chart td.cell[data-case="EM01"][data-code="6.1"]');
  await page.waitForSelector('#cellpane .passage');
  await page.fill('#summary', 'Felt less worried after the first meeting');
  await page.focus('#summary');
  await page.keyboard.press('End');
  await page.click('#cellpane .passage .insquote');
  assert.equal(await page.inputValue('#summary'), 'Felt less worried after the first meeting, L5*');
  await page.click('#savecell');
  await page.waitForFunction(() => /^Saved/.test(document.querySelector('#status').textContent));
  const cell = sql("SELECT summary FROM v_cells WHERE \"case\"='EM01' AND code='6.1'");
  assert.equal(cell[0].summary, 'Felt less worried after the first meeting, L5*');
  await page.waitForFunction(() => document.querySelector('#chart td.cell[data-code="6.1"]').textContent.includes('L5*'));
  await shot(page, '');
  await ctx.close();
});

await scenario('cell-conflict', async shot => {
  const a = await open('ana'), b = await open('bo');
  for (const { page } of [a, b]) {
    await page.click('#tabs button[data-view="chart"]');
    await page.selectOption('#theme', '6');
    await page.click('#chart td.cell[data-case="EM01"][data-code="6.1"]');
    await page.waitForSelector('#cellpane #summary');
  }
  await b.page.fill('#summary', "Bo's reading: reassured by the adviser (L5)");
  await b.page.click('#savecell');
  // (the project, not the status line: another coder's change said by the
  // page's poll may take its place)
  await until(() => cellNow() === "Bo's reading: reassured by the adviser (L5)");
  await a.page.fill('#summary', "Ana's reading: less worried (L5*)");
  await a.page.click('#savecell');
  await a.page.waitForSelector('#conflictbox .conflict');
  assert.match(await a.page.textContent('#theirs'), /Bo's reading/);
  assert.match(await a.page.textContent('#conflictbox'), /Changed by bo/);
  // nothing lost: bo's summary stored, ana's still in her editor
  assert.equal(sql("SELECT summary FROM v_cells WHERE \"case\"='EM01' AND code='6.1'")[0].summary, "Bo's reading: reassured by the adviser (L5)");
  assert.equal(await a.page.inputValue('#summary'), "Ana's reading: less worried (L5*)");
  await shot(a.page, '');
  await a.page.click('#keepmine');
  await until(() => cellNow() === "Ana's reading: less worried (L5*)");
  assert.equal(sql("SELECT summary FROM v_cells WHERE \"case\"='EM01' AND code='6.1'")[0].summary, "Ana's reading: less worried (L5*)");
  // both are in the history, each by its coder
  const h = sql("SELECT coder FROM v_history WHERE verb='cell set' ORDER BY entry").map(r => r.coder);
  assert.deepEqual(h.slice(-2), ['bo', 'ana']);
  await a.ctx.close();
  await b.ctx.close();
});

await scenario('others-changes-appear', async shot => {
  const a = await open('ana');
  await a.page.click('#sources .src[data-source="em02.txt"]');
  await a.page.waitForSelector('#transcript .tx');
  // another coder codes from the command line while the page is open
  run('--coder', 'cy', 'code', 'add', 'EM02', '--lines', '9', '3.3');
  const id = sql("SELECT max(id) AS id FROM v_codings WHERE source='em02.txt' AND code='3.3'")[0].id;
  await a.page.waitForFunction(() => /cy: code add/.test(document.querySelector('#status').textContent), null, { timeout: 10000 });
  await a.page.waitForSelector(`.stripe[data-id="${id}"]`);
  await shot(a.page, '');
  await a.ctx.close();
});

await scenario('codebook-edit', async shot => {
  const { ctx, page } = await open('ana');
  await page.click('#tabs button[data-view="codebook"]');
  await page.fill('#addcode input[name=number]', '9.9');
  await page.fill('#addcode input[name=name]', 'Emoji and tone');
  await page.click('#addcode button[type=submit]');
  await page.waitForSelector('.code[data-code="9.9"]');
  await page.dragAndDrop('.code[data-code="9.9"]', '.code[data-code="8"]');
  await page.waitForFunction(() => /9.9 is now 8\./.test(document.querySelector('#status').textContent));
  const n = sql("SELECT code FROM v_codebook WHERE name='Emoji and tone'")[0].code;
  assert.match(n, /^8\.\d+$/);
  // its guidance and a rule, written in the code's panel
  await page.click(`.code[data-code="${n}"]`);
  await page.waitForSelector('#codedetail textarea[data-field="definition"]');
  await page.fill('#codedetail textarea[data-field="definition"]', 'Feelings shown by emoji 😀 or tone');
  await page.click('#codedetail label:has(textarea[data-field="definition"]) button');
  await page.waitForFunction(() => /definition saved/.test(document.querySelector('#status').textContent));
  assert.equal(sql(`SELECT definition FROM v_codebook WHERE code='${n}'`)[0].definition, 'Feelings shown by emoji 😀 or tone');
  await page.fill('#newrule', '/\\bworried\\b/i');
  await page.click('#codedetail button:text("Add rule")');
  await page.waitForFunction(() => /Rule \d+ added/.test(document.querySelector('#status').textContent));
  await page.waitForSelector('#codedetail .rule code');
  assert.equal(sql(`SELECT r.pattern FROM rule r JOIN code c ON c.id=r.code_id WHERE c.number='${n}'`)[0].pattern, '\\bworried\\b');
  // a pattern that does not compile is refused, and said
  await page.fill('#newrule', '/(unclosed/');
  await page.click('#codedetail button:text("Add rule")');
  await page.waitForFunction(() => /bad pattern/.test(document.querySelector('#status').textContent));
  assert.equal(sql(`SELECT count(*) AS n FROM rule r JOIN code c ON c.id=r.code_id WHERE c.number='${n}'`)[0].n, 1);
  await shot(page, '');
  await ctx.close();
});

await scenario('team-sign-in-https', async shot => {
  // a team's workbench: HTTPS with the study's certificate, users who sign in
  const cert = path.join(out, 'cert.pem'), key = path.join(out, 'key.pem'), users = path.join(out, 'users.txt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  const line = execFileSync(charter, ['serve', '--add-user', 'dee'], { input: 'a long password\n', encoding: 'utf8' });
  assert.match(line, /^dee:\$argon2id\$/);
  require_fs_write(users, line);
  const team = spawn(charter, ['-p', P, 'serve', '--listen', '127.0.0.1', '--users', users, '--cert', cert, '--key', key],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const turl = await new Promise((resolve, reject) => {
      let t = '';
      team.stdout.on('data', d => { t += d; const m = t.match(/https:\/\/127\.0\.0\.1:\d+\//); if (m) resolve(m[0]); });
      setTimeout(() => reject(new Error('no address')), 15000);
    });
    assert.doesNotMatch(turl, /token=/);
    const ctx = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } });
    const page = await ctx.newPage();
    page.on('pageerror', e => errors.push(`dee: ${e.message}`));
    await page.goto(turl);
    await page.waitForSelector('#login:visible');
    await page.fill('#login input[name=user]', 'dee');
    await page.fill('#login input[name=password]', 'not it');
    await page.click('#login button');
    await page.waitForFunction(() => /do not sign in/.test(document.querySelector('#status').textContent));
    await shot(page, '-login');
    await page.fill('#login input[name=password]', 'a long password');
    await page.click('#login button');
    await page.waitForSelector('body[data-ready="1"]');
    assert.equal(await page.inputValue('#coder'), 'dee');
    assert.ok(await page.isDisabled('#coder'));
    const cookie = (await ctx.cookies()).find(c => c.name === 'charter_session');
    assert.ok(cookie.secure && cookie.httpOnly && cookie.sameSite === 'Strict');
    await page.click('#sources .src[data-source="em02.txt"]');
    await page.waitForFunction(() => document.querySelector('#readhead b').textContent === 'em02.txt');
    await selectWords(page, 'The adviser', 'computer');
    await page.fill('#pickq', '2.1');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Coded to 2.1/.test(document.querySelector('#status').textContent));
    assert.equal(sql("SELECT coder FROM v_history ORDER BY entry DESC LIMIT 1")[0].coder, 'dee');
    await shot(page, '');
    await ctx.close();
  } finally {
    team.kill('SIGTERM');
    await new Promise(r => team.on('exit', r));
  }
});

await browser.close();
server.kill('SIGTERM');
const code = await new Promise(r => server.on('exit', c => r(c)));
if (code !== 0) { failed++; console.log(`FAIL charter serve stopped with ${code}`); }
if (errors.length) { failed++; console.log('FAIL errors in the page:\n  ' + errors.join('\n  ')); }
console.log(`browser: ${passed} scenarios passed, ${failed} failed (screenshots in ${out})`);
process.exit(failed ? 1 : 0);
