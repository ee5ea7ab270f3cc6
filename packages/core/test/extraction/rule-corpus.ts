/**
 * The rule extractor's corpus: sentences a user (or an agent writing on the user's behalf) says, grouped by kind,
 * each with the operations the offline extractor should produce. Written for memzero (not drawn from a dataset).
 * The reference date is Tuesday 24 November 2026 (see `now` in rule-extractor-helpers.ts).
 *
 * `expect` lists operations as `summarize` writes them, NONE left out: "ADD <memory text>", "UPDATE <alias> <text>",
 * "DELETE <alias>"; empty means the sentence must change nothing. `memories` are stored before the sentence, aliased
 * 1, 2, ... in order. `limit` marks a case the extractor does not meet yet, with why (the README's documented
 * limits); the corpus test asserts every other case exactly, and `npm run bench` scores all of them.
 */

/** One sentence and what it should do. */
export interface CorpusCase {
  say: string;
  memories?: string[];
  expect: string[];
  limit?: string;
}

/** Sentences of one kind. */
export interface CorpusGroup {
  kind: string;
  cases: CorpusCase[];
}

/** A sentence that adds these memories (none: a sentence that must yield nothing). */
export function says(say: string, ...facts: string[]): CorpusCase {
  return { say, expect: facts.map((fact) => `ADD ${fact}`) };
}

/** A sentence said with these memories stored, and the expected operations. */
export function given(memories: string[], say: string, ...operations: string[]): CorpusCase {
  return { say, memories, expect: operations };
}

/** A case the extractor does not meet yet. */
function limit(reason: string, corpusCase: CorpusCase): CorpusCase {
  return { ...corpusCase, limit: reason };
}

const pets = ['Has a cat named Luna', 'Has a dog named Rex'];

