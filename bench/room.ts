// Live room: 200 simulated phones on loopback against the room command run as a process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { PresenterView } from '../src/machines/index.js';
import { deviceId, lcg, Phone, Presenter } from '../test/terminal/helpers/room.js';
import { printTable } from './core.js';

const ROOT = join(import.meta.dirname, '..');
const VOTERS = 200;
const ROUNDS = 20;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

/** Resident and peak memory of a process in MB (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

async function startRoom(scenario: string, state: string) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'casa-practice.js'), 'room', scenario, '--host', '127.0.0.1', '--port', '0'], {
    cwd: ROOT, env: { PATH: process.env.PATH, HOME: state, XDG_STATE_HOME: state }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Listening on/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`room exited (${code}): ${out}`)));
  });
  const join_ = /http:\/\/127\.0\.0\.1:(\d+)\/join\?room=([A-Z0-9]{6})/.exec(out);
  const token = /token=([A-Za-z0-9_-]+)/.exec(out)?.[1] ?? '';
  return { child, base: `ws://127.0.0.1:${join_?.[1]}`, code: join_?.[2] ?? '', token };
}

export async function runRoomBench(): Promise<void> {
  console.log(`\nLive room: ${VOTERS} phones on loopback each vote once at a random moment within one second; the room runs as its own process`);
  const latencies: number[] = [];
  const acks: number[] = [];
  const memory: { idle: number; joined: number; peak: number }[] = [];
  const rand = lcg(9);
  const state = mkdtempSync(join(tmpdir(), 'casa-room-bench-'));
  try {
    for (const scenario of ['red-flags', 'youth-discloses', 'trafficker-contact', 'court-report']) {
      if (latencies.length >= ROUNDS) break;
      const room = await startRoom(scenario, state);
      const idle = memoryOf(room.child.pid ?? 0).rss;
      const phones: Phone[] = [];
      for (let i = 0; i < VOTERS; i += 50) phones.push(...(await Promise.all(Array.from({ length: Math.min(50, VOTERS - i) }, (_, k) => Phone.join(room.base, room.code, deviceId(i + k))))));
      const presenter = await Presenter.connect(room.base, room.code, room.token);
      await presenter.until((c) => c.connected === VOTERS);
      const joined = memoryOf(room.child.pid ?? 0).rss;
      const view = (x: unknown) => x as PresenterView;
      while (presenter.view.phase !== 'ended' && latencies.length < ROUNDS) {
        const s = presenter.view.session;
        // A scene is moved past; so is the content note at a story's first decision (its vote opens after).
        if (s.kind === 'scene' || presenter.view.contentNote) {
          view(await presenter.act({ type: 'advance', node: s.nodeId }));
          continue;
        }
        const round = view(await presenter.act({ type: 'open', node: s.nodeId })).round;
        await Promise.all(phones.map((p) => p.until((v) => v.phase === 'open' && v.round === round)));
        const replies = s.replies.filter((r) => r.enabled).map((r) => r.id);
        // Phones name a reply by its shown number.
        const numbers = new Map(s.replies.map((r) => [r.id, r.number]));
        let lastSent = 0;
        const all = presenter.until((c) => c.round === round && c.voted === VOTERS).then(() => performance.now());
        await Promise.all(phones.map((p) => new Promise<void>((resolve) => {
          setTimeout(() => {
            const t0 = performance.now();
            lastSent = Math.max(lastSent, t0);
            void p.vote(numbers.get(replies[rand() % replies.length] as string)!, round).then(() => {
              acks.push(performance.now() - t0);
              resolve();
            });
          }, rand() % 1000);
        })));
        // Resolved as the presenter's count message showing every vote arrives.
        latencies.push((await all) - lastSent);
        const revealed = view(await presenter.act({ type: 'reveal', round }));
        const top = [...(revealed.reveal?.entries ?? [])].sort((a, b) => b.votes - a.votes)[0]?.replyId ?? replies[0] as string;
        view(await presenter.act({ type: 'choose', round, reply: top }));
      }
      memory.push({ idle, joined, peak: memoryOf(room.child.pid ?? 0).peak });
      for (const p of phones) p.ws.terminate();
      presenter.close();
      room.child.kill('SIGTERM');
      await new Promise((resolve) => room.child.once('exit', resolve));
    }
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
  printTable([
    ['measure', 'p50', 'p95', 'max', 'samples'],
    ['last vote → presenter count (ms)', ...[0.5, 0.95, 1].map((q) => quantile(latencies, q).toFixed(1)), String(latencies.length)],
    ['vote → phone\'s own ack (ms)', ...[0.5, 0.95, 1].map((q) => quantile(acks, q).toFixed(1)), String(acks.length)],
  ]);
  printTable([
    ['room process memory (MB)', 'idle', `${VOTERS} joined`, 'peak'],
    ...memory.map((m, i) => [`run ${i + 1}`, m.idle.toFixed(1), m.joined.toFixed(1), m.peak.toFixed(1)]),
  ]);
  const voterJs = readFileSync(join(ROOT, 'dist', 'src', 'web', 'voter', 'voter.js'));
  const html = readFileSync(join(ROOT, 'src', 'web', 'voter', 'voter.html'));
  const css = readFileSync(join(ROOT, 'src', 'web', 'voter', 'voter.css'));
  printTable([
    ['voter page, first load', 'bytes', 'gzip'],
    ['voter.js (all its JavaScript)', String(voterJs.length), String(gzipSync(voterJs).length)],
    ['voter.html + voter.css', String(html.length + css.length), String(gzipSync(html).length + gzipSync(css).length)],
  ]);
  console.log('Target: last vote → presenter count p95 ≤ 100 ms.');
}

/**
 * A live room at a decision of 1,000 replies with 200 phones, in this process: the room's own work at
 * each step the trainer takes from the laptop's terminal (the room command's `present`: the reducer,
 * the terminal's block, the summary at the end, and every view the step sends: the presenter page's
 * and each phone's, as text), median
 * of RUNS runs. Every step there is one change of the room: its views should each be worked out once.
 */
