import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  FilterError,
  MemoryError,
  MissingScopeError,
  NotFoundError,
  StoreError,
  ValidationError,
} from '../../src/errors.js';

describe('typed errors', () => {
  it('isInstance recognises the class and its subclasses only', () => {
    const missing = new MissingScopeError('add');
    expect(MemoryError.isInstance(missing)).toBe(true);
    expect(ValidationError.isInstance(missing)).toBe(true);
    expect(MissingScopeError.isInstance(missing)).toBe(true);
    expect(FilterError.isInstance(missing)).toBe(false);
    expect(NotFoundError.isInstance(missing)).toBe(false);
    expect(MissingScopeError.isInstance(new NotFoundError('x'))).toBe(false);
    expect(MemoryError.isInstance(new Error('plain'))).toBe(false);
    expect(StoreError.isInstance({ message: 'look-alike' })).toBe(false);
  });

  it('works across copies of the package (no shared prototype)', () => {
    const copy = Object.assign(Object.create(null), { ...new ConfigurationError('bad') });
    for (const symbol of Object.getOwnPropertySymbols(new ConfigurationError('bad'))) {
      copy[symbol] = (new ConfigurationError('bad') as unknown as Record<symbol, unknown>)[symbol];
    }
    expect(ConfigurationError.isInstance(copy)).toBe(true);
    expect(ValidationError.isInstance(copy)).toBe(false);
  });

  it('keeps code, retryability and cause', () => {
    const cause = new Error('socket hang up');
    const error = new StoreError('upstash-vector', 'query', 'request failed', { cause, isRetryable: true });
    expect(error).toMatchObject({ code: 'store_call', isRetryable: true, store: 'upstash-vector', operation: 'query' });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('upstash-vector.query: request failed');
  });
});
