import { useEffect, useState } from 'react';

/** Whether two times fall on the same day of the volunteer's own calendar. */
const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/**
 * Milliseconds from `now` to the next local midnight (a day at most; across a change of clocks, the
 * midnight of the calendar, not 24 hours on). At least a second: a timer that fires a little early
 * (a clock set back) is set again for a second on, never in a tight loop.
 */
export function msToNextDay(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return Math.max(1000, next.getTime() - now.getTime());
}

/**
 * Today, as the page shows it (a year's total, "this year"): a new Date when the day changes, not
 * only when the page is drawn, so a page left open over midnight (over New Year: "in 2026" above
 * January's practice) follows the clock. One timer, to the next midnight and set again there, and
 * a look at the clock when the page is shown again (a computer that slept may wake past a midnight
 * whose timer has not yet fired). Both are removed when the page goes.
 */
export function useToday(): Date {
  const [today, setToday] = useState(() => new Date());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => setToday((old) => {
      const now = new Date();
      return sameDay(old, now) ? old : now;
    });
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        check();
        arm();
      }, msToNextDay(new Date()));
    };
    const shown = () => {
      if (document.visibilityState !== 'visible') return;
      check();
      arm();
    };
    // The day may have turned between the first draw and now.
    check();
    arm();
    document.addEventListener('visibilitychange', shown);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', shown);
    };
  }, []);
  return today;
}

/**
 * Now, as words like "saved 5 minutes ago" need it: read again when the volunteer comes back to the
 * page (it is shown again, or its window has the focus again), and not only when the page is drawn.
 * The first page, left open, said "saved just now" of a save made hours (or days) before, to a
 * volunteer back from lunch deciding whether to continue it. No timer: the words are not changed
 * while the page is being read (a focused Continue link whose name changed each minute could be read
 * out again each minute).
 */
export function useNowOnReturn(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const back = () => {
      if (document.visibilityState === 'visible') setNow(new Date());
    };
    document.addEventListener('visibilitychange', back);
    window.addEventListener('focus', back);
    window.addEventListener('pageshow', back);
    return () => {
      document.removeEventListener('visibilitychange', back);
      window.removeEventListener('focus', back);
      window.removeEventListener('pageshow', back);
    };
  }, []);
  return now;
}
