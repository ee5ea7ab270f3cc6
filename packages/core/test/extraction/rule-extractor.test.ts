/** The rule extractor's decisions against existing memories, and its contract. */
import { describe, expect, it } from 'vitest';
import { createRuleExtractor } from '../../src/extraction/rules/index.js';
import { Conversation, extract, now, summarize } from './rule-extractor-helpers.js';

const decisions: Array<[string, string, string[], string[]]> = [
  // [description, message, candidates, expected operations]
  ['a repeat is a NONE', 'I live in Berlin', ['Lives in Berlin'], ['NONE 1']],
  ['a move updates the home', 'I moved to Berlin', ['Likes sushi', 'Lives in Paris'], ['UPDATE 2 Lives in Berlin']],
  ['"based in" is a home too', "I'm based in Lyon now", ['Lives in Paris'], ['UPDATE 1 Lives in Lyon']],
  ['a new name updates the name', 'Actually, my name is Alicia', ['Name is Alice'], ['UPDATE 1 Name is Alicia']],
  [
    'a new employer replaces the job',
    'I work at Globex now',
    ['Works at Acme as a data engineer'],
    ['UPDATE 1 Works at Globex'],
  ],
  [
    'a promotion keeps the employer',
    'I got promoted to senior data engineer',
    ['Works at Acme as a data engineer'],
    ['UPDATE 1 Works at Acme as a senior data engineer'],
  ],
  [
    'an employer completes a role',
    'I work at Acme',
    ['Works as a data engineer'],
    ['UPDATE 1 Works at Acme as a data engineer'],
  ],
  ['the same employer is known', 'I work for Acme', ['Works at Acme as a data engineer'], ['NONE 1']],
  ['a preference flips', "I don't like sushi anymore", ['Likes sushi'], ['UPDATE 1 Dislikes sushi']],
  ['"hate ... now" flips too', 'I hate sushi now', ['Likes sushi', 'Likes ramen'], ['UPDATE 1 Dislikes sushi']],
  ['a dislike flips back', 'I love cilantro now', ['Dislikes cilantro'], ['UPDATE 1 Likes cilantro']],
  ['a new like is added', 'I love ramen', ['Likes sushi'], ['ADD Likes ramen']],
  ['plural and singular agree', 'I love dogs', ['Likes dog'], ['NONE 1']],
  ['a diet changes', "I'm vegan now", ['Is vegetarian'], ['UPDATE 1 Is vegan']],
  ['a new allergy is added', "I'm allergic to shellfish", ['Is allergic to peanuts'], ['ADD Is allergic to shellfish']],
  ['an allergy noun matches', 'I have a peanut allergy', ['Is allergic to peanuts'], ['NONE 1']],
  [
    'a favourite changes',
    'My favorite color is green',
    ['Favorite color is blue'],
    ['UPDATE 1 Favorite color is green'],
  ],
  ['a birthday is corrected', 'my birthday is May 15', ['Birthday is 14 May'], ['UPDATE 1 Birthday is 15 May']],
  ['a named pet refines an unnamed one', 'My dog is called Rex', ['Has a dog'], ['UPDATE 1 Has a dog named Rex']],
  ['an unnamed pet does not override a named one', 'I have a dog', ['Has a dog named Rex'], ['NONE 1']],
  ['a second pet is added', 'I have a cat named Luna', ['Has a dog named Rex'], ['ADD Has a cat named Luna']],
  [
    'a named sibling refines an unnamed one',
    'My sister Emma is visiting',
    ['Has a sister'],
    ['UPDATE 1 Has a sister named Emma'],
  ],
  [
    'a second sibling is added',
    'I have a sister named Mia',
    ['Has a sister named Emma'],
    ['ADD Has a sister named Mia'],
  ],
  [
    'a new partner replaces the old',
    "I'm married to Sam",
    ['Has a boyfriend named Tom'],
    ['UPDATE 1 Is married to Sam'],
  ],
  ['"married" does not override a name', "I'm married", ['Has a wife named Anna'], ['NONE 1']],
  // Retractions
  ['quitting deletes the job', 'I no longer work at Acme', ['Lives in Berlin', 'Works at Acme'], ['DELETE 2']],
  ['another employer is not deleted', 'I no longer work at Globex', ['Works at Acme'], []],
  ['a lay-off deletes the job', 'I got laid off last week', ['Works at Acme as a designer'], ['DELETE 1']],
  ['leaving a role deletes it', 'I no longer work as a nurse', ['Lives in Berlin', 'Works as a nurse'], ['DELETE 2']],
  ['stopping a role deletes it', 'I stopped working as a nurse', ['Works as a nurse'], ['DELETE 1']],
  ['leaving another role deletes nothing', 'I no longer work as a pilot', ['Works as a nurse'], []],
  ['leaving a city deletes the home', "I don't live in Paris anymore", ['Lives in Paris'], ['DELETE 1']],
  ['a diet ends', "I'm not vegetarian anymore", ['Is vegetarian', 'Likes tofu'], ['DELETE 1']],
  ['eating meat again ends a diet', 'I eat meat again', ['Is vegan'], ['DELETE 1']],
  ['an allergy ends', "I'm no longer allergic to cats", ['Is allergic to cats', 'Is allergic to dust'], ['DELETE 1']],
  ['a former home is deleted', 'I used to live in Paris', ['Lives in Paris'], ['DELETE 1']],
  ['a former like is deleted, not flipped', 'I used to love sushi', ['Likes sushi'], ['DELETE 1']],
  ['a former job is deleted', 'I used to work at Acme', ['Works at Acme as a designer'], ['DELETE 1']],
  ['forget a like', 'Please forget that I like jazz', ['Likes blues', 'Likes jazz'], ['DELETE 2']],
  ['forget only what matches', 'forget that I like jazz', ['Dislikes jazz'], []],
  ['forget an attribute', 'Forget where I live', ['Lives in Paris', 'Works at Acme'], ['DELETE 1']],
  ['a break-up by name', 'I broke up with Tom', ['Has a boyfriend named Tom', 'Has a brother named Tom'], ['DELETE 1']],
  ['a break-up by relation', 'I broke up with my girlfriend', ['Is dating Mia'], ['DELETE 1']],
  ['a divorce', 'I got divorced', ['Is married to Sam'], ['DELETE 1']],
  [
    'a cancelled trip',
    'We cancelled the trip to Japan',
    ['Plans to visit Peru in May 2027', 'Plans to visit Japan in March 2027'],
    ['DELETE 2'],
  ],
  ['a trip called off', 'The Japan trip is off', ['Plans to go to Japan in December 2026'], ['DELETE 1']],
  ['not going anymore', "I'm not going to Japan anymore", ['Plans to visit Japan in March 2027'], ['DELETE 1']],
  ['a pet that died', 'My dog Rex died', ['Has a cat named Luna', 'Has a dog named Rex'], ['DELETE 2']],
  ['no pet anymore', "I don't have a cat anymore", ['Has a cat named Luna', 'Has a dog named Rex'], ['DELETE 1']],
  // Model-written and compound memories
  ['reads a model phrasing', 'I moved to Berlin', ['User lives in Paris'], ['UPDATE 1 Lives in Berlin']],
  ['reads a possessive phrasing', 'my name is Alice', ["The user's name is Alice"], ['NONE 1']],
  ['reads "Loves"', 'I hate sushi', ['Loves sushi'], ['UPDATE 1 Dislikes sushi']],
  [
    'reads a model job phrasing',
    'I work at Meta now',
    ['Is a software engineer at Google'],
    ['UPDATE 1 Works at Meta'],
  ],
  ['reads a labelled memory', 'my name is Bob', ['Name: Alice'], ['UPDATE 1 Name is Bob']],
  ['reads a memory without a verb', "I'm allergic to peanuts", ['Allergic to peanuts'], ['NONE 1']],
  ['reads a verbatim user message', 'I moved to Rome', ['I live in Paris'], ['UPDATE 1 Lives in Rome']],
  ['a city with its country is the same home', 'I live in Berlin', ['Lives in Berlin, Germany'], ['NONE 1']],
  ['a pet named in a model phrasing', 'Rex died', ['User has a dog named Rex'], ['DELETE 1']],
  ['quitting without naming the employer', 'I quit my job', ['Works at Acme'], ['DELETE 1']],
  ['a divorce said with "we"', 'We got divorced', ['Is married to Sam'], ['DELETE 1']],
  ['a memory about someone named is left alone', 'I moved to Rome', ['Alice lives in Paris'], ['ADD Lives in Rome']],
  [
    "the user's known name reads as the subject",
    'I moved to Rome',
    ['Name is Alice', 'Alice lives in Paris'],
    ['UPDATE 2 Lives in Rome'],
  ],
  [
    'reads a change the model recorded',
    'I moved to Rome',
    ['User moved from Paris to Berlin'],
    ['UPDATE 1 Lives in Rome'],
  ],
  [
    'reads a model event with an ISO date',
    'my sister Ana',
    ["User's sister Ana visits User on 2026-03-06"],
    ['NONE 1'],
  ],
  [
    'rewrites one fact of an understood compound',
    'I moved to Berlin',
    ['Lives in Paris and works at Acme'],
    ['UPDATE 1 Lives in Berlin. Works at Acme'],
  ],
  [
    'removes one fact of an understood compound',
    'I no longer work at Acme',
    ['Lives in Paris and works at Acme'],
    ['UPDATE 1 Lives in Paris'],
  ],
  [
    'adds beside a compound it does not fully understand',
    'I hate sushi now',
    ['Likes sushi and ramen. Remembers the 2019 trip fondly'],
    ['ADD Dislikes sushi'],
  ],
  [
    'leaves unknown memories alone',
    'I live in Berlin',
    ['Standup notes: ship the beta', 'Prefers dark mode in the editor'],
    ['ADD Lives in Berlin'],
  ],
  [
    'supersedes duplicates of a single attribute',
    'I live in Berlin',
    ['Lives in Paris', 'Lives in Rome'],
    ['UPDATE 1 Lives in Berlin', 'DELETE 2'],
  ],
  [
    'a repeat supersedes a contradicting memory',
    'I live in Berlin',
    ['Lives in Paris', 'Lives in Berlin', 'Lives in Paris and works at Acme'],
    ['NONE 2', 'DELETE 1'],
  ],
  // Within one call
  [
    'a correction in the same message',
    'I live in Paris. Actually, I just moved to Berlin.',
    [],
    ['ADD Lives in Berlin'],
  ],
  ['a retraction in the same message', 'I love sushi. Wait, forget that I like sushi.', [], []],
  ['a repeat in the same message', 'I love sushi. Did I say I love sushi? I love sushi!', [], ['ADD Likes sushi']],
  [
    'several changes to one memory',
    'I moved to Rome. Then I moved to Oslo.',
    ['Lives in Paris'],
    ['UPDATE 1 Lives in Oslo'],
  ],
  ['a change then a retraction', 'I moved to Rome. I no longer live in Rome.', ['Lives in Paris'], ['DELETE 1']],
];

