import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { drawingSize, exportGraph, FORCED_COLOUR_VARIABLES, layoutScenario, outlineScenario, unreachableWords, type GraphOutline, type Scenario } from '../../machines/index.js';
import { downloadText } from '../download.js';
import { useDownloadNote } from './DownloadNote.js';
import { useOpenForPrint } from './open-for-print.js';

/**
 * The scenario's graph for a trainer checking a file: the core's SVG drawing (shown as a picture, so
 * nothing in the file is ever read as markup), a download of it, and the same graph as a list for
 * screen readers and for reading the full arrow labels the picture shortens.
 */
export function ScenarioGraph({ scenario, file }: { scenario: Scenario; file: string }) {
  const headingId = useId();
  // Past either limit the page says so (the layout's time and memory grow with both), and gives the
  // graph as a list, which needs no drawing (the core's outline, at any size): a web-only trainer
  // had only the terminal version's formats, a picture up to its own (larger) limits, DOT or Mermaid
  // for any size, named as the app's other pages name it.
  const passPoints = useMemo(() => (scenario.nodes.length > MAX_DRAWN_NODES ? 0 : drawingSize(scenario).passPoints), [scenario]);
  if (scenario.nodes.length > MAX_DRAWN_NODES || passPoints > MAX_DRAWN_PASS_POINTS) {
    const why = scenario.nodes.length > MAX_DRAWN_NODES
      ? `This scenario has ${scenario.nodes.length} nodes; the page draws the graph of a scenario of up to ${MAX_DRAWN_NODES}.`
      : `This scenario's arrows skip ${passPoints.toLocaleString('en-US')} rows of the picture in all; the page draws a graph whose arrows skip up to ${MAX_DRAWN_PASS_POINTS.toLocaleString('en-US')}.`;
    return (
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>Graph of the scenario</h2>
        <p>
          {why} Here it is given as a list instead, below: every node, where its arrows lead and what leads to it.
        </p>
        <p className="hint">
          The app's terminal version (a program run by typing commands) draws larger ones: <code>npx casa-practice graph {shellWord(file)} --format svg --output story.svg</code>, then
          open story.svg in a browser; for a graph too large even for that, <code>--format dot</code> (Graphviz) or{' '}
          <code>--format mermaid</code> write it as text, at any size.
        </p>
        <UndrawnList scenario={scenario} />
      </section>
    );
  }
  return <DrawnGraph scenario={scenario} file={file} headingId={headingId} />;
}

/**
 * The list of a graph too large to draw: made (and rendered) only once opened, or printed, as a list
 * of thousands of nodes would hold up the page of a trainer who came for the problems. On paper it
 * is made before the page is printed (Chromium opens the fold by styles.css, with no toggle).
 */
export function UndrawnList({ scenario }: { scenario: Scenario }) {
  const [made, setMade] = useState(false);
  const words = useRef<HTMLDetailsElement>(null);
  useOpenForPrint(words);
  useEffect(() => {
    const printing = () => flushSync(() => setMade(true));
    window.addEventListener('beforeprint', printing);
    return () => window.removeEventListener('beforeprint', printing);
  }, []);
  const outline = useMemo(() => (made ? outlineScenario(scenario) : undefined), [made, scenario]);
  return (
    <details className="graph-words" ref={words} onToggle={(e) => e.currentTarget.open && setMade(true)}>
      <summary>The graph as a list</summary>
      {outline && <GraphList outline={outline} />}
    </details>
  );
}

/**
 * A file name as one word of a command a trainer may copy into a shell: as it is when it holds only
 * letters, digits and . _ / - (big.json), else in single quotes (a name with a space, or one chosen to
 * run a command once pasted: "x.json; rm -rf ~" or "$(…).json"), a quote inside written '\''.
 */
export function shellWord(name: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(name) ? name : `'${name.replace(/'/g, "'\\''")}'`;
}

type PictureSize = 'actual' | 'width' | 'whole';
const PICTURE_SIZES: readonly (readonly [PictureSize, string])[] = [
  ['actual', 'As drawn (scrolls in its frame)'],
  ['width', 'Fit the picture to the page width'],
  ['whole', 'Fit the whole graph in the window'],
];
const FRAME_NAMES: Record<PictureSize, string> = {
  actual: 'Graph picture (scrolls)',
  width: 'Graph picture (fitted to the page width)',
  whole: 'Graph picture (the whole graph, fitted to the window)',
};

/** The most points where arrows pass rows they skip that the page draws (see the core's DRAWING_LIMITS). */
export const MAX_DRAWN_PASS_POINTS = 20_000;

