export { debriefModel, type BestStep, type DebriefModel } from './debrief-model.js';
export { cell, debriefMarkdown, mdText } from './markdown.js';
export { debriefExport, fileStamp, localFileStamp, type DebriefExport } from './export.js';
export { BAND_LABELS, BEST_PRACTICE, bestPathAsAboveWords, bestPathFollowedWords, bestPathSays, breaksCritical, citationWords, COUNT_KEY, countWords, criticalGroups, decisionNumbers, decisionPointer, inVoice, outcomeScoreLine, endSentence, outcomeWords, pathBesideWords, TRANSCRIPT_HEADING, pathReply, percentOf, quotedReply, quotedTitle, replyBy, roomMatchWords, scoreBar, scoreWords, signed, STATUS_WORDS, VERDICT_WORDS, VOICE_WORDS, type Voice } from './words.js';
export { certificateData, CERTIFICATE_CREDIT, csvCell, csvText, exportFileName, IN_SERVICE_COUNTING, IN_SERVICE_CREDIT, IN_SERVICE_HOURS_PER_YEAR, localDate, localTime, RECORDS_CSV_HEADER, recordsCsv, type CertificateData } from './records-export.js';
export { DEFAULT_HOME_PAGE, isoDuration, VERBS, XAPI_VERSION, xapiFile, xapiIris, xapiStatements, type XapiActivity, type XapiActor, type XapiOptions, type XapiResult, type XapiStatement, type XapiVerb } from './xapi.js';
