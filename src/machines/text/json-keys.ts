/**
 * Keys written twice in one object of a JSON text. JSON.parse keeps the last of them without a word;
 * the validator warns of them in a scenario (validate/source.ts duplicateKeyProblems), and a file the
 * app keeps (the records) must not be read as if the first were not there: the next write would drop
 * it for good. No dependencies: the first frame's part of the core (light.ts) reads records.
 */

/**
 * Whether a valid JSON text can hold a repeated key: it has more keys than the value JSON.parse
 * made of it (the last of repeated keys wins, so the value has fewer). Every key is a string
 * followed by ":" (after any JSON white space), so the colons with a '"' before them (white space
 * skipped) are at least the keys of the text (more only when a string holds such a pair): when
 * they are exactly as many as the keys of the value, no key repeats. Far cheaper than the full key
 * scan, which then runs only when this says so. The colons are found with indexOf, which skips
 * the text between them far faster than a regular expression looking for quotes. `keysInValue`,
 * when the caller has counted the value's keys already (scenarioKeyCount), saves walking it again.
 */
export function mayRepeatKeys(text: string, parsed: unknown, keysInValue = valueKeyCount(parsed)): boolean {
  return textKeyCount(text) !== keysInValue;
}

/** The colons of a JSON text with a '"' before them (white space skipped): at least its keys (see mayRepeatKeys). */
function textKeyCount(text: string): number {
  let inText = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let at = colon - 1;
    let c = text.charCodeAt(at);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(--at);
    if (c === 34) inText++;
  }
  return inText;
}

/** The keys of every object in a parsed JSON value. */
function valueKeyCount(parsed: unknown): number {
  let inValue = 0;
  const stack: unknown[] = [parsed];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x !== null && typeof x === 'object') stack.push(x);
      }
      continue;
    }
    // for…in makes no array of keys (a JSON value has no inherited enumerable keys to count).
    for (const k in v as Record<string, unknown>) {
      inValue++;
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return inValue;
}

/**
 * The first key written a second time in one object of a JSON text (as JSON.parse reads it, escapes
 * decoded), or undefined when none is. Call on a text JSON.parse has read (valid JSON); linear in the
 * text, one pass. Ask mayRepeatKeys first: most texts need no scan at all.
 */
export function repeatedKey(text: string): string | undefined {
  // One frame per open object or list: an object's keys so far (a list has none), and whether the next text in it is a key.
  const frames: { keys: Set<string> | undefined; keyNext: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          escaped = true;
          i++;
        } else if (d === 34) break;
      }
      const top = frames[frames.length - 1];
      if (top?.keys === undefined || !top.keyNext) continue;
      top.keyNext = false;
      const raw = text.slice(start, i + 1);
      const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      if (top.keys.has(key)) return key;
      top.keys.add(key);
    } else if (c === 123) frames.push({ keys: new Set(), keyNext: true });
    else if (c === 91) frames.push({ keys: undefined, keyNext: false });
    else if (c === 125 || c === 93) frames.pop();
    else if (c === 44) {
      const top = frames[frames.length - 1];
      if (top?.keys !== undefined) top.keyNext = true;
    }
  }
  return undefined;
}
