import { createContext, useCallback, useContext, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * An in-page confirmation for an action that loses work ("Start again", "Start over"): the button
 * that asks is a disclosure (aria-expanded, aria-controls), asking moves focus to the safe answer,
 * and the safe answer or Escape closes the question and gives focus back to the button. A question
 * that no button asks (one raised by a file just chosen) is opened with ask(), and gives focus back
 * to `returnTo`; `onCancel` runs when the safe answer or Escape closes it (to say nothing was done).
 */
export interface Confirmation {
  open: boolean;
  /** Closes the question without moving focus (the page moved on). */
  close(): void;
  /** Closes the question and gives focus back to the button that asked. */
  cancel(): void;
  /** Escape closes the question (on the button, the question or a box holding both). */
  onEscape(e: KeyboardEvent): void;
  /** Opens the question and moves focus to its safe answer. */
  ask(): void;
  /** What the asking button needs: its ref, its disclosure state and its click. */
  trigger(panelId: string): { ref: RefObject<HTMLButtonElement | null>; 'aria-expanded': boolean; 'aria-controls': string | undefined; onClick(): void };
  keep: RefObject<HTMLButtonElement | null>;
}

/** A part of a page where one question at most is open at a time (OneQuestionAtATime). */
const QuestionGroup = createContext<{ opening(close: () => void): void } | undefined>(undefined);

/**
 * A part of a page with a question for each of many things (My records: "Remove this debrief?",
 * "Remove this copy?" for each entry): asking one closes the one asked before, unanswered. A
 * volunteer who asked about one debrief, then about another instead, had both questions open, each
 * with its "Remove it for good", the first left behind unanswered once the second was answered.
 */
export function OneQuestionAtATime({ children }: { children: ReactNode }) {
  const last = useRef<() => void>(undefined);
  const group = useMemo(() => ({
    opening(close: () => void) {
      if (last.current !== close) last.current?.();
      last.current = close;
    },
  }), []);
  return <QuestionGroup value={group}>{children}</QuestionGroup>;
}

export function useConfirmation(returnTo?: RefObject<HTMLElement | null>, onCancel?: () => void): Confirmation {
  const [open, setOpen] = useState(false);
  const asker = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const group = useContext(QuestionGroup);
  // Stable, so a callback that closes the question on moving on need not change with it.
  const close = useCallback(() => setOpen(false), []);
  const ask = () => {
    flushSync(() => {
      group?.opening(close);
      setOpen(true);
    });
    // The whole question in the window where it fits: focus alone scrolled only as far as its safe
    // answer, and on a phone (320×640, My records) the first lines of what it asks were left under
    // its heading, which sticks below the bar. A question taller than the window is left to the
    // focus, its heading sticking above the answer.
    const panel = keep.current?.closest<HTMLElement>('.confirm');
    // Clear of the sticky bar above and of presenter mode's row of steps below (the page's scroll-padding).
    const root = getComputedStyle(document.documentElement);
    const clear = (parseFloat(root.scrollPaddingTop) || 0) + (parseFloat(root.scrollPaddingBottom) || 0);
    if (panel && panel.getBoundingClientRect().height <= window.innerHeight - clear) {
      panel.scrollIntoView?.({ block: 'nearest', behavior: 'instant' });
      keep.current?.focus({ preventScroll: true });
    } else keep.current?.focus();
  };
  const cancel = () => {
    flushSync(() => setOpen(false));
    (returnTo ?? asker).current?.focus();
    onCancel?.();
  };
  return {
    open,
    close,
    cancel,
    ask,
    onEscape: (e) => {
      if (e.key !== 'Escape' || !open) return;
      e.preventDefault();
      cancel();
    },
    trigger: (panelId) => ({ ref: asker, 'aria-expanded': open, 'aria-controls': open ? panelId : undefined, onClick: () => (open ? cancel() : ask()) }),
    keep,
  };
}

/**
 * The question itself: a labelled group with what is lost, the safe answer first (focused), then the
 * action, and another way of doing it when there is one (start again in the other mode). Its title
 * is a heading of `level` (2 unless said): one level below the heading of the part of the page it
 * opens in, so the page's outline stays as it is (a question under "Damaged copies", itself an h2,
 * is an h3).
 */
export function ConfirmPanel(props: { id: string; confirmation: Confirmation; title: string; children: ReactNode; keepLabel: string; confirmLabel: string; onConfirm(): void; alternative?: { label: string; onConfirm(): void }; level?: 2 | 3 | 4 }) {
  const { id, confirmation, title, children, keepLabel, confirmLabel, onConfirm, alternative, level = 2 } = props;
  const Heading = `h${level}` as const;
  return (
    <div id={id} className="confirm" role="group" aria-labelledby={`${id}-heading`} aria-describedby={`${id}-text`} onKeyDown={confirmation.onEscape}>
      <Heading id={`${id}-heading`}>{title}</Heading>
      <p id={`${id}-text`}>{children}</p>
      <p className="actions">
        <button type="button" ref={confirmation.keep} className="primary" onClick={confirmation.cancel}>{keepLabel}</button>
        <button type="button" onClick={onConfirm}>{confirmLabel}</button>
        {alternative && <button type="button" onClick={alternative.onConfirm}>{alternative.label}</button>}
      </p>
    </div>
  );
}
