import type { LanguageModelV4FinishReason, LanguageModelV4StreamPart } from '@ai-sdk/provider';

/** How a model stream ended, as seen by the middleware. */
export interface StreamOutcome {
  /** The text deltas of the stream, concatenated. */
  text: string;
  /** From the `finish` part; absent when the stream ended without one. */
  finishReason?: LanguageModelV4FinishReason['unified'];
  /** `finished`: read to the end; `cancelled`: the consumer cancelled (abort); `errored`: the source failed. */
  end: 'finished' | 'cancelled' | 'errored';
}

export interface CaptureStreamHooks {
  /** Rewrites a part before it is passed on (used to add warnings and provider metadata). */
  mapPart(part: LanguageModelV4StreamPart): LanguageModelV4StreamPart;
  /**
   * Called exactly once, when the stream ends in any way. When the stream was read to the end, the stream closes
   * only after the returned promise settles, and a rejection errors the stream (the opt-in `awaitStorage` mode).
   * Otherwise it must not reject.
   */
  onEnd(outcome: StreamOutcome): void | Promise<void>;
}

/**
 * Passes a model stream through unchanged (apart from `mapPart`) while collecting its text. Unlike a
 * `TransformStream` flush, `onEnd` also runs when the consumer cancels or the source errors, so a partial answer
 * can still be stored.
 */
export function captureStream(
  source: ReadableStream<LanguageModelV4StreamPart>,
  hooks: CaptureStreamHooks,
): ReadableStream<LanguageModelV4StreamPart> {
  const reader = source.getReader();
  let text = '';
  let finishReason: StreamOutcome['finishReason'];
  let ended = false;
  const end = async (how: StreamOutcome['end']): Promise<void> => {
    if (ended) return;
    ended = true;
    await hooks.onEnd(finishReason === undefined ? { text, end: how } : { text, finishReason, end: how });
  };
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        void end('errored');
        controller.error(error);
        return;
      }
      if (next.done) {
        try {
          await end('finished');
        } catch (error) {
          controller.error(error);
          return;
        }
        controller.close();
        return;
      }
      const part = next.value;
      if (part.type === 'text-delta') text += part.delta;
      else if (part.type === 'finish') finishReason = part.finishReason.unified;
      controller.enqueue(hooks.mapPart(part));
    },
    async cancel(reason) {
      void end('cancelled');
      await reader.cancel(reason);
    },
  });
}