export async function runRoomMomentBench(): Promise<void> {
  const { PassThrough } = await import('node:stream');
  const { createRoom, presenterView, roomContext, roomSessionView, roomSummaryMarkdown, validateScenario } = await import('../src/machines/index.js');
  const { revealText } = await import('../src/terminal/reveal-text.js');
  const { startRoomServer } = await import('../src/terminal/room/server.js');
  const { roomControls } = await import('../src/terminal/room/controls.js');
  const PHONES = 200;
  const REPLIES = 1000;
  const RUNS = 5;
  const scenario = validateScenario(readFileSync(join(ROOT, 'scenarios', 'red-flags.json')), 'red-flags.json').scenario;
  if (!scenario) throw new Error('red-flags does not validate');
  const first = scenario.nodes.find((n) => n.kind === 'decision');
  if (first?.kind !== 'decision') throw new Error('no decision in red-flags');
  const template = first.replies[0]!;
  first.replies = Array.from({ length: REPLIES }, (_, i) => ({ ...structuredClone(template), id: `many-${i}`, text: `Reply ${i}: ${'a kind, curious question '.repeat(20)}`, feedback: `Feedback ${i}: ${template.feedback}` }));
  const ctx = roomContext(scenario);
  const ROOM_CODE = 'BENCH2';
  const TOKEN_ = 'b'.repeat(43);
  const steps: Record<string, number[]> = {};
  let revealed: { reveal: NonNullable<PresenterView['reveal']>; replies: PresenterView['session']['replies'] } | undefined;
  // With the trainer's page alone, and with PAGES presenter pages open (a co-trainer's, reloads): each
  // change's view is written out once for all of them, not once per page.
  const PAGES = 10;
  for (const pages of [1, PAGES]) for (let run = 0; run < RUNS; run++) {
    const where: { controls?: ReturnType<typeof roomControls> } = {};
    const server = await startRoomServer({
      ctx, state: createRoom(ctx, ROOM_CODE, 11, new Date('2026-12-01T10:00:00Z')), token: TOKEN_, host: '127.0.0.1', port: 0,
      persist: () => undefined, log: () => undefined, onChange: (s) => where.controls?.changed(s),
      // As the room command writes the summary file at the end.
      onEnded: (s) => void roomSummaryMarkdown(ctx, s).length,
    });
    const input = new PassThrough();
    where.controls = roomControls(server, ctx, { out: () => undefined, err: () => undefined }, () => 100, input);
    const base = `ws://127.0.0.1:${server.port}`;
    const presenter = await Presenter.connect(base, ROOM_CODE, TOKEN_);
    const others = await Promise.all(Array.from({ length: pages - 1 }, () => Presenter.connect(base, ROOM_CODE, TOKEN_)));
    const phones: Phone[] = [];
    for (let i = 0; i < PHONES; i += 50) phones.push(...(await Promise.all(Array.from({ length: Math.min(50, PHONES - i) }, (_, k) => Phone.join(base, ROOM_CODE, deviceId(i + k))))));
    /** One step from the terminal, timed; then everyone told (so the next step starts from quiet). */
    const step = async (name: string, action: Parameters<typeof server.present>[0]) => {
      const from = presenter.inbox.all.length;
      const t0 = performance.now();
      const result = server.present(action);
      (steps[`${name}|${pages}`] ??= []).push(performance.now() - t0);
      if (!result.ok) throw new Error(`${name} refused: ${result.code}`);
      await server.settled();
      await presenter.inbox.next((m) => m.type === 'view', from, name);
    };
    while (roomSessionView(ctx, server.state()).nodeId !== first.id) await step('scene', { type: 'advance', node: roomSessionView(ctx, server.state()).nodeId });
    await step('open the vote', { type: 'open', node: first.id });
    const round = server.state().round;
    await Promise.all(phones.map((p, i) => p.until((v) => v.phase === 'open' && v.round === round).then(() => p.vote((i % REPLIES) + 1, round))));
    await step('lock', { type: 'lock', round });
    await step('reveal', { type: 'reveal', round });
    if (run === 0 && pages === 1) {
      const view = presenterView(ctx, server.state(), 0);
      if (view.reveal) revealed = { reveal: view.reveal, replies: view.session.replies };
    }
    await step('follow a reply', { type: 'choose', round, reply: 'many-0' });
    await step('end', { type: 'end' });
    for (const p of phones) p.ws.terminate();
    for (const p of [presenter, ...others]) p.close();
    where.controls.close();
    await server.close();
  }
  console.log(`\nLive room at a decision of ${REPLIES} replies with ${PHONES} phones: the room's work at each step from the terminal (reducer, terminal block, every view sent), ${RUNS} runs, with one presenter page and with ${PAGES}`);
  printTable([
    ['step', 'median (ms)', 'max (ms)', `median, ${PAGES} pages`, `max, ${PAGES} pages`],
    ...['open the vote', 'lock', 'reveal', 'follow a reply', 'end'].map((name) => [name, ...[1, PAGES].flatMap((pages) => [0.5, 1].map((q) => quantile(steps[`${name}|${pages}`] ?? [], q).toFixed(1)))]),
  ]);
  // The terminal's reveal block alone, at this decision and at one twice its size (its replies again,
  // numbered on): twice the replies should take about twice the time.
  if (!revealed) throw new Error('no reveal');
  const { reveal, replies } = revealed;
  const twice = { total: reveal.total, entries: [...reveal.entries, ...reveal.entries.map((e) => ({ ...e, number: e.number + REPLIES, replyId: `${e.replyId}-again` }))] };
  const twiceReplies = [...replies, ...replies.map((r) => ({ ...r, number: r.number + REPLIES, id: `${r.id}-again` }))];
  const time = (f: () => unknown) => quantile(Array.from({ length: RUNS }, () => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  }), 0.5);
  const one = time(() => revealText(reveal, 100, replies));
  const two = time(() => revealText(twice, 100, twiceReplies));
  console.log(`\nThe terminal's reveal block (revealText, 100 columns): ${REPLIES} replies ${one.toFixed(1)} ms, ${REPLIES * 2} replies ${two.toFixed(1)} ms (x${(two / one).toFixed(1)}), median of ${RUNS}`);
}
