// The check run before trusting a store file: every record's shape (schema.ts), then the rules across
// records (integrity.ts), each problem naming where it is, e.g. "practices[0].colleagues[2].email: …".
import type { z } from 'zod';
import { checkIntegrity } from './integrity.ts';
import { storeSchema } from './schema.ts';

/** Problems found in a store file's content; empty when it can be trusted. */
export function validateStore(data: unknown): string[] {
  const parsed = storeSchema.safeParse(data);
  if (!parsed.success) return parsed.error.issues.map(problemOf);
  // References are only worth checking once every field has the right type; on the data as read, not
  // the parsed copy, so the practice index checkIntegrity builds is the one the repository then keeps.
  return checkIntegrity(data as z.infer<typeof storeSchema>);
}

function problemOf({ path, message }: z.core.$ZodIssue): string {
  const where = path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
  return where ? `${where}: ${message}` : message;
}
