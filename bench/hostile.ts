/**
 * Hostile scenario files: the shapes that once made validation cost grow with the square of the
 * mistakes. Shared by the robustness tests (with a time bound) and `npm run bench`.
 */

/** `count` scenes whose `next` each names a node that does not exist (a typo of a real id). */
export function unknownReferences(count: number): string {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) nodes.push({ id: `scene-${i}`, kind: 'scene', narration: 'You wait.', next: `scene-${i}-typo` });
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  return JSON.stringify({
    id: 'hostile-references', version: 1, title: 'Hostile', summary: 'Hostile.', contentNote: 'None.', estimatedMinutes: 5,
    learningGoals: ['non-judgmental'], characters: [{ id: 'maya', name: 'Maya', role: 'youth' }], start: 'scene-0', nodes,
  }, null, 1);
}

/** A scenario object with `count` fields that are not part of the format. */
export function unknownFields(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`"field${i}": ${i}`);
  return `{"id": "hostile-fields", ${parts.join(',\n')}}`;
}
