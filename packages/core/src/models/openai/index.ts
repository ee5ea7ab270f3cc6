export type { OpenAIClientOptions, ResolvedOpenAIClient } from './create-openai-client.js';
export { createOpenAIClient } from './create-openai-client.js';
export type { OpenAIEmbedderOptions } from './openai-embedder.js';
export { createOpenAIEmbedder } from './openai-embedder.js';
export type { OpenAILanguageModelOptions } from './openai-language-model.js';
export { createOpenAILanguageModel } from './openai-language-model.js';
export type { JsonMode, OpenAIPreset, OpenAIPresetName } from './presets.js';
export { openAIPresets } from './presets.js';
