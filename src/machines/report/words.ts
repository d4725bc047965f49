/**
 * The words every UI uses for a verdict, a principle's status and a score, so the terminal, the
 * web app and the exports never disagree. Each carries a symbol too: meaning never rests on colour.
 */

/**
 * A principle's overall status in a debrief (the Markdown's table, the line-by-line list): "✗ went
 * against", as the key to the counts (COUNT_KEY) and the growth sentences ("You went against …")
 * say it, which it read beside as "✗ violated". One reply's verdict stays "✗ violates" beside
 * "✓ follows" (VERDICT_WORDS): said of a reply at the moment, not of the playthrough.
 */
export const STATUS_WORDS = { violated: '✗ went against', missed: '○ missed', followed: '✓ followed' } as const;

/** One reply's verdict on one principle. */
export const VERDICT_WORDS = { follows: '✓ follows', violates: '✗ violates', missed: '○ missed' } as const;

/** "+2" / "−1" / "0". */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

/** A number as text with a real minus sign ("−2", as `signed` writes it), never a hyphen. */
function number(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}

/**
 * "78% (7 of 9 points)": the percentage first, as My records, the scenario's card and the picker
 * show it, then the points it comes from; a note when a critical violation capped the percentage.
 * The percentage is never below 0 (the debrief said "below 0%" where the records of the same
 * playthrough said 0%); points under zero are said in words, "0% (12 points below zero, of 28
 * possible)": "0% (−12 of 28 points)" read to a newcomer as a misprint, a minus sign easy to miss
 * and a count of points that is not of the 28. The same words in every UI and export. (A scenario
 * that cannot be scored, its best total not positive, keeps its points as they are.)
 */
export function scoreWords(score: { earned: number; best: number; percent: number; capped?: boolean }): string {
  const capped = score.capped ? ', capped after a critical violation' : '';
  if (score.earned < 0 && score.best > 0) return `${score.percent}% (${-score.earned} ${score.earned === -1 ? 'point' : 'points'} below zero, of ${number(score.best)} possible${capped})`;
  return `${score.percent}% (${number(score.earned)} of ${number(score.best)} points${capped})`;
}

/** "Outcome: Needs review. A prohibited activity …". */
export function outcomeWords(outcome: { label: string; reason: string }): string {
  return `Outcome: ${outcome.label}. ${outcome.reason}`;
}

/** A count as a whole percentage of a total (0 when the total is 0). */
export function percentOf(count: number, total: number): number {
  return total > 0 ? Math.round((100 * count) / total) : 0;
}

/**
 * Each count's share of their sum in whole percent (all 0 when the sum is 0), each rounded on its
 * own to the nearest whole percent, a half to the even one: equal counts always show the same
 * share (a three-way tie is 33% each, not 34, 33 and 33 as when the shares were forced to add up
 * to 100, which also showed 10 of 18 as 55%), and 3 votes and 5 are 38% and 62%, not 38% and 63%.
 * The shares may add up to 99 or 101.
 */
export function sharesOf(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return counts.map(() => 0);
  return counts.map((c) => {
    const whole = Math.floor((100 * c) / total);
    const twiceRest = 2 * ((100 * c) % total);
    return twiceRest > total || (twiceRest === total && whole % 2 === 1) ? whole + 1 : whole;
  });
}

/** The outcome bands' labels, as `outcomeOf` gives them, for records that keep only the band. */
export const BAND_LABELS = { strong: 'Strong', developing: 'Developing', 'needs-review': 'Needs review' } as const;

/** Who the debrief speaks to: a volunteer who played alone, or the room of a trainer-led session. */
export type Voice = 'you' | 'room';

/** The words that change with the voice. */
/**
 * A chosen reply as a report shows it: words said in quotation marks, an action (a "do" reply) as
 * "Do: …", never quoted as if it were said. Markdown and line-by-line text pass straight quotes.
 */
export function quotedReply(text: string, said: boolean, quotes: readonly [string, string] = ['“', '”']): string {
  return said ? `${quotes[0]}${text}${quotes[1]}` : `Do: ${text}`;
}

