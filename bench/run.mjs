// npm run bench: Stagecraft and docker-langserver (npm dockerfile-language-server-nodejs) measured in the same
// run, each as a real server process over stdio. Writes bench/results.json and bench/results.md (ratios are
// Stagecraft / docker-langserver: below 1 is faster). Not part of the test suite's pass/fail.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';

const require = createRequire(import.meta.url);
// Stagecraft runs with the Node options its VS Code client starts it with (common/src/serverProcess.ts).
const { serverExecArgv } = require('../out/common/src/serverProcess.js');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const ROOT = new URL('..', import.meta.url).pathname;
const quick = process.argv.includes('--quick');

const SERVERS = {
  stagecraft: [process.execPath, [...serverExecArgv(process.versions, availableParallelism()), join(ROOT, 'dist', 'server.js'), '--stdio']],
  'docker-langserver': [process.execPath, [join(ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio']],
};

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** `options`: initializationOptions (Stagecraft's `shellCheck` on or off); none, as a generic LSP client sends. */
async function start(name, options = undefined) {
  const [command, args] = SERVERS[name];
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  // A write racing the server's exit (after `exit`) fails with EPIPE: that is the end of the server, not an error.
  child.stdin.on('error', () => undefined);
  let peakRss = 0;
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  // uri → [{ version, time }]: docker-langserver publishes without a version, Stagecraft with one.
  const published = new Map();
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const list = published.get(params.uri) ?? [];
    list.push({ version: params.version, time: performance.now() });
    published.set(params.uri, list);
    for (const wake of waiters.splice(0)) wake();
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => (name === 'stagecraft' ? { diagnostics: { delayMs: 0 } } : {})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, ...(options === undefined ? {} : { initializationOptions: options }), capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] } } } });
  const initializeMs = performance.now() - started;
  connection.sendNotification('initialized', {});
  const readRss = () => {
    try {
      return Number(readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) * 1024;
    } catch {
      return 0; // gone
    }
  };
  const sample = setInterval(() => { peakRss = Math.max(peakRss, readRss()); }, 20);
  /** Diagnostics for `version`, or (for servers that send none) any published after `since`. */
  const waitFor = async (uri, version, since, timeoutMs = 120_000) => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = (published.get(uri) ?? []).find((p) => p.version === version || (p.version === undefined && p.time >= since));
      if (hit !== undefined) return hit.time;
      if (performance.now() > deadline) throw new Error(`${name}: no diagnostics for ${uri} v${version}`);
      await new Promise((resolve) => { waiters.push(resolve); setTimeout(resolve, 50); });
    }
  };
  /** CPU time in ms of the server itself and of the processes it ran and waited for (ShellCheck's), from /proc. */
  const cpu = () => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ').map(Number);
      const ms = (ticks) => (ticks * 1000) / 100;
      return { server: ms(fields[11] + fields[12]), children: ms(fields[13] + fields[14]) };
    } catch {
      return { server: NaN, children: NaN };
    }
  };
  return {
    name, connection, initializeMs, published, waitFor, cpu,
    get peakRss() { return peakRss; },
    get rss() { return readRss(); },
    async stop() {
      clearInterval(sample);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        child.kill();
      }
      await exited;
      connection.dispose();
    },
    kill() { clearInterval(sample); connection.dispose(); child.kill('SIGKILL'); },
  };
}

