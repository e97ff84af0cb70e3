/**
 * Text that leaves the case record for a Teams card (an excerpt of the minutes, a manager's comments),
 * with the child's name replaced by their initials: cards stay in chat histories and notification
 * previews, so they carry the case reference and initials, never the name. People write the full
 * name, a first name or the family name ("Lily", "the Example household"), so each part is replaced
 * too, as written with its capital, and only as a whole word.
 */
export function withoutChildName(text: string, childName: string, initials: string): string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = (pattern: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, flags);
  const full = childName.trim().split(/\s+/).map(escape).join('\\s+');
  const words = childName.trim().split(/\s+/);
  // Hyphenated names whole first ("Zoë-Mae"), then each half.
  const parts = [...new Set([...words, ...words.flatMap((w) => w.split('-'))].filter((p) => p.length >= 2))].sort((a, b) => b.length - a.length);
  let out = full ? text.replace(word(full, 'giu'), initials) : text;
  for (const part of parts) out = out.replace(word(escape(part), 'gu'), initials);
  return out;
}
