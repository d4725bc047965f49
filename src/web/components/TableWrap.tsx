import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table that may scroll sideways on a narrow screen: a labelled region a keyboard can reach and
 * scroll. When the table is wider than its region (a phone), a line above it says so: a table cut
 * at the screen's edge gives no other sign that there is more of it.
 */
export function TableWrap({ label, className, children }: { label: string; /** Besides table-wrap (My records': the container its rows are laid out in on a narrow screen). */ className?: string; children: ReactNode }) {
  const region = useRef<HTMLDivElement>(null);
  const [wider, setWider] = useState(false);
  useLayoutEffect(() => {
    const el = region.current;
    if (!el) return;
    const measure = () => setWider(el.scrollWidth > el.clientWidth + 1);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <>
      {wider && <p className="hint no-print table-scrolls">This table is wider than the screen: scroll it sideways to see all of it.</p>}
      {/* In the Tab order only when it scrolls (to scroll it by keyboard): an empty stop otherwise. */}
      <div className={className ? `table-wrap ${className}` : 'table-wrap'} role="region" aria-label={label} tabIndex={wider ? 0 : undefined} ref={region}>{children}</div>
    </>
  );
}
