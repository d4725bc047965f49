/**
 * The guide's Self-Care section (the core's SELF_CARE): here for the web's pages, and for the phone's
 * page (src/web/voter/voter.ts), which imports its type only, as it imports nothing at run time.
 */
export { SELF_CARE } from '../machines/light.js';
