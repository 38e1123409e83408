/**
 * Stands in for project vars when only the shape of the queries matters (`pulse ls` before any
 * build): every property and every call gives the placeholder again, it reads as `''` (or 0), iterates
 * as empty, and handed to Kysely it becomes a NULL value. A model whose query still cannot compile is
 * listed with its dependencies unknown.
 */
export function placeholderVars(): unknown {
  const nullValue = { kind: 'ValueNode', value: null };
  const placeholder: unknown = new Proxy(() => {}, {
    apply: () => placeholder,
    get: (_, key) => {
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      // Kysely calls a function argument with an expression builder, then asks the result for its node.
      if (key === 'toOperationNode') return () => nullValue;
      if (key === 'then' || key === 'toJSON' || typeof key === 'symbol') return undefined;
      return placeholder;
    },
  });
  return placeholder;
}
