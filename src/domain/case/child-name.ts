/**
 * Text that leaves the case record for a Teams card (an excerpt of the minutes, a manager's comments),
 * with the child's name replaced by their initials: cards stay in chat histories and notification
 * previews, so they carry the case reference and initials, never the name. People write the full
 * name, a first name or the family name ("Lily", "the Example household"), so each part is replaced
 * too, as written with its capital, and only as a whole word.
 */
export function withoutChildName(text: string, childName: string, initials: string): string {
  let out = text;
  for (const pattern of patternsFor(childName)) out = out.replace(pattern, initials);
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (pattern: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, flags);

/** The full name (any case), then each part longest first, hyphenated names whole before their halves ("Zoë-Mae"). */
function compile(childName: string): readonly RegExp[] {
  const words = childName.trim().split(/\s+/);
  const full = words.map(escape).join('\\s+');
  const parts = [...new Set([...words, ...words.flatMap((w) => w.split('-'))].filter((p) => p.length >= 2))].sort((a, b) => b.length - a.length);
  return [...(full ? [word(full, 'giu')] : []), ...parts.map((part) => word(escape(part), 'gu'))];
}

// Every card of a case quotes the same name: its patterns are compiled once (the most recent names kept).
const compiled = new Map<string, readonly RegExp[]>();
const KEEP = 1_000;
function patternsFor(childName: string): readonly RegExp[] {
  let patterns = compiled.get(childName);
  if (!patterns) {
    patterns = compile(childName);
    if (compiled.size >= KEEP) compiled.delete(compiled.keys().next().value as string);
    compiled.set(childName, patterns);
  }
  return patterns;
}
