import type { SerializerProtocol } from '@langchain/langgraph-checkpoint';

/**
 * A value serialised by the saver's `serde`, kept with its type (`MemorySaver` drops the type; a custom serde
 * needs it back). JSON payloads are kept as text, anything else as base64.
 */
export interface SerializedValue {
  type: string;
  text?: string;
  base64?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function serialize(serde: SerializerProtocol, value: unknown): Promise<SerializedValue> {
  const [type, bytes] = await serde.dumpsTyped(value);
  if (type === 'json') {
    try {
      return { type, text: decoder.decode(bytes) };
    } catch {
      // Not UTF-8 after all: fall through to base64.
    }
  }
  return { type, base64: toBase64(bytes) };
}

export async function deserialize(serde: SerializerProtocol, value: SerializedValue): Promise<unknown> {
  if (value.text !== undefined) return serde.loadsTyped(value.type, value.text);
  return serde.loadsTyped(value.type, fromBase64(value.base64 ?? ''));
}

/**
 * Reads a stored JSON record. `@upstash/redis` parses JSON replies by default (`automaticDeserialization`), so a
 * record may arrive as a string or already as an object.
 */
export function readRecord<T>(raw: unknown): T | undefined {
  if (raw === null || raw === undefined) return undefined;
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