function synthetic(lines) {
  const out = ['# syntax=docker/dockerfile:1', 'ARG GO=1.22'];
  let stage = 0;
  while (out.length < lines) {
    out.push(`FROM golang:\${GO} AS stage${stage}`, 'WORKDIR /src', 'ENV CGO_ENABLED=0 GOFLAGS=-mod=vendor', 'COPY go.mod go.sum ./',
      'RUN --mount=type=cache,target=/root/.cache/go-build go mod download && \\', '    go build -o /out/app ./cmd/app',
      'EXPOSE 8080/tcp', 'LABEL org.opencontainers.image.source="https://example.com/repo"', `COPY --from=stage${Math.max(0, stage - 1)} /out/app /usr/local/bin/`,
      'CMD ["/usr/local/bin/app", "--port", "8080"]');
    stage++;
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

/** A request's latency in ms, or Infinity when it takes longer than `limitMs` (reported as "> limit"). */
async function timedRequest(server, method, params, limitMs = 60_000) {
  const started = performance.now();
  let timer;
  const limit = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), limitMs); });
  const result = await Promise.race([server.connection.sendRequest(method, params).then(() => 'ok', () => 'error'), limit]);
  clearTimeout(timer);
  // Infinity: still working at the limit; NaN: answered with an error (the request is not supported).
  return result === 'ok' ? performance.now() - started : result === 'error' ? NaN : Infinity;
}

/** For a server that publishes without versions: the time of the last publish once it has been quiet for `quietMs`. */
async function lastPublishAfterQuiet(server, uri, since, quietMs = 1500) {
  for (;;) {
    const list = (server.published.get(uri) ?? []).filter((p) => p.time >= since);
    const last = list.at(-1);
    if (last !== undefined && performance.now() - last.time >= quietMs) return last.time;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Semantic tokens in a server process of their own, killed afterwards: a request that runs past the limit
 * keeps a server busy (docker-langserver's take minutes at 20,000 lines) and would hold up every later measure.
 */
async function semanticTokenTimes(name, lines, text) {
  const times = {};
  for (const [key, range] of [['semanticTokensFull', undefined], ['semanticTokensRange', { start: { line: Math.floor(lines / 2), character: 0 }, end: { line: Math.floor(lines / 2) + 60, character: 0 } }]]) {
    const server = await start(name);
    const uri = `file:///tokens/${lines}/Dockerfile`;
    await openAndWait(server, uri, text);
    const method = range === undefined ? 'textDocument/semanticTokens/full' : 'textDocument/semanticTokens/range';
    times[key] = await timedRequest(server, method, { textDocument: { uri }, ...(range === undefined ? {} : { range }) });
    server.kill();
  }
  return times;
}

async function openAndWait(server, uri, text) {
  const started = performance.now();
  server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  return (await server.waitFor(uri, 1, started)) - started;
}

/**
 * Start to `initialize` answered, the median of five starts: one start is a single sample of a ±25% noise. Made
 * after the round's other measures, so a server that keeps a code cache (Stagecraft's dist/server.js) starts as
 * it does every time but the first after an install.
 */
async function coldStartMs(name) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const server = await start(name);
    times.push(server.initializeMs);
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return percentile(times, 50);
}

/**
 * `count` keystrokes (`#` at the start of a line) spread evenly over a just-opened file of `lines` lines, as
 * versions 2, 3, …, each waiting for the diagnostics of its version: the time of each.
 */
async function keystrokeTimes(server, uri, lines, count) {
  const times = [];
  for (let k = 0; k < count; k++) {
    const version = 2 + k;
    const line = Math.floor(((k + 1) * lines) / (count + 1));
    const started = performance.now();
    server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '#' }] });
    times.push((await server.waitFor(uri, version, started)) - started);
  }
  return times;
}

const SCALING_SIZES = quick ? [1000, 2000, 5000] : [1000, 2000, 5000, 10000, 20000];

/**
 * How the work grows with the file: first diagnostics and a keystroke's diagnostics (median of 5) at each size
 * of SCALING_SIZES, each file opened afresh and closed after. Linear work takes the same time per line at every size.
 */
async function scalingCurve(server) {
  const curve = {};
  for (const lines of SCALING_SIZES) {
    const uri = `file:///scaling/${lines}/Dockerfile`;
    const open = await openAndWait(server, uri, synthetic(lines));
    const keystrokes = await keystrokeTimes(server, uri, lines, 5);
    server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    curve[lines] = { open, keystroke: percentile(keystrokes, 50) };
  }
  return curve;
}

