/**
 * memzero quickstart: two users, several sessions, and what the memory does with each turn.
 * Offline by default (rule-based extractor + lexical embedder, no key, no server); with OPENAI_API_KEY set, the
 * same script runs on OpenAI.
 */
import { type AddResult, emptyUsage, Memory, type Message, type Usage } from '@memzero/core';

const memory = new Memory();
const totals: Usage = emptyUsage();

const bold = (text: string): string => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[0m` : text);
const dim = (text: string): string => (process.stdout.isTTY ? `\u001b[2m${text}\u001b[0m` : text);
const eventColors: Record<string, string> = { ADD: '32', UPDATE: '33', DELETE: '31', NONE: '90' };
const paint = (event: string): string =>
  process.stdout.isTTY ? `\u001b[${eventColors[event]}m${event.padEnd(6)}\u001b[0m` : event.padEnd(6);

function addUsage(usage: Usage): void {
  for (const key of Object.keys(totals) as Array<keyof Usage>) totals[key] += usage[key];
}

async function say(userId: string, text: string, reply: string): Promise<AddResult> {
  const messages: Message[] = [
    { role: 'user', content: text },
    { role: 'assistant', content: reply },
  ];
  console.log(`  ${bold(userId)}: ${text}`);
  const result = await memory.add(messages, { userId });
  addUsage(result.usage);
  for (const event of result.results) {
    const detail =
      event.event === 'UPDATE'
        ? `${event.previousMemory} -> ${event.memory}`
        : event.event === 'NONE'
          ? `${event.memory || '(nothing new)'} ${dim(`(${event.reason ?? event.noneReason})`)}`
          : event.memory;
    console.log(`      ${paint(event.event)} ${detail}`);
  }
  if (result.results.length === 0) console.log(`      ${dim('(no facts in this turn)')}`);
  return result;
}

async function search(userId: string, query: string): Promise<void> {
  const result = await memory.search(query, { userId, limit: 3, threshold: 0.1 });
  addUsage(result.usage);
  console.log(`  ${bold(`search(${JSON.stringify(query)}, { userId: '${userId}' })`)}`);
  for (const hit of result.results) {
    const signals = Object.entries(hit.signals)
      .map(([name, value]) => `${name} ${value.toFixed(2)}`)
      .join(', ');
    console.log(`      ${hit.score.toFixed(2)}  ${hit.memory}  ${dim(`[${hit.userId}; ${signals}]`)}`);
  }
}

const description = await memory.describe();
console.log(bold('memzero quickstart'));
console.log(
  description.offline
    ? dim(
        'Mode: offline. Rule-based extractor and local lexical embedder: no API key, no server, deterministic.\nSet OPENAI_API_KEY to run the same script on OpenAI.',
      )
    : dim(`Mode: ${description.extractor} extractor, ${description.embedder} embedder.`),
);

console.log(`\n${bold('Session 1')}`);
await say('alice', "Hi, I'm Alice. I live in Paris and I work as a nurse.", 'Nice to meet you, Alice!');
await say('alice', 'I love sushi and jazz, and I hate cilantro.', 'Noted!');
await say('bob', "Hey, I'm Bob. I live in Austin and I have a dog named Rex.", 'Hi Bob, hi Rex!');
await say('bob', 'I love hiking and sushi.', 'Great choices.');

console.log(`\n${bold('Session 2, a week later')}`);
const move = await say('alice', 'Big news: I moved to Berlin!', 'Congratulations on the move!');
await say('alice', "I don't like jazz anymore.", 'Got it.');
await say('alice', 'And please forget that I hate cilantro.', 'Forgotten.');
await say('alice', 'I love sushi.', 'I remember!');

console.log(`\n${bold('Searching: each user sees only their own memories')}`);
await search('alice', 'Where does she live?');
await search('bob', 'Where does he live?');
await search('alice', 'What food does she like?');
await search('bob', 'What food does he like?');

const updated = move.results.find((event) => event.event === 'UPDATE');
if (updated?.id) {
  console.log(`\n${bold(`History of ${updated.id.slice(0, 8)}… (nothing is lost on UPDATE)`)}`);
  for (const entry of await memory.history(updated.id)) {
    const change = entry.event === 'ADD' ? entry.newMemory : `${entry.previousMemory} -> ${entry.newMemory}`;
    console.log(`      v${entry.version} ${paint(entry.event)} ${change} ${dim(`(${entry.actor})`)}`);
  }
}

console.log(`\n${bold("Alice's current memories")}`);
for (const record of (await memory.getAll({ userId: 'alice' })).results) console.log(`      - ${record.memory}`);

console.log(`\n${bold('Usage for this whole script')}`);
console.log(
  `      LLM calls ${totals.llmCalls}, prompt tokens ${totals.promptTokens}, completion tokens ${totals.completionTokens}, ` +
    `embedding requests ${totals.embeddingCalls} (${totals.embeddedTexts} texts), store calls ${totals.storeCalls}`,
);
await memory.close();
