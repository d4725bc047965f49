export { cleanDeep, cleanLine, cleanText } from './clean.js';
