/** Keeps the `k` best (slot, score) pairs seen, in a min-heap on parallel arrays; ties go to the lower slot. */
export class TopK {
  private readonly slots: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  offer(slot: number, score: number): void {
    if (this.k <= 0) return;
    if (this.slots.length < this.k) {
      this.slots.push(slot);
      this.scores.push(score);
      this.siftUp(this.slots.length - 1);
    } else if (this.better(slot, score, 0)) {
      this.slots[0] = slot;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): Array<{ slot: number; score: number }> {
    return this.slots
      .map((slot, index) => ({ slot, score: this.scores[index]! }))
      .sort((left, right) => right.score - left.score || left.slot - right.slot);
  }

  /** Whether (slot, score) beats the entry at `index`. */
  private better(slot: number, score: number, index: number): boolean {
    const other = this.scores[index]!;
    return score > other || (score === other && slot < this.slots[index]!);
  }

  private swap(left: number, right: number): void {
    [this.slots[left], this.slots[right]] = [this.slots[right]!, this.slots[left]!];
    [this.scores[left], this.scores[right]] = [this.scores[right]!, this.scores[left]!];
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.better(this.slots[parent]!, this.scores[parent]!, child)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let worst = parent;
      if (left < this.slots.length && this.better(this.slots[worst]!, this.scores[worst]!, left)) worst = left;
      if (right < this.slots.length && this.better(this.slots[worst]!, this.scores[worst]!, right)) worst = right;
      if (worst === parent) return;
      this.swap(parent, worst);
      parent = worst;
    }
  }
}
