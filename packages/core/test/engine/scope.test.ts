import { describe, expect, it } from 'vitest';
import { readScope, resolveScope, scopeKey } from '../../src/engine/scope.js';
import { MissingScopeError, ValidationError } from '../../src/errors.js';

describe('scope', () => {
  it('reads camelCase and snake_case fields exactly as given', () => {
    expect(readScope({ user_id: 'alice', agentId: 'planner', other: 1 }, 'add')).toEqual({
      userId: 'alice',
      agentId: 'planner',
    });
  });

  it('treats null, blank and non-string fields as errors, never as absent', () => {
    for (const userId of [null, '', '   ', 42, { id: 'x' }]) {
      expect(() => readScope({ userId, agentId: 'planner' }, 'add')).toThrow(ValidationError);
    }
    expect(() => readScope({ user_id: null }, 'add')).toThrow(ValidationError);
  });

  it('resolves several sources, the first that sets a field winning, and requires one field', () => {
    const perCall = { userId: 'bob' };
    const defaults = { userId: 'alice', appId: 'shop' };
    expect(resolveScope('call', [perCall, defaults])).toEqual({ userId: 'bob', appId: 'shop' });
    expect(resolveScope('call', [undefined, null, defaults])).toEqual({ userId: 'alice', appId: 'shop' });
    expect(() => resolveScope('call', [{}, undefined])).toThrow(MissingScopeError);
    expect(() => resolveScope('call', [{ userId: '' }, defaults])).toThrow(ValidationError);
  });

  it('gives distinct keys to distinct scopes, even with separators in values', () => {
    const keys = [{ userId: 'a|b' }, { userId: 'a', agentId: 'b' }, { agentId: 'a|b' }, { userId: 'a%7Cb' }].map(
      scopeKey,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});
