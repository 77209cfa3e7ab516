// make bench, the workbench part: in headless chromium, the time to first
// render of a 300,000-character transcript (and to scroll it to its end)
// and of a 60-case x 12-column chart; then 20 simulated coders writing
// codings and cells on loopback for BENCH_SERVE_S seconds (default 60):
// requests per second, p50/p95 latency, errors (must be 0) and a count of
// what the project holds against what the coders were told was stored.
//
// usage: node tools/bench_serve.mjs CHARTER WORKDIR
import { chromium } from '../tests/browser/node_modules/playwright-core/index.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [charter, dir] = process.argv.slice(2);
const seconds = Number(process.env.BENCH_SERVE_S || 60);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const P = path.join(dir, 'bench.charter');
const run = (...a) => execFileSync(charter, ['-p', P, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });

// ---- the study: one long interview and 60 short ones, 12 sub-themes ----
const words = ('the adviser said I could do the course if I felt ready and the money ' +
  'was a worry because of the rent and my health café naïve 😀 screening tool ' +
  'work focused interview provider letter appointment sanction childcare').split(' ');
let seed = 7;
const rnd = n => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const sentence = n => Array.from({ length: n }, () => words[rnd(words.length)]).join(' ') + '.';
let long = 'Client interview L01, a long one.\n\n';
for (let t = 0; long.length < 300000; t++)
  long += (t % 2 ? 'RESPONDENT: ' : 'INTERVIEWER: ') + sentence(20 + rnd(60)) + '\n\n';
writeFileSync(path.join(dir, 'l01.txt'), long);
let cases = 'id,actor_group,district\nL01,Clients,A\n';
const files = [path.join(dir, 'l01.txt')];
for (let i = 1; i <= 60; i++) {
  const id = 'C' + String(i).padStart(2, '0');
  cases += `${id},${['Clients', 'Advisers', 'Providers'][i % 3]},${'ABCD'[i % 4]}\n`;
  let t = `Interview ${id}.\n\n`;
  for (let k = 0; k < 12; k++) t += `INTERVIEWER: ${sentence(8)}\n\nRESPONDENT: ${sentence(30)}\n\n`;
  const f = path.join(dir, id.toLowerCase() + '.txt');
  writeFileSync(f, t);
  files.push(f);
}
writeFileSync(path.join(dir, 'cases.csv'), cases);
let cb = 'title: bench\n1 Experiences\n';
const pats = ['adviser', 'course', 'money', 'rent', 'health', 'screening', 'provider', 'letter', 'appointment', 'sanction', 'childcare', 'worry'];
pats.forEach((w, i) => { cb += `1.${i + 1} Sub-theme ${i + 1}\n  rule: /\\b${w}\\b/i scope=sentence speaker=respondent\n`; });
writeFileSync(path.join(dir, 'codebook.txt'), cb);
execFileSync(charter, ['init', P]);
run('cases', 'import', path.join(dir, 'cases.csv'));
run('ingest', ...files);
run('codebook', 'import', path.join(dir, 'codebook.txt'));
run('autocode');
run('review', 'accept', '--all');
run('chart', 'summarise', '1');
const chars = [...long].length;

// ---- the server ----
const server = spawn(charter, ['-p', P, 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', d => { text += d; const m = text.match(/http:\/\/\S+token=[0-9a-f]+/); if (m) resolve(m[0]); });
  setTimeout(() => reject(new Error('no address')), 15000);
});
const port = Number(new URL(url).port), token = new URL(url).searchParams.get('token');