/**
 * The most nodes the page draws: the bundled scenarios have under 50, and a drawing of thousands
 * (a generated or damaged file) would be tens of megabytes held by the page.
 */
export const MAX_DRAWN_NODES = 400;

function DrawnGraph({ scenario, file, headingId }: { scenario: Scenario; file: string; headingId: string }) {
  const layout = useMemo(() => layoutScenario(scenario), [scenario]);
  const svg = useMemo(() => exportGraph(scenario, 'svg'), [scenario]);
  const forced = useForcedColours();
  // A data: address (the page's Content-Security-Policy allows images from it): an <img> never runs
  // script, and the SVG's text is escaped by the core as well. With forced colours, the picture is
  // given the system colours as this page has them (see withSystemColours).
  const url = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(forced ? withSystemColours(svg) : svg)}`, [svg, forced]);
  // The picture's size: as drawn (scrolls in its frame), fitted to the page's width (a phone), or the
  // whole graph fitted into the window (a laptop: the drawings are 1,500-2,700 px tall, and at 720 px
  // the frame showed the top of one and cut off its endings row).
  const [size, setSize] = useState<PictureSize>('actual');
  const fit = size !== 'actual';
  const sizeName = useId();
  const base = file.replace(/\.json$/i, '') || 'scenario';
  const downloaded = useDownloadNote();
  // A drawing wider than its frame (a phone) opens on the start, not on its left edge.
  const frame = useRef<HTMLDivElement>(null);
  // The list is open on paper (styles.css in Chromium; this, in the browsers without ::details-content).
  const words = useRef<HTMLDetailsElement>(null);
  useOpenForPrint(words);
  useLayoutEffect(() => {
    const el = frame.current;
    const start = layout.nodes.find((n) => n.start);
    if (!el || !start || fit) return;
    el.scrollLeft = Math.max(0, start.x + start.width / 2 - el.clientWidth / 2);
  }, [layout, fit]);
  // "Fit the whole graph in the window", chosen (a click, or the arrow keys on the choice): the
  // picture was fitted to a frame that stayed where it was, part of it below the window, until the
  // trainer tabbed on to it. The frame leaves room above it for the choice (--graph-above: the
  // fieldset's height, kept up to date as the window changes), and the page scrolls to put the choice
  // just below the bar and the whole frame under it, the focus still on the choice, in view.
  const sizes = useRef<HTMLFieldSetElement>(null);
  const bringIntoView = useRef(false);
  useLayoutEffect(() => {
    const el = frame.current;
    const choice = sizes.current;
    if (!el || !choice || size !== 'whole') return;
    const measure = () => {
      const margin = parseFloat(getComputedStyle(choice).marginBottom) || 0;
      el.style.setProperty('--graph-above', `${Math.ceil(choice.getBoundingClientRect().height + margin)}px`);
    };
    measure();
    if (bringIntoView.current) {
      bringIntoView.current = false;
      const bar = document.querySelector('header.bar')?.getBoundingClientRect().bottom ?? 0;
      const f = el.getBoundingClientRect();
      const c = choice.getBoundingClientRect();
      if (c.top < Math.max(0, bar) || f.bottom > window.innerHeight) choice.scrollIntoView?.({ block: 'start' });
    }
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('resize', measure);
      el.style.removeProperty('--graph-above');
    };
  }, [size]);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Graph of the scenario</h2>
      <p className="hint">
        From the start at the top down to the endings: scenes, decisions (thick outline) and endings (rounded; green strong,
        orange mixed, red harmful). A node no playthrough can reach has a dashed outline and starts “Unreachable”. Each arrow is
        labelled with the replies that take it and their points, and its condition if it has one (“otherwise”: when the conditions
        of the other arrows for the same reply do not hold); the list below the picture gives every label whole.
      </p>
      <p className="graph-controls no-print">
        <button type="button" onClick={() => {
          downloadText(`${base}.graph.svg`, svg, 'image/svg+xml');
          downloaded.say(`Graph downloaded: ${base}.graph.svg.`);
        }}>Download the graph (SVG)</button>
      </p>
      {downloaded.note}
      <fieldset className="graph-controls graph-size no-print" ref={sizes}>
        <legend>Picture size</legend>
        {PICTURE_SIZES.map(([value, label]) => (
          <label key={value}><input type="radio" name={sizeName} value={value} checked={size === value} onChange={() => {
            bringIntoView.current = value === 'whole';
            setSize(value);
          }} /> {label}</label>
        ))}
      </fieldset>
      {/* Named for what it is in each state: fitted to the width, the picture no longer scrolls sideways
          (a tall one may still scroll down within its frame, so the frame keeps its tab stop); the frame
          is never taller than the window below the sticky bar (styles.css), and the whole graph fits it. */}
      <div ref={frame} className={`graph-scroll${fit ? ' fit' : ''}${size === 'whole' ? ' whole' : ''}`} role="region" aria-label={FRAME_NAMES[size]} tabIndex={0}>
        <img src={url} width={layout.width} height={layout.height} alt={`Graph of ${scenario.id}: ${layout.nodes.length} nodes and ${layout.edges.length} arrows${unreachableWords(layout)}; the list below gives the same graph in words.`} />
      </div>
      <details className="graph-words" ref={words}>
        <summary>The graph as a list</summary>
        <GraphList outline={{ nodes: [...layout.nodes].sort((a, b) => a.layer - b.layer || a.x - b.x), edges: layout.edges }} />
      </details>
    </section>
  );
}

const FORCED = '(forced-colors: active)';
/** The system's palette changes with its light or dark setting too (a high-contrast theme of each). */
const SCHEME = '(prefers-color-scheme: dark)';

/** Whether forced colours (Windows high contrast) are on, and the scheme, kept up to date: "forced dark", "forced light" or "". */
function useForcedColours(): string {
  return useSyncExternalStore(subscribeForced, forcedNow, () => '');
}

function forcedNow(): string {
  if (typeof matchMedia !== 'function' || !matchMedia(FORCED).matches) return '';
  return matchMedia(SCHEME).matches ? 'forced dark' : 'forced light';
}

function subscribeForced(changed: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const queries = [matchMedia(FORCED), matchMedia(SCHEME)];
  for (const q of queries) q.addEventListener('change', changed);
  return () => {
    for (const q of queries) q.removeEventListener('change', changed);
  };
}

/**
 * The core's SVG with the system colours this page resolves (its Canvas, CanvasText, Highlight)
 * given to the variables of its forced-colours style. Inside an image, those keywords are not the
 * user's theme's (Chromium drew Canvas white under a dark one), so the page, which has them, says
 * what they are. Only a colour as the browser writes one (rgb(…)) is passed on.
 */
function withSystemColours(svg: string): string {
  const probe = document.createElement('span');
  probe.style.setProperty('forced-color-adjust', 'none');
  document.body.append(probe);
  const values: string[] = [];
  try {
    for (const [name, keyword] of Object.entries(FORCED_COLOUR_VARIABLES)) {
      probe.style.color = keyword;
      const colour = getComputedStyle(probe).color;
      if (/^rgba?\([\d.,\s]+\)$/.test(colour)) values.push(`${name}: ${colour};`);
    }
  } finally {
    probe.remove();
  }
  if (values.length === 0) return svg;
  return svg.replace(/<\/svg>\s*$/, `<style>@media (forced-colors: active) { svg { ${values.join(' ')} } }</style>\n</svg>\n`);
}

/**
 * Every node from the top of the graph down (in the order given), each with where its arrows lead
 * and their labels, and what leads to it: in the picture arrows in are seen at a glance (and a node
 * with none stands out), so the list says so too rather than leaving a listener to search every
 * other item. Each node's arrows are found once (a graph too large to draw has thousands).
 */
function GraphList({ outline }: { outline: GraphOutline }) {
  const byId = new Map(outline.nodes.map((n) => [n.id, n]));
  const into = new Map<string, string[]>();
  const out = new Map<string, GraphOutline['edges']>();
  for (const e of outline.edges) {
    const heading = byId.get(e.from)?.heading ?? e.from;
    const came = into.get(e.to);
    if (came) came.push(heading);
    else into.set(e.to, [heading]);
    const went = out.get(e.from);
    if (went) went.push(e);
    else out.set(e.from, [e]);
  }
  return (
    <ol className="graph-list">
      {outline.nodes.map((n) => {
        const leaving = out.get(n.id) ?? [];
        const from = into.get(n.id) ?? [];
        return (
          <li key={n.id}>
            <strong>{n.heading}</strong>: {n.title}
            {/* One full stop after a title that already ends a sentence (a scene titled by its first line), not two. */}
            {/* A node reached only from unreachable ones is unreachable too: its arrows in do not make it reached. */}
            {!n.start && `${/[.!?…]$/.test(n.title) ? '' : '.'} ${from.length === 0 ? 'No arrow leads here: no playthrough can reach it.' : !n.reachable ? `Arrows lead here only from ${from.join('; ')}: no playthrough can reach it.` : `Reached from ${from.join('; ')}.`}`}
            {leaving.length > 0 && (
              <ul>
                {leaving.map((e) => (
                  <li key={e.to}>to {byId.get(e.to)?.heading ?? e.to}{e.label ? `: ${e.label}` : ''}{e.back ? ' (back up the graph)' : ''}</li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
