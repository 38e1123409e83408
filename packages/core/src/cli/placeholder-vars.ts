/**
 * Stands in for project vars when only the shape of the queries matters (`pulse ls` without a
 * warehouse): any property is again a placeholder, and it reads as an empty string. It is an object,
 * not a function, so Kysely never mistakes it for a query builder; a model that calls a method on a
 * var fails to compile and says so.
 */
export function placeholderVars(): unknown {
  const target = Object.create(null) as Record<PropertyKey, unknown>;
  const placeholder: unknown = new Proxy(target, {
    get: (_, key) => {
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'then' || key === 'toJSON' || typeof key === 'symbol') return undefined;
      return placeholder;
    },
  });
  return placeholder;
}