// ---- first renders in chromium ----
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(url);
await page.waitForSelector('body[data-ready="1"]');
const median = v => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
const firstRender = [], scrollEnd = [], chartRender = [];
for (let i = 0; i < 3; i++) {
  await page.click('#sources .src[data-source="c01.txt"]');
  await page.waitForFunction(() => document.querySelector('#readhead b').textContent === 'c01.txt');
  firstRender.push(await page.evaluate(async () => {
    const t0 = performance.now();
    document.querySelector('#sources .src[data-source="l01.txt"]').click();
    await new Promise(r => { const f = () => (document.querySelector('#readhead b') || {}).textContent === 'l01.txt' ? r() : requestAnimationFrame(f); f(); });
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }));
  scrollEnd.push(await page.evaluate(async () => {
    const box = document.querySelector('#transcript');
    const t0 = performance.now();
    for (let y = 0; y < box.scrollHeight; y += box.clientHeight) {
      box.scrollTop = y;
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return performance.now() - t0;
  }));
}
const turns = await page.locator('#transcript .turn').count();
const pages = await page.evaluate(() => Math.ceil(document.querySelector('#transcript').scrollHeight / document.querySelector('#transcript').clientHeight));
await page.click('#tabs button[data-view="chart"]');
await page.waitForSelector('#chart td.cell');
for (let i = 0; i < 3; i++) {
  chartRender.push(await page.evaluate(async () => {
    document.querySelector('#chart').replaceChildren();
    const t0 = performance.now();
    document.querySelector('#chartopts button').click();
    await new Promise(r => { const f = () => document.querySelector('#chart td.cell') ? r() : requestAnimationFrame(f); f(); });
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }));
}
const cells = await page.locator('#chart td.cell').count();
await browser.close();
console.log(`workbench: transcript of ${chars.toLocaleString('en')} characters, ${turns} turns: first render ${median(firstRender).toFixed(0)} ms, scrolled to its end page by page (${pages} pages) ${median(scrollEnd).toFixed(0)} ms (medians of 3)`);
console.log(`workbench: chart of 60 cases x 12 sub-themes (${cells} cells): first render ${median(chartRender).toFixed(0)} ms (median of 3)`);

// ---- 20 coders for `seconds` on loopback ----
const agent = new http.Agent({ keepAlive: true, maxSockets: 40 });
function call(method, p, coder, body, csrf) {
  return new Promise(resolve => {
    const t0 = process.hrtime.bigint();
    const data = body ? JSON.stringify(body) : null;
    const rq = http.request({
      host: '127.0.0.1', port, path: p, method, agent,
      headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}`, 'X-Charter-Coder': coder,
        ...(data ? { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'Content-Length': Buffer.byteLength(data) } : {}) },
    }, rs => {
      let b = '';
      rs.on('data', d => { b += d; });
      rs.on('end', () => resolve({ status: rs.statusCode, body: b, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    rq.on('error', e => resolve({ status: 0, body: String(e), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    if (data) rq.write(data);
    rq.end();
  });
}
const session = JSON.parse((await call('GET', '/api/session', 'x')).body);
const src = JSON.parse((await call('GET', '/api/source?name=c01.txt', 'x')).body);
const spans = src.turns.filter(u => u.role === 'respondent');
const lat = [], errors = [];
let codingsOk = 0, cellsOk = 0, reads = 0;
const lastCell = new Map();
const ids = new Set(); // a span coded again is the coding already there
const until = Date.now() + seconds * 1000;
async function coder(n) {
  const name = `bench${n}`;
  const cs = 'C' + String(n % 60 + 1).padStart(2, '0');
  for (let k = 0; Date.now() < until; k++) {
    let r;
    if (k % 4 === 3) {
      // a cell of the coder's own case: read it, then write on what was read
      const code = `1.${(k >> 2) % 12 + 1}`;
      const cur = JSON.parse((await call('GET', `/api/cell?case=${cs}&code=${code}`, name)).body);
      reads++;
      const text = `${name} note ${k} (L5)`;
      r = await call('POST', '/api/cell', name, { case: cs, code, summary: text, base: cur.summary }, session.csrf);
      if (r.status === 200) { cellsOk++; lastCell.set(`${cs}|${code}`, text); }
    } else {
      const u = spans[(n * 31 + k) % spans.length];
      const a = u.start + (k % 5), b = Math.min(u.end, a + 20 + (k % 17));
      r = await call('POST', '/api/code', name, { source: 'c01.txt', start: a, end: b, code: `1.${k % 12 + 1}` }, session.csrf);
      if (r.status === 200) { codingsOk++; ids.add(JSON.parse(r.body).id); }
    }
    lat.push(r.ms);
    // a conflict is a refusal the page shows, not an error; two coders share a case
    if (r.status !== 200 && r.status !== 409) errors.push(`${r.status} ${r.body.slice(0, 120)}`);
  }
}
const t0 = Date.now();
await Promise.all(Array.from({ length: 20 }, (_, n) => coder(n)));
const wall = (Date.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const pct = q => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))].toFixed(1);
// what the project holds, asked of charter
const q = s => JSON.parse(run('sql', '--format', 'json', s))[0].n;
writeFileSync(path.join(dir, 'ids.csv'), 'id\n' + [...ids].join('\n') + '\n');
const have = new Set(JSON.parse(run('sql', '--format', 'json', '--limit', '0', 'SELECT id FROM coding')).map(r => r.id));
const stored = [...ids].filter(i => have.has(i)).length;
const storedCells = q("SELECT count(*) AS n FROM history WHERE verb='cell set' AND coder LIKE 'bench%'");
let cellsRight = 0;
for (const [k, v] of lastCell) {
  const [cs, code] = k.split('|');
  cellsRight += JSON.parse(run('sql', '--format', 'json', `SELECT summary FROM v_cells WHERE "case"='${cs}' AND code='${code}'`))[0].summary === v ? 1 : 0;
}
// the server's memory: its peak, and now
const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
const kb = k => Number((status.match(new RegExp(`${k}:\\s+(\\d+)`)) || [0, 0])[1]);
server.kill('SIGTERM');
console.log(`workbench: charter serve's memory after all of it: peak ${(kb('VmHWM') / 1024).toFixed(1)} MB, now ${(kb('VmRSS') / 1024).toFixed(1)} MB`);
console.log(`workbench: 20 coders for ${wall.toFixed(0)} s on loopback: ${lat.length} writes (and ${reads} cell reads) at ${(lat.length / wall).toFixed(0)} writes/s, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, errors ${errors.length}`);
console.log(`workbench: ${codingsOk} codings answered (${ids.size} distinct: a span coded again is the coding already there), ${stored} of them in the project; ${storedCells} of ${cellsOk} cell writes in the history; ${cellsRight} of ${lastCell.size} cells hold their last write` +
  (stored === ids.size && storedCells === cellsOk && cellsRight === lastCell.size && !errors.length ? ' (nothing lost)' : ' (LOST OR FAILED WRITES)'));
if (errors.length) console.log('  ' + errors.slice(0, 5).join('\n  '));
