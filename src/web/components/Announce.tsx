import { useEffect, useState, type ReactNode } from 'react';

/**
 * A notice read out by screen readers: a polite status that is in the page, empty, before its words
 * arrive (a live region that appears with its words already in it is not announced), so the words
 * are announced once, when they appear.
 */
export function Announce({ children, className = 'notice' }: { children: ReactNode; className?: string }) {
  const [said, setSaid] = useState(false);
  useEffect(() => setSaid(true), []);
  return <div role="status">{said && <p className={className}>{children}</p>}</div>;
}
