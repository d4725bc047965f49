import {
  introductionsAt, metBefore, metPassing, peopleMet, peopleMetAt, sceneNumberAt, spokeBefore, spokePassing,
  type Introduction, type Person, type RoomReveals, type Scenario, type SessionActor,
} from '../machines/index.js';

type Snapshot = ReturnType<SessionActor['getSnapshot']>;

/**
 * What the path to one snapshot of a session holds, for the moment it stands at: the scenes shown
 * from the start (this one counted, when at a scene), who spoke before it, and the people met on the
 * way to it. Each undefined until worked out (by a replay) or handed on from the step before.
 */
interface Known {
  scenes?: number;
  spoke?: ReadonlySet<string>;
  met?: readonly string[];
}

/**
 * A page's scene number ("Scene 3"), introductions and who's who, carried forward from step to
 * step: worked out by the core's replay of the playthrough from its start (sceneNumberAt,
 * spokeBefore, metBefore) where not known (the first moment shown, a kept session resumed anywhere,
 * after going back or an undo), and handed on by a step taken from a snapshot whose trail is known
 * (handOn). Replaying at every step made a long chain of scenes quadratic in presenter mode and in
 * every page's who's who. Kept by the session's snapshot (a snapshot is never changed: a step makes a
 * new one), so a step that did not move, or a second step taken from a snapshot already left,
 * is worked out again rather than counted twice.
 */
export class Trail {
  private readonly known = new WeakMap<Snapshot, Known>();
  /** How many times a replay was needed (tests count them: at most a few over a long chain). */
  replays = 0;

  private readonly kinds: ReadonlyMap<string, string>;

  constructor(private readonly scenario: Scenario) {
    this.kinds = new Map(scenario.nodes.map((n) => [n.id, n.kind]));
  }

  private at(snapshot: Snapshot): Known {
    let k = this.known.get(snapshot);
    if (!k) this.known.set(snapshot, (k = {}));
    return k;
  }

  /** The number of the scene the session stands at in its playthrough (sceneNumberAt's); undefined away from a scene. */
  sceneNumber(actor: SessionActor): number | undefined {
    const snapshot = actor.getSnapshot();
    if (this.kind(snapshot) !== 'scene') return undefined;
    const k = this.at(snapshot);
    if (k.scenes === undefined) {
      this.replays++;
      k.scenes = sceneNumberAt(this.scenario, actor.getPersistedSnapshot());
    }
    return k.scenes;
  }

  /** Who the room hears for the first time at this moment (introductionsAt's). */
  introductions(actor: SessionActor): Introduction[] {
    const snapshot = actor.getSnapshot();
    const k = this.at(snapshot);
    if (k.spoke === undefined) {
      this.replays++;
      k.spoke = spokeBefore(this.scenario, actor.getPersistedSnapshot());
      // Its path cannot be replayed (an edited scenario): as introductionsAt says then, no one.
      if (k.spoke === undefined) return [];
    }
    return introductionsAt(this.scenario, actor.getPersistedSnapshot(), k.spoke);
  }

  /** Who's who at this moment (peopleMet's), with a trainer-led session's reveals. */
  people(actor: SessionActor, room?: RoomReveals): Person[] {
    const snapshot = actor.getSnapshot();
    const k = this.at(snapshot);
    if (k.met === undefined) {
      this.replays++;
      k.met = metBefore(this.scenario, actor.getPersistedSnapshot(), room);
      // Its path cannot be replayed: peopleMet says who is at the moment alone.
      if (k.met === undefined) return peopleMet(this.scenario, actor.getPersistedSnapshot(), room);
    }
    return peopleMetAt(this.scenario, snapshot, k.met, room);
  }

  /**
   * A step taken from `from` to `to`: by Continue at a scene, or by the reply `replyId` at a
   * decision (`revealed`: in a trainer-led session, whether the room was shown that decision's
   * reveal). What is known at `from` is carried on to `to`; nothing where the step did not move.
   */
  handOn(from: Snapshot, to: Snapshot, replyId?: string, revealed?: boolean): void {
    const k = this.known.get(from);
    if (!k || to === from || this.known.has(to)) return;
    const node = String(from.value);
    const next: Known = {};
    if (k.scenes !== undefined) next.scenes = k.scenes + (this.kind(to) === 'scene' ? 1 : 0);
    if (k.spoke !== undefined) next.spoke = spokePassing(this.scenario, k.spoke, node);
    if (k.met !== undefined) next.met = metPassing(this.scenario, k.met, from, replyId, revealed);
    this.known.set(to, next);
  }

  private kind(snapshot: Snapshot): string | undefined {
    return this.kinds.get(String(snapshot.value));
  }
}
