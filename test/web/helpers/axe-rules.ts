/** The tags axe runs with: WCAG 2.0, 2.1 and 2.2 A and AA (2.2 AA is off by default). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The axe rules of AXE_TAGS whose result depends on colours (axe's "cat.color" rules). The dark
 * theme changes colours and nothing else (styles.css and voter.css set only colour variables under
 * prefers-color-scheme), so these are the rules a page can pass in light and fail in dark: a page is
 * run through every rule in light and through these again in dark. test/web/axe-rules.test.ts
 * checks both halves of that claim.
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'] as const;
