/**
 * The adapters' shared scenario for conversation context across calls: four user turns, each sent in its own call,
 * the first two in one conversation and the others in conversations of their own. "spring" appears only in the turn
 * before "Probably Lisbon"; "autumn" only in a turn of another conversation than "Maybe Porto".
 */
export const conversationTurns: ReadonlyArray<readonly [text: string, conversation: string]> = [
  ['Which city should I visit in spring?', 'conversation-1'],
  ['Probably Lisbon', 'conversation-1'],
  ['Which town should we see in autumn?', 'conversation-2'],
  ['Maybe Porto', 'conversation-3'],
];

/** What searches find after {@link conversationTurns} were stored with `infer: false`. */
export interface ConversationContextFindings {
  /** "spring" finds "Probably Lisbon": its neighbour, stored by an earlier call of the same conversation. */
  neighbourFound: boolean;
  /** "autumn" finds "Maybe Porto": a turn of another conversation (must be false). */
  otherConversationFound: boolean;
}

/** Runs the two searches with the caller's search (memory texts of the results) and reports what they found. */
export async function conversationContextFindings(
  search: (query: string) => Promise<string[]>,
): Promise<ConversationContextFindings> {
  return {
    neighbourFound: (await search('spring')).includes('Probably Lisbon'),
    otherConversationFound: (await search('autumn')).includes('Maybe Porto'),
  };
}
