/** Properties that hold for any input: no crash, valid targets, one decision per memory, determinism. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract } from './rule-extractor-helpers.js';

const phrases = [
  'I live in Paris',
  'I moved to Berlin',
  "I don't live in Paris anymore",
  'I love sushi and ramen',
  "I don't like sushi anymore",
  'forget that I like jazz',
  "I'm vegetarian",
  "I'm not vegetarian anymore",
  'I work at Acme as a data engineer',
  'I no longer work at Acme',
  'I have a dog named Rex',
  'My dog Rex died',
  "I'm going to visit Japan in March",
  'we cancelled the trip to Japan',
  'My name is Alice',
  'Call me Ali',
  'I broke up with Tom',
  'I have a boyfriend named Tom',
  'Do I like sushi?',
  'My birthday is May 14th',
];
const memories = [
  'Lives in Paris',
  'Likes sushi',
  'Likes jazz',
  'Is vegetarian',
  'Works at Acme',
  'Has a dog named Rex',
  'Plans to visit Japan in March 2027',
  'Name is Alice',
  'Has a boyfriend named Tom',
  'Lives in Paris and works at Acme',
  'User likes sushi and ramen',
  'Standup notes: ship the beta',
];

const message = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.array(fc.constantFrom(...phrases), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('. ')),
  fc
    .tuple(fc.constantFrom(...phrases), fc.constantFrom(', by the way', '!!', '?', ' lol', '', '...'))
    .map(([phrase, tail]) => phrase + tail),
);
const candidates = fc.array(fc.oneof(fc.constantFrom(...memories), fc.string({ maxLength: 80 })), { maxLength: 8 });

describe('rule extractor: properties', () => {
  it('never throws, targets only shown memories, decides once per memory and is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(message, candidates, async (text, shown) => {
        const operations = await extract(text, shown);
        const targets = operations.flatMap((operation) =>
          operation.event === 'ADD' || operation.target === undefined ? [] : [operation.target],
        );
        for (const target of targets) expect(target >= 1 && target <= shown.length).toBe(true);
        expect(new Set(targets).size).toBe(targets.length);
        for (const operation of operations) {
          if (operation.event === 'ADD' || operation.event === 'UPDATE')
            expect(operation.text.trim().length).toBeGreaterThan(0);
        }
        expect(await extract(text, shown)).toEqual(operations);
      }),
      { numRuns: 400, seed: 20261124 },
    );
  });

  it('never deletes a pet when the subject is a pronoun, whatever follows', async () => {
    const pets = ['Has a cat named Luna', 'Has a dog named Rex'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('I', 'He', 'She', 'It', 'We', 'They', 'You', 'i', 'he', 'we'),
        fc.constantFrom('died', 'passed', 'passed away', 'passed on', 'ran away', 'is gone', 'was put down'),
        fc.constantFrom('', '!', ' last night', ' from the rain', ' my driving test', ' the exam', ' yesterday.'),
        async (subject, verb, tail) => {
          const operations = await extract(`${subject} ${verb}${tail}`, pets);
          expect(operations.filter((operation) => operation.event !== 'NONE')).toEqual([]);
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  });

  it('writes nothing for text without letters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...'0123456789 .,!?;:-()[]{}\n\t'), maxLength: 100 }),
        async (text) => {
          expect(await extract(text, ['Lives in Paris'])).toEqual([]);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
