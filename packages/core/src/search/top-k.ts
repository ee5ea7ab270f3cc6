/** The `k` highest-scored entries, best first, ties broken by id for a stable order. */
export function topK<T extends { id: string; score: number }>(items: Iterable<T>, k: number): T[] {
  const heap: T[] = [];
  const worse = (left: T, right: T): boolean =>
    left.score < right.score || (left.score === right.score && left.id > right.id);
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap, heap.length - 1, worse);
    } else if (k > 0 && worse(heap[0]!, item)) {
      heap[0] = item;
      siftDown(heap, 0, worse);
    }
  }
  return heap.sort((left, right) => (worse(left, right) ? 1 : worse(right, left) ? -1 : 0));
}

function siftUp<T>(heap: T[], index: number, worse: (left: T, right: T) => boolean): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!worse(heap[child]!, heap[parent]!)) break;
    [heap[child], heap[parent]] = [heap[parent]!, heap[child]!];
    child = parent;
  }
}

function siftDown<T>(heap: T[], index: number, worse: (left: T, right: T) => boolean): void {
  let parent = index;
  for (;;) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let smallest = parent;
    if (left < heap.length && worse(heap[left]!, heap[smallest]!)) smallest = left;
    if (right < heap.length && worse(heap[right]!, heap[smallest]!)) smallest = right;
    if (smallest === parent) return;
    [heap[parent], heap[smallest]] = [heap[smallest]!, heap[parent]!];
    parent = smallest;
  }
}
