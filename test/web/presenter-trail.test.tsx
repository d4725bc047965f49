// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sceneChain } from '../../bench/hostile.js';
import { introductionsAt, peopleMet, sceneNumberAt, selectView, startFacilitation, startSession, type RestoredFacilitation, type RoomRound, type Scenario, type SessionActor } from '../../src/machines/index.js';
import { Facilitation } from '../../src/web/pages/Presenter.js';
import { Trail } from '../../src/web/trail.js';
import { branching } from '../terminal/helpers/scene-numbers.js';
import { validScenario } from '../helpers/fixtures.js';

// Presenter mode heads an untitled scene "Scene N" by its number in the playthrough, introduces who
// the room hears for the first time and lists who's who. Each was worked out by replaying the
// playthrough from its start at every step (quadratic in a long chain of scenes); they are now carried
// forward from step to step (src/web/trail.ts), and worked out again only where not known (the first
// moment, a kept session resumed, after going back). The machine's steps taken by those replays are
// counted through xstate's `transition` (the running session does not use it).
const steps = vi.hoisted(() => ({ count: 0 }));
vi.mock('xstate', async (importOriginal) => {
  const real = await importOriginal<typeof import('xstate')>();
  return { ...real, transition: (...args: Parameters<typeof real.transition>) => { steps.count++; return real.transition(...args); } };
});

afterEach(cleanup);


/** A kept presenter session standing where `actor` stands, as readFacilitation gives one back (no decision followed). */
function kept(scenario: Scenario, actor: SessionActor): RestoredFacilitation {
  return {
    key: 'k', playable: { scenario, file: 'chain.json' }, snapshot: actor.getPersistedSnapshot(), progress: { past: [], current: { votes: {}, revealed: false } },
    decisions: [], reveals: [], decision: 1, standsAt: 'a scene', finished: false, ended: false,
  };
}

const heading = () => screen.getByRole('heading', { level: 1 }).textContent;
const continueOn = () => fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
const follow = (id: string) => {
  // Back at a decision, its reveal is as it was (revealed).
  const reveal = screen.queryByRole('button', { name: 'Reveal the feedback' });
  if (reveal) fireEvent.click(reveal);
  fireEvent.click(within(screen.getByText(new RegExp(`Reply ${id}\\.`)).closest('li') as HTMLElement).getByRole('button', { name: /Follow reply/ }));
};

describe('presenter mode: scene numbers, introductions and who\'s who carried forward', () => {
  it('counts every scene passed (a titled one too), and counts again after going back to a decision', () => {
    const scenario = validScenario(branching());
    render(<Facilitation playable={{ scenario, file: 'chain.json' }} />);
    const seen = [heading()];
    const on = (act: () => void) => {
      act();
      seen.push(heading());
    };
    on(continueOn);
    on(continueOn);
    on(continueOn);
    on(() => follow('d1-a'));
    on(continueOn);
    on(continueOn);
    on(() => fireEvent.click(screen.getByRole('button', { name: 'Back to decision 1' })));
    on(() => follow('d1-b'));
    on(continueOn);
    on(() => follow('d2-a'));
    // a0 and a1 were the 4th and 5th scenes; going back takes them out: b0 is the 4th, the last scene the 5th.
    expect(seen).toEqual(['Scene 1', 'The bus', 'Scene 3', 'Decision d1', 'Scene 4', 'Scene 5', 'Decision d2', 'Decision d1', 'Scene 4', 'Decision d2', 'Scene 5']);
  });

  it('a chain of 150 scenes: numbered 1 to 150, with the machine stepped a number of times that grows with the chain, not its square', () => {
    const scenario = validScenario(sceneChain(150));
    render(<Facilitation playable={{ scenario, file: 'chain.json' }} />);
    steps.count = 0;
    const seen = [heading()];
    for (let i = 1; i < 150; i++) {
      continueOn();
      seen.push(heading());
    }
    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => `Scene ${i + 1}`));
    expect(screen.getByText(/^Scene 150$/, { selector: '.status-line span' })).toBeTruthy();
    // Replaying from the start at every step took 149 × 150 / 2 = 11,175 steps for the number alone
    // (and as many again for the introductions and for who's who).
    expect(steps.count).toBeLessThan(10 * 150);
  });

  it('a kept session resumed mid-chain (a reload): the scene it stands at numbered by one replay, and the count goes on from there', () => {
    const scenario = validScenario(sceneChain(150));
    const actor = startFacilitation(scenario, 1);
    for (let i = 1; i < 70; i++) actor.send({ type: 'scene.continue' });
    steps.count = 0;
    render(<Facilitation playable={{ scenario, file: 'chain.json' }} resumed={kept(scenario, actor)} />);
    const seen = [heading()];
    for (let i = 70; i < 150; i++) {
      continueOn();
      seen.push(heading());
    }
    expect(seen).toEqual(Array.from({ length: 81 }, (_, i) => `Scene ${i + 70}`));
    continueOn();
    expect(heading()).toBe('Decision');
    // One replay of 69 steps for each of the number, the introductions and who's who on opening;
    // replaying at every step took some 80 × 110 steps for each.
    expect(steps.count).toBeLessThan(10 * 150);
  });
});

