export { normaliseSpacing, type ParsedSeed, parseSeed } from './parse-seed.ts';
