export type { RuleExtractor, RuleExtractorOptions } from './create-rule-extractor.js';
export { createRuleExtractor } from './create-rule-extractor.js';