async function measure(name) {
  const server = await start(name);
  const result = {};
  const corpusDir = join(ROOT, '..', 'shared', 'corpus', 'files');
  if (existsSync(corpusDir)) {
    const files = readdirSync(corpusDir).filter((f) => f.endsWith('Dockerfile')).slice(0, quick ? 60 : undefined);
    const times = [];
    for (const file of files) times.push(await openAndWait(server, `file:///corpus/${file}`, readFileSync(join(corpusDir, file), 'utf8')));
    result.corpusOpen = { files: files.length, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
    // Where the memory goes: what the corpus leaves behind, before the large files.
    result.rssAfterCorpusMB = server.rss / 1e6;
  }
  result.open = {};
  result.hover = {};
  result.features = {};
  for (const lines of quick ? [1000, 5000] : [1000, 5000, 20000]) {
    const uri = `file:///synthetic/${lines}/Dockerfile`;
    const text = synthetic(lines);
    result.open[lines] = await openAndWait(server, uri, text);
    // 21 keystrokes at different places, each waiting for the diagnostics of its version; the median (the
    // first few after opening also measure the JIT warming up, in both servers).
    const keystrokes = await keystrokeTimes(server, uri, lines, 21);
    result.open[`${lines}-keystroke`] = percentile(keystrokes, 50);
    // Keystrokes that move every line below them: Enter at the start of a line, then Backspace joining the empty
    // line away again, at 21 places, each waiting for its diagnostics.
    const enters = [];
    const joins = [];
    let version = 22;
    for (let k = 0; k < 21; k++) {
      const line = Math.floor(((k + 1) * lines) / 22);
      for (const [times, change] of [[enters, { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\n' }], [joins, { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }]]) {
        version++;
        const started = performance.now();
        server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        times.push((await server.waitFor(uri, version, started)) - started);
      }
    }
    result.open[`${lines}-enter`] = percentile(enters, 50);
    result.open[`${lines}-join`] = percentile(joins, 50);
    const hoverTimes = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4 + (i % 5), character: 1 } });
      hoverTimes.push(performance.now() - t);
    }
    result.hover[lines] = percentile(hoverTimes, 50);
    const textDocument = { uri };
    const middle = Math.floor(lines / 2);
    const completionTimes = [];
    for (let i = 0; i < 10; i++) completionTimes.push(await timedRequest(server, 'textDocument/completion', { textDocument, position: { line: middle + i, character: 1 } }));
    result.features[lines] = {
      completion: percentile(completionTimes, 50),
      documentSymbol: await timedRequest(server, 'textDocument/documentSymbol', { textDocument }),
      ...(await semanticTokenTimes(name, lines, text)),
    };
  }
  // Typing burst: 200 one-character edits on a 300-line file, no waiting in between.
  const uri = 'file:///typing/Dockerfile';
  await openAndWait(server, uri, synthetic(300));
  const started = performance.now();
  let lastSent = started;
  for (let version = 2; version <= 201; version++) {
    server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 299, character: version - 2 }, end: { line: 299, character: version - 2 } }, text: 'x' }] });
    lastSent = performance.now();
  }
  // Stagecraft publishes with versions: wait for version 201. A server without versions: its last publish
  // once it has gone quiet (it publishes in order, so that one is for the last edit).
  result.typingBurstMs = (server.name === 'stagecraft' ? await server.waitFor(uri, 201, lastSent) : await lastPublishAfterQuiet(server, uri, started)) - started;
  // One edit at a time, each waiting for its diagnostics: what a steady typist sees.
  const perEdit = [];
  for (let version = 202; version < 252; version++) {
    const sent = performance.now();
    server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 150, character: 0 }, end: { line: 150, character: 0 } }, text: 'y' }] });
    perEdit.push((await server.waitFor(uri, version, sent)) - sent);
  }
  result.perEditP95Ms = percentile(perEdit, 95);
  result.perEditP50Ms = percentile(perEdit, 50);
  result.peakRssMB = server.peakRss / 1e6;
  // After the peak is read, so that the peak stays the one of the measures above.
  result.scaling = await scalingCurve(server);
  await server.stop();
  result.initializeMs = await coldStartMs(name);
  return result;
}

