import { hrefOf } from '../routing.js';

/**
 * An address that names no page of the app (an old or mistyped link: `#/nope`, `#/play` without a
 * scenario). It showed the scenarios, as if the link had been to them, and nothing said it was not.
 * The address is not repeated: anyone can send a link, and its words are not the app's to show.
 * The window's title says it too (routeTitle); the app puts the focus here as on any other page.
 */
export function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address in casa-practice: the link may be old, or mistyped. <a href={hrefOf({ page: 'library' })}>Back to the scenarios</a>.</p>
    </>
  );
}
