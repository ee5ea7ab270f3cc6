/** The demo's two users. Replace this list with your own user store when you plug in real authentication. */
export const demoUsers = [
  { id: 'alice', name: 'Alice' },
  { id: 'bob', name: 'Bob' },
] as const;

export type DemoUserId = (typeof demoUsers)[number]['id'];

export function isDemoUserId(value: unknown): value is DemoUserId {
  return demoUsers.some((user) => user.id === value);
}
