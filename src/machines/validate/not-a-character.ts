import { quoteValue } from '../text/quote.js';

/** A line's "character" naming the narrator, who is not one: the text is narration. */
const NARRATOR_WORDS = new Set(['narrator', 'narration', 'narrative', 'storyteller', 'story']);
/** A line's "character" naming the volunteer, who is not one: the volunteer's words are replies. */
const VOLUNTEER_WORDS = new Set(['you', 'me', 'i', 'volunteer', 'the-volunteer', 'casa', 'casa-volunteer', 'advocate', 'learner', 'player']);
/** How many declared characters a fix names. */
const NAMED = 5;

/**
 * Why a line's "character" that names the narrator or the volunteer (in capitals too: "Narrator"
 * was first told to be written "narrator", then, once it was, that the narrator is no character) is
 * none, and where its text goes; undefined for any other name. `declared`: the scenario's character ids.
 */
export function notACharacter(character: string, text: unknown, declared: readonly string[]): { why: string; fix: string } | undefined {
  const who = character.trim().toLowerCase().replace(/\s+/g, '-');
  const said = typeof text === 'string' ? quoteValue(text, 60) : '"…"';
  if (NARRATOR_WORDS.has(who)) {
    return { why: 'the narrator is not a character, and a line is what a character says. What is told, not said, is the node\'s "narration".',
      fix: `Move the text into this node's "narration" ("narration": ${said}, or after the narration it has), and remove the line.` };
  }
  if (VOLUNTEER_WORDS.has(who)) {
    return { why: 'the volunteer is not a character. What the volunteer says or does is a reply, chosen at a decision; a line is what one of the characters says.',
      fix: `If the volunteer says this, write it as a reply in a decision's "replies" ({ "id": "…", "text": ${said}, … }); if someone else does, ${declared.length > 0 ? `name their character (this scenario declares ${declared.slice(0, NAMED).map((c) => quoteValue(c, 40)).join(', ')})` : 'add them to "characters" and name them here'}.` };
  }
  return undefined;
}