/**
 * Real content for the ShellCheck measures: corpus files concatenated in name order (files with an escape
 * directive left out: it only counts at the top of a file) up to `lines` lines.
 */
function corpusConcatenation(lines) {
  const dir = join(ROOT, '..', 'shared', 'corpus', 'files');
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('Dockerfile')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n');
    if (/^#\s*escape\s*=/im.test(text.split('\n').slice(0, 5).join('\n'))) continue;
    out.push(...text.split('\n'));
    if (out.length >= lines) break;
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

/**
 * What ShellCheck costs Stagecraft, on real content (2,000 lines of concatenated corpus files): the same server
 * with ShellCheck off and on — first diagnostics on opening, when ShellCheck's findings follow, keystrokes inside
 * RUN scripts (each changes a script, which ShellCheck checks again) to the first publish of their version and
 * to ShellCheck's, and the CPU time of the server and of the ShellCheck processes it ran.
 */
async function shellCheckImpact() {
  const text = corpusConcatenation(2000);
  const runLines = text.split('\n').flatMap((line, index) => (/^RUN [^\[<]/.test(line) ? [index] : []));
  const picked = Array.from({ length: 21 }, (_, k) => runLines[Math.floor((k * runLines.length) / 21)]);
  const impact = { lines: 2000, runLines: runLines.length };
  for (const mode of ['off', 'on']) {
    const server = await start('stagecraft', { shellCheck: mode === 'on' ? { executable: 'shellcheck' } : {} });
    const uri = `file:///shellcheck-${mode}/Dockerfile`;
    const publishes = (version) => (server.published.get(uri) ?? []).filter((p) => p.version === version);
    const secondPublish = async (version, since) => {
      const deadline = performance.now() + 60_000;
      while (publishes(version).length < 2 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      return (publishes(version)[1]?.time ?? NaN) - since;
    };
    const opened = performance.now();
    const first = await openAndWait(server, uri, text);
    const shellCheckOpen = mode === 'on' ? await secondPublish(1, opened) : NaN;
    const firstPublish = [];
    const shellCheckPublish = [];
    for (const [k, line] of picked.entries()) {
      const version = 2 + k;
      const sent = performance.now();
      server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 4 }, end: { line, character: 4 } }, text: 'x' }] });
      firstPublish.push((await server.waitFor(uri, version, sent)) - sent);
      if (mode === 'on') shellCheckPublish.push(await secondPublish(version, sent));
      // A typist's pause, the same in both modes: the next keystroke does not land on the previous one's aftermath.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    impact[mode] = {
      open: first, shellCheckOpen, keystroke: percentile(firstPublish, 50), keystrokeP95: percentile(firstPublish, 95),
      shellCheckKeystroke: mode === 'on' ? percentile(shellCheckPublish, 50) : NaN, cpu: server.cpu(),
    };
    await server.stop();
  }
  return impact;
}

if (process.argv.includes('--shellcheck-only')) {
  const impact = await shellCheckImpact();
  process.stdout.write(`${JSON.stringify(impact, null, 2)}\n`);
  process.exit(0);
}

// The machine's noise is large (±40% between runs for either server), so `--rounds N` measures both servers N
// times, alternating, and reports each measure's median with the range of the per-round ratios.
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg === -1 ? 1 : Math.max(1, Number(process.argv[roundsArg + 1]) || 1);
const perRound = [];
for (let round = 1; round <= rounds; round++) {
  const measured = {};
  for (const name of Object.keys(SERVERS)) {
    process.stderr.write(`bench: ${name}${rounds > 1 ? ` (round ${round} of ${rounds})` : ''}...\n`);
    measured[name] = await measure(name);
  }
  perRound.push(measured);
}

