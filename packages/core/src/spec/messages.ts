/** A part of a message's content. Images are described, not stored, by the extraction step. */
export type MessagePart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'image'; image: string | URL };

/** A chat message, as Mem0 and the OpenAI API write it. */
export interface Message {
  role: 'user' | 'assistant' | 'system' | 'tool';
  content: string | MessagePart[];
  /** The speaker's name, when a conversation has several people. */
  name?: string;
  /**
   * Metadata of this message only, merged over the call's `metadata` for the memory stored from it with
   * `infer: false` (e.g. a message id for provenance). Ignored when facts are extracted.
   */
  metadata?: Record<string, unknown>;
}

/** What `add` accepts: one string (a user message) or a list of messages. */
export type MessageInput = string | Message | Message[];

/** A validated message with text content only. */
export interface NormalizedMessage {
  role: Message['role'];
  text: string;
  name?: string;
  metadata?: Record<string, unknown>;
}
