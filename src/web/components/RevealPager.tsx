import { clickerButton, type ClickerKeys } from '../clicker.js';
import { revealPageWords, type RevealPaging } from '../projector.js';
import { Announce } from './Announce.js';

/** The clicker's label for each step between a reveal's pages, as its button says it. */
export const NEXT_PAGE = 'Next projector page';
export const PREVIOUS_PAGE = 'Previous projector page';

/**
 * The clicker keys at a reveal the projector shows in pages: Page Down shows the next page until the
 * last (then it does what it does at a reveal, `atLast`), Page Up the page before until the first
 * (then `atFirst`: back to the votes, or nothing).
 */
export function pagedRevealKeys(paging: Pick<RevealPaging, 'at' | 'count'>, atLast: Pick<ClickerKeys, 'next' | 'nextNone'>, atFirst: Pick<ClickerKeys, 'back'>): Pick<ClickerKeys, 'next' | 'nextNone' | 'back'> {
  return {
    ...(paging.at < paging.count - 1 ? { next: { label: NEXT_PAGE } } : atLast),
    ...(paging.at > 0 ? { back: { label: PREVIOUS_PAGE } } : atFirst),
  };
}

/**
 * On the trainer's page, at a reveal the projector window shows in pages (too long to read whole
 * there in type the room can read): which page it shows and the replies on it, the buttons to step
 * through them (the clicker's keys press them), and each step said to a screen reader. Nothing when
 * the reveal fits on one page, or no projector window is open.
 */
export function RevealPager({ paging }: { paging: RevealPaging }) {
  if (paging.count <= 1) return null;
  const first = paging.at === 0;
  const last = paging.at === paging.count - 1;
  return (
    <div className="reveal-pager no-print">
      <p className="reveal-page-now">{revealPageWords(paging)}</p>
      <p className="controls">
        {/* Always there (the focus stays on a button that has nothing to do), marked unavailable at either end. */}
        <button type="button" aria-disabled={first} onClick={paging.back} {...(first ? {} : clickerButton('back'))}>{PREVIOUS_PAGE}</button>
        <button type="button" aria-disabled={last} onClick={paging.next} {...(last ? {} : clickerButton('next'))}>{NEXT_PAGE}</button>
      </p>
      {paging.moved > 0 && <Announce key={paging.moved} className="sr-only">{revealPageWords(paging)}</Announce>}
    </div>
  );
}
