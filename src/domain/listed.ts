/** British English's list: "A", "A and B", "A, B and C" (no comma before the "and"). */
const AND = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

/**
 * Items joined as a sentence says them: "Dev Patel", "Dev Patel and Maria Lindqvist", "Ana Silva, Dev
 * Patel and Maria Lindqvist". With `max`, only the first `max` are named and the rest counted, for a
 * card line that must stay short: "Ana Silva, Dev Patel and 3 more".
 */
export function listed(items: readonly string[], max = Infinity): string {
  if (items.length <= max) return AND.format(items);
  return AND.format([...items.slice(0, max), `${items.length - max} more`]);
}
