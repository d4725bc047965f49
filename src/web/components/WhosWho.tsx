import { useRef } from 'react';
import { MET_IN_ALL, MET_SO_FAR, NO_ONE_MET, type Person } from '../../machines/index.js';
import { useOpenForPrint } from './open-for-print.js';

/**
 * Who's who: the people met so far (the core's peopleMet), each with their role and the scenario's
 * words about them. A disclosure (not a dialog): it stays as it was left while the story moves on,
 * and its list grows as people appear. Text only, no scores. The play page's, and presenter mode's
 * (there with the room's reveals, so a name in feedback the room has seen counts). Once the session
 * has ended (`ended`) nobody more will be met: "(3 met)", as the phones say, not "so far".
 * On paper it is open, as the debrief's folds are (styles.css's print rules; useOpenForPrint in the
 * browsers without ::details-content): a trainer's printout named no one, only "Who's who (3 met)".
 */
export function WhosWho({ people, ended = false }: { people: readonly Person[]; ended?: boolean }) {
  const fold = useRef<HTMLDetailsElement>(null);
  useOpenForPrint(fold);
  return (
    <details className="who" ref={fold}>
      <summary>Who&rsquo;s who<span className="who-count"> ({people.length} {ended ? MET_IN_ALL : MET_SO_FAR})</span></summary>
      {people.length === 0 ? <p>{NO_ONE_MET}</p> : (
        <ul>
          {people.map((p) => <li key={p.id}><strong>{p.name}</strong>{p.role ? ` (${p.role})` : ''}{p.description ? `: ${p.description}` : ''}</li>)}
        </ul>
      )}
    </details>
  );
}
