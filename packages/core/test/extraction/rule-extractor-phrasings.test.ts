/** One message, no memories yet: what the rules extract from common phrasings, and what they must not. */
import { describe, expect, it } from 'vitest';
import { added, extract } from './rule-extractor-helpers.js';

const extracts: Array<[string, string[]]> = [
  // Names, unicode and casing
  ['My name is Alice', ['Name is Alice']],
  ["my name's bob", ['Name is Bob']],
  ['my name is josé garcía', ['Name is José García']],
  ['Hi! I’m Zoë.', ['Name is Zoë']],
  ['Hello there, I am Björn Ólafsson', ['Name is Björn Ólafsson']],
  ['My name is Siobhan O’Brien, by the way', ["Name is Siobhan O'Brien"]],
  ['my name is jean-luc', ['Name is Jean-Luc']],
  ['My name is 李雷', ['Name is 李雷']],
  ['Call me Ali', ['Prefers to be called Ali']],
  ['I go by Sam', ['Prefers to be called Sam']],
  // Home and origin
  ['I live in Berlin', ['Lives in Berlin']],
  ['i live in new york city', ['Lives in New York City']],
  ["I'm based in Lisbon", ['Lives in Lisbon']],
  ['I just moved to Munich, by the way', ['Lives in Munich']],
  ['We relocated to São Paulo last year', ['Lives in São Paulo']],
  ['I moved from Paris to Berlin', ['Lives in Berlin']],
  ['I live in Paris, France with my wife', ['Lives in Paris, France']],
  ['I live in a small apartment in Lisbon', ['Lives in Lisbon']],
  ["I'm originally from Spain", ['Is from Spain']],
  ['I grew up in Kraków', ['Is from Kraków']],
  // Work
  ['I work at Acme', ['Works at Acme']],
  ['I work for google as a data engineer', ['Works at Google as a data engineer']],
  ["I'm a data engineer at Acme", ['Works at Acme as a data engineer']],
  ['I work as a nurse', ['Works as a nurse']],
  ['I am a software engineer', ['Works as a software engineer']],
  ['I just started a new job at Stripe as an intern', ['Works at Stripe as an intern']],
  ['I joined Shopify', ['Works at Shopify']],
  // Preferences
  ['I love sushi and ramen', ['Likes sushi', 'Likes ramen']],
  ['I really enjoy hiking, climbing and swimming', ['Likes hiking', 'Likes climbing', 'Likes swimming']],
  ["I'm a big fan of jazz", ['Likes jazz']],
  ["I'm into board games", ['Likes board games']],
  ['I like rock and roll', ['Likes rock and roll']],
  ['I like to cook for my family', ['Likes to cook for their family']],
  ['I prefer tea over coffee', ['Likes tea']],
  ['I hate cilantro', ['Dislikes cilantro']],
  ["I can't stand loud music", ['Dislikes loud music']],
  ["I don't like horror movies", ['Dislikes horror movies']],
  ["I'm not a fan of olives", ['Dislikes olives']],
  ['My favorite color is blue', ['Favorite color is blue']],
  ['Pizza is my favourite food', ['Favorite food is Pizza']],
  // Diet and health
  ["I'm vegetarian", ['Is vegetarian']],
  ['I am a vegan', ['Is vegan']],
  ['I went vegan', ['Is vegan']],
  ["I'm allergic to peanuts and shellfish", ['Is allergic to peanuts', 'Is allergic to shellfish']],
  ['I have a severe peanut allergy', ['Has a peanut allergy']],
  ["I'm lactose intolerant", ['Is lactose intolerant']],
  // Relationships
  ['I have a sister named Emma', ['Has a sister named Emma']],
  ['I have a brother called noah', ['Has a brother named Noah']],
  ['My wife Anna and I went to Rome', ['Has a wife named Anna']],
  ['Emma is my sister', ['Has a sister named Emma']],
  ["My mom's name is Linda", ['Has a mother named Linda']],
  ["I'm married to Sam", ['Is married to Sam']],
  ['I went hiking with my best friend Tom', ['Has a best friend named Tom']],
  ['I have a daughter', ['Has a daughter']],
  // Pets
  ['I have a dog named Rex', ['Has a dog named Rex']],
  ['We adopted a kitten called Miso', ['Has a kitten named Miso']],
  ['I took my dog Rex to the vet', ['Has a dog named Rex']],
  ['I have a golden retriever named Max', ['Has a golden retriever named Max']],
  ['I have a cat', ['Has a cat']],
  // Birthday and age
  ['My birthday is May 14th', ['Birthday is 14 May']],
  ['my birthday is on the 3rd of march', ['Birthday is 3 March']],
  ['I was born on 14 May 1990', ['Birthday is 14 May 1990']],
  ["I'm 34 years old", ['Is 34 years old']],
  // Plans (now = Tuesday 24 November 2026)
  ["I'm going to visit Japan in March", ['Plans to visit Japan in March 2027']],
  ["I'm planning to run a marathon next year", ['Plans to run a marathon in 2027']],
  ['I want to learn Spanish someday', ['Wants to learn Spanish']],
  ["I'm planning a trip to Portugal next summer", ['Plans to take a trip to Portugal in summer 2027']],
  ['I have a dentist appointment tomorrow', ['Has a dentist appointment on 25 November 2026']],
  ["I'll call my mom on Sunday", ['Plans to call their mom on 29 November 2026']],
  ['Next month I am going to Japan', ['Plans to go to Japan in December 2026']],
  ["We're visiting my parents next weekend", ['Plans to visit their parents on the weekend of 5 December 2026']],
  // Several facts per message and per sentence, filler, contractions
  [
    "Hi! I'm Alice, a data engineer at Acme. I live in Berlin and I love sushi and ramen, btw.",
    ['Name is Alice', 'Works at Acme as a data engineer', 'Lives in Berlin', 'Likes sushi', 'Likes ramen'],
  ],
  ['I live in Berlin and work at Acme as a data engineer', ['Lives in Berlin', 'Works at Acme as a data engineer']],
  ["I'm vegetarian and allergic to nuts", ['Is vegetarian', 'Is allergic to nuts']],
  [
    'I live in Lisbon with my cat Luna; I hate mornings.',
    ['Lives in Lisbon', 'Has a cat named Luna', 'Dislikes mornings'],
  ],
  ["Can you remember that I'm vegan?", ['Is vegan']],
  ["Don't forget I'm vegan", ['Is vegan']],
  ['My wife is Anna', ['Has a wife named Anna']],
  ['My daughter, Mia, loves horses', ['Has a daughter named Mia']],
  ["I'm a huge Taylor Swift fan", ['Likes Taylor Swift']],
  ['I really, really love chocolate', ['Likes chocolate']],
  ["I'm not going to lie, I love cheese", ['Likes cheese']],
  ['I am a Python developer at a startup in Berlin', ['Works at a startup as a Python developer']],
  ["I'm Maria from Mexico", ['Name is Maria', 'Is from Mexico']],
  ['I am John, nice to meet you', ['Name is John']],
  ["I'm training for a marathon in April", ['Plans to train for a marathon in April 2027']],
  ["I'm getting married next June", ['Plans to get married in June 2027']],
  ['I got a cat named Mochi last week', ['Has a cat named Mochi']],
  ["I've got a dog named Rex", ['Has a dog named Rex']],
  ["I'm currently working at Acme", ['Works at Acme']],
  ['I have a son named Leo and a daughter named Mia', ['Has a son named Leo', 'Has a daughter named Mia']],
  ['I love both cats and dogs', ['Likes cats', 'Likes dogs']],
  ['I enjoy reading, especially sci-fi', ['Likes reading']],
  ['I love cats but I hate dogs', ['Likes cats', 'Dislikes dogs']],
  ['I moved back home to Dublin', ['Lives in Dublin']],
  ["I'm based out of Chicago", ['Lives in Chicago']],
  ["My name is Alice and I'm a nurse from Ohio", ['Name is Alice', 'Works as a nurse', 'Is from Ohio']],
  ["I'm a partner at a law firm", ['Works at a law firm as a partner']],
  ["I'm a consultant with Deloitte", ['Works at Deloitte as a consultant']],
  ['I prefer Python', ['Likes Python']],
  ['I love the beach', ['Likes the beach']],
  ["I'm going to learn Spanish", ['Plans to learn Spanish']],
  ['I am planning to retire', ['Plans to retire']],
  ['I want to move to Canada', ['Wants to move to Canada']],
  ['I will run the tests tomorrow', ['Plans to run the tests on 25 November 2026']],
  [
    'I live in the U.S. and I love it. I work at Acme Inc. as a designer',
    ['Lives in the U.S.', 'Works at Acme Inc as a designer'],
  ],
  ['I live in St. Louis', ['Lives in St. Louis']],
  ['I work at Booking.com. I love it.', ['Works at Booking.com']],
  ['My flight to Tokyo is on Friday', ['Has a flight to Tokyo on 27 November 2026']],
  ['Next week I have a job interview at Google', ['Has a job interview at Google in the week of 30 November 2026']],
  ['Please note that I am allergic to penicillin.', ['Is allergic to penicillin']],
  ['I LOVE SUSHI!!!', ['Likes sushi']],
  ['MY NAME IS ALICE AND I LIVE IN BERLIN', ['Name is Alice', 'Lives in Berlin']],
];

