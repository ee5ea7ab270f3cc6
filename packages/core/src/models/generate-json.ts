import type { z } from 'zod';
import { MemoryError, ModelCallError, ModelOutputError } from '../errors.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../spec/models.js';
import { extractJson, type JsonExtractionProblem } from './extract-json.js';

/** Model calls and tokens, summed over attempts. */
export interface GenerateJsonUsage {
  llmCalls: number;
  promptTokens: number;
  completionTokens: number;
}

export interface GenerateJsonResult<T> {
  value: T;
  usage: GenerateJsonUsage;
  /** The answer needed cleanup (fences, prose, think blocks), a truncation repair, or a retry. */
  repaired: boolean;
  /** Calls made: 1, or 2 after a retry. */
  attempts: number;
  /** Reasoning the model returned separately on the successful attempt. */
  reasoning?: string;
}

type AttemptProblem = JsonExtractionProblem | 'schema';

export interface GenerateJsonOptions {
  /**
   * The answer shape in words, named by the `ModelOutputError` when the JSON does not match, so a caller whose
   * custom prompt asked for another shape learns what is expected. @default undefined (the error names zod's issues)
   */
  expectedShape?: string;
}

/**
 * Asks `model` for JSON and returns it validated by `schema`. The JSON is read out of fences, prose, `<think>`
 * blocks and trailing text; separate reasoning is never parsed. A cut-off answer is repaired only when dropping the
 * incomplete last array element makes it valid. A failure to read or validate is retried ONCE with a short
 * corrective note appended to the prompt (the static system prompt stays cacheable); a second failure throws
 * `ModelOutputError`, whose message names the problem but never the model's text. Transport failures are not
 * retried here (the provider already retried them) and surface as `ModelCallError`.
 */
export async function generateJson<T>(
  model: LanguageModel,
  request: GenerateRequest,
  schema: z.ZodType<T>,
  options: GenerateJsonOptions = {},
): Promise<GenerateJsonResult<T>> {
  const usage: GenerateJsonUsage = { llmCalls: 0, promptTokens: 0, completionTokens: 0 };
  let attemptRequest = request;
  let lastProblem: { kind: AttemptProblem; detail: string; safeDetail: string } | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const answer = await callModel(model, attemptRequest);
    usage.llmCalls++;
    usage.promptTokens += answer.usage?.promptTokens ?? 0;
    usage.completionTokens += answer.usage?.completionTokens ?? 0;

    const extraction = extractJson(answer.text);
    if (extraction.ok) {
      const validation = schema.safeParse(extraction.value);
      if (validation.success) {
        const result: GenerateJsonResult<T> = {
          value: validation.data,
          usage,
          repaired: attempt > 1 || extraction.cleaned || extraction.truncationRepaired,
          attempts: attempt,
        };
        if (answer.reasoning !== undefined) result.reasoning = answer.reasoning;
        return result;
      }
      lastProblem =
        answer.finishReason === 'length'
          ? { kind: 'truncated', detail: '', safeDetail: '' }
          : {
              kind: 'schema',
              detail: describeIssues(validation.error),
              safeDetail: describeIssuesSafely(validation.error),
            };
    } else {
      const kind = answer.finishReason === 'length' ? 'truncated' : extraction.problem;
      lastProblem = { kind, detail: '', safeDetail: '' };
    }
    attemptRequest = correctiveRequest(request, lastProblem.kind, lastProblem.detail);
  }
  throw outputError(model.name, lastProblem, options.expectedShape);
}

async function callModel(model: LanguageModel, request: GenerateRequest): Promise<GenerateResult> {
  try {
    return await model.generate(request);
  } catch (error) {
    if (MemoryError.isInstance(error) || request.signal?.aborted) throw error;
    // A bridge that throws its own error type: keep it as cause, but do not reuse its message (it may hold content).
    const name = error instanceof Error ? error.name : typeof error;
    throw new ModelCallError(model.name, `the language model call failed (${name}); see cause`, { cause: error });
  }
}

function correctiveRequest(request: GenerateRequest, kind: AttemptProblem, detail: string): GenerateRequest {
  const notes: Record<AttemptProblem, string> = {
    empty: 'Your previous answer was empty.',
    no_json: 'Your previous answer contained no JSON.',
    invalid_json: 'Your previous answer was not valid JSON.',
    truncated: 'Your previous answer was cut off by the output limit. Be more concise.',
    schema: `Your previous answer did not match the required format (${detail}).`,
  };
  const retry: GenerateRequest = {
    ...request,
    prompt: `${request.prompt}\n\n${notes[kind]} Reply with only the JSON object, no other text.`,
  };
  if (kind === 'truncated' && request.maxOutputTokens !== undefined)
    retry.maxOutputTokens = request.maxOutputTokens * 2;
  return retry;
}

/** For the corrective note to the model: paths and zod's messages (which may quote keys the model wrote). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${pathOf(issue.path)}: ${issue.message}`)
    .join('; ');
}

/** For the error message: paths and issue codes only, and only path segments that look like identifiers. */
function describeIssuesSafely(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${pathOf(issue.path)} ${issue.code}`)
    .join('; ');
}

function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment) =>
      typeof segment === 'number' || (typeof segment === 'string' && /^[A-Za-z_][\w-]{0,40}$/.test(segment))
        ? String(segment)
        : '?',
    )
    .join('.');
}

function outputError(
  provider: string,
  problem: { kind: AttemptProblem; safeDetail: string } | undefined,
  expectedShape: string | undefined,
): ModelOutputError {
  const kind = problem?.kind ?? 'no_json';
  if (kind === 'truncated') {
    return new ModelOutputError(
      provider,
      'the answer was cut off by the output token limit twice (finish_reason: length); raise maxOutputTokens or add fewer messages per call',
      { isRetryable: true },
    );
  }
  const what: Record<Exclude<AttemptProblem, 'truncated'>, string> = {
    empty: 'the model returned an empty answer',
    no_json: 'the answer contained no JSON',
    invalid_json: 'the answer was not valid JSON',
    schema: `the JSON did not match the expected schema (${problem?.safeDetail ?? ''})`,
  };
  if (kind === 'schema' && expectedShape !== undefined) {
    return new ModelOutputError(
      provider,
      `the JSON did not match the expected shape ${expectedShape} (${problem?.safeDetail ?? ''}), also after one retry; if you set a custom prompt, make it ask for this shape`,
      { isRetryable: true },
    );
  }
  return new ModelOutputError(
    provider,
    `${what[kind]}, also after one retry; use a model that follows JSON instructions, or check its jsonMode`,
    { isRetryable: true },
  );
}