/**
 * A decision named in a sentence by its title ("at “Monday morning”"): in quotation marks, unless
 * the title is a quotation already ("“Sometimes I want to”", "\"That's girls\""), which marks of
 * its own would double (“““Sometimes I want to””” read ““Sometimes I want to””).
 */
export function quotedTitle(title: string, quotes: readonly [string, string] = ['“', '”']): string {
  return /^["“„«].*["”»]$/s.test(title) ? title : `${quotes[0]}${title}${quotes[1]}`;
}

/**
 * The label before a reply the volunteer chose, as every UI shows it in a session: "You" for words
 * said, "You do" for an action (the web's conversation, the terminal's feedback on the reply, a
 * resumed session's recap, the line-by-line echo of the reply). One label (issue #7): the terminal
 * said "Do: …" there and the web "You do: …". "Do: …" alone stays for a reply offered in a list
 * (pathReply) and in the debriefs (quotedReply, after "You chose:").
 */
export function yourReplyLabel(kind: 'say' | 'do' | undefined): string {
  return kind === 'do' ? VOICE_WORDS.you.does : VOICE_WORDS.you.who;
}

/**
 * A reply the volunteer chose, after its label (yourReplyLabel): "You: “…”" for words said,
 * "You do: …" for an action, never quoted as if it were said.
 */
export function yourReply(text: string, kind: 'say' | 'do' | undefined, quotes: readonly [string, string] = ['“', '”']): string {
  return `${yourReplyLabel(kind)}: ${kind === 'do' ? text : `${quotes[0]}${text}${quotes[1]}`}`;
}

/**
 * A reply after the name of who chose it: "You: “…”" for words said, "You do: …" (or "Room
 * does: …") for an action (yourReply for the volunteer's own).
 */
export function replyBy(voice: Voice, text: string, said: boolean, quotes: readonly [string, string] = ['“', '”']): string {
  return said ? `${VOICE_WORDS[voice].who}: ${quotes[0]}${text}${quotes[1]}` : `${VOICE_WORDS[voice].does}: ${text}`;
}

/**
 * A reply at a decision of a debrief's transcript, after who chose it: "You chose: “…”" for words
 * said, "You chose: Do: …" for an action ("The room chose: …"), in every debrief that writes it so.
 * The web debrief said this, while the full-screen terminal's transcript said "You: “…”" and "You
 * do: …", the live feedback panel's words (replyBy), for the same reply looked back on.
 */
export function choseWords(voice: Voice, text: string, said: boolean, quotes: readonly [string, string] = ['“', '”']): string {
  const who = VOICE_WORDS[voice].chose;
  return `${who.charAt(0).toUpperCase()}${who.slice(1)}: ${quotedReply(text, said, quotes)}`;
}

/**
 * A reply in a list of replies or a table of paths (side by side with best practice): words as they
 * are, an action marked "Do: …" so it is never read as words to say. The web app marks it so; the
 * terminal's lists said "[do] …", a mark to learn rather than a word.
 */
export function pathReply(text: string, said: boolean): string {
  return said ? text : `Do: ${text}`;
}

