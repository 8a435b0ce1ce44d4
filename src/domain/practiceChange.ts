// One change to a practice, made record by record: what it did is kept as operations (for the storage engine to
// write down) and as undo steps (to take it back exactly if it cannot be written), without copying the practice.
import { indexAdded, indexOf, indexRemoved } from './practiceIndex.ts';
import type { Practice } from './schema.ts';

export const CHANGEABLE_LISTS = ['colleagues', 'companies', 'grants', 'customRoles', 'invitations', 'audit'] as const;
export type ChangeableList = (typeof CHANGEABLE_LISTS)[number];
type Item = { id: string };

/** `put` adds the item, or replaces the one with its id where it stands; `delete` takes it out. */
export type StoreOp =
  | { op: 'put'; list: ChangeableList; item: Item }
  | { op: 'delete'; list: ChangeableList; id: string };

const listOf = (practice: Practice, list: ChangeableList) => practice[list] as Item[];

export class PracticeChange {
  readonly ops: StoreOp[] = [];
  readonly #undo: Array<() => void> = [];
  #invited = false;
  #companyAdded = false;

  constructor(readonly practice: Practice) {}

  /** True when a colleague joined the practice (the colleague search must be rebuilt). */
  get addedColleague(): boolean {
    return this.#invited;
  }

  /** True when a client company joined the practice (the company search must be rebuilt). */
  get addedCompany(): boolean {
    return this.#companyAdded;
  }

  add<T extends Item>(list: ChangeableList, item: T): T {
    const items = listOf(this.practice, list);
    items.push(item);
    indexAdded(this.practice, list, item);
    if (list === 'colleagues') this.#invited = true;
    if (list === 'companies') this.#companyAdded = true;
    this.ops.push({ op: 'put', list, item });
    this.#undo.push(() => {
      items.splice(items.lastIndexOf(item), 1);
      indexRemoved(this.practice, list, item);
    });
    return item;
  }

  /** Changes fields of an item in place; key fields (ids, e-mail, company, product) never change. */
  update<T extends Item>(list: ChangeableList, item: T, fields: Partial<T>): void {
    const before = Object.fromEntries(Object.keys(fields).map((key) => [key, item[key as keyof T]]));
    Object.assign(item, fields);
    this.ops.push({ op: 'put', list, item });
    this.#undo.push(() => Object.assign(item, before));
  }

  remove(list: ChangeableList, item: Item): void {
    const items = listOf(this.practice, list);
    const at = items.indexOf(item);
    if (at < 0) return;
    items.splice(at, 1);
    indexRemoved(this.practice, list, item);
    this.ops.push({ op: 'delete', list, id: item.id });
    this.#undo.push(() => {
      items.splice(at, 0, item);
      indexAdded(this.practice, list, item);
    });
  }

  /** Takes back every step, last first: the practice is as it was before the change. */
  undo(): void {
    while (this.#undo.length > 0) this.#undo.pop()!();
    this.ops.length = 0;
  }
}

/**
 * Applies changes another instance committed (src/storage/engine.ts, PracticeNews) to the practice held here, keeping
 * its index in step: a put replaces the item with its id in place (key fields never change) or adds it at the end; a
 * delete takes it out. Returns what it added, for the searches to be rebuilt.
 */
export function applyNews(practice: Practice, ops: readonly StoreOp[]): { addedColleague: boolean; addedCompany: boolean } {
  const added = { addedColleague: false, addedCompany: false };
  for (const op of ops) {
    const items = listOf(practice, op.list);
    const found = held(practice, op.list, op.op === 'put' ? op.item : { id: op.id }, items);
    if (op.op === 'delete') {
      if (!found) continue;
      items.splice(items.indexOf(found), 1);
      indexRemoved(practice, op.list, found);
    } else if (found) {
      for (const key of Object.keys(found)) if (!(key in op.item)) delete (found as Record<string, unknown>)[key];
      Object.assign(found, op.item);
    } else {
      const item = { ...op.item };
      items.push(item);
      indexAdded(practice, op.list, item);
      if (op.list === 'colleagues') added.addedColleague = true;
      if (op.list === 'companies') added.addedCompany = true;
    }
  }
  return added;
}

const RECENT_AUDIT = 1_000;

/** The item with this id in the list: through the index where it has one, else looking from the end. */
function held(practice: Practice, list: ChangeableList, like: Item & { companyId?: unknown }, items: Item[]): Item | undefined {
  const index = indexOf(practice);
  if (list === 'companies') return index.companies.get(like.id);
  if (list === 'colleagues') return index.colleagues.get(like.id);
  if (list === 'grants' && typeof like.companyId === 'string') return index.grantsByCompany.get(like.companyId)?.find((grant) => grant.id === like.id);
  // The audit only ever grows at its end: its newest entries are enough to look through, however long it is.
  const from = list === 'audit' ? Math.max(0, items.length - RECENT_AUDIT) : 0;
  for (let at = items.length - 1; at >= from; at -= 1) if (items[at].id === like.id) return items[at];
  return undefined;
}
