import { useEffect, useId, useLayoutEffect, useRef, useState, type ChangeEvent } from 'react';
import { flushSync } from 'react-dom';
import { formatPath, type PlayableScenario, type Problem, type SessionMode, type ValidationResult } from '../../machines/index.js';
import { cleanLine } from '../../machines/light.js';
import { ScenarioGraph } from '../components/ScenarioGraph.js';
import { Session } from '../components/Session.js';
import { loadCore } from '../core.js';
import { go } from '../routing.js';
import { scenarioTexts, type ScenarioText } from '../scenarios.js';
import { routeTitle, useTitle } from '../title.js';

interface Checked {
  file: string;
  result: ValidationResult;
  truncatedWords?: string;
}

/** A trainer checks a scenario file of their own: every validator message with line:column, and a valid file plays at once. */
export default function Preview({ file, paused }: { file?: string; paused?: boolean }) {
  const inputId = useId();
  const [checked, setChecked] = useState<Checked>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [playing, setPlaying] = useState<{ playable: PlayableScenario; mode: SessionMode; n: number }>();
  const [bundled, setBundled] = useState<ScenarioText[]>([]);
  // A file played here is titled by its session; back at the check, the page's own title again.
  useTitle(playing ? undefined : routeTitle(file ? { page: 'preview', file } : { page: 'preview' }));
  // Focus stays with the reader: on the preview's notice when it opens, on the button pressed when it closes.
  const previewNotice = useRef<HTMLParagraphElement>(null);
  const playButtons = { practice: useRef<HTMLButtonElement>(null), assessment: useRef<HTMLButtonElement>(null) };
  const play = (scenario: PlayableScenario['scenario'], file: string, mode: SessionMode) => {
    flushSync(() => setPlaying({ playable: { scenario, file }, mode, n: Date.now() }));
    previewNotice.current?.focus();
  };
  const stopPlaying = (mode: SessionMode) => {
    flushSync(() => setPlaying(undefined));
    playButtons[mode].current?.focus();
  };
  // A file named in the address is checked when the page opens (its Check button opens that address,
  // and the page is made anew): focus goes to its results once they show.
  const problemsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  // In the commit that shows them (a layout effect): focus never lags behind the results.
  useLayoutEffect(() => {
    if (!focusResults.current || !checked || busy) return;
    focusResults.current = false;
    problemsHeading.current?.focus();
  }, [checked, busy]);

  const check = async (name: string, text: string | Uint8Array) => {
    setBusy(true);
    setPlaying(undefined);
    // The validator and schema load here, on demand: never part of the first page.
    const core = await loadCore();
    const result = core.validateScenario(text, name);
    setChecked({ file: name, result, truncatedWords: result.truncated ? `…and ${result.truncated.count} more problems; fix these first and check again.` : undefined });
    setBusy(false);
  };

  useEffect(() => {
    let live = true;
    void scenarioTexts().then((texts) => {
      if (!live) return;
      setBundled(texts);
      // A file from scenarios/ named in the address is checked again after every reload (npm run dev reloads on a change).
      const found = file ? texts.find((t) => t.file === file) : undefined;
      if (found) {
        focusResults.current = true;
        void check(found.file, found.text);
      } else if (file) {
        setError(`There is no file ${cleanLine(file)} in the app's scenarios/ folder: open your file with “Scenario file (.json)” above, or check one of the folder's files.`);
      }
    });
    return () => {
      live = false;
    };
  }, [file]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const picked = e.target.files?.[0];
    // Emptied, so that the same file picked again (after an edit) is checked again: a browser sends no
    // change for a selection it already holds.
    e.target.value = '';
    if (!picked) return;
    setError(undefined);
    try {
      // The bytes, as the command line reads a file: text that is not UTF-8 is the validator's error
      // (with its line and column), not replacement characters in a file called valid.
      await check(cleanLine(picked.name), new Uint8Array(await picked.arrayBuffer()));
    } catch {
      setError(`The file ${cleanLine(picked.name)} could not be read.`);
    }
  };

  if (playing) {
    return (
      <>
        <p className="notice" tabIndex={-1} ref={previewNotice}>Preview of {checked?.file}: not saved and not added to your records. <button type="button" onClick={() => stopPlaying(playing.mode)}>Back to the file's check</button></p>
        <Session key={playing.n} playable={playing.playable} mode={playing.mode} startedAt={new Date().toISOString()} persist={false} paused={paused ?? false} />
      </>
    );
  }

  const scenario = checked?.result.scenario;
  return (
    <>
      <h1>Preview a scenario file</h1>
      <p>
        Open a scenario file (JSON) from this computer to check it against the scenario format and the guide. The file is read
        here in the browser and never uploaded. Every problem is listed with its line and column; a file without errors can be
        played at once.
      </p>
      <p>
        <label htmlFor={inputId}>Scenario file (.json)</label><br />
        <input id={inputId} type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
      </p>
      {bundled.length > 0 && (
        <details>
          <summary>Or check a file from the app's scenarios/ folder</summary>
          <ul>
            {bundled.map((b) => (
              <li key={b.file}><button type="button" onClick={() => (file === b.file ? void check(b.file, b.text) : go({ page: 'preview', file: b.file }))}>Check {b.file}</button></li>
            ))}
          </ul>
          <p className="hint">With <code>npm run dev</code>, the page reloads and checks the file again whenever it changes on disk.</p>
        </details>
      )}
      {error && <p className="notice" role="alert">{error}</p>}
      <div className="verdict" role="status" aria-live="polite">{busy ? 'Checking…' : checked ? verdictWords(checked) : ''}</div>
      {checked && !busy && (
        <section aria-labelledby="problems-heading">
          <h2 id="problems-heading" ref={problemsHeading} tabIndex={-1}>{checked.result.problems.length === 0 ? 'No problems found' : `Problems in ${checked.file}`}</h2>
          {checked.result.problems.length > 0 && (
            <ol className="problems">
              {checked.result.problems.map((p, i) => <ProblemItem key={i} problem={p} />)}
            </ol>
          )}
          {checked.truncatedWords && <p>{checked.truncatedWords}</p>}
          {scenario && (
            <p className="controls">
              <button type="button" className="primary" ref={playButtons.practice} onClick={() => play(scenario, checked.file, 'practice')}>Play it now (practice)</button>
              <button type="button" ref={playButtons.assessment} onClick={() => play(scenario, checked.file, 'assessment')}>Play it now (assessment)</button>
            </p>
          )}
        </section>
      )}
      {scenario && checked && !busy && <ScenarioGraph scenario={scenario} file={checked.file} />}
    </>
  );
}

function verdictWords(c: Checked): string {
  const { errors, warnings } = c.result;
  const w = `${warnings} warning${warnings === 1 ? '' : 's'}`;
  return c.result.ok ? `${c.file} is valid${warnings ? ` (${w})` : ''}.` : `${c.file}: ${errors} error${errors === 1 ? '' : 's'}, ${w}.`;
}

function ProblemItem({ problem: p }: { problem: Problem }) {
  return (
    <li className={p.severity}>
      <p className="problem">
        <strong>{p.file}:{p.line}:{p.column}</strong> {p.severity === 'error' ? '✗ error' : '⚠ warning'} [{p.code}] {formatPath(p.path)}
      </p>
      <p>{p.message}</p>
      <p><strong>Fix:</strong> {p.fix}</p>
    </li>
  );
}
