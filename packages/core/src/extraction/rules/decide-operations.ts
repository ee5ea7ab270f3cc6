/**
 * The decision logic: replays the user's statements, in order, against the memories they may touch and returns
 * one operation per changed or confirmed memory.
 *
 * - Same slot, same value: NONE (already known). Same slot, another value: UPDATE (a move, a new job, "Likes
 *   sushi" -> "Dislikes sushi"). An UPDATE keeps the memory's id, so `history(id)` shows the change; a DELETE +
 *   ADD would cut that link, which is why a flipped preference is an UPDATE.
 * - A fact without a name or date never overrides one with ("I have a dog" after "Has a dog named Rex"); a named
 *   fact refines the unnamed one ("Has a dog" -> "Has a dog named Rex").
 * - A retraction DELETEs each matching memory; in a memory that holds several understood facts, only that fact
 *   is removed (UPDATE with the rest).
 * - Statements about facts added earlier in the same call change those pending ADDs instead.
 */
import type { ExtractionOperation } from '../../spec/extractor.js';
import type { Fact, Retraction, Statement } from './fact.js';
import { stemKey } from './patterns/shared.js';
import { workFact } from './patterns/work.js';

/** A memory the decisions may touch. */
export interface DecisionMemory {
  alias: number;
  facts: Fact[];
  covered: boolean;
}

interface Entry {
  alias?: number;
  facts: Fact[];
  covered: boolean;
  removed: boolean;
  operation?: ExtractionOperation;
}

const labels: Record<Fact['kind'], string> = {
  name: 'Name',
  home: 'Home',
  origin: 'Origin',
  work: 'Job',
  birthday: 'Birthday',
  age: 'Age',
  diet: 'Diet',
  allergy: 'Allergy',
  preference: 'Preference',
  favorite: 'Favourite',
  relationship: 'Relationship',
  pet: 'Pet',
  plan: 'Plan',
};

/** The operations for `statements` against `memories` (deterministic: same input, same output). */
export function decideOperations(statements: Statement[], memories: DecisionMemory[]): ExtractionOperation[] {
  const entries: Entry[] = memories.map((memory) => ({ ...memory, facts: [...memory.facts], removed: false }));
  const touched: Entry[] = [];
  const record = (entry: Entry, operation: ExtractionOperation): void => {
    if (!touched.includes(entry)) touched.push(entry);
    entry.operation = operation;
  };

  for (const statement of statements) {
    if (statement.type === 'assert') assertFact(statement.fact, entries, record);
    else retractFacts(statement.retraction, entries, record);
  }
  return touched.flatMap((entry) => (entry.operation ? [entry.operation] : []));
}

type Recorder = (entry: Entry, operation: ExtractionOperation) => void;

function assertFact(fact: Fact, entries: Entry[], record: Recorder): void {
  const live = entries.filter((entry) => !entry.removed);
  const sameSlot = live.filter((entry) => entry.facts.some((known) => known.slot === fact.slot));
  const repeat = sameSlot.find((entry) =>
    entry.facts.some((known) => known.slot === fact.slot && known.value === fact.value),
  );
  if (repeat) {
    confirm(repeat, fact, record);
    supersede(
      sameSlot.filter((entry) => entry !== repeat),
      fact,
      record,
    );
    return;
  }
  const precise = live.find((entry) =>
    entry.facts.some((known) => (known.slot === fact.slot && known.value !== '') || known.refines === fact.slot),
  );
  if (fact.value === '' && precise) {
    confirm(precise, fact, record);
    return;
  }

  const target = sameSlot[0] ?? live.find((entry) => entry.facts.some((known) => known.slot === fact.refines));
  if (!target) {
    const entry: Entry = { facts: [fact], covered: true, removed: false };
    entries.push(entry);
    record(entry, { event: 'ADD', text: fact.text });
    return;
  }
  const index = target.facts.findIndex((known) => known.slot === fact.slot || known.slot === fact.refines);
  const previous = target.facts[index]!;
  const next = fact.kind === 'work' ? mergeWork(previous, fact) : fact;
  if (next.value === previous.value && next.slot === previous.slot) {
    confirm(target, next, record);
    return;
  }
  if (target.facts.length > 1 && !target.covered) {
    // A memory with other, unparsed content cannot be rewritten safely: keep it and add the new fact.
    const entry: Entry = { facts: [next], covered: true, removed: false };
    entries.push(entry);
    record(entry, { event: 'ADD', text: next.text });
    return;
  }
  target.facts[index] = next;
  rewrite(target, `${labels[fact.kind]} changed`, record);
  supersede(
    sameSlot.filter((entry) => entry !== target),
    fact,
    record,
  );
}