const nothing: string[] = [
  'Do I like sushi?',
  'Where do I live?',
  'What is my name?',
  'Am I allergic to peanuts?',
  'I think I like sushi',
  "I'd like a coffee, please",
  'I would like to know the weather',
  'I love you',
  'I like it',
  'I love your idea',
  'I am tired',
  "I'm fine, thanks",
  "I'm German",
  'I am so happy today',
  'My sister lives in London',
  'My friend said I live in Paris',
  'If I lived in Paris I would be happy',
  'I will think about it',
  "I'll be there",
  'I am going to sleep',
  "I'll let you know tomorrow",
  'I quit smoking',
  'I am not a doctor',
  "I'm studying medicine at Oxford",
  'I like to think that I am smart',
  'I am going to the gym',
  'I am having pizza tonight',
  'I think I will move to Rome',
  'Maybe I will visit Peru next year',
  'My brother hates sushi',
  'My wife is a doctor',
  "I'm Alice's mom",
  'I have two sisters',
  'I am 5 minutes away',
  'Is it true that I live in Paris?',
  'Remind me to call mom tomorrow',
  'I live alone',
  'I work out every day',
  'I used to live in Paris',
  'My birthday is next week',
  // Chat about the task at hand is not a fact about the user
  'I need help writing a Python script',
  'I want you to summarize this',
  "I'll try that",
  'I will go with option B',
  'I will run the tests',
  "I'm going to build the docker image now",
  'I want to move the button to the left',
  'I love the new design',
  'I like the second option',
  'I prefer the first approach',
  "I'm working on a React app",
  "I'm working with pandas",
  'I am a beginner at Python',
  "I'm thinking of moving to Berlin",
  'I work with kids',
  'My sister said: I love sushi',
  "I don't eat pork",
  'I work from home',
  'The weather is nice',
  'Thanks!',
  '',
  '   ',
  'ok',
];

