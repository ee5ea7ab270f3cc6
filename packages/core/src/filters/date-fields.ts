/**
 * Engine fields holding ISO dates: filters compare them as epoch milliseconds. A module of its own so that stores
 * compiling filters do not load the filter parser.
 */
export const dateFields: ReadonlySet<string> = new Set([
  'createdAt',
  'updatedAt',
  'expiresAt',
  'invalidatedAt',
  'eventAt',
]);
