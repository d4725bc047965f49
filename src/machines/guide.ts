import guideData from '../../scenarios/guide/principles.json' with { type: 'json' };
import languageData from '../../scenarios/guide/language-rules.json' with { type: 'json' };

/** How much a principle weighs when it is broken: `critical` marks the guide's prohibited activities. */
export type Severity = 'critical' | 'core' | 'supporting';

/** A section of the in-service guide, by the heading it has in the guide. */
export interface GuideSection {
  /** Stable slug used by principles to cite the section. */
  id: string;
  /** The heading exactly as the guide prints it. */
  heading: string;
}

/** One rule of the in-service guide, in the project's own words. */
export interface Principle {
  /** Stable slug that scenarios use in assessments and learning goals. */
  id: string;
  /** A short title for lists and tables. */
  title: string;
  /** The rule in one or two sentences. */
  rule: string;
  /** The id of the guide section it comes from. */
  section: string;
  severity: Severity;
  /**
   * True when the guide says a CASA can do this, or that it may apply ("recommendations that CASAs
   * can make", "may apply"), not that a CASA must: leaving it out misses the credit, it is never a violation.
   */
  optional?: boolean;
}

/** A wording the guide asks volunteers not to use, with what to say instead. */
export interface LanguageRule {
  id: string;
  /** Phrases matched case-insensitively as whole words. */
  terms: string[];
  /** Words that make a match acceptable when they come right after it ("a CSEC advocate"). */
  allowedWhenFollowedBy: string[];
  message: string;
  suggestion: string;
  /** The principle the rule enforces. */
  principle: string;
}

export const guideInfo = guideData.guide;
export const sections: readonly GuideSection[] = guideData.sections;
export const principles: readonly Principle[] = guideData.principles as Principle[];
export const languageRules: readonly LanguageRule[] = languageData.rules;

const principleById = new Map(principles.map((p) => [p.id, p]));
const sectionById = new Map(sections.map((s) => [s.id, s]));

/** The principle with this id, or undefined. */
export function getPrinciple(id: string): Principle | undefined {
  return principleById.get(id);
}

/** The guide section with this id, or undefined. */
export function getSection(id: string): GuideSection | undefined {
  return sectionById.get(id);
}

/**
 * The guide section a reply scored on `principleId` must cite in its feedback, when the feedback
 * does not (the heading is not in parentheses, alone or among headings separated by semicolons:
 * "(Red Flags; Harm Reduction)"); undefined when it does, or the principle is unknown. The bundled
 * scenarios' rule: a volunteer reading the feedback can look up every principle the reply was
 * scored on. (A heading anywhere counted, so "[Prohibited Activities]" passed as a citation.)
 */
export function uncitedSectionOf(feedback: string, principleId: string): GuideSection | undefined {
  const principle = principleById.get(principleId);
  const section = principle ? sectionById.get(principle.section) : undefined;
  return section && !citesHeading(feedback, section.heading) ? section : undefined;
}

/** Whether `feedback` cites `heading`: in parentheses, alone or as one of the parts between semicolons. */
export function citesHeading(feedback: string, heading: string): boolean {
  if (!feedback.includes(heading)) return false;
  for (const m of feedback.matchAll(/\(([^()]*)\)/g)) {
    if ((m[1] ?? '').split(';').some((part) => part.trim() === heading)) return true;
  }
  return false;
}

/** A principle's citation, 'guide: "Red Flags"': the heading of its guide section (see guideCitation). */
export function citePrinciple(id: string): string {
  const principle = principleById.get(id);
  const section = principle ? sectionById.get(principle.section) : undefined;
  return guideCitation(section?.heading ?? '');
}

/**
 * A guide section cited as every view writes it in brackets, 'guide: "Prohibited Activities"' ('guide'
 * without a heading): the one style of the verdicts, the debriefs' critical violations, principles,
 * strengths and growth areas, the projector and a session summary. Quoted, so that a long heading
 * ("What if my youth left placement or their whereabouts are unknown?") reads as one name. Verdicts
 * wrote it quoted and the rest bare: two styles on one debrief.
 */
export function guideCitation(heading: string): string {
  return heading ? `guide: "${heading}"` : 'guide';
}

export const principleIds: readonly string[] = principles.map((p) => p.id);
export const languageRuleIds: readonly string[] = languageRules.map((r) => r.id);
