export { entryOf, isEntry, leftOutWords, quickEntry, sortEntries, withRecord, type CatalogEntry, type LeftOut } from './catalog.js';
