/**
 * One user's events for one rule, oldest first, with the distinct customers among them kept
 * as a multiset. Adding and evicting are O(ids): evaluating a read costs the read's own ids,
 * not the window's size (the 100,000-read burst stays linear).
 */
export class SlidingWindow {
  private readonly times: number[] = [];
  private readonly weights: number[] = [];
  private readonly idLists: (readonly number[])[] = [];
  private head = 0;
  private total = 0;
  private readonly distinct = new Map<number, number>();

  add(at: number, ids: readonly number[], weight: number): void {
    this.times.push(at);
    this.weights.push(weight);
    this.idLists.push(ids);
    this.total += weight;
    for (const id of ids) this.distinct.set(id, (this.distinct.get(id) ?? 0) + 1);
  }

  /** Drops every event before `from` (ms). */
  evict(from: number): void {
    while (this.head < this.times.length && this.times[this.head]! < from) {
      this.total -= this.weights[this.head]!;
      for (const id of this.idLists[this.head]!) {
        const left = (this.distinct.get(id) ?? 1) - 1;
        if (left === 0) this.distinct.delete(id);
        else this.distinct.set(id, left);
      }
      this.head += 1;
    }
    // Compact now and then so a long session does not keep every event it ever evicted.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.weights.splice(0, this.head);
      this.idLists.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Sum of the weights in the window (reveals, exports, deleted customers). */
  sum(): number {
    return this.total;
  }

  distinctCount(): number {
    return this.distinct.size;
  }

  /** The customers in the window, first seen first. */
  customerIds(limit: number): number[] {
    return [...this.distinct.keys()].slice(0, limit);
  }

  /** When the oldest event still in the window happened (ms), or undefined when empty. */
  oldest(): number | undefined {
    return this.head < this.times.length ? this.times[this.head] : undefined;
  }

  reset(): void {
    this.times.length = 0;
    this.weights.length = 0;
    this.idLists.length = 0;
    this.head = 0;
    this.total = 0;
    this.distinct.clear();
  }
}