/** Median of numbers; NaN ("not supported") when any round has none. */
function median(values) {
  if (values.some((v) => Number.isNaN(v))) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The rounds' results merged field by field into their medians (the shape of one round's result). */
function medianOf(results) {
  const first = results[0];
  if (typeof first === 'number') return median(results);
  if (first === null || typeof first !== 'object') return first;
  return Object.fromEntries(Object.keys(first).map((key) => [key, medianOf(results.map((r) => r?.[key] ?? NaN))]));
}

/** [label, Stagecraft, docker-langserver] for every measure of one pair of results. */
function measures(s, d) {
  const list = [['cold start to initialize (median of 5)', s.initializeMs, d.initializeMs]];
  if (s.corpusOpen && d.corpusOpen) for (const k of ['p50', 'p95', 'max']) list.push([`corpus didOpen → diagnostics ${k} (${s.corpusOpen.files} files)`, s.corpusOpen[k], d.corpusOpen[k]]);
  const openLabels = { keystroke: 'keystroke → diagnostics', enter: 'Enter (a line added) → diagnostics', join: 'Backspace joining a line → diagnostics' };
  for (const key of Object.keys(s.open)) {
    const [size, kind] = key.split('-');
    list.push([kind === undefined ? `${size} lines: didOpen → diagnostics` : `${size} lines: ${openLabels[kind]} (median of 21)`, s.open[key], d.open[key]]);
  }
  for (const key of Object.keys(s.hover)) list.push([`${key} lines: hover p50`, s.hover[key], d.hover[key]]);
  for (const key of Object.keys(s.features)) {
    for (const [feature, label] of [['completion', 'completion p50'], ['documentSymbol', 'document symbols'], ['semanticTokensFull', 'semantic tokens full'], ['semanticTokensRange', 'semantic tokens range (60 lines)']]) {
      list.push([`${key} lines: ${label}`, s.features[key][feature], d.features[key]?.[feature] ?? NaN]);
    }
  }
  list.push(['200-edit typing burst → final diagnostics (300 lines)', s.typingBurstMs, d.typingBurstMs]);
  list.push(['one edit at a time → its diagnostics, p50 (300 lines)', s.perEditP50Ms, d.perEditP50Ms]);
  list.push(['one edit at a time → its diagnostics, p95 (300 lines)', s.perEditP95Ms, d.perEditP95Ms]);
  if (s.rssAfterCorpusMB !== undefined && d.rssAfterCorpusMB !== undefined) list.push(['RSS after the corpus (MB)', s.rssAfterCorpusMB, d.rssAfterCorpusMB]);
  list.push(['peak RSS (MB)', s.peakRssMB, d.peakRssMB]);
  return list;
}

const hasCorpus = existsSync(join(ROOT, '..', 'shared', 'corpus', 'files'));
process.stderr.write('bench: ShellCheck on and off...\n');
const shellCheck = hasCorpus ? await shellCheckImpact() : undefined;
const results = { date: new Date().toISOString(), node: process.version, quick, rounds, servers: medianOf(perRound), perRound, shellCheck };
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const shown = (v) => (v === Infinity ? '> 60000' : Number.isNaN(v) ? 'not supported' : v.toFixed(1));
const ratio = (a, b) => (b === Infinity ? (a === Infinity ? '—' : '< ' + (a / 60000).toFixed(3)) : Number.isNaN(a / b) ? '—' : (a / b).toFixed(2));
/** The per-round ratios' range, where every round has a finite one. */
function ratioRange(index) {
  const pairs = perRound.map((round) => measures(round.stagecraft, round['docker-langserver'])[index] ?? []);
  // A measure docker-langserver does not finish (> 60 s) or does not support has no ratio to range over.
  if (pairs.some(([, a, b]) => !Number.isFinite(a) || !Number.isFinite(b))) return '—';
  const ratios = pairs.map(([, a, b]) => a / b);
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
}
const s = results.servers.stagecraft;
const d = results.servers['docker-langserver'];
const multiple = rounds > 1;
const rows = [
  `| measure (ms, MB)${multiple ? `, median of ${rounds} rounds` : ''} | Stagecraft | docker-langserver | ratio |${multiple ? ' ratio per round |' : ''}`,
  `|---|---|---|---|${multiple ? '---|' : ''}`,
  ...measures(s, d).map(([label, a, b], index) => `| ${label} | ${shown(a)} | ${shown(b)} | ${ratio(a, b)} |${multiple ? ` ${ratioRange(index)} |` : ''}`),
];
/**
 * k in time ≈ c · lines^k, by least squares over the sizes on log–log axes: 1 is linear, 2 quadratic. A fixed
 * cost per request (the round trip, ~1–3 ms) pulls k below 1 where times are small.
 */
