/**
 * Values by id that never change once written (a store's or a staff member's name: neither is
 * renamed through the API), read through to the database for ids not seen yet. Each replica keeps
 * its own copy, which is why only values that cannot change may be cached here.
 */
export class ImmutableByIdCache<V> {
  private readonly values = new Map<number, V>();

  has(id: number): boolean {
    return this.values.has(id);
  }

  /** The values of `ids` (unknown ids are left out); `load` is asked only for ids not cached yet. */
  async get(
    ids: readonly number[],
    load: (missing: number[]) => Promise<[number, V][]>,
  ): Promise<Map<number, V>> {
    const missing = [...new Set(ids)].filter((id) => !this.values.has(id));
    if (missing.length) {
      for (const [id, value] of await load(missing)) this.values.set(id, value);
    }
    const found = new Map<number, V>();
    for (const id of ids) {
      const value = this.values.get(id);
      if (value !== undefined) found.set(id, value);
    }
    return found;
  }
}