/** Text ended as a sentence: a full stop added unless it ends in one already (or in ? ! …), closing quotes or a bracket after it included. */
export function endSentence(text: string): string {
  return /[.!?…]["”’')]*$/.test(text) ? text : `${text}.`;
}

export const VOICE_WORDS = {
  you: { chose: 'you chose', reply: 'Your reply', who: 'You', does: 'You do', path: 'your path' },
  room: { chose: 'the room chose', reply: "The room's reply", who: 'Room', does: 'Room does', path: "the room's path" },
} as const satisfies Record<Voice, Record<string, string>>;

/**
 * The heading of the volunteer's (or the room's) reply at each decision beside best practice there,
 * the same in every view: "Your path beside best practice". The Markdown export said "Your replies
 * beside best practice at the same decision" and the line-by-line terminal "Your replies / best
 * practice at the same decision:", while the web debrief, and the best-path line under it in every
 * view ("the same decisions as in your path above"), called it your path.
 */
export function pathBesideWords(voice: Voice): string {
  return voice === 'room' ? "The room's path beside best practice" : 'Your path beside best practice';
}

/**
 * The heading of the debrief's decisions one by one (each reply with its points, verdicts and
 * feedback), the same in every view and either voice: "Transcript". The web debrief said "Your
 * replies, annotated" ("The room's replies, annotated"), while the Markdown export, the
 * line-by-line terminal and the full screen's tab (which its critical violations point to) said
 * "Transcript".
 */
export const TRANSCRIPT_HEADING = 'Transcript';

/**
 * A run of the best-practice path that the path beside best practice has just shown (DebriefModel's
 * `asAbove` parts), in one line: "Decisions 1 to 3: the same decisions as in your path above, where
 * the best-practice reply for each is shown." (first and last numbered from 1, as the path numbers them).
 */
export function bestPathAsAboveWords(first: number, last: number, voice: Voice): string {
  const path = VOICE_WORDS[voice].path;
  if (first === last) return `Decision ${first}: the same decision as in ${path} above, where its best-practice reply is shown.`;
  return `Decisions ${first} ${last === first + 1 ? 'and' : 'to'} ${last}: the same decisions as in ${path} above, where the best-practice reply for each is shown.`;
}

/** The best-practice path when it is the path of the playthrough, reply for reply (DebriefModel's `bestPathFollowed`). */
export function bestPathFollowedWords(voice: Voice): string {
  const path = VOICE_WORDS[voice].path;
  return `${path.charAt(0).toUpperCase()}${path.slice(1)} above is the best-practice path: ${voice === 'room' ? "the room's" : 'your'} reply was best practice at every decision.`;
}

/**
 * What a debrief says under "The best-practice path from the start", in order: a line (`line`) for a
 * run of decisions the path above has shown, or for a path that was best practice throughout; a
 * numbered list (`steps`, each with its number `n` from 1) for the decisions it shows in full.
 */
export function bestPathSays<S>(m: { bestPathParts: readonly ({ asAbove: true; first: number; last: number } | { asAbove: false; steps: readonly S[] })[]; bestPathFollowed: boolean }, voice: Voice): ({ line: string } | { steps: readonly S[] })[] {
  if (m.bestPathFollowed) return [{ line: bestPathFollowedWords(voice) }];
  return m.bestPathParts.map((p) => (p.asAbove ? { line: bestPathAsAboveWords(p.first, p.last, voice) } : { steps: p.steps }));
}

/**
 * A principle's title in quotation marks, in a strength or growth sentence. Quotation marks in the
 * title become single ones: 'Say "left placement without permission", not "AWOL"' read
 * "Say "left placement without permission", not "AWOL"" (guide: "…"), its marks ending doubled.
 */
export function quotedPrinciple(title: string): string {
  return `"${title.replace(/"/g, "'")}"`;
}

/**
 * How a principle kept to at `kept` decisions and missed at `missed` others is said, at "1 of 4
 * chances" (nothing when none was missed). A principle followed once and missed three times was a
 * plain "You kept to" strength, and not among the growth areas.
 */
function chancesWords(kept: number, missed: number): string {
  return `${kept} of ${kept + missed} chances`;
}

/** A strength of the debrief: 'You kept to "X" (guide: "Y").' (a principle kept to at every chance for it). */
export function strengthWords(p: { title: string }, citation: string): string {
  return `You kept to ${quotedPrinciple(p.title)} (${citation}).`;
}

/**
 * A growth area of the debrief, with what the guide asks (`rule`): a principle gone against ("Critical:
 * you went against" for a critical one), missed throughout at `missed` decisions ("You missed a
 * chance for", "You missed 3 chances for"), or kept to at `kept` decisions and missed at `missed`
 * others ('You kept to "X" at only 1 of 4 chances': said once, here, not among the strengths as well).
 */
export function growthWords(p: { title: string; rule: string; status: 'violated' | 'missed' | 'followed'; critical: boolean; kept: number; missed: number }, citation: string): string {
  if (p.status === 'followed') return `You kept to ${quotedPrinciple(p.title)} at only ${chancesWords(p.kept, p.missed)} (${citation}). ${p.rule}`;
  const what = p.status === 'violated' ? (p.critical ? 'Critical: you went against' : 'You went against') : p.missed > 1 ? `You missed ${p.missed} chances for` : 'You missed a chance for';
  return `${what} ${quotedPrinciple(p.title)} (${citation}). ${p.rule}`;
}

/**
 * A growth sentence (growthWords) in its two parts: what happened, with the guide cited ('Critical:
 * you went against "X" (guide: "Y").'), and what the guide asks (the rest). A sentence not made so
 * is all lead, with no rule. A web debrief shows the lead, and the rule when it is opened.
 */
export function growthParts(sentence: string): { lead: string; rule: string } {
  // The principle's title, quoted (no '"' in it: quotedPrinciple), then its citation: a title with
  // "(guide). " in it is not taken for the end of the lead.
  const lead = /^[^"]*"[^"]*"[^"(]*\((?:guide|guide: "[^"]*")\)\.(?= )/.exec(sentence)?.[0];
  return lead ? { lead, rule: sentence.slice(lead.length + 1) } : { lead: sentence, rule: '' };
}

/**
 * A principle's result in a table or list of principles: its STATUS_WORDS, and for one followed but
 * missed at other decisions too, how often: "✓ followed at 1 of 4 chances"; with where the chances
 * counted as missed were, when known (DebriefModel's `missedAt`): "○ missed (decisions 1 and 6)",
 * "✓ followed at 1 of 4 chances (missed at decisions 2, 3 and 5)"; for one gone against, where
 * (`againstAt`): "✗ went against (decisions 2 and 5)" (the decisions by number, as the
 * transcript numbers them; a debrief's growth area names them with their titles).
 */
export function resultWords(p: { status: 'violated' | 'missed' | 'followed'; followed: number; missedBelowBest: number; missedAt?: readonly { turn: number }[]; againstAt?: readonly { turn: number }[] }): string {
  if (p.status === 'violated') {
    const against = decisionNumbers((p.againstAt ?? []).map((c) => c.turn));
    return against ? `${STATUS_WORDS.violated} (${against})` : STATUS_WORDS.violated;
  }
  const at = decisionNumbers((p.missedAt ?? []).map((c) => c.turn));
  if (p.status === 'followed' && p.missedBelowBest > 0) return `${STATUS_WORDS.followed} at ${chancesWords(p.followed, p.missedBelowBest)}${at ? ` (missed at ${at})` : ''}`;
  return p.status === 'missed' && at ? `${STATUS_WORDS.missed} (${at})` : STATUS_WORDS[p.status];
}

/** A strength or growth sentence of the core ("You kept to …", "Critical: you went against …") said of the room. */
export function inVoice(sentence: string, voice: Voice): string {
  return voice === 'you' ? sentence : sentence.replace(/^(Critical: )?[Yy]ou /, (_, critical: string | undefined) => `${critical ?? ''}${critical ? 'the room' : 'The room'} `);
}

/**
 * One reply's points at a reveal, "Score: +3": the terminal's presenter screen and room console, the
 * web presenter page, its projector window and the live room's page say it alike (the session
 * summary's Points column has the same number, `signed`).
 */
export function replyScoreWords(value: number): string {
  return `Score: ${signed(value)}`;
}

/** The mark beside the best-practice reply in a reveal or a session summary. */
export const BEST_PRACTICE = '★ best practice';

/** "The room's branch was best practice at 2 of 3 decisions (67%)." */
export function roomMatchWords(matched: number, decisions: number, what: string): string {
  return `${what} best practice at ${matched} of ${decisions} decision${decisions === 1 ? '' : 's'} (${percentOf(matched, decisions)}%).`;
}

/** A bar of `cells` cells for a percentage: "██████░░░░". The number is always printed beside it. */
export function scoreBar(percent: number, cells = 10): string {
  const filled = Math.round((cells * Math.max(0, Math.min(100, percent))) / 100);
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)}`;
}

/** "Outcome: Developing · █████░░░░░ 52% (14 of 27 points)": the band and the score on one line, the score in scoreWords' words. */
export function outcomeScoreLine(m: { outcome: { label: string }; score: { earned: number; best: number; percent: number; capped?: boolean } }): string {
  return `Outcome: ${m.outcome.label} · ${scoreBar(m.score.percent)} ${scoreWords(m.score)}`;
}

/**
 * The chances of a principle a debrief counts as missed, as its words say them (growthWords,
 * resultWords): for one followed at some decision, only those missed where the reply taken was not
 * best practice (`missedBelowBest`: a miss beside a best-practice reply is none, docs/authoring.md,
 * "What missed means"); for one never followed, or gone against, every one (`missed`).
 */
export function missedChances(p: { status: 'violated' | 'missed' | 'followed'; missed: number; missedBelowBest: number }): number {
  return p.status === 'followed' ? p.missedBelowBest : p.missed;
}

/**
 * How often a principle was followed, gone against and missed, each with its symbol: "✓2 ✗1" (zeros
 * left out). The misses are missedChances, so that the counts agree with the words: a principle
 * followed, and "missed" only beside best practice, is "✓1", not "✓1 ○1" beside "You kept to".
 */
export function countWords(p: { status: 'violated' | 'missed' | 'followed'; followed: number; violated: number; missed: number; missedBelowBest: number }): string {
  const missed = missedChances(p);
  return [p.followed > 0 ? `✓${p.followed}` : '', p.violated > 0 ? `✗${p.violated}` : '', missed > 0 ? `○${missed}` : ''].filter(Boolean).join(' ');
}

/** The key to the principle table's symbols. */
export const COUNT_KEY = '✓ followed · ✗ went against · ○ missed a chance';

/**
 * Critical violations grouped by principle, so one principle done three times is listed once, "×3";
 * `turns`: the decisions (indexes of the debrief's turns, in order) where it was gone against, when
 * the violations know theirs (a debrief then points there instead of repeating reply and feedback).
 */
export function criticalGroups<T extends { title: string; section: string; turn?: number }>(critical: readonly T[]): { title: string; section: string; times: number; turns: number[] }[] {
  const groups = new Map<string, { title: string; section: string; times: number; turns: number[] }>();
  for (const c of critical) {
    const g = groups.get(c.title) ?? { title: c.title, section: c.section, times: 0, turns: [] };
    g.times++;
    if (c.turn !== undefined && c.turn >= 0 && !g.turns.includes(c.turn)) g.turns.push(c.turn);
    groups.set(c.title, g);
  }
  return [...groups.values()];
}

/**
 * Where a critical violation's reply and feedback are, in the words every debrief that says them
 * once points with: 'see decision 1 ("A text at 9:40 p.m.")'; several as 'see decision 1 (…),
 * decision 3 (…) and decision 4 (…)'. `where` names the n-th (0-based) decision. Empty for none.
 */
export function decisionPointer(turns: readonly number[], where: (turn: number) => string, quotes: readonly [string, string] = ['“', '”']): string {
  if (turns.length === 0) return '';
  return `see ${listWords(turns.map((t) => `decision ${t + 1} (${quotedTitle(where(t), quotes)})`))}`;
}

/**
 * The decisions (0-based indexes) by number alone, in order and once each: 'decision 5',
 * 'decisions 1, 2 and 4'; empty for none. For a screen whose transcript heads each decision with
 * its number and title, where a row per critical principle is all the summary has room for (the
 * full-screen terminal debrief at 80×24).
 */
export function decisionNumbers(turns: readonly number[]): string {
  const numbers = [...new Set(turns)].sort((a, b) => a - b).map((t) => `${t + 1}`);
  if (numbers.length === 0) return '';
  return `decision${numbers.length === 1 ? '' : 's'} ${listWords(numbers)}`;
}

/** 'a', 'a and b', 'a, b and c'. */
function listWords(items: readonly string[]): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Whether a verdict goes against a critical principle (a prohibited activity): the one rule for the
 * ", critical" every verdict that does so carries, in the live feedback, the recap and the debriefs.
 */
export function breaksCritical(a: { verdict: string; severity?: string }): boolean {
  return a.verdict === 'violates' && a.severity === 'critical';
}

/** A verdict's citation as every UI writes it in brackets: 'guide: "Prohibited Activities", critical' when the reply breaks a critical principle. */
export function citationWords(citation: string, critical: boolean): string {
  return critical ? `${citation}, critical` : citation;
}

/**
 * One reply's verdict on one principle as every UI writes it in a line of text: "✓ follows Curious,
 * not interrogating (guide: "Red Flags")", "✗ violates Don't investigate (guide: "Prohibited
 * Activities", critical)". The web app, the projector and the Markdown export wrote it so, while the
 * terminal put a colon after the verdict ("✓ follows: …"): one form, made here.
 */
export function verdictLine(v: { verdict: keyof typeof VERDICT_WORDS; title: string; citation: string; critical: boolean }): string {
  return `${VERDICT_WORDS[v.verdict]} ${v.title} (${citationWords(v.citation, v.critical)})`;
}

/**
 * One chance a debrief counts as missed (missedChances), where it was: `turn`, the decision (index
 * of the debrief's turns, numbered from 1 when said); `reply`, the reply there that took the chance
 * (another reply than the one chosen; `said` as in quotedReply); `best`, that reply is best practice
 * there (only then is it quoted: another would read as the better answer); `yoursBest`, the reply
 * chosen there was best practice all the same (a principle never followed counts every chance, and
 * that decision's feedback may not name it: said, so that the volunteer is not sent to look for a
 * mistake there). `against`: not a chance missed but a decision where the reply chosen (`reply`) went
 * against the principle: the debrief's growth area for a principle gone against names those
 * decisions ("Gone against at decision 2 (…)"), as it names the missed chances of another.
 */
export interface MissedChance { turn: number; reply: string; said: boolean; best?: boolean; yoursBest?: boolean; against?: boolean }

/** The longest reply (in characters, on one line) the words of a missed chance quote: a longer one is left to the transcript. */
export const SHORT_REPLY = 60;

/**
 * Where a principle's missed chances were, in parts a page can make each decision a link of: `text`
 * the words before a decision, `decision` its name ('decision 6 (“She's back”)'), `after` what
 * follows it there (', where the chance was “…”', when the reply that took it is best practice there
 * and short to say, see SHORT_REPLY); the last part's `after` ends the sentence. `where` names the n-th (0-based) decision;
 * `text` shows a reply (Markdown escapes it). Empty for no chance. Decisions where a principle was
 * gone against (`against`) are said 'Gone against at decision 2 (“Title”) and decision 5 (“…”).'
 */
export function missedWhereParts(chances: readonly MissedChance[], where: (turn: number) => string, quotes: readonly [string, string] = ['“', '”'], text: (s: string) => string = (s) => s): { before: string; turn: number; decision: string; after: string }[] {
  const lead = chances.length > 0 && chances.every((c) => c.against === true) ? 'Gone against at ' : 'Missed at ';
  const tooks = chances.map((c) => {
    const short = c.against !== true && c.best === true && !/[\r\n]/.test(c.reply) && [...c.reply].length <= SHORT_REPLY;
    const mine = c.against !== true && c.yoursBest === true ? ', where your reply was best practice but another reply took this chance' : '';
    return `${mine}${short ? `, where the chance was ${quotedReply(text(c.reply), c.said, quotes)}` : ''}`;
  });
  return chances.map((c, i) => {
    const last = i === chances.length - 1;
    // After a "where …" clause the last decision takes a comma too: "…took this chance, and decision 7", not
    // "…took this chance and decision 7", which read as if the other reply had taken decision 7.
    const before = i === 0 ? lead : last ? (tooks[i - 1] ? ', and ' : ' and ') : ', ';
    const took = tooks[i] as string;
    return { before, turn: c.turn, decision: `decision ${c.turn + 1} (${quotedTitle(where(c.turn), quotes)})`, after: last ? (took ? endSentence(took) : '.') : took };
  });
}

/**
 * missedWhereParts as one sentence, as every debrief says it under a growth area: 'Missed at
 * decision 1 (“11:40 p.m.”) and decision 6 (“She's back”).', or with a short best-practice reply
 * that took it: '…, where the chance was “Call Tomas now.”' Empty for no chance.
 */
export function missedWhereWords(chances: readonly MissedChance[], where: (turn: number) => string, quotes: readonly [string, string] = ['“', '”'], text: (s: string) => string = (s) => s): string {
  return missedWhereParts(chances, where, quotes, text).map((p) => `${p.before}${p.decision}${p.after}`).join('');
}
