import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { GenerateRequest, GenerateResult, LanguageModel } from '@memzero/core';
import { ModelCallError } from '@memzero/core';

/** Options of {@link createLangChainLanguageModel}. */
export interface LangChainLanguageModelOptions {
  /** Name in usage reports and errors. @default `langchain:<model type>` */
  name?: string;
}

const lengthReasons = new Set(['length', 'max_tokens', 'MAX_TOKENS']);

/**
 * Lets the memzero engine use any LangChain chat model (`ChatAnthropic`, `ChatGoogleGenerativeAI`, `ChatOllama`, ...)
 * as its language model: `new Memory({ llm: createLangChainLanguageModel(chatModel) })`.
 *
 * The request's `system` and `prompt` become a system and a human message. Temperature and the output cap are
 * properties of a LangChain model instance, so configure them on the model you pass; `jsonSchema` is not forwarded
 * (the engine asks for JSON in the prompt and validates the answer itself).
 */
export function createLangChainLanguageModel(
  chatModel: BaseChatModel,
  options: LangChainLanguageModelOptions = {},
): LanguageModel {
  const name = options.name ?? `langchain:${chatModel._llmType()}`;
  return {
    name,
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      let message: Awaited<ReturnType<BaseChatModel['invoke']>>;
      try {
        message = await chatModel.invoke([new SystemMessage(request.system), new HumanMessage(request.prompt)], {
          signal: request.signal,
        });
      } catch (error) {
        throw new ModelCallError(
          name,
          "the LangChain chat model call failed; check the model's credentials and limits",
          {
            cause: error,
          },
        );
      }
      const result: GenerateResult = { text: message.text };
      const reasoning = reasoningOf(message.content, message.additional_kwargs);
      if (reasoning) result.reasoning = reasoning;
      const finish = message.response_metadata?.finish_reason ?? message.response_metadata?.stop_reason;
      if (typeof finish === 'string')
        result.finishReason = lengthReasons.has(finish)
          ? 'length'
          : finish === 'stop' || finish === 'end_turn'
            ? 'stop'
            : 'other';
      const usage = message.usage_metadata;
      if (usage) result.usage = { promptTokens: usage.input_tokens, completionTokens: usage.output_tokens };
      return result;
    },
  };
}

/** Reasoning returned next to the answer: `reasoning` content blocks or `reasoning_content` (DeepSeek, vLLM). */
function reasoningOf(content: unknown, additional: Record<string, unknown> | undefined): string | undefined {
  const parts: string[] = [];
  if (Array.isArray(content)) {
    for (const block of content as Array<Record<string, unknown>>) {
      if (block.type === 'reasoning' && typeof block.reasoning === 'string') parts.push(block.reasoning);
      if (block.type === 'thinking' && typeof block.thinking === 'string') parts.push(block.thinking);
    }
  }
  if (typeof additional?.reasoning_content === 'string') parts.push(additional.reasoning_content);
  return parts.length > 0 ? parts.join('\n') : undefined;
}