describe('rule extractor: phrasings', () => {
  it.each(extracts)('%s', async (text, expected) => {
    expect(await added(text)).toEqual(expected);
  });

  it.each(nothing.map((text) => [text]))('nothing from %j', async (text) => {
    expect(await extract(text)).toEqual([]);
  });

  it('reads only user messages', async () => {
    const operations = await extract([
      { role: 'system', text: 'I am a helpful assistant. I live in the cloud.' },
      { role: 'assistant', text: 'I love helping! My name is Claude. I work at Anthropic.' },
      { role: 'user', text: 'I love hiking' },
      { role: 'tool', text: 'I live in Berlin' },
    ]);
    expect(operations).toEqual([{ event: 'ADD', text: 'Likes hiking' }]);
  });

  it('reads other roles when asked to', async () => {
    const operations = await extract([{ role: 'assistant', text: 'I live in Dublin' }], [], {
      roles: ['assistant'],
    });
    expect(operations).toEqual([{ event: 'ADD', text: 'Lives in Dublin' }]);
  });
});

describe('rule extractor: canonical texts read back', () => {
  // Every fact the rules write is a candidate on the next call: saying the same thing again must be a NONE on
  // exactly those memories, which only works if each canonical text parses back to the same attribute and value.
  it.each(extracts)('repeating %j confirms its memories', async (text, expected) => {
    const operations = await extract(text, expected);
    expect(operations).toEqual(
      expected.map((_text, index) => expect.objectContaining({ event: 'NONE', target: index + 1 })),
    );
  });
});
