/**
 * Live regions inside other live regions, in words ([] when there are none): an alert (or status,
 * or any element with aria-live other than "off") with a live region among its ancestors. Some
 * screen readers read such a message twice, once for each region; a message is to be said by one
 * region, with the politeness it needs (an error assertive, news polite). A region inside an
 * element marked aria-live="off" (itself inside a live region or not) is not counted: that element
 * silences the outer region there. An element marked aria-live="off" is no live region, whatever its role.
 *
 * Self-contained (no imports, nothing from outside the function): the e2e tests run it in Chromium's
 * pages too, through page.evaluate (helpers/browser.ts, runAxe).
 */
export function nestedLiveRegions(root: ParentNode = document): string[] {
  // Told in JavaScript rather than by a selector: this runs at every change of every page the jsdom
  // tests render, and matching a selector list against each ancestor took about twice as long.
  const ROLES = ['alert', 'status', 'log', 'marquee', 'timer'];
  const live = (el: Element): boolean => {
    const politeness = el.getAttribute('aria-live');
    if (politeness !== null) return politeness !== 'off';
    return ROLES.includes(el.getAttribute('role') ?? '') || el.localName === 'output';
  };
  const describe = (el: Element): string => {
    const role = el.getAttribute('role');
    const politeness = el.getAttribute('aria-live');
    const words = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return `${el.localName}${el.id ? `#${el.id}` : ''}${role ? `[role="${role}"]` : ''}${politeness ? `[aria-live="${politeness}"]` : ''} "${words.length > 60 ? `${words.slice(0, 60)}…` : words}"`;
  };
  const found: string[] = [];
  for (const region of root.querySelectorAll('[aria-live], [role], output')) {
    if (!live(region)) continue;
    for (let at = region.parentElement; at; at = at.parentElement) {
      if (at.getAttribute('aria-live') === 'off') break;
      if (live(at)) {
        found.push(`${describe(region)} is inside ${describe(at)}`);
        break;
      }
    }
  }
  return found;
}

/**
 * Watches `doc` from now on for live regions rendered inside other live regions (nestedLiveRegions),
 * at every change of the page: each one found, once, in `found`. `stop()` ends the watch and
 * returns what was found (changes not looked at yet included).
 */
export function watchNestedLiveRegions(doc: Document = document): { found: string[]; stop: () => string[] } {
  const found: string[] = [];
  const check = () => {
    for (const f of nestedLiveRegions(doc)) if (!found.includes(f)) found.push(f);
  };
  const observer = new MutationObserver(check);
  observer.observe(doc, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-live'] });
  check();
  return {
    found,
    stop: () => {
      if (observer.takeRecords().length > 0) check();
      observer.disconnect();
      return found;
    },
  };
}