export const ruleCorpus: CorpusGroup[] = [
  {
    kind: 'names and greetings',
    cases: [
      says('Hi my name is Jeremy', 'Name is Jeremy'),
      says("hey I'm Tom", 'Name is Tom'),
      says('Hello I am Maria', 'Name is Maria'),
      says('Hi there my name is Oluwaseun', 'Name is Oluwaseun'),
      says('Good morning my name is Ines', 'Name is Ines'),
      says('hello, my name is kenji', 'Name is Kenji'),
      says('Hey there I’m Dana and I live in Austin', 'Name is Dana', 'Lives in Austin'),
      says("Hi I'm Leo, nice to meet you", 'Name is Leo'),
      says("Hi everyone I'm Chloe", 'Name is Chloe'),
      says("Yo my name's Marcus", 'Name is Marcus'),
      says('Hey hey, call me Bea', 'Prefers to be called Bea'),
      says('Hello my friends call me Jojo', 'Prefers to be called Jojo'),
      says("Hi, I'm Sam from Chicago", 'Name is Sam', 'Is from Chicago'),
      says("hi i'm fine thanks"),
      says("Hi I'm new here"),
      says("Hey I'm back"),
      says('Hello I am so tired today'),
      says('Hi my name is not important'),
      says('Hey how are you'),
    ],
  },
  {
    kind: 'statement, then a short question',
    cases: [
      says("My name is Jeremy, what's yours?", 'Name is Jeremy'),
      says('I live in Berlin, you?', 'Lives in Berlin'),
      says('I live in Berlin, and you?', 'Lives in Berlin'),
      says("I'm a nurse, what do you do?", 'Works as a nurse'),
      says('I love sushi, do you?', 'Likes sushi'),
      says("I'm vegetarian, is that a problem?", 'Is vegetarian'),
      says("My favorite color is green, what's yours?", 'Favorite color is green'),
      says('I work at Acme, how about you?', 'Works at Acme'),
      says('I have a dog named Rex, do you have pets?', 'Has a dog named Rex'),
      says("I'm from Spain, where are you from?", 'Is from Spain'),
      says("I'm 34, how old are you?", 'Is 34 years old'),
      says("I'm allergic to peanuts, what about you?", 'Is allergic to peanuts'),
      says('Do I live in Berlin?'),
      says('Where do I work?'),
      says('Is my name Jeremy?'),
      says("What's my favorite color?"),
      says('Can you tell me if I like sushi?'),
      says('I wonder, do you like sushi?'),
    ],
  },
  {
    kind: 'several facts in one introduction',
    cases: [
      says("I'm Priya, a dentist in Leeds.", 'Name is Priya', 'Works as a dentist', 'Lives in Leeds'),
      says("I'm Tom, 34, from Denver", 'Name is Tom', 'Is 34 years old', 'Is from Denver'),
      says("I'm Ana, a nurse at Mercy Hospital", 'Name is Ana', 'Works at Mercy Hospital as a nurse'),
      says("My name is Omar and I'm a teacher in Cairo", 'Name is Omar', 'Works as a teacher', 'Lives in Cairo'),
      says("I'm Lena, I'm 29 and I live in Vienna", 'Name is Lena', 'Is 29 years old', 'Lives in Vienna'),
      says("Hi, I'm Raj, a software engineer at Google", 'Name is Raj', 'Works at Google as a software engineer'),
      says("I'm Kim, a student from Seoul", 'Name is Kim', 'Works as a student', 'Is from Seoul'),
      says("I'm Marco, 41, a chef in Naples", 'Name is Marco', 'Is 41 years old', 'Works as a chef', 'Lives in Naples'),
      says(
        'I am Sofia and I work as a pharmacist in Porto',
        'Name is Sofia',
        'Works as a pharmacist',
        'Lives in Porto',
      ),
      says("I'm Jeremy, 28, living in Lyon", 'Name is Jeremy', 'Is 28 years old', 'Lives in Lyon'),
      says("I'm Nina, a vegan from Oslo", 'Name is Nina', 'Is vegan', 'Is from Oslo'),
      says(
        "I'm Hugo, I'm a plumber and I live in Marseille",
        'Name is Hugo',
        'Works as a plumber',
        'Lives in Marseille',
      ),
      says("Name's Jack, I'm a pilot", 'Name is Jack', 'Works as a pilot'),
      says("I'm a nurse in Boston", 'Works as a nurse', 'Lives in Boston'),
      says(
        "Hello! I'm Grace, I'm vegetarian and I'm allergic to cats.",
        'Name is Grace',
        'Is vegetarian',
        'Is allergic to cats',
      ),
    ],
  },
  {
    kind: 'home and moves between places',
    cases: [
      says('I live in Berlin', 'Lives in Berlin'),
      says('I am moving from Paris to Rome', 'Lives in Paris', 'Plans to move to Rome'),
      says("We're moving from Austin to Denver in March", 'Lives in Austin', 'Plans to move to Denver in March 2027'),
      says(
        "I'm relocating from London to Dublin next month",
        'Lives in London',
        'Plans to move to Dublin in December 2026',
      ),
      says('I moved from Paris to Berlin', 'Lives in Berlin'),
      says('We moved from Chicago to Seattle last year', 'Lives in Seattle'),
      says('I just moved from Boston to San Diego', 'Lives in San Diego'),
      says('I relocated from Delhi to Bangalore for work', 'Lives in Bangalore'),
      says("I'm based in Toronto", 'Lives in Toronto'),
      says('We live in Oslo with our two kids', 'Lives in Oslo'),
      says('I grew up in Kraków but now I live in Warsaw', 'Is from Kraków', 'Lives in Warsaw'),
      given(['Lives in Paris'], 'I moved to Lisbon', 'UPDATE 1 Lives in Lisbon'),
      given(['Lives in Paris'], 'I am moving from Paris to Rome', 'ADD Plans to move to Rome'),
      given(['Lives in Paris'], "I don't live in Paris anymore", 'DELETE 1'),
      given(['Lives in Paris'], 'I moved from Paris to Berlin', 'UPDATE 1 Lives in Berlin'),
      says('My sister lives in London'),
      says('I live in the moment'),
      says('I live in a small flat'),
      says('I moved to the next question'),
      says('I live for the weekends'),
    ],
  },
  {
    kind: 'plans and moves without a date',
    cases: [
      says("I'm moving to Rome", 'Plans to move to Rome'),
      says("I'm visiting Lisbon", 'Plans to visit Lisbon'),
      says("We're moving to Canada", 'Plans to move to Canada'),
      says("I'm visiting my parents in Ohio", 'Plans to visit their parents in Ohio'),
      says("I'm going to Japan", 'Plans to go to Japan'),
      says("I'm flying to Tokyo", 'Plans to fly to Tokyo'),
      says("I'm traveling to Peru", 'Plans to travel to Peru'),
      says("I'm planning a trip to Iceland", 'Plans to take a trip to Iceland'),
      says("I'm moving abroad", 'Plans to move abroad'),
      says("I'm retiring", 'Plans to retire'),
      says("We're getting married!", 'Plans to get married'),
      says("I'm going to learn Spanish", 'Plans to learn Spanish'),
      says('I want to visit Kyoto', 'Wants to visit Kyoto'),
      given(['Lives in Paris'], "I'm moving to Rome", 'ADD Plans to move to Rome'),
      given(['Plans to move to Rome'], "I'm not moving to Rome anymore", 'DELETE 1'),
      says("I'm thinking about moving to Rome"),
      says("I'm going to the gym"),
      says("I'm going to bed"),
      says("I'm going to check the logs"),
      says("I'm visiting the website now"),
      says("I'm moving to the next step"),
      says("I'm going home"),
    ],
  },
  {
    kind: 'plans with a date',
    cases: [
      says("I'm going to their wedding in Rome in May", 'Plans to go to their wedding in Rome in May 2027'),
      says("I'm going to dinner with friends tonight", 'Plans to go to dinner with friends on 24 November 2026'),
      says("I'm going to a concert on Friday", 'Plans to go to a concert on 27 November 2026'),
      says(
        "We're going to my sister's graduation next week",
        "Plans to go to their sister's graduation in the week of 30 November 2026",
      ),
      says("I'm going to paint the kitchen on Saturday", 'Plans to paint the kitchen on 28 November 2026'),
      says("I'm visiting Lisbon next month", 'Plans to visit Lisbon in December 2026'),
      says("I'm flying to Tokyo on Friday", 'Plans to fly to Tokyo on 27 November 2026'),
      says('I have a dentist appointment tomorrow', 'Has a dentist appointment on 25 November 2026'),
      says("I'm planning to learn Spanish next year", 'Plans to learn Spanish in 2027'),
      says('My flight to Boston is tomorrow', 'Has a flight to Boston on 25 November 2026'),
      says("I'm retiring next year", 'Plans to retire in 2027'),
      says("I'm having pizza tonight"),
      given(['Plans to visit Japan in March 2027'], 'We cancelled the trip to Japan', 'DELETE 1'),
    ],
  },
  {
    kind: 'new jobs and job changes',
    cases: [
      says('I finally got the job at the museum!', 'Works at the museum'),
      says('I accepted a position at Globex as a product manager', 'Works at Globex as a product manager'),
      says('I start next week as a nurse at the city hospital', 'Works at the city hospital as a nurse'),
      says('I got a new job at Spotify', 'Works at Spotify'),
      says('I just landed a job as a barista at Blue Bottle', 'Works at Blue Bottle as a barista'),
      says("I'm starting a new job at Airbnb on Monday", 'Works at Airbnb'),
      says('I start at Deloitte next month', 'Works at Deloitte'),
      says("I'm starting at Stripe as a designer", 'Works at Stripe as a designer'),
      says('I got hired as a teacher at Lincoln High', 'Works at Lincoln High as a teacher'),
      says('I accepted an offer from Microsoft', 'Works at Microsoft'),
      says('I took a job with the city council', 'Works at the city council'),
      says('I switched jobs, I now work at Netflix', 'Works at Netflix'),
      says('I became a nurse', 'Works as a nurse'),
      says("I'm now a manager at Target", 'Works at Target as a manager'),
      says('I work at the museum', 'Works at the museum'),
      given(
        ['Works at Acme as an engineer'],
        'I got promoted to senior engineer',
        'UPDATE 1 Works at Acme as a senior engineer',
      ),
      given(['Works at Ford'], 'I got a job at Tesla', 'UPDATE 1 Works at Tesla'),
      given(['Works as a nurse'], "I'm a teacher now", 'UPDATE 1 Works as a teacher'),
      given(['Works at Acme'], 'I quit my job', 'DELETE 1'),
      given(['Works at Acme'], 'I finally got the job at the museum!', 'UPDATE 1 Works at the museum'),
      says('I got the job!'),
      says("I've been offered a job at Apple"),
      says('I applied for a job at Amazon'),
      says('I am working on a new project'),
      says('I work out every day'),
      says('I started a new job'),
    ],
  },
  {
    kind: 'third-person statements (agents and tools)',
    cases: [
      says('Favorite color is green', 'Favorite color is green'),
      says('User lives in Oslo', 'Lives in Oslo'),
      says("User's name is Jeremy", 'Name is Jeremy'),
      says('The user is vegetarian', 'Is vegetarian'),
      says('User works at Acme as a designer', 'Works at Acme as a designer'),
      says('Lives in Oslo', 'Lives in Oslo'),
      says('Likes hiking and skiing', 'Likes hiking', 'Likes skiing'),
      says('User has a dog named Rex', 'Has a dog named Rex'),
      says('User is allergic to peanuts', 'Is allergic to peanuts'),
      says('Prefers tea over coffee', 'Likes tea'),
      says('Name: Jeremy', 'Name is Jeremy'),
      says('Location: Oslo', 'Lives in Oslo'),
      says("User's favorite food is ramen", 'Favorite food is ramen'),
      says('User dislikes cilantro', 'Dislikes cilantro'),
      says('User is from Brazil', 'Is from Brazil'),
      says('User plans to visit Japan in March', 'Plans to visit Japan in March 2027'),
      says('Has a sister named Emma', 'Has a sister named Emma'),
      says("User's birthday is May 14", 'Birthday is 14 May'),
      says('User moved to Denver', 'Lives in Denver'),
      says('The user wants to learn Spanish', 'Wants to learn Spanish'),
      given(['Lives in Paris'], 'User lives in Oslo', 'UPDATE 1 Lives in Oslo'),
      says('Sounds good'),
      says('Looks like rain today'),
      says('Works for me'),
      says('Makes sense'),
      says('Is it going to rain?'),
      says('User asked about the weather'),
      says('Has been great talking to you'),
    ],
  },
  {
    kind: 'likes, dislikes and favourites',
    cases: [
      says('I love sushi and ramen', 'Likes sushi', 'Likes ramen'),
      says("I'm a big fan of jazz", 'Likes jazz'),
      says('I hate cilantro', 'Dislikes cilantro'),
      says("I don't like horror movies", 'Dislikes horror movies'),
      says('My favorite color is blue', 'Favorite color is blue'),
      says('I enjoy hiking on weekends', 'Likes hiking on weekends'),
      says('I prefer tea over coffee', 'Likes tea'),
      says("I can't stand loud music", 'Dislikes loud music'),
      says("I'm really into rock climbing", 'Likes rock climbing'),
      given(['Likes jazz'], 'I used to love jazz', 'DELETE 1'),
      given(['Likes sushi'], 'I hate sushi now', 'UPDATE 1 Dislikes sushi'),
      says('I like the second option'),
      says('I love it'),
      says('I love you'),
      says('Thanks, I love the new design'),
      says('I think I like sushi'),
      says('I like that idea'),
    ],
  },
  {
    kind: 'pets',
    cases: [
      says('I have a dog named Rex', 'Has a dog named Rex'),
      says('I also have another dog named Max', 'Has a dog named Max'),
      says('I have a cat named Luna and a dog named Rex.', 'Has a cat named Luna', 'Has a dog named Rex'),
      says('We adopted a kitten called Miso', 'Has a kitten named Miso'),
      says('I have another cat, Mochi', 'Has a cat named Mochi'),
      says('I have a second dog named Bolt', 'Has a dog named Bolt'),
      says('I walked my dog Rex this morning', 'Has a dog named Rex'),
      given(pets, 'My dog Rex died', 'DELETE 2'),
      given(['Has a dog named Rex'], 'Rex passed away', 'DELETE 1'),
      given(pets, 'My cat died', 'DELETE 1'),
      given(pets, 'I passed my driving test!'),
      given(pets, 'I ran away from the rain.'),
      given(pets, 'We ran out of milk'),
      given(pets, 'She passed away last year'),
      given(pets, 'It ran away'),
      given(pets, 'They passed the exam'),
      given(['Has a cat named Luna', 'Has a cat named Mochi'], 'My cat died'),
      given(pets, 'Max died'),
    ],
  },
  {
    kind: 'relationships',
    cases: [
      says('I have a sister named Emma', 'Has a sister named Emma'),
      says('Emma is my sister', 'Has a sister named Emma'),
      says('My wife Anna and I went to Rome', 'Has a wife named Anna'),
      says("I'm married to Sam", 'Is married to Sam'),
      says('I have another brother named Luke', 'Has a brother named Luke'),
      says('I went hiking with my friend Tom', 'Has a friend named Tom'),
      given(['Has a friend named Tom'], "I'm not friends with Tom anymore", 'DELETE 1'),
      given(['Has a girlfriend named Mia'], 'We broke up', 'DELETE 1'),
      given(['Has a friend named Tom'], "I'm not friends with him anymore"),
      says('He is my brother'),
      says('She is my sister'),
      says('They are my parents'),
      says('My boss is a nightmare'),
    ],
  },
  {
    kind: 'diet, health, age, birthday, origin',
    cases: [
      says("I'm vegetarian", 'Is vegetarian'),
      says("I'm allergic to peanuts and shellfish", 'Is allergic to peanuts', 'Is allergic to shellfish'),
      says("I'm lactose intolerant", 'Is lactose intolerant'),
      says("I'm 34", 'Is 34 years old'),
      says('I turned 40 last week', 'Is 40 years old'),
      says('My birthday is May 14th', 'Birthday is 14 May'),
      says("I'm originally from Spain", 'Is from Spain'),
      says("I'm vegan, and my husband is vegetarian", 'Is vegan'),
      given(['Is vegetarian'], "I'm not vegetarian anymore", 'DELETE 1'),
      says("I'm allergic to it"),
      says("I'm 5 minutes away"),
      says("I'm in my 30s"),
    ],
  },
  {
    kind: 'chat that holds no fact',
    cases: [
      says('Can you help me write a function?'),
      says('Thanks, that worked!'),
      says('I need to fix this bug'),
      says("I'm not sure what you mean"),
      says('I think so'),
      says("I'm looking for a good restaurant"),
      says('I am happy to help'),
      says("I'll be there in five minutes"),
      says("I'll think about it"),
      says('I have a question about my order'),
      says('I have no idea'),
      says("I'm going to try that now"),
      says('I got it'),
      says('I got an error when I ran the script'),
      says("I'm working on it"),
      says('I am done'),
      says('I see what you did there'),
      says('My code does not compile'),
      says('My bad'),
      says('I moved the file to the src folder'),
      says("I'm in a meeting"),
      says("I'm at work"),
      says("I'm going to lunch"),
      says('Hi'),
      says('How are you?'),
      says('Tell me a joke'),
      says('I passed the ball to him'),
      says('I ran the migration'),
    ],
  },
];

/** Every case, in order. */
export const ruleCorpusCases: CorpusCase[] = ruleCorpus.flatMap((group) => group.cases);
