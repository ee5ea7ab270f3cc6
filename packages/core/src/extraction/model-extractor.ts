import { generateJson } from '../models/generate-json.js';
import type { ExtractionInput, ExtractionOperation, ExtractionResult, Extractor } from '../spec/extractor.js';
import type { LanguageModel } from '../spec/models.js';
import { buildExtractionPrompt } from './extraction-prompt.js';
import { extractionJsonSchema, extractionSchema, extractionShapes } from './extraction-schema.js';

export interface ModelExtractorOptions {
  /** Cap on the answer's tokens; a cut-off answer is repaired or retried (see `generateJson`). @default the provider's */
  maxOutputTokens?: number;
  /** @default 0 */
  temperature?: number;
  /** Custom instructions used when a call passes none (appended to the default instructions). @default none */
  customInstructions?: string;
  /** Custom prompt used when a call passes none (replaces the default fact instructions). @default none */
  prompt?: string;
}

/**
 * The model-backed `Extractor`: ONE call that extracts facts from the new messages and decides ADD / UPDATE /
 * DELETE / NONE for each against the candidates, which the model sees only as integer aliases. Aliases come back
 * as given (coerced from `"3"` or `"#3"`); the engine checks that they exist. Malformed entries are dropped and the
 * result is marked `repaired`; an unusable answer is retried once, then `ModelOutputError` is thrown.
 */
export function createModelExtractor(model: LanguageModel, options: ModelExtractorOptions = {}): Extractor {
  return {
    name: `model:${model.name}`,
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      const effective: ExtractionInput = { ...input };
      const prompt = input.prompt ?? options.prompt;
      const customInstructions = input.customInstructions ?? options.customInstructions;
      if (prompt !== undefined) effective.prompt = prompt;
      if (customInstructions !== undefined) effective.customInstructions = customInstructions;
      const { system, prompt: userPrompt } = buildExtractionPrompt(effective);
      const result = await generateJson(
        model,
        {
          system,
          prompt: userPrompt,
          jsonSchema: extractionJsonSchema,
          temperature: options.temperature ?? 0,
          ...(options.maxOutputTokens === undefined ? {} : { maxOutputTokens: options.maxOutputTokens }),
          ...(input.signal === undefined ? {} : { signal: input.signal }),
        },
        extractionSchema,
        { expectedShape: extractionShapes },
      );
      let operations = result.value.operations;
      let repaired = result.repaired || result.value.fixedEntries > 0;
      if (input.memoryType === 'procedural_memory') {
        const summary = toSingleSummary(operations);
        repaired ||= operations.length !== summary.length || operations.length > 1;
        operations = summary;
      }
      const extraction: ExtractionResult = { operations, usage: result.usage };
      if (repaired) extraction.repaired = true;
      return extraction;
    },
  };
}

/** Procedural memory is one ADD: several ADDs are joined, anything else is ignored (there is nothing to update). */
function toSingleSummary(operations: ExtractionOperation[]): ExtractionOperation[] {
  const texts = operations.flatMap((operation) => (operation.event === 'ADD' ? [operation.text] : []));
  return texts.length === 0 ? [] : [{ event: 'ADD', text: texts.join('\n') }];
}