/**
 * Other memories of the same slot contradict the value just stated ("Lives in Rome" when the user lives in Berlin):
 * each memory that holds only that fact is deleted; a memory with more in it is left alone.
 */
function supersede(others: Entry[], fact: Fact, record: Recorder): void {
  for (const other of others) {
    if (other.facts.length !== 1 || other.alias === undefined) continue;
    other.removed = true;
    record(other, {
      event: 'DELETE',
      target: other.alias,
      reason: `${labels[fact.kind]} changed; older memory superseded`,
    });
  }
}

/** "Works at Acme" + "I'm a senior engineer" -> "Works at Acme as a senior engineer"; a new employer starts afresh. */
function mergeWork(previous: Fact, next: Fact): Fact {
  const before = previous.work ?? {};
  const after = next.work ?? {};
  if (after.employer && before.employer && stemKey(after.employer) !== stemKey(before.employer)) return next;
  return workFact(after.employer ?? before.employer, after.role ?? before.role) ?? next;
}

function confirm(entry: Entry, fact: Fact, record: Recorder): void {
  if (entry.alias === undefined || entry.operation) return;
  record(entry, { event: 'NONE', target: entry.alias, reason: `${labels[fact.kind]} already known` });
}

/** Writes an entry's new facts: a pending ADD changes its text; a memory gets an UPDATE. */
function rewrite(entry: Entry, reason: string, record: Recorder): void {
  const text = entry.facts.map((fact) => fact.text).join('. ');
  if (entry.alias === undefined) {
    record(entry, { event: 'ADD', text });
    return;
  }
  record(entry, { event: 'UPDATE', target: entry.alias, text, reason });
}

function matches(fact: Fact, retraction: Retraction): boolean {
  if (fact.kind !== retraction.kind) return false;
  if (retraction.slot !== undefined && fact.slot !== retraction.slot) return false;
  if (retraction.slotPrefix !== undefined && !fact.slot.startsWith(retraction.slotPrefix)) return false;
  if (retraction.value !== undefined && fact.value !== retraction.value) return false;
  if (retraction.keywords) {
    const words = new Set(stemKey(fact.text).split(' '));
    if (!retraction.keywords.every((keyword) => words.has(keyword))) return false;
  }
  return true;
}

/**
 * Whether a retraction names what it removes. Keywords that were all filler ("I passed my driving test" read as a
 * pet's name) name nothing; a retraction without a slot, value or keywords ("my cat died") names its target only
 * when one attribute matches (one cat, not Luna and Mochi).
 */
function targeted(retraction: Retraction, entries: Entry[]): boolean {
  if (retraction.keywords) return retraction.keywords.length > 0;
  if (retraction.slot !== undefined || retraction.value !== undefined) return true;
  const slots = new Set<string>();
  for (const entry of entries) {
    if (entry.removed) continue;
    for (const fact of entry.facts) if (matches(fact, retraction)) slots.add(fact.slot);
  }
  return slots.size <= 1;
}

function retractFacts(retraction: Retraction, entries: Entry[], record: Recorder): void {
  if (!targeted(retraction, entries)) return;
  for (const entry of entries) {
    if (entry.removed || !entry.facts.some((fact) => matches(fact, retraction))) continue;
    const remaining = entry.facts.filter((fact) => !matches(fact, retraction));
    if (remaining.length > 0 && !entry.covered) continue;
    if (remaining.length === 0) {
      entry.removed = true;
      if (entry.alias === undefined) {
        entry.operation = undefined;
      } else {
        record(entry, { event: 'DELETE', target: entry.alias, reason: retraction.reason });
      }
      continue;
    }
    entry.facts = remaining;
    rewrite(entry, retraction.reason, record);
  }
}
