// The sections `npm run bench -- <section>` runs one of (bench/run.ts). A name not here ran
// nothing and said nothing, after the build, so a typo looked like a bench with no tables.
export const BENCH_SECTIONS = [
  'core', 'hostile', 'integrity', 'plain', 'trail', 'room-chain', 'room-decisions', 'debrief', 'graph', 'room', 'room-moment', 'startup', 'web',
] as const;

/** Why `section` is not one `npm run bench` runs, or undefined when it is (or none is given: all run). */
export function unknownSection(section: string | undefined): string | undefined {
  if (section === undefined || (BENCH_SECTIONS as readonly string[]).includes(section)) return undefined;
  return `npm run bench: there is no section "${section}". Run one of ${BENCH_SECTIONS.join(', ')} (npm run bench -- startup), or none for all of them.`;
}
