/**
 * A key -> values index that only grows, shared by successive survey states.
 *
 * A survey holds tens of thousands of household tokens and one ballot event adds one of them; copying a Set per
 * event would make folding a stream quadratic. Every entry records the version at which it was added and a
 * state sees only entries below its own version, so an old state never changes (evolve stays pure). Adding to
 * the newest state appends in place; adding to an older one (a branch, as in tests) copies what it sees first.
 */
interface Store<V> {
  readonly entries: Map<string, Array<readonly [value: V, version: number]>>;
  version: number;
}

export class GrowOnlyIndex<V> {
  private constructor(
    private readonly store: Store<V>,
    readonly version: number,
  ) {}

  static empty<V>(): GrowOnlyIndex<V> {
    return new GrowOnlyIndex<V>({ entries: new Map(), version: 0 }, 0);
  }

  /** The values recorded for the key, oldest first. */
  get(key: string): V[] {
    const list = this.store.entries.get(key);
    if (list === undefined) return [];
    const visible: V[] = [];
    for (const [value, version] of list) if (version < this.version) visible.push(value);
    return visible;
  }

  has(key: string): boolean {
    const list = this.store.entries.get(key);
    // Entries of a key are kept in version order, so the first one decides.
    return list !== undefined && list[0][1] < this.version;
  }

  add(pairs: Iterable<readonly [key: string, value: V]>): GrowOnlyIndex<V> {
    const store = this.store.version === this.version ? this.store : this.branch();
    for (const [key, value] of pairs) {
      const list = store.entries.get(key);
      const entry = [value, store.version++] as const;
      if (list === undefined) store.entries.set(key, [entry]);
      else list.push(entry);
    }
    return new GrowOnlyIndex(store, store.version);
  }

  private branch(): Store<V> {
    const entries = new Map<string, Array<readonly [V, number]>>();
    for (const [key, list] of this.store.entries) {
      const visible = list.filter(([, version]) => version < this.version);
      if (visible.length > 0) entries.set(key, visible);
    }
    return { entries, version: this.version };
  }
}
