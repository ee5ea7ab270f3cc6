import type { Message } from '../src/spec/messages.js';

/** One `add` call of the fixed benchmark set: who, and the messages of that turn. */
export interface BenchmarkTurn {
  userId: string;
  messages: Message[];
}

const turn = (userId: string, user: string, assistant: string): BenchmarkTurn => ({
  userId,
  messages: [
    { role: 'user', content: user },
    { role: 'assistant', content: assistant },
  ],
});

/**
 * A fixed set of multi-session conversations (written for this project): 3 users, 24 turns, with introductions,
 * preferences, moves, job changes, retractions, plans and repeats, so candidates grow as they would in real use.
 */
export const benchmarkTurns: BenchmarkTurn[] = [
  turn(
    'alice',
    "Hi! I'm Alice, I live in Paris and I work as a nurse at Hôpital Lariboisière.",
    'Nice to meet you, Alice! How can I help?',
  ),
  turn('alice', 'I love sushi and ramen, but I really dislike cilantro.', 'Noted: sushi and ramen yes, cilantro no.'),
  turn(
    'alice',
    'My sister Emma is visiting next weekend, any ideas for a Sunday in Paris?',
    'You could walk along the Canal Saint-Martin and have brunch.',
  ),
  turn(
    'alice',
    "I'm allergic to peanuts, so please keep that in mind for restaurant tips.",
    'Of course, I will avoid peanut dishes.',
  ),
  turn(
    'alice',
    'Big news: I moved to Berlin last month for a new job at Charité.',
    'Congratulations on the move to Berlin!',
  ),
  turn('alice', "I don't like ramen anymore, too salty for me lately.", 'Understood, no more ramen suggestions.'),
  turn('alice', 'I love sushi, remember?', 'Yes, sushi is a favourite of yours.'),
  turn('alice', "I'm planning a trip to Japan in April with Emma.", 'Japan in April is cherry blossom season!'),
  turn(
    'bob',
    "Hey, I'm Bob. I'm a software engineer at Acme and I live in Austin.",
    'Hi Bob! What are you working on?',
  ),
  turn('bob', 'I have a dog named Rex and a cat named Miso.', 'Rex and Miso, lovely names.'),
  turn('bob', 'I enjoy hiking and bouldering on weekends.', 'Great ways to stay active.'),
  turn('bob', 'My wife Sara is a pianist; we go to jazz concerts a lot.', 'That sounds wonderful.'),
  turn('bob', "I quit Acme. I'm now working at Globex as a staff engineer.", 'Congrats on the new role at Globex!'),
  turn(
    'bob',
    'Actually I stopped bouldering after a shoulder injury.',
    'Sorry to hear that, take care of your shoulder.',
  ),
  turn('bob', 'Can you recommend a podcast about distributed systems?', 'Try "Software Engineering Daily".'),
  turn('bob', "I'm vegetarian, so keep dinner ideas meat-free.", 'Got it, vegetarian ideas only.'),
  turn('carol', "I'm Carol, a high school teacher in Lisbon. I teach chemistry.", 'Hello Carol!'),
  turn(
    'carol',
    'My son Leo turns 8 on June 3rd, we are planning a science party.',
    'A science party for Leo sounds fun.',
  ),
  turn('carol', "I'm training for the Lisbon half marathon in October.", 'Good luck with your training!'),
  turn('carol', 'I prefer tea over coffee, green tea especially.', 'Green tea it is.'),
  turn('carol', 'We cancelled the science party, Leo wants a football party instead.', 'A football party, then!'),
  turn('carol', "I'm not training for the half marathon anymore, knee problems.", 'Sorry about your knee.'),
  turn('carol', 'I moved to Porto in the summer.', 'Porto is a beautiful city.'),
  turn('carol', 'I prefer tea over coffee.', 'Still green tea, noted.'),
];
