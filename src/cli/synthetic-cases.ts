import { addDays, LocalDate } from '../domain/calendar/local-date';
import { CoreGroupCase } from '../domain/case/core-group-case';
import { Agency, Member, Person } from '../domain/case/members';
import { Meeting } from '../domain/meeting/meeting';
import { BUILT_IN_PROFILES, calendarFor, planObligations, PolicyProfile } from '../domain/policy';
import { StoredObligation } from '../ports/store';
import { FIRST_NAMES, SURNAMES } from './invented-names';
import { seededRandom } from './seeded-random';

/**
 * Realistic synthetic caseloads, made up from invented names (never real people): teams of social
 * workers under managers, each case with its professionals and family, at every stage of its plan.
 * Deterministic for a seed, so benchmarks compare like with like.
 */
export interface SyntheticData {
  readonly people: Person[];
  readonly cases: CoreGroupCase[];
  readonly members: Member[];
  readonly meetings: Meeting[];
  readonly obligations: StoredObligation[];
  readonly reports: { id: string; meetingId: string; memberId: string; caseId: string; requestedAt: string }[];
  readonly submittedMinutes: { id: string; meetingId: string; caseId: string; authorId: string; submittedAt: string }[];
  /** A social worker and a manager worth timing: typical caseload, a team of 20. */
  readonly sample: { readonly socialWorkerId: string; readonly managerId: string };
}

const PROFESSIONAL_AGENCIES: Agency[] = [
  'health-visiting',
  'school',
  'gp',
  'police',
  'housing',
  'early-years',
  'probation',
  'adult-mental-health',
  'substance-misuse',
  'school-nursing',
];

export function syntheticData(options: { cases: number; seed?: number; today: LocalDate }): SyntheticData {
  const rnd = seededRandom(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const people: Person[] = [];
  const newPerson = (prefix: string, inTenant: boolean): Person => {
    const n = people.length;
    const displayName = `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`;
    const p: Person = {
      id: `${prefix}-${n}`,
      displayName,
      email: `${displayName.toLowerCase().replace(/[^a-z]+/g, '.')}.${n}@${inTenant ? 'anytown.gov.uk' : 'mail.example'}`,
      ...(inTenant ? { entraObjectId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}` } : {}),
    };
    people.push(p);
    return p;
  };

  // About 15 cases per social worker and 20 social workers per manager.
  const workers = Math.max(1, Math.ceil(options.cases / 15));
  const managers = Array.from({ length: Math.max(1, Math.ceil(workers / 20)) }, () => newPerson('mgr', true));
  const socialWorkers = Array.from({ length: workers }, (_, i) => ({ person: newPerson('sw', true), manager: managers[Math.floor(i / 20)] as Person }));
  const professionals = Array.from({ length: Math.max(10, Math.ceil(options.cases / 2.5)) }, () => ({
    person: newPerson('pro', true),
    agency: pick(PROFESSIONAL_AGENCIES),
  }));
  const profiles = BUILT_IN_PROFILES.filter((p) => p.id !== 'sefton' || p.version === '2025');

  const cases: CoreGroupCase[] = [];
  const members: Member[] = [];
  const meetings: Meeting[] = [];
  const obligations: StoredObligation[] = [];
  const reports: SyntheticData['reports'] = [];
  const submittedMinutes: SyntheticData['submittedMinutes'] = [];

  for (let i = 0; i < options.cases; i++) {
    const profile = pick(profiles) as PolicyProfile;
    const calendar = calendarFor(profile);
    const icpc = calendar.onOrBefore(addDays(options.today, -Math.floor(rnd() * 420)));
    const sw = socialWorkers[i % workers] as (typeof socialWorkers)[number];
    const caseId = `case-${i}`;
    const childName = `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`;
    const c: CoreGroupCase = {
      id: caseId,
      reference: `CP-${String(100000 + i)}`,
      childName,
      childInitials: childName
        .split(' ')
        .map((s) => s.charAt(0))
        .join(''),
      profileId: profile.id,
      profileVersion: profile.version,
      icpcDate: icpc,
      preBirth: false,
      socialWorkerId: sw.person.id,
      managerId: sw.manager.id,
      socialWorkerInAye: rnd() < 0.1,
      status: 'open',
      version: 1,
    };
    cases.push(c);
    const member = (personId: string, agency: Agency, role: Member['role']): Member => {
      const m: Member = { id: `${caseId}-m${members.length}`, caseId, personId, agency, role, excluded: false, joinedOn: icpc };
      members.push(m);
      return m;
    };
    member(sw.person.id, 'childrens-social-care', 'chair');
    member(sw.manager.id, 'childrens-social-care', 'manager');
    const pros = Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => pick(professionals));
    const proMembers = [...new Map(pros.map((p) => [p.person.id, p])).values()].map((p) => member(p.person.id, p.agency, 'professional'));
    member(newPerson('parent', false).id, 'family', 'parent-carer');

    // Core groups held roughly on time up to today, a few late.
    const held: LocalDate[] = [];
    for (let d = calendar.addWorkingDays(icpc, 6 + Math.floor(rnd() * 6)); d < options.today; d = calendar.onOrAfter(addDays(d, 26 + Math.floor(rnd() * 22))))
      held.push(d);
    const plan = planObligations(profile, { icpc, coreGroupsHeld: held });
    let nextBookable: Meeting | undefined;
    for (const o of plan) {
      obligations.push({
        caseId,
        obligationId: o.id,
        kind: o.kind,
        due: o.due,
        ...(o.earliest ? { earliest: o.earliest } : {}),
        ...(o.doneOn ? { doneOn: o.doneOn } : {}),
        rule: o.rule,
        ...(o.kind === 'core-group' ? { meetingNumber: o.number } : {}),
      });
      if (o.kind !== 'core-group') continue;
      const heldOn = o.doneOn;
      const m: Meeting = {
        id: `${caseId}-cg${o.number}`,
        caseId,
        number: o.number as number,
        due: o.due,
        ...(o.earliest ? { earliest: o.earliest } : {}),
        rule: o.rule,
        finalBeforeReview: o.finalBeforeReview === true,
        status: heldOn ? 'held' : 'planned',
        ...(heldOn ? { heldOn } : {}),
        version: 1,
      };
      meetings.push(m);
      if (!heldOn && !nextBookable) nextBookable = m;
      if (heldOn && o.number === held.length && rnd() < 0.3) {
        submittedMinutes.push({ id: `${m.id}-minutes`, meetingId: m.id, caseId, authorId: sw.person.id, submittedAt: `${addDays(heldOn, 3)}T12:00:00.000Z` });
      }
    }
    if (nextBookable)
      for (const pm of proMembers)
        reports.push({ id: `${nextBookable.id}-${pm.id}`, meetingId: nextBookable.id, memberId: pm.id, caseId, requestedAt: `${options.today}T08:00:00.000Z` });
  }
  return {
    people,
    cases,
    members,
    meetings,
    obligations,
    reports,
    submittedMinutes,
    sample: { socialWorkerId: (socialWorkers[0] as { person: Person }).person.id, managerId: (managers[0] as Person).id },
  };
}
