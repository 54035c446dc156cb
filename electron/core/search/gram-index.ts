/**
 * An inverted index from character unigrams and bigrams to document ids, in compressed
 * sparse row form: one Int32Array of postings and one of offsets. Grams are integers
 * (one or two UTF-16 code units), so building it allocates no strings, and each posting
 * list is in ascending id order. Separators (code units below 0x20) are never part of a
 * gram, so a query can never match across two fields.
 */
export class GramIndex {
  /** Unigram slots by code unit (a direct table: most lookups while building are unigrams); bigram slots by key. */
  private readonly unigramSlot = new Int32Array(0x10000).fill(-1);
  private readonly slot = new Map<number, number>();
  private offsets = new Int32Array(1);
  private postings = new Int32Array(0);

  /** Builds the index over `texts[id]` for every id. */
  constructor(texts: readonly string[]) {
    const counts: number[] = [];
    const last: number[] = [];
    const visit = (onGram: (slot: number, id: number) => void) => {
      texts.forEach((text, id) => {
        for (let i = 0; i < text.length; i++) {
          const a = text.charCodeAt(i);
          if (a < 0x20) continue;
          onGram(this.unigramSlotOf(a, counts, last), id);
          const b = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
          if (b >= 0x20) onGram(this.slotOf(a * 0x10000 + b + 0x10000, counts, last), id);
        }
      });
    };
    // First pass: how many documents contain each gram (counted once per document).
    visit((slot, id) => {
      if (last[slot] !== id) {
        last[slot] = id;
        counts[slot] = (counts[slot] ?? 0) + 1;
      }
    });
    this.offsets = new Int32Array(counts.length + 1);
    for (let s = 0; s < counts.length; s++) this.offsets[s + 1] = (this.offsets[s] ?? 0) + (counts[s] ?? 0);
    this.postings = new Int32Array(this.offsets[counts.length] ?? 0);
    // Second pass: write each document id into its grams' lists.
    const fill = Int32Array.from(this.offsets.subarray(0, counts.length));
    last.fill(-1);
    visit((slot, id) => {
      if (last[slot] !== id) {
        last[slot] = id;
        this.postings[fill[slot]!++] = id;
      }
    });
  }

  /** Ids of documents containing `gram` (one or two characters), ascending. Exact: no false positives. */
  lookup(gram: string): Int32Array {
    const slot =
      gram.length === 1
        ? this.unigramSlot[gram.charCodeAt(0)]
        : this.slot.get(gram.charCodeAt(0) * 0x10000 + gram.charCodeAt(1) + 0x10000);
    if (slot === undefined || slot < 0) return new Int32Array(0);
    return this.postings.subarray(this.offsets[slot], this.offsets[slot + 1]);
  }

  /**
   * Documents that may contain `query`: for one or two characters exactly those that do;
   * for longer queries those that contain all of its bigrams (the intersection of their
   * posting lists, smallest first), which holds every real match and very few others.
   */
  candidates(query: string): Int32Array {
    if (query.length <= 2) return this.lookup(query);
    const lists: Int32Array[] = [];
    for (let i = 0; i + 1 < query.length; i++) lists.push(this.lookup(query.slice(i, i + 2)));
    lists.sort((a, b) => a.length - b.length);
    let result = lists[0] ?? new Int32Array(0);
    for (const list of lists.slice(1)) {
      if (result.length === 0) break;
      result = intersect(result, list);
    }
    return result;
  }

  private unigramSlotOf(code: number, counts: number[], last: number[]): number {
    let slot = this.unigramSlot[code] ?? -1;
    if (slot < 0) {
      slot = counts.length;
      this.unigramSlot[code] = slot;
      counts.push(0);
      last.push(-1);
    }
    return slot;
  }

  private slotOf(key: number, counts: number[], last: number[]): number {
    let slot = this.slot.get(key);
    if (slot === undefined) {
      slot = counts.length;
      this.slot.set(key, slot);
      counts.push(0);
      last.push(-1);
    }
    return slot;
  }
}

/**
 * The ids in both ascending lists, `small` being the shorter. A list much longer than the
 * other is searched by galloping from the last position (common bigrams of long queries
 * have lists of tens of thousands); lists of similar length are simply merged.
 */
function intersect(small: Int32Array, large: Int32Array): Int32Array {
  const out = new Int32Array(small.length);
  let count = 0;
  let j = 0;
  const gallop = large.length > small.length * 8;
  for (let i = 0; i < small.length && j < large.length; i++) {
    const id = small[i]!;
    if (gallop) {
      let step = 1;
      while (j + step < large.length && large[j + step]! < id) step *= 2;
      let low = j;
      let high = Math.min(j + step, large.length - 1);
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (large[mid]! < id) low = mid + 1;
        else high = mid;
      }
      j = low;
    } else {
      while (j < large.length && large[j]! < id) j++;
    }
    if (large[j] === id) out[count++] = id;
  }
  return out.subarray(0, count);
}
