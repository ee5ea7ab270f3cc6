/**
 * Entry point of `@memzero/core/extractors/model`: extraction with a language model, its JSON output validated with
 * zod. Kept out of the main entry so an offline app never loads it (with zod it is about 70 KiB minified); the engine
 * imports it on demand when a model is configured.
 */
export type { GenerateJsonOptions, GenerateJsonResult, GenerateJsonUsage } from '../models/generate-json.js';
export { generateJson } from '../models/generate-json.js';
export { estimateExtractionPromptTokens } from './extraction-prompt.js';
export type { ModelExtractorOptions } from './model-extractor.js';
export { createModelExtractor } from './model-extractor.js';
