import type { DebriefModel } from './debrief-model.js';
import { guideCitation } from '../guide.js';
import { bestPathSays, criticalGroups, decisionPointer, inVoice, outcomeWords, pathBesideWords, TRANSCRIPT_HEADING, pathReply, quotedReply, scoreWords, signed, verdictLine, VOICE_WORDS, type Voice, resultWords, missedWhereWords } from './words.js';

/**
 * Text from a scenario or a record as Markdown shows it, never as markup: a backslash before each
 * character that could start a link or image ([ ]), raw HTML or an autolink (< >), emphasis or code
 * (* _ `), a strikethrough (~, GitHub's), or a backslash escape itself, and before an "&" that
 * starts a character reference ("&lt;", "&#x202E;"). Scenario texts are untrusted; an exported
 * debrief or session summary is opened in Markdown viewers that render HTML and follow links. Left
 * as they were, "~~Do not~~ report" in feedback was drawn struck through (the apps show the
 * tildes), and "&#x202E;" became the right-to-left override the apps leave out of a text, turning
 * the words after it round.
 */
export function mdText(text: string): string {
  return text.replace(/[\\`*_[\]<>~]|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/g, (c) => `\\${c}`);
}

/**
 * A text that may hold line breaks (a scenario's "\n": narration, a reply, feedback, a prompt) as
 * Markdown shows it inside a paragraph or a list item, escaped as mdText does: each break a hard
 * line break (a backslash at the end of the line), its next line indented by `indent` spaces (the
 * list item's content column, so that it stays in the item), and a character at the start of a line
 * that would begin a block of its own escaped (a heading, a quotation, a list item, a rule, a table,
 * code). Left as they were, a line "- …" in feedback became a list of its own, "# …" a heading, and
 * an empty line ended the list item, the rest of the text cut off from its decision. An empty line
 * between two paragraphs is kept as an empty line; breaks at the start and end are left out.
 */
export function mdLines(text: string, indent = 0): string {
  // Spaces at the end of a line would be a second hard break; at the start of a later one, Markdown drops them.
  const lines = text.split(/\r\n?|\n/).map((l, i) => (i === 0 ? l.trimEnd() : l.trim()));
  while (lines.length > 1 && lines[0] === '') lines.shift();
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const pad = ' '.repeat(indent);
  return lines
    .map((line, i) => {
      const escaped = mdText(line);
      // The first line follows words already on its line: only a later one can start a block.
      if (i === 0) return escaped;
      return escaped.replace(/^[#>+\-=~|:]/, (c) => `\\${c}`).replace(/^(\d+)([.)])/, '$1\\$2');
    })
    .join(`\\\n${pad}`);
}

/** Text for one Markdown table cell: one line, shown as text (see mdText), pipes escaped. */
export function cell(text: string): string {
  return mdText(text.replace(/\s+/g, ' ').trim()).replace(/\|/g, '\\|');
}

/** The debrief as a Markdown document, for export and for session summaries (which speak of the room, not "you"). */
export function debriefMarkdown(m: DebriefModel, heading = '#', voice: Voice = 'you'): string {
  const h2 = `${heading}#`;
  const v = VOICE_WORDS[voice];
  const out: string[] = [`${heading} Debrief: ${mdText(m.title)}`, ''];
  if (m.ending) out.push(`**Ending:** ${mdText(m.ending.title)} (${m.ending.kind}). ${mdLines(m.ending.narration)}`, '');
  else out.push('**Ending:** not reached.', '');
  out.push(`**${outcomeWords(m.outcome).replace(': ', ':** ')}`, '', `**Score:** ${scoreWords(m.score)}`, '');
  out.push(`${h2} Critical violations`, '');
  if (m.critical.length === 0) out.push('None.');
  // Each principle once, pointing to the decision(s) in the transcript: the reply and its feedback are
  // said there (they were here too, each critical violation's words twice in one document).
  for (const c of criticalGroups(m.critical)) {
    const see = decisionPointer(c.turns, (t) => mdText(m.turns[t]?.where ?? ''), ['"', '"']);
    out.push(`- **${mdText(c.title)}** (${mdText(guideCitation(c.section))})${see ? `: ${see} in the transcript below.` : '.'}`);
  }
  out.push('', `${h2} Principles`, '', '| Principle | Result | Guide section |', '|---|---|---|');
  for (const p of m.principles) out.push(`| ${cell(p.title)} | ${resultWords(p)} | ${cell(p.section)} |`);
  out.push('', `${h2} ${TRANSCRIPT_HEADING}`, '');
  m.turns.forEach((t, i) => {
    const item = `${i + 1}. `;
    out.push(`${item}**${mdText(t.where)}**: ${quotedReply(mdLines(t.reply, item.length), t.said, ['"', '"'])} (${signed(t.value)}; best here ${signed(t.bestValue)})`);
    // ", critical" as the live feedback and the web debrief say it: the decision pointed to says why.
    for (const v of t.verdicts) out.push(`   - ${verdictLine({ verdict: v.verdict, title: mdText(v.title), citation: mdText(v.citation), critical: v.critical })}`);
    out.push(`   - Feedback: ${mdLines(t.feedback, 5)}`);
  });
  out.push('', `${h2} ${pathBesideWords(voice)}`, '', `| Decision | ${v.reply} | Best practice here |`, '|---|---|---|');
  m.paths.forEach((p, i) => {
    // An action is "Do: …", as in the transcript above: never read as words to say.
    const side = (s: typeof p.yours) => `${pathReply(cell(s.reply), s.said)} (${signed(s.value)})`;
    out.push(`| ${i + 1}. ${cell(p.where)} | ${side(p.yours)} | ${p.same ? 'same ✓' : side(p.best)} |`);
  });
  out.push('', `${h2} The best-practice path from the start`);
  // What the paths above have not said: their decisions in a line, the others in full, a list
  // numbered from where it starts (a Markdown list keeps its first number).
  for (const part of bestPathSays(m, voice)) {
    out.push('', ...('line' in part ? [part.line] : part.steps.map((s) => `${s.n}. **${mdText(s.where)}**: ${quotedReply(mdLines(s.reply, `${s.n}. `.length), s.said, ['"', '"'])} (${signed(s.value)})`)));
  }
  if (m.strengths.length > 0) out.push('', `${h2} Strengths`, '', ...m.strengths.map((s) => `- ${mdText(inVoice(s, voice))}`));
  // Each with where its chances were missed, as the critical violations say where they were.
  const missedWhere = (i: number) => missedWhereWords(m.growthWhere[i] ?? [], (t) => mdText(m.turns[t]?.where ?? ''), ['"', '"'], mdText);
  if (m.growthAreas.length > 0) out.push('', `${h2} To work on`, '', ...m.growthAreas.map((s, i) => `- ${mdText(inVoice(s, voice))}${missedWhere(i) ? ` ${missedWhere(i)}` : ''}`));
  return `${out.join('\n')}\n`;
}
