import { Fragment } from 'react';

/**
 * A join address that wraps where it still reads whole: after a "/" of its path (not in "http://"),
 * as after its "?", never in a word. In a narrow column (the projector's join block beside "Before this", 1024×768 and 1280×720)
 * it broke anywhere, "…:46363/jo" above "in?room=…", and people type it from there when the QR code
 * will not scan. The class's overflow-wrap still breaks a piece longer than the column.
 */
export function JoinUrl({ url }: { url: string }) {
  const parts: string[] = [];
  let part = '';
  for (let i = 0; i < url.length; i++) {
    part += url[i];
    if (url[i] === '/' && url[i - 1] !== '/' && i + 1 < url.length && url[i + 1] !== '/') {
      parts.push(part);
      part = '';
    }
  }
  parts.push(part);
  return <span className="join-url">{parts.map((part, i) => <Fragment key={i}>{i > 0 && <wbr />}{part}</Fragment>)}</span>;
}
