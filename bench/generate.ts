/** A valid scenario of about `size` nodes, shaped like a real one: decisions with three replies, scenes, conditional routes, three endings. */
export function generateScenario(size: number): Record<string, unknown> {
  // The story runs through `body` nodes to a last decision; only that decision reaches the endings,
  // and it reaches the strong one only after good conduct and the harmful one only after poor, as
  // the validator requires.
  const body = size - 4;
  const nodes: Record<string, unknown>[] = [];
  const id = (i: number) => (i >= body ? 'last' : `n${i}`);
  const text = (i: number, what: string) => `${what} ${i}: Maya looks at her phone, then at you, and says she is fine, really, it has just been a long week at school.`;
  for (let i = 0; i < body; i++) {
    const next = (k: number) => id(i + k < body ? i + k : body + ((i + k) % 3));
    if (i % 5 === 4) {
      nodes.push({ id: id(i), kind: 'scene', narration: text(i, 'Scene'), lines: [{ character: 'maya', text: text(i, 'Line') }], next: [{ when: { var: 'trust', gte: 60 }, to: next(1) }, { to: next(2) }] });
      continue;
    }
    nodes.push({
      id: id(i), kind: 'decision', title: `Decision ${i}`, narration: text(i, 'Narration'), lines: [{ character: 'maya', text: text(i, 'Line') }],
      facilitatorNote: text(i, 'Note'), discussionPrompt: text(i, 'Prompt'),
      replies: [
        { id: `${id(i)}-a`, text: text(i, 'Reply a'), effects: [{ var: 'trust', add: 5 }], assessments: [{ principle: 'non-judgmental', verdict: 'follows', weight: 2 }], feedback: `${text(i, 'Feedback a')} (Red Flags)`, next: next(1) },
        { id: `${id(i)}-b`, text: text(i, 'Reply b'), effects: [{ var: 'trust', add: -5 }], assessments: [{ principle: 'curious-not-interrogating', verdict: 'violates' }], feedback: `${text(i, 'Feedback b')} (Red Flags)`, next: next(2) },
        { id: `${id(i)}-c`, kind: 'do', text: text(i, 'Reply c'), assessments: [{ principle: 'youth-centered', verdict: 'follows' }, { principle: 'self-care', verdict: 'violates' }], feedback: `${text(i, 'Feedback c')} (Red Flags)`, next: [{ when: { var: 'trust', lt: 30 }, to: next(3) }, { to: next(1) }] },
      ],
    });
  }
  nodes.push({
    id: 'last', kind: 'decision', title: 'The last decision', narration: text(body, 'Narration'), lines: [{ character: 'maya', text: text(body, 'Line') }],
    facilitatorNote: text(body, 'Note'), discussionPrompt: text(body, 'Prompt'),
    replies: [
      { id: 'last-a', text: text(body, 'Reply a'), assessments: [{ principle: 'non-judgmental', verdict: 'follows', weight: 2 }], feedback: `${text(body, 'Feedback a')} (Red Flags)`,
        next: [{ when: [{ conduct: 'critical', eq: 0 }, { conduct: 'score', gte: 50 }], to: 'end-strong' }, { to: 'end-mixed' }] },
      { id: 'last-b', text: text(body, 'Reply b'), assessments: [{ principle: 'curious-not-interrogating', verdict: 'violates' }], feedback: `${text(body, 'Feedback b')} (Red Flags)`,
        next: [{ when: { conduct: 'score', lt: 50 }, to: 'end-harmful' }, { to: 'end-mixed' }] },
      { id: 'last-c', kind: 'do', text: text(body, 'Reply c'), assessments: [{ principle: 'youth-centered', verdict: 'follows' }, { principle: 'self-care', verdict: 'violates' }], feedback: `${text(body, 'Feedback c')} (Red Flags)`, next: 'end-mixed' },
    ],
  });
  for (const [k, kind] of (['strong', 'mixed', 'harmful'] as const).entries()) {
    nodes.push({ id: `end-${kind}`, kind: 'ending', ending: kind, title: `Ending ${kind}`, narration: text(k, 'Ending') });
  }
  return {
    $schema: './scenario.schema.json', id: `generated-${size}`, version: 1, title: `Generated scenario of ${size} nodes`, summary: 'For benchmarks.',
    contentNote: 'None.', estimatedMinutes: 10, learningGoals: ['non-judgmental'],
    characters: [{ id: 'maya', name: 'Maya', role: 'youth', age: 16 }],
    variables: [{ id: 'trust', label: "Maya's trust", min: 0, max: 100, start: 50, shown: true }],
    start: 'n0', nodes,
  };
}

/**
 * generateScenario with `unreachable` more scenes that no playthrough reaches, each leading into the
 * story at an even spacing (a damaged or half-edited file): its drawing once laid each of them out
 * in the top row, with an arrow down through every row to where it leads.
 */
export function withUnreachable(size: number, unreachable: number): Record<string, unknown> {
  const s = generateScenario(size - unreachable);
  const nodes = s.nodes as { id: string }[];
  const body = nodes.filter((n) => /^n\d+$/.test(n.id));
  for (let k = 0; k < unreachable; k++) {
    const to = (body[Math.floor(((k + 1) / (unreachable + 1)) * body.length)] as { id: string }).id;
    nodes.push({ id: `orphan-${k}`, kind: 'scene', narration: `Orphan ${k}: nothing leads here.`, next: to } as { id: string });
  }
  return s;
}

/**
 * generateScenario whose every decision also offers a way straight to the mixed ending (the third
 * reply): arrows from each row to the last, which a drawing passes through every row between, so
 * the points to lay out grow with the square of the size.
 */
export function withLongArrows(size: number): Record<string, unknown> {
  const s = generateScenario(size);
  for (const n of s.nodes as { id: string; kind: string; replies?: { id: string; next: unknown }[] }[]) {
    const c = n.replies?.find((r) => r.id === `${n.id}-c`);
    if (c && n.id !== 'last') c.next = 'end-mixed';
  }
  return s;
}
