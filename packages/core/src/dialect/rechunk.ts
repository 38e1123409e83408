/**
 * Regroups batches of any size into chunks of exactly `size` items (the last one may be shorter).
 * Every item is handled once and at most `size` items plus the current batch are held, whatever the
 * total: this is what keeps `stream()` linear in time and bounded in memory.
 */
export async function* rechunk<T>(batches: AsyncIterable<readonly T[]>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const batch of batches) {
    for (const item of batch) {
      chunk.push(item);
      if (chunk.length === size) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}