describe('rule extractor: decisions', () => {
  it.each(decisions)('%s', async (_description, message, candidates, expected) => {
    expect(summarize(await extract(message, candidates))).toEqual(expected);
  });

  it("reads the speaker's name as the subject of a memory", async () => {
    const operations = await extract(
      [{ role: 'user', name: 'Alice', text: 'I moved to Rome' }],
      ['Alice lives in Paris'],
    );
    expect(summarize(operations)).toEqual(['UPDATE 1 Lives in Rome']);
  });

  it('gives every NONE, UPDATE and DELETE a reason without memory text', async () => {
    const operations = await extract("I moved to Berlin. I love sushi. I don't work at Acme anymore.", [
      'Lives in Paris',
      'Likes sushi',
      'Works at Acme',
    ]);
    expect(operations).toHaveLength(3);
    for (const operation of operations) {
      expect(operation.reason).toMatch(/\w/);
      expect(operation.reason).not.toMatch(/Paris|Berlin|sushi|Acme/);
    }
  });
});

describe('rule extractor: sessions', () => {
  it('remembers, updates, confirms and forgets across sessions', async () => {
    const alice = new Conversation();
    expect(
      summarize(
        await alice.say("Hi, I'm Alice. I live in Paris and I work at Acme as a data engineer. I love sushi and jazz."),
      ),
    ).toEqual([
      'ADD Name is Alice',
      'ADD Lives in Paris',
      'ADD Works at Acme as a data engineer',
      'ADD Likes sushi',
      'ADD Likes jazz',
    ]);
    expect(summarize(await alice.say('Big news: I moved to Berlin last month!'))).toEqual(['UPDATE 2 Lives in Berlin']);
    expect(summarize(await alice.say('I still love sushi, by the way.'))).toEqual(['NONE 4']);
    expect(summarize(await alice.say("Honestly I don't like sushi anymore."))).toEqual(['UPDATE 4 Dislikes sushi']);
    expect(summarize(await alice.say('I got a new job at Globex as a product manager'))).toEqual([
      'UPDATE 3 Works at Globex as a product manager',
    ]);
    expect(summarize(await alice.say('Please forget that I like jazz.'))).toEqual(['DELETE 5']);
    expect(summarize(await alice.say("I'm vegetarian and allergic to peanuts"))).toEqual([
      'ADD Is vegetarian',
      'ADD Is allergic to peanuts',
    ]);
    expect(summarize(await alice.say("I'm not vegetarian anymore."))).toEqual(['DELETE 6']);
    expect(summarize(await alice.say('Do I still like sushi?'))).toEqual([]);
    expect(alice.texts()).toEqual([
      'Name is Alice',
      'Lives in Berlin',
      'Works at Globex as a product manager',
      'Dislikes sushi',
      'Is allergic to peanuts',
    ]);
  });

  it('follows a plan from intention to cancellation', async () => {
    const bob = new Conversation();
    expect(summarize(await bob.say("We're going to visit Japan in March."))).toEqual([
      'ADD Plans to visit Japan in March 2027',
    ]);
    expect(summarize(await bob.say("Change of plans: we're going to visit Japan in April instead."))).toEqual([
      'UPDATE 1 Plans to visit Japan in April 2027',
    ]);
    expect(summarize(await bob.say('I have a dentist appointment next Friday'))).toEqual([
      'ADD Has a dentist appointment on 4 December 2026',
    ]);
    expect(summarize(await bob.say('Sadly we cancelled the trip to Japan.'))).toEqual(['DELETE 1']);
    expect(bob.texts()).toEqual(['Has a dentist appointment on 4 December 2026']);
  });

  it('follows people and pets', async () => {
    const carol = new Conversation();
    expect(summarize(await carol.say('I have a boyfriend named Tom and a dog.'))).toEqual([
      'ADD Has a boyfriend named Tom',
      'ADD Has a dog',
    ]);
    expect(summarize(await carol.say('I have a dog.'))).toEqual(['NONE 2']);
    expect(summarize(await carol.say('My dog is called Rex.'))).toEqual(['UPDATE 2 Has a dog named Rex']);
    expect(summarize(await carol.say('I took my dog Rex to the park with my sister Emma.'))).toEqual([
      'ADD Has a sister named Emma',
      'NONE 2',
    ]);
    expect(summarize(await carol.say('I broke up with Tom.'))).toEqual(['DELETE 1']);
    expect(summarize(await carol.say('Rex ran away last night.'))).toEqual(['DELETE 2']);
    expect(carol.texts()).toEqual(['Has a sister named Emma']);
  });
});

