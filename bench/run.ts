// `npm run bench`: timing tables. Not part of `npm test`.
import { runCoreBench, runHostileBench } from './core.js';
import { runIntegrityBench } from './integrity.js';
import { unknownSection } from './sections.js';

const only = process.argv[2];
const unknown = unknownSection(only);
if (unknown !== undefined) {
  console.error(unknown);
  process.exit(2);
}
if (!only || only === 'core') await runCoreBench();
if (!only || only === 'core' || only === 'hostile') runHostileBench();
if (!only || only === 'integrity') runIntegrityBench();
if (!only || only === 'hostile' || only === 'plain') await (await import('./plain.js')).runPlainChainBench();
if (!only || only === 'hostile' || only === 'trail') (await import('./trail.js')).runTrailBench();
if (!only || only === 'hostile' || only === 'trail' || only === 'room-chain') (await import('./trail.js')).runRoomChainBench();
if (!only || only === 'hostile' || only === 'trail' || only === 'room-decisions') (await import('./trail.js')).runRoomDecisionChainBench();
if (!only || only === 'hostile' || only === 'debrief') {
  const { runDebriefBench, runConditionalDebriefBench } = await import('./debrief.js');
  runDebriefBench();
  runConditionalDebriefBench();
}
if (!only || only === 'graph') (await import('./graph.js')).runGraphBench();
if (!only || only === 'room') await (await import('./room.js')).runRoomBench();
if (!only || only === 'room' || only === 'room-moment') await (await import('./room.js')).runRoomMomentBench();
if (!only || only === 'startup') {
  try {
    const { runStartupBench } = (await import('./startup.js')) as { runStartupBench: () => Promise<void> };
    await runStartupBench();
  } catch (e) {
    console.log(`\nstartup bench unavailable: ${(e as Error).message}`);
  }
}
if (!only || only === 'web') {
  try {
    const { runWebBench } = await import('./web.js');
    await runWebBench();
  } catch (e) {
    console.log(`\nweb bench unavailable: ${(e as Error).message.split('\n')[0]}`);
  }
}
