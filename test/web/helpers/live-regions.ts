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
  // The root itself too, when it is an element (a subtree just added, whose top may be a region).
  const candidates = [...('matches' in root && (root as Element).matches('[aria-live], [role], output') ? [root as Element] : []), ...root.querySelectorAll('[aria-live], [role], output')];
  for (const region of candidates) {
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
 *
 * The whole page is looked at once; after that only what changed: each element added (with what is
 * in it) and each element whose role or aria-live changed (with what is in it: a region that becomes
 * one, or an "off" taken away, makes those inside it nested). A region can come to be inside another
 * no other way. Looking at the whole page at every change was a thirtieth of the component tests' CPU.
 */
export function watchNestedLiveRegions(doc: Document = document): { found: string[]; stop: () => string[] } {
  const found: string[] = [];
  const note = (root: ParentNode) => {
    for (const f of nestedLiveRegions(root)) if (!found.includes(f)) found.push(f);
  };
  const changed = (records: MutationRecord[]) => {
    const roots = new Set<Element>();
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element) roots.add(r.target);
      else for (const n of r.addedNodes) if (n instanceof Element) roots.add(n);
    }
    // Each subtree once: an element inside another one looked at is looked at with it.
    for (const root of roots) {
      if (!root.isConnected) continue;
      let covered = false;
      for (let at = root.parentElement; at && !covered; at = at.parentElement) covered = roots.has(at);
      if (!covered) note(root);
    }
  };
  const observer = new MutationObserver(changed);
  observer.observe(doc, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-live'] });
  note(doc);
  return {
    found,
    stop: () => {
      changed(observer.takeRecords());
      observer.disconnect();
      return found;
    },
  };
}
