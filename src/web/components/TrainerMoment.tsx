import type { RefObject } from 'react';
import { clearOfSteps } from '../trainer-steps.js';
import { introductionWords, unavailableWords, type Introduction, type SessionView } from '../../machines/index.js';

/** A scene that set up a decision, as the laptop and the projector show it (the core's decisionSetup, sent as text). */
export interface SetupScene {
  title?: string;
  narration?: string;
  lines: readonly { speaker: string; role?: string; text: string }[];
}

/**
 * "Before this": the scenes that set up a decision with no words of its own ("What do you say to
 * Mr. Dunn?" asks about his line in the scene before it), when the decision is opened other than
 * straight from them (the trainer went back to it, or a kept session came back there), as the
 * terminal's presenter screen draws them (the core's decisionSetup). Without them the room was asked
 * about a scene it last saw minutes and a branch ago. A region under its own heading, each scene
 * under its title, so that a screen reader can tell the setup from the decision after it.
 */
export function DecisionSetup({ scenes, id }: { scenes: readonly SetupScene[]; id: string }) {
  if (scenes.length === 0) return null;
  return (
    <section aria-labelledby={id} className="setup">
      <h2 id={id}>Before this</h2>
      {scenes.map((scene, i) => (
        <div key={i}>
          {scene.title && <h3>{scene.title}</h3>}
          {scene.narration && <p className="narration">{scene.narration}</p>}
          {scene.lines.map((l, j) => <p className="line" key={j}><span className="speaker">{l.speaker}{l.role ? <span className="role"> ({l.role})</span> : null}:</span> {l.text}</p>)}
        </div>
      ))}
    </section>
  );
}

/**
 * The moment as a trainer-led session shows it on the laptop, with or without a live room: what
 * happens, the discussion prompt, and the facilitator note behind a trainer-only toggle (shown
 * whatever the toggle says once the replies are revealed). Above the moment, for the trainer to read
 * aloud: who the room hears for the first time here, in the scenario's words (`introductions`; not
 * on the projector).
 */
export function TrainerMoment({ view, noteShown, revealed, onToggleNote, introductions = [] }: { view: SessionView; noteShown: boolean; revealed: boolean; onToggleNote: () => void; introductions?: readonly Introduction[] }) {
  const shown = noteShown || revealed;
  return (
    <>
      {!revealed && introductions.map((i) => <p className="introduction no-print" key={i.name}>{introductionWords(i)}</p>)}
      <div role="log" aria-label="What happens">
        {view.narration && <p className="narration">{view.narration}</p>}
        {view.lines.map((l, i) => <p className="line" key={`${view.nodeId}-${i}`}><span className="speaker">{l.speaker}{l.role ? <span className="role"> ({l.role})</span> : null}:</span> {l.text}</p>)}
      </div>
      {view.discussionPrompt && <p className="discussion"><span className="sr-only">Discussion prompt: </span>{view.discussionPrompt}</p>}
      {view.facilitatorNote && (
        <div className="no-print">
          {/* It says what pressing it does ("f: hide note" on the terminal); it said "Facilitator note
              shown" as the button that hides it. After the reveal the note is the room's too: no button. */}
          {!revealed && (
            <button type="button" aria-expanded={shown} aria-controls="facilitator-note" onClick={onToggleNote}>
              {shown ? 'Hide the facilitator note' : 'Show the facilitator note (trainer only)'}
            </button>
          )}
          {shown && <p id="facilitator-note" className="facilitator-note"><strong>Facilitator note:</strong> {view.facilitatorNote}</p>}
        </div>
      )}
    </>
  );
}

/**
 * A reply as the room sees it before the reveal: its number, "Do:" for an action, its words, and
 * for a reply the story does not open here, why (the core's words, as a volunteer playing alone gets).
 */
export function RoomOption({ reply }: { reply: SessionView['replies'][number] }) {
  return (
    <>
      <strong>{reply.number}.</strong> {reply.kind === 'do' ? <><em className="do">Do:</em>{' '}</> : null}{reply.text}
      {!reply.enabled && <span className="hint"> {unavailableWords(reply)}</span>}
    </>
  );
}


/**
 * Under a revealed reply: the button that follows it, or for a reply the story does not open here,
 * why not (the words shown beside it before the reveal, and the terminal's when its number is typed).
 */
export function FollowReply({ reply, number, disabled, onFollow }: { reply: SessionView['replies'][number] | undefined; number: number; disabled?: boolean; onFollow: () => void }) {
  if (!reply) return null;
  if (!reply.enabled) return <p className="hint">{unavailableWords(reply)}</p>;
  // Waiting (the room has not answered yet): marked unavailable, not disabled, so that the focus stays on it.
  return <button type="button" aria-disabled={disabled || undefined} onClick={disabled ? undefined : onFollow}>Follow reply {number}</button>;
}

/**
 * The reveal's next step in the row of the trainer's steps, with or without a live room: follow the
 * reply the room chose (the core's roomsChoice: the one most voted for, alone), or, with none (no
 * votes, a tie, a reply the story does not open), go to the replies' own Follow buttons to choose
 * one. The Follow buttons were only inside each reply, so the row at the window's foot had no next
 * step after a reveal. Not a clicker's step: Page Down never picks a branch.
 */
export function FollowChoice({ choice, list, disabled, short, onFollow }: { choice?: { number: number }; list: RefObject<HTMLElement | null>; disabled?: boolean; short?: boolean; onFollow: () => void }) {
  // `short`: in a narrow window (useNarrowSteps), shorter words for the same step, so the row of the
  // trainer's steps stays one line. Still the room's: "Follow reply 2" said nothing of the room, and
  // was the name of reply 2's own button in the list above (233 px at 1024×768, where 255 are left
  // beside Back to the votes, Back to decision 12 and Blank the projector).
  if (choice) return <button type="button" className="primary" aria-disabled={disabled || undefined} onClick={disabled ? undefined : onFollow}>{short ? `Follow the room: ${choice.number}` : `Follow the room’s choice (reply ${choice.number})`}</button>;
  // The first reply's Follow button takes the focus: Tab goes on to the others'.
  // Then no other reply's Follow button left half under the row (clearOfSteps): for one order of the replies in three, reply 2's was.
  return <button type="button" onClick={(e) => {
    list.current?.querySelector<HTMLButtonElement>('button')?.focus();
    clearOfSteps(e.currentTarget.closest<HTMLElement>('.trainer-steps'));
  }}>{short ? 'Choose a reply' : 'Choose a reply to follow'}</button>;
}
