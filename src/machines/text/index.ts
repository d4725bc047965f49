export { cleanDeep, cleanLine, cleanText, isBlank } from './clean.js';
