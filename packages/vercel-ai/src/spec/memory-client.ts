import type {
  AddOptions,
  AddResult,
  DeleteResult,
  GetAllOptions,
  GetAllResult,
  MemoryRecord,
  MessageInput,
  Scope,
  SearchOptions,
  SearchResult,
  UpdateInput,
} from '@memzero/core';

/**
 * The part of the memzero engine (`Memory` from `@memzero/core`) that this package calls. Any object with these
 * methods works, so a `Memory` instance, a subclass or a proxy to a remote engine can be passed as `memory`.
 */
export interface MemoryClient {
  add(messages: MessageInput, options: AddOptions): Promise<AddResult>;
  search(query: string, options: SearchOptions): Promise<SearchResult>;
  getAll(options: GetAllOptions): Promise<GetAllResult>;
  update(id: string, input: string | UpdateInput, scope?: Scope): Promise<MemoryRecord>;
  delete(id: string, scope?: Scope): Promise<DeleteResult>;
}