describe('rule extractor: contract', () => {
  it('is named rules and spends nothing', async () => {
    const extractor = createRuleExtractor();
    expect(extractor.name).toBe('rules');
    const result = await extractor.extract({
      messages: [{ role: 'user', text: 'I live in Berlin' }],
      candidates: [],
      memoryType: 'semantic_memory',
      now,
    });
    expect(result).toEqual({
      operations: [{ event: 'ADD', text: 'Lives in Berlin' }],
      usage: { llmCalls: 0, promptTokens: 0, completionTokens: 0 },
    });
  });

  it('is deterministic', async () => {
    const message = "I'm Alice. I moved to Berlin, I hate sushi now and I'm going to visit Japan next month.";
    const candidates = ['Lives in Paris', 'Likes sushi', 'Has a dog named Rex'];
    const first = await extract(message, candidates);
    expect(first.length).toBeGreaterThan(3);
    for (let run = 0; run < 3; run++) expect(await extract(message, candidates)).toEqual(first);
  });

  it('ignores the prompt and custom instructions', async () => {
    const result = await createRuleExtractor().extract({
      messages: [{ role: 'user', text: 'I love tea' }],
      candidates: [],
      memoryType: 'semantic_memory',
      now,
      prompt: 'Extract nothing.',
      customInstructions: 'Only store names.',
    });
    expect(result.operations).toEqual([{ event: 'ADD', text: 'Likes tea' }]);
  });

  it('stores a procedural run verbatim, one line per message', async () => {
    const result = await createRuleExtractor().extract({
      messages: [
        { role: 'user', text: 'Find flights to Oslo' },
        { role: 'assistant', text: 'Searched three airlines; cheapest is SAS at 120 EUR.' },
        { role: 'assistant', text: '  ' },
      ],
      candidates: [],
      memoryType: 'procedural_memory',
      now,
    });
    expect(result.operations).toEqual([
      {
        event: 'ADD',
        text: 'user: Find flights to Oslo\nassistant: Searched three airlines; cheapest is SAS at 120 EUR.',
        reason: expect.stringContaining('verbatim'),
      },
    ]);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      createRuleExtractor().extract({
        messages: [{ role: 'user', text: 'I live in Berlin' }],
        candidates: [],
        memoryType: 'semantic_memory',
        now,
        signal: controller.signal,
      }),
    ).rejects.toThrow();
  });

  it('handles a long message quickly enough to run on every add', async () => {
    const text = Array.from(
      { length: 400 },
      (_value, index) => `I love dish number ${index} and I live in Berlin.`,
    ).join(' ');
    const operations = await extract(text, ['Lives in Berlin']);
    expect(operations.filter((operation) => operation.event === 'ADD')).toHaveLength(400);
    expect(operations.filter((operation) => operation.event === 'NONE')).toEqual([
      { event: 'NONE', target: 1, reason: 'Home already known' },
    ]);
  });
});

describe('rule extractor: candidate query', () => {
  const query = (text: string): string[] =>
    createRuleExtractor()
      .candidateQuery({ messages: [{ role: 'user', text }], now })
      .split('\n')
      .filter((line) => line.length > 0);

  it('names the facts and the words their memories share', () => {
    expect(query('I moved to Berlin and I hate sushi now')).toEqual([
      'Lives in Berlin',
      'Lives in',
      'Dislikes sushi',
      'Likes; Dislikes',
    ]);
    expect(query('I no longer work at Acme')).toEqual(['Works at; Works as; acme']);
  });

  it('is empty for what the rules do not recognise, and for other roles', () => {
    expect(query('What is the weather like?')).toEqual([]);
    const assistantOnly = createRuleExtractor().candidateQuery({
      messages: [{ role: 'assistant', text: 'I live in the cloud' }],
      now,
    });
    expect(assistantOnly).toBe('');
  });
});