// Every bundled scenario, played along random paths with the room's reveals (some decisions revealed,
// some not) and going back now and then: what the trail carries forward is, at every step, what the
// core's replay from the start gives (sceneNumberAt, introductionsAt, peopleMet), for the session at
// every moment, and for a page of the volunteer's (no room) too.
describe('the trail carried forward agrees with a replay from the start', () => {
  const dir = join(import.meta.dirname, '../../scenarios');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
  it.each(files)('%s', (file) => {
    const scenario = validScenario(readFileSync(join(dir, file), 'utf8'), file);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const room of [true, false]) {
      for (let run = 0; run < 2; run++) {
        const actor = startSession(scenario, 'practice', undefined, run + 1);
        const trail = new Trail(scenario);
        const past: RoomRound[] = [];
        let revealed = false;
        for (let moves = 0; moves < 200 && actor.getSnapshot().status === 'active'; moves++) {
          const reveals = room ? { past, current: { revealed } } : undefined;
          const persisted = actor.getPersistedSnapshot();
          const where = `${file} ${room ? 'room' : 'volunteer'} run ${run} at ${String(actor.getSnapshot().value)}`;
          expect(trail.sceneNumber(actor), where).toBe(sceneNumberAt(scenario, persisted));
          expect(trail.introductions(actor), where).toEqual(introductionsAt(scenario, persisted));
          expect(trail.people(actor, reveals), where).toEqual(peopleMet(scenario, persisted, reveals));
          const view = selectView(scenario, actor.getSnapshot());
          const from = actor.getSnapshot();
          if (view.kind === 'scene') {
            actor.send({ type: 'scene.continue' });
            trail.handOn(from, actor.getSnapshot());
          } else if (view.kind === 'decision') {
            if (room && !revealed && random() < 0.5) {
              revealed = true;
              continue;
            }
            if (past.length > 0 && random() < 0.15) {
              actor.send({ type: 'decision.undo' });
              past.pop();
              revealed = false;
              continue;
            }
            const open = view.replies.filter((r) => r.enabled);
            const reply = open[Math.floor(random() * open.length)];
            if (!reply) break;
            actor.send({ type: 'reply.choose', replyId: reply.id });
            trail.handOn(from, actor.getSnapshot(), reply.id, room ? revealed : undefined);
            past.push({ votes: {}, revealed });
            revealed = false;
          }
        }
        // At the ending too.
        const persisted = actor.getPersistedSnapshot();
        const reveals = room ? { past, current: { revealed: false } } : undefined;
        expect(trail.people(actor, reveals)).toEqual(peopleMet(scenario, persisted, reveals));
      }
    }
  });
});
