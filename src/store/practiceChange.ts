// One change to a practice, made record by record: what it did is kept as journal operations (to write
// down) and as undo steps (to take it back exactly if it cannot be written), without copying the practice.
import { indexAdded, indexRemoved } from './practiceIndex.ts';
import type { Practice, StoreData } from './schema.ts';

export const CHANGEABLE_LISTS = ['colleagues', 'companies', 'grants', 'customRoles', 'invitations', 'audit'] as const;
export type ChangeableList = (typeof CHANGEABLE_LISTS)[number];
type Item = { id: string };

/** `put` adds the item, or replaces the one with its id where it stands; `delete` takes it out. */
export type StoreOp =
  | { op: 'put'; list: ChangeableList; item: Item }
  | { op: 'delete'; list: ChangeableList; id: string };

/** One line of the journal: everything one committed change did to one practice. */
export interface JournalRecord {
  practiceId: string;
  ops: StoreOp[];
}

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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a journal line cannot be replayed, or undefined when it can. */
export function journalRecordProblem(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value.practiceId !== 'string' || !Array.isArray(value.ops)) return 'expected { practiceId, ops }';
  for (const op of value.ops as unknown[]) {
    if (!isRecord(op) || !(CHANGEABLE_LISTS as readonly unknown[]).includes(op.list)) return 'an operation names no known list';
    if (op.op === 'put' && isRecord(op.item) && typeof op.item.id === 'string') continue;
    if (op.op === 'delete' && typeof op.id === 'string') continue;
    return 'an operation is neither a put of an item with an id nor a delete by id';
  }
  return undefined;
}

/**
 * Applies journal records to store data read from the snapshot, in order. Putting an item that is
 * already there, or deleting one that is gone, changes nothing new: replaying a journal already folded
 * into the snapshot (a crash between the two steps of compaction) gives the same data.
 */
export function replay(data: StoreData, records: JournalRecord[]): void {
  const practices = new Map(data.practices.map((practice) => [practice.id, practice]));
  const touched = new Map<string, { practice: Practice; list: ChangeableList; byId: Map<string, Item> }>();
  for (const record of records) {
    const practice = practices.get(record.practiceId);
    if (!practice) throw new Error(`a change names practice ${record.practiceId}, which the store does not hold`);
    for (const op of record.ops) {
      const key = `${practice.id}\u0000${op.list}`;
      let entry = touched.get(key);
      if (!entry) {
        entry = { practice, list: op.list, byId: new Map(listOf(practice, op.list).map((item) => [item.id, item])) };
        touched.set(key, entry);
      }
      if (op.op === 'put') entry.byId.set(op.item.id, op.item);
      else entry.byId.delete(op.id);
    }
  }
  for (const { practice, list, byId } of touched.values()) (practice[list] as Item[]) = [...byId.values()];
}