function growthExponent(points) {
  const xs = points.map(([lines]) => Math.log(lines));
  const ys = points.map(([, ms]) => Math.log(ms));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const covariance = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0);
  const variance = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return covariance / variance;
}
const exponent = (server, measure) => growthExponent(SCALING_SIZES.map((lines) => [lines, server.scaling[lines][measure]])).toFixed(2);
const perLine = (ms, lines) => ((ms * 1000) / lines).toFixed(1);
const curveRows = [
  '',
  `Scaling${multiple ? ` (median of ${rounds} rounds)` : ''}: the same synthetic Dockerfile at each size, opened afresh; a keystroke is the median of 5.`,
  '',
  '| lines | Stagecraft first diagnostics (ms) | µs per line | keystroke (ms) | docker-langserver first diagnostics (ms) | µs per line | keystroke (ms) |',
  '|---|---|---|---|---|---|---|',
  ...SCALING_SIZES.map((lines) => {
    const a = s.scaling[lines];
    const b = d.scaling[lines];
    return `| ${lines} | ${shown(a.open)} | ${perLine(a.open, lines)} | ${shown(a.keystroke)} | ${shown(b.open)} | ${perLine(b.open, lines)} | ${shown(b.keystroke)} |`;
  }),
  `| growth exponent k (time ∝ lines^k) | ${exponent(s, 'open')} | | ${exponent(s, 'keystroke')} | ${exponent(d, 'open')} | | ${exponent(d, 'keystroke')} |`,
];
const shellCheckRows = shellCheck === undefined ? [] : [
  '',
  `ShellCheck (Stagecraft alone, ${shellCheck.lines} lines of concatenated corpus files, ${shellCheck.runLines} RUN lines; 21 keystrokes inside RUN scripts, a 150 ms pause after each):`,
  '',
  '| measure (ms) | ShellCheck off | ShellCheck on |',
  '|---|---|---|',
  `| didOpen → first diagnostics | ${shown(shellCheck.off.open)} | ${shown(shellCheck.on.open)} |`,
  `| didOpen → ShellCheck's findings | — | ${shown(shellCheck.on.shellCheckOpen)} |`,
  `| keystroke → first diagnostics, median (p95) | ${shown(shellCheck.off.keystroke)} (${shown(shellCheck.off.keystrokeP95)}) | ${shown(shellCheck.on.keystroke)} (${shown(shellCheck.on.keystrokeP95)}) |`,
  `| keystroke → ShellCheck's findings, median | — | ${shown(shellCheck.on.shellCheckKeystroke)} |`,
  `| CPU: server / ShellCheck processes | ${shellCheck.off.cpu.server} / ${shellCheck.off.cpu.children} | ${shellCheck.on.cpu.server} / ${shellCheck.on.cpu.children} |`,
];
const markdown = `${[...rows, ...curveRows, ...shellCheckRows].join('\n')}\n`;
writeFileSync(join(ROOT, 'bench', 'results.md'), markdown);
process.stdout.write(markdown);
