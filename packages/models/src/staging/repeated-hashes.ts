import type { QueryCreator, SelectQueryBuilder } from 'kysely';

/**
 * The hashes that occur on more than one of these rows, each once (NULLs ignored). Found by sorting the
 * hashes and keeping each one that equals the one before it, not by grouping them: nearly every event id
 * is unique, and DuckDB's hash aggregate over L's 49M distinct hashes (3 GB limit) took 8.3 s and
 * 16.5 CPU-s where the sort took 4.2 s and 8.2 CPU-s, for the same answer.
 */
export function repeatedHashes<DB>(
  query: QueryCreator<DB>,
  hashes: SelectQueryBuilder<any, any, { id_hash: bigint | null }>,
): SelectQueryBuilder<any, 'sorted_hashes', { id_hash: bigint }> {
  return (query as unknown as QueryCreator<any>)
    .selectFrom((qb) =>
      qb
        .selectFrom(hashes.as('hashes'))
        .select((eb) => [
          'hashes.id_hash',
          eb.fn
            .agg<bigint>('lag', [eb.ref('hashes.id_hash')])
            .over((ob) => ob.orderBy('hashes.id_hash'))
            .as('previous_hash'),
        ])
        .where('hashes.id_hash', 'is not', null)
        .as('sorted_hashes'),
    )
    .select('sorted_hashes.id_hash')
    .distinct()
    .whereRef('sorted_hashes.id_hash', '=', 'sorted_hashes.previous_hash') as any;
}
