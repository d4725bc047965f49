import { bestPathSays, guideCitation, criticalGroups, decisionPointer, inVoice, outcomeWords, pathBesideWords, TRANSCRIPT_HEADING, pathReply, quotedReply, scoreWords, signed, verdictLine, VOICE_WORDS, type DebriefModel, type SessionMode, type Voice, resultWords, missedWhereWords } from '../machines/index.js';
import { wrapKeepingDecisions, wrapKeepingParentheses, wrapText } from './wrap.js';

/** The debrief as plain wrapped text, for the line-by-line mode (of the room, in a trainer-led session). */
export function debriefPlain(m: DebriefModel, width: number, voice: Voice = 'you', mode: SessionMode = 'practice'): string {
  const v = VOICE_WORDS[voice];
  const w = (text: string, indent = '') => wrapText(text, width, indent);
  // Sentences that name decisions keep "decision N" (and a short title after it) on one row: it
  // broke as "Missed at decision" above '1 ("New things") and …'.
  const wd = (text: string, indent = '') => wrapKeepingDecisions(text, width, indent);
  // An assessment's debrief says so, as the full-screen debrief and the exports do: printed or kept
  // as a transcript, it could not otherwise be told from a practice run's.
  const out: string[] = [w(`DEBRIEF: ${m.title}`), ...(mode === 'assessment' ? ['Assessment mode.'] : []), ''];
  out.push(w(m.ending ? `Ending: ${m.ending.title} (${m.ending.kind}). ${m.ending.narration}` : 'Ending: not reached.'));
  // The score wrapped too, its parenthesis whole on the next row where it fits one (as the full-screen
  // summary has it): capped after a critical violation it is longer than 60 columns, and the
  // terminal cut it mid-word ("…a critical violati" / "on)").
  out.push(w(outcomeWords(m.outcome)), wrapKeepingParentheses(`Score: ${scoreWords(m.score)}`, width, '  '), '', 'Critical violations:');
  if (m.critical.length === 0) out.push('  None.');
  // Each principle once, pointing to the decision(s) in the transcript, where the reply and its
  // feedback are (as the Markdown export and the web debrief do): they were printed here too.
  for (const c of criticalGroups(m.critical)) {
    const see = decisionPointer(c.turns, (t) => m.turns[t]?.where ?? '', ['"', '"']);
    out.push(wd(`  ! ${c.title} (${guideCitation(c.section)})${see ? `: ${see} in the transcript below.` : '.'}`, '    '));
  }
  out.push('', 'Principles:');
  // "(missed at decisions 5 and 11)" kept together (wd): it broke as "…decisions 5 and" above "11) …".
  for (const p of m.principles) out.push(wd(`  ${resultWords(p)}  ${p.title} (${guideCitation(p.section)})`, '      '));
  // Numbers right-aligned ("  9." above " 10."), so that every row hangs under its item's words:
  // with ten items or more, a hang of five columns put "10."'s rows under its dot.
  const numbered = (n: number, count: number) => `  ${String(n).padStart(String(Math.max(1, count)).length)}. `;
  const hangOf = (count: number) => ' '.repeat(numbered(1, count).length);
  out.push('', `${TRANSCRIPT_HEADING}:`);
  const turnHang = hangOf(m.turns.length);
  m.turns.forEach((t, i) => {
    out.push(w(`${numbered(i + 1, m.turns.length)}${t.where}: ${quotedReply(t.reply, t.said, ['"', '"'])} (${signed(t.value)}; best here ${signed(t.bestValue)})`, turnHang));
    // Each verdict, ", critical" on one that breaks a critical principle (as the Markdown, web and
    // full-screen debriefs say it): the critical violations above point here, and it said none.
    for (const v of t.verdicts) out.push(w(`${turnHang}${verdictLine(v)}`, `${turnHang}  `));
    out.push(w(`${turnHang}Feedback: ${t.feedback}`, turnHang));
  });
  out.push('', `${pathBesideWords(voice)}:`);
  const pathHang = hangOf(m.paths.length);
  m.paths.forEach((p, i) => {
    out.push(w(`${numbered(i + 1, m.paths.length)}${p.where}`, pathHang));
    // Wrapped rows hang under the reply's first word (wrapText keeps one space after the label, so
    // padding "You:" to the width of "Best:" was lost and its rows sat one column right of its text).
    const hang = (label: string) => ' '.repeat(`${pathHang}${label}: `.length);
    out.push(w(`${pathHang}${v.who}: ${pathReply(p.yours.reply, p.yours.said)} (${signed(p.yours.value)})`, hang(v.who)));
    out.push(w(`${pathHang}Best: ${p.same ? 'the same ✓' : `${pathReply(p.best.reply, p.best.said)} (${signed(p.best.value)})`}`, hang('Best')));
  });
  out.push('', 'The best-practice path from the start:');
  // What the paths above have not said: their decisions in a line, the others in full.
  for (const part of bestPathSays(m, voice)) {
    if ('line' in part) out.push(w(`  ${part.line}`, '  '));
    else for (const s of part.steps) out.push(w(`${numbered(s.n, m.bestPath.length)}${s.where}: ${quotedReply(s.reply, s.said, ['"', '"'])} (${signed(s.value)})`, hangOf(m.bestPath.length)));
  }
  // Each with where its chances were missed (numbered as in the transcript above), as the critical violations point there.
  const missedWhere = (i: number) => missedWhereWords(m.growthWhere[i] ?? [], (t) => m.turns[t]?.where ?? '', ['"', '"']);
  if (m.growthAreas.length > 0) out.push('', 'To work on:', ...m.growthAreas.map((g, i) => wd(`  - ${inVoice(g, voice)}${missedWhere(i) ? ` ${missedWhere(i)}` : ''}`, '    ')));
  if (m.strengths.length > 0) out.push('', 'Strengths:', ...m.strengths.map((s) => w(`  - ${inVoice(s, voice)}`, '    ')));
  return `${out.join('\n')}\n`;
}
