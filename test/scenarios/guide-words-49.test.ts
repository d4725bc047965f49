import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Words put in the guide's mouth that it does not say (content-49's report). The guide says
// discussing triggers before a relapse "will be important" (Likelihood of Relapse), that a safety
// plan "can help the youth identify" supportive people and services (What if my youth returns from
// leaving placement?), and that relapse "should be anticipated" in all behaviour change. Feedback
// had the guide "ask" for the trigger talk, a plan that "helps most", and relapse anticipated "even
// in a good stretch".
const ROOT = join(import.meta.dirname, '..', '..');
const text = (id: string) => readFileSync(join(ROOT, 'scenarios', `${id}.json`), 'utf8');

describe('words put in the guide\'s mouth (49)', () => {
  it('before-relapse does not say the guide asks for the trigger talk, or anticipates relapse "even in a good stretch"', () => {
    const t = text('before-relapse');
    expect(t).not.toMatch(/triggers[^"]*(as the guide asks|is what the guide asks)/);
    expect(t).not.toMatch(/even in a good stretch/);
    expect(t).toMatch(/the guide says talking about triggers before a relapse will be important/i);
  });
  it('saturday-shoots does not say a safety plan "helps most"', () => {
    expect(text('saturday-shoots')).not.toMatch(/safety plan helps most/i);
  });
});

// The guide says the harm reduction approach "allows service providers to begin exploring" why
// youth leave care and what needs remain unmet (Harm Reduction): it makes room for that; it does not
// ask CASAs to do it. Five scenarios said it "asks" (content2-49's report), two that it "begins by".
describe('harm reduction and unmet needs, in every bundled scenario', () => {
  const ids = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => f.replace(/\.json$/, ''));
  it.each(ids)('%s does not say the guide or harm reduction asks you to explore', (id) => {
    const t = text(id);
    expect(t).not.toMatch(/\basks? (CASAs|you) to explore\b|guide asks you to explore|as harm reduction asks/);
    expect(t).not.toMatch(/harm reduction (approach )?begins? by exploring/);
  });
});

// The guide's allowance to ask for more information is worded about a boyfriend ("ask the youth how
// they paid for an expensive item or for more information about their boyfriend", Red Flags). Where a
// scenario applies it to someone else (a cousin, an older friend), the feedback says the guide's
// example is about a boyfriend rather than widening the guide's words (content4-49's report).
describe('"more information", as the guide words it, in every bundled scenario', () => {
  const ids = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => f.replace(/\.json$/, ''));
  it.each(ids)('%s names the boyfriend wherever it cites the guide on asking for more information', (id) => {
    const scenario = JSON.parse(text(id)) as { nodes: { facilitatorNote?: string; replies?: { feedback: string }[] }[] };
    const texts = scenario.nodes.flatMap((n) => [n.facilitatorNote ?? '', ...(n.replies ?? []).map((r) => r.feedback)]);
    for (const t of texts.filter((x) => /for more information/.test(x) && /\(Red Flags\)/.test(x))) {
      expect(t).toMatch(/more information (about (a|their|her) boyfriend|\(its example is about a boyfriend\)|may be appropriate \(the guide's example is about a boyfriend\))/);
    }
  });
});

// The guide: "others may willingly enter or engage to fulfill an unmet need" (Stages of Exiting CSEC
// Involvement). youth-discloses d5-not-csec said the guide "is clear that some youth engage
// willingly" (content5-49's report): "is clear" and the missing "may" are stronger than the guide.
describe('youth-discloses d5-not-csec', () => {
  it('says some youth "may" engage willingly, as the guide does', () => {
    const t = text('youth-discloses');
    expect(t).not.toMatch(/guide is clear that some youth engage willingly/);
    expect(t).toMatch(/the guide says some youth may willingly engage to fulfil an unmet need/);
  });
});
