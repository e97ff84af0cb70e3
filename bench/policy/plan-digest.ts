import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { LocalDate } from '../../src/domain/calendar/local-date';
import { syntheticData } from '../../src/cli/synthetic-cases';
import { BUILT_IN_PROFILES, planObligations } from '../../src/domain/policy';

/**
 * `node dist/bench/policy/plan-digest.js [out.jsonl]`: plans the 20,000 synthetic cases of
 * src/cli/synthetic-cases.ts and prints a digest of every obligation's id, kind, due, earliest,
 * doneOn, rule, source and explanation text, so a change to the engine can show it moved no date
 * and changed no word.
 */
const TODAY = '2026-11-24' as LocalDate;
const data = syntheticData({ cases: 20_000, today: TODAY });
const held = new Map<string, LocalDate[]>();
for (const m of [...data.meetings].sort((a, b) => a.number - b.number))
  if (m.heldOn) (held.get(m.caseId) ?? held.set(m.caseId, []).get(m.caseId))?.push(m.heldOn);
const lines: string[] = [];
let obligations = 0;
for (const c of data.cases) {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === c.profileId && p.version === c.profileVersion);
  if (!profile) throw new Error(`no profile ${c.profileId} ${c.profileVersion}`);
  for (const o of planObligations(profile, { icpc: c.icpcDate, coreGroupsHeld: held.get(c.id) ?? [] })) {
    obligations += 1;
    lines.push(
      JSON.stringify([
        c.id,
        o.id,
        o.kind,
        o.due,
        o.earliest ?? null,
        o.doneOn ?? null,
        o.number ?? null,
        o.meetingId ?? null,
        o.finalBeforeReview ?? null,
        o.rule,
        o.source.label,
        o.explanation,
      ]),
    );
  }
}
const text = lines.join('\n') + '\n';
if (process.argv[2]) writeFileSync(process.argv[2], text);
console.log(`plan digest: ${data.cases.length} cases, ${obligations} obligations, sha256 ${createHash('sha256').update(text).digest('hex')}`);
