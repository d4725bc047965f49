// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRoom, keepMoment, keptSessionView, notStarted, parseToPresenter, presenterView, presenterViewFor, reduceRoom, roomContext, roomSessionView, validateScenario,
  type KeptMoment, type PresenterAction, type PresenterCommand, type PresenterViewSent, type RoomState, type Scenario,
} from '../../src/machines/index.js';
import { LiveRoom } from '../../src/web/components/LiveRoom.js';
import ProjectorScreen from '../../src/web/pages/ProjectorScreen.js';
import type { RoomClient, RoomSnapshot } from '../../src/web/room-client.js';
import youthDiscloses from '../../scenarios/youth-discloses.json?raw';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

// youth-discloses: its scenes up to the fifth decision have no title.
const CTX = roomContext(validateScenario(youthDiscloses, 'youth-discloses.json').scenario as Scenario);
const ROOM = 'SCNE23';
const TOKEN = 's'.repeat(43);

/**
 * A room client without a socket whose room the test moves on (the core's reducer), each view sent to
 * the page as the server sends it: without what the page has, as JSON checked against the protocol's
 * schema, its moment put back as the room client does.
 */
class WireClient implements RoomClient {
  state: RoomState;
  constructor(readonly ctx = CTX) {
    this.state = createRoom(ctx, ROOM, 1, new Date('2026-01-01T00:00:00Z'));
  }
  snapshot: RoomSnapshot = { status: 'connecting', room: ROOM };
  private kept: KeptMoment | undefined;
  private listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.snapshot;
  send = () => false;
  close() {}
  present(command: PresenterCommand): void {
    const result = reduceRoom(this.ctx, this.state, { from: 'presenter', message: { ...command, room: ROOM, token: TOKEN, seq: this.state.presenterSeq + 1 } as PresenterAction });
    if (!result.ok) throw new Error(`refused: ${result.code}`);
    this.state = result.state;
  }
  /** Past a scene, or at a decision the vote opened, revealed and its first open reply followed. */
  step(): void {
    const session = roomSessionView(this.ctx, this.state);
    if (session.kind === 'scene') return this.present({ type: 'advance', node: session.nodeId });
    // A story that opens on a decision: the first step shows it (its vote not yet open) before the vote.
    if (notStarted(this.state)) this.present({ type: 'advance', node: session.nodeId });
    this.present({ type: 'open', node: session.nodeId });
    this.present({ type: 'reveal', round: this.state.round });
    this.present({ type: 'choose', round: this.state.round, reply: session.replies.find((r) => r.enabled)!.id });
  }
  push(): void {
    const full = presenterView(this.ctx, this.state, 0);
    const parsed = parseToPresenter(JSON.stringify({ type: 'view', view: presenterViewFor(full, this.kept?.key) }));
    if (parsed?.type !== 'view') throw new Error('the page would refuse this view');
    const sent = parsed.view as PresenterViewSent;
    this.kept = keepMoment(sent, this.kept);
    const view = keptSessionView(sent, this.kept);
    if (!view) throw new Error('no moment to show');
    act(() => {
      this.snapshot = { status: 'open', room: ROOM, view, count: view.count };
      for (const l of this.listeners) l();
    });
  }
}

describe('an untitled scene in a live room', () => {
  // The room's view had no number, so the presenter page and its projector window headed every
  // untitled scene "Scene", several alike in one session, where presenter mode without a room says "Scene 3".
  it('is headed by its number in the playthrough on the presenter page and the projector, said once there', async () => {
    const client = new WireClient();
    render(<><div data-testid="laptop"><LiveRoom link={{ room: ROOM, token: TOKEN }} connect={() => client} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    // The level-1 headings by selector: role queries over the whole page took most of a second each here.
    const headingOn = (where: string) => screen.getByTestId(where).querySelector('h1')?.textContent;
    const stepOnLaptop = () => screen.getByTestId('laptop').querySelectorAll('.status-line > span')[1]?.textContent;
    const projectorStatus = () => screen.getByTestId('projector').querySelector('.status-line')?.textContent;
    /** The room at an untitled scene, the n-th shown: "Scene n" on the laptop (heading and step) and as the projector's heading only, not again in its status line. */
    const atUntitledScene = async (n: number) => {
      client.push();
      expect(roomSessionView(client.ctx, client.state)).toMatchObject({ kind: 'scene', title: undefined });
      expect(headingOn('laptop')).toBe(`Scene ${n}`);
      expect(stepOnLaptop()).toBe(`Scene ${n}. `);
      await waitFor(() => expect(headingOn('projector')).toBe(`Scene ${n}`));
      expect(projectorStatus()).not.toMatch(/Scene/);
    };
    // The first decision, followed: the first scene shown (untitled).
    client.step();
    await atUntitledScene(1);
    // On past the second decision: the second scene shown, untitled too, is not "Scene" again.
    client.step();
    client.step();
    await atUntitledScene(2);
  });
});

// A decision may have no title (the format allows it; no bundled scenario does): the laptop headed it
// "Decision" and the projector, sent no title, "Scene".
describe('an untitled decision in a live room', () => {
  it('is headed "Decision" on the presenter page and the projector alike', async () => {
    const scenario = validateScenario(youthDiscloses, 'youth-discloses.json').scenario as Scenario;
    const first = scenario.nodes.find((n) => n.kind === 'decision');
    const untitled = { ...scenario, nodes: scenario.nodes.map((n) => (n === first ? { ...n, title: undefined } : n)) } as Scenario;
    const client = new WireClient(roomContext(untitled));
    render(<><div data-testid="laptop"><LiveRoom link={{ room: ROOM, token: TOKEN }} connect={() => client} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const headingOn = (where: string) => screen.getByTestId(where).querySelector('h1')?.textContent;
    // The first moment is the untitled decision (or the scenes before it, stepped past).
    while (roomSessionView(client.ctx, client.state).kind !== 'decision') client.present({ type: 'advance', node: roomSessionView(client.ctx, client.state).nodeId });
    // Shown (the first step), past the content note the page shows first.
    client.present({ type: 'advance', node: roomSessionView(client.ctx, client.state).nodeId });
    client.push();
    expect(roomSessionView(client.ctx, client.state)).toMatchObject({ kind: 'decision', title: undefined });
    expect(headingOn('laptop')).toBe('Decision');
    await waitFor(() => expect(headingOn('projector')).toBe('Decision'));
  });
});
