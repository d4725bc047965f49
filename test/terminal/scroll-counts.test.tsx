import { cleanup } from 'ink-testing-library';
import { afterEach, expect, it } from 'vitest';
import { themeFor } from '../../src/terminal/theme.js';
import { ScrollRows } from '../../src/terminal/ui/ScrollRows.js';
import { ThemeContext } from '../../src/terminal/ui/ThemeContext.js';
import { BUNDLED } from './helpers/layout.js';
import { KEY, press, renderAt, validatedCatalog } from './helpers/ink.js';
import { PickerHost } from './helpers/picker-host.js';

// The counts a terminal screen writes in its scroll lines are written as every other count is
// ("1,234": the core's countWords, shownCount to the terminal), not "1234".
afterEach(() => cleanup());

it('a scrolled view says how many rows are above and below it with thousands separators', async () => {
  const rows = Array.from({ length: 2500 }, (_, i) => [{ text: `Row ${i + 1}` }]);
  const at = (offset: number) => <ThemeContext.Provider value={themeFor({ NO_COLOR: '1' })}><ScrollRows rows={rows} height={10} offset={offset} /></ThemeContext.Provider>;
  const r = await renderAt(at(1200), 60, 24);
  // 8 rows shown (the two "more" lines take the rest): 1,200 above, 2,500 − 1,208 = 1,292 below.
  expect(r.lastFrame()).toContain('↑ 1,200 more above (↑ or PgUp)');
  expect(r.lastFrame()).toContain('↓ 1,292 more below (↓ or PgDn)');
  r.unmount();
});


it('the picker with more than a thousand scenarios says how many more are above and below its list with thousands separators', async () => {
  const { entries } = validatedCatalog(BUNDLED)();
  const many = Array.from({ length: 2400 }, (_, i) => ({ ...entries[i % entries.length]!, file: `scenario-${i + 1}.json` }));
  const r = await renderAt(<PickerHost entries={many} canResume={false} />, 80, 24);
  const below = /↓ ([\d,]+) more/.exec(r.lastFrame())?.[1];
  expect(below).toMatch(/^2,3\d\d$/);
  // Up from the first scenario goes to the last.
  await press(r, KEY.up);
  const above = /↑ ([\d,]+) more/.exec(r.lastFrame())?.[1];
  expect(above).toMatch(/^2,3\d\d$/);
  r.unmount();
});
