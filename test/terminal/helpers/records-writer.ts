// One casa-practice process recording a finished playthrough, for records-race.test.ts: started with
// `node --import tsx records-writer.ts <state folder> <playthrough id>`, it records the playthrough
// through the terminal's file store and the core's recordPlaythrough, as a terminal finishing a
// scenario does. It says on stdout (one word a line) 'busy' when it finds the records' lock held by
// another process, 'read' once it has read the records (then it waits, holding whatever it holds,
// until a line comes on stdin) and 'done' once written.
import { readSync, writeSync } from 'node:fs';
import { recordPlaythrough, RECORDS_KEY, type PlaythroughRecord } from '../../../src/machines/light.js';
import { fileStore } from '../../../src/terminal/node/file-store.js';

const [dir, id] = process.argv.slice(2) as [string, string];
const say = (word: string) => writeSync(1, `${word}\n`);
const waitForLine = () => {
  const byte = Buffer.alloc(1);
  while (readSync(0, byte, 0, 1, null) === 1 && byte[0] !== 10);
};

let waited = false;
const files = fileStore(dir, {
  onWait: () => {
    if (!waited) say('busy');
    waited = true;
  },
});
let paused = false;
const store = {
  ...files,
  read(key: string) {
    const text = files.read(key);
    if (key === RECORDS_KEY && !paused) {
      paused = true;
      say('read');
      waitForLine();
    }
    return text;
  },
};
const record: PlaythroughRecord = {
  id, scenarioId: 'new-phone', scenarioVersion: 1, title: 'New phone', mode: 'practice', completedAt: new Date().toISOString(), minutes: 5,
  score: { earned: 3, best: 3, percent: 100, capped: false }, band: 'strong', decisions: [], principles: [],
};
recordPlaythrough(store, record);
say('done');
