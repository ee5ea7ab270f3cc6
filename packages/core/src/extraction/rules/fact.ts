/**
 * The rule extractor's internal model. A statement in a user message becomes either an assertion of a {@link Fact}
 * or a {@link Retraction}; existing memories are parsed back into facts so both can be compared slot by slot.
 */

/** The kinds of fact the rules recognise. */
export type FactKind =
  | 'name'
  | 'home'
  | 'origin'
  | 'work'
  | 'birthday'
  | 'age'
  | 'diet'
  | 'allergy'
  | 'preference'
  | 'favorite'
  | 'relationship'
  | 'pet'
  | 'plan';

/** One fact, with the key that decides what it conflicts with. */
export interface Fact {
  kind: FactKind;
  /**
   * Conflict key. Two facts with the same slot describe the same attribute: same value means a repeat, another
   * value means a change (`home`, `name`, `preference:sushi`, `relationship:sister:emma`, `plan:visit japan`).
   */
  slot: string;
  /** The value compared within a slot, lower-cased and trimmed (`berlin`, `likes`, `march 2027`). */
  value: string;
  /** The canonical sentence stored as the memory ("Lives in Berlin"). */
  text: string;
  /**
   * For facts that may first be known without a name ("Has a dog") and later with one ("Has a dog named Rex"): the
   * slot of the unnamed form, which a named fact refines instead of adding a second memory.
   */
  refines?: string;
  /** Work only: the parts, merged with a known job when one part is missing. */
  work?: { employer?: string; role?: string };
}

/** What a retraction removes: every known fact of `kind` that satisfies all the given conditions. */
export interface Retraction {
  kind: FactKind;
  /** Exact slot. */
  slot?: string;
  /** Slot prefix (`relationship:partner`). */
  slotPrefix?: string;
  /** Exact value. */
  value?: string;
  /** Lower-cased words that must all appear in the fact's text (for "the trip to Japan"). */
  keywords?: string[];
  /** Why, for the operation's `reason`. */
  reason: string;
}

/** One thing a user said that the rules understood. */
export type Statement = { type: 'assert'; fact: Fact } | { type: 'retract'; retraction: Retraction };

/** Shared inputs of the pattern functions. */
export interface PatternContext {
  /** "Today" as a calendar date in the configured time zone (UTC midnight of that day). */
  today: Date;
}

/** A pattern family: returns the statements of one clause, or `undefined` when the clause is not its kind. */
export type PatternFunction = (clause: string, context: PatternContext) => Statement[] | undefined;
