import {
  canCirculateMinutes,
  canDecideMinutes,
  canEditMinutes,
  canManageMeetings,
  canReadCase,
  canSeeExcludedMembers,
  canSeeMeetingDetails,
  canSubmitReportFor,
  CaseMembership,
} from '../../../src/domain/access/access-rules';
import { MinutesSections, writersOf } from '../../../src/domain/minutes/minutes';
import { Role } from '../../../src/domain/case/members';

const member = (id: string, personId: string, role: Role, extra: { leftOn?: string; excluded?: boolean } = {}) => ({
  id,
  personId,
  role,
  excluded: extra.excluded ?? false,
  ...(extra.leftOn ? { leftOn: extra.leftOn } : {}),
});
const c: CaseMembership = {
  case: { id: 'c', reference: 'CP-1', managerId: 'maria', socialWorkerId: 'sam' },
  members: [
    member('m-sam', 'sam', 'chair'),
    member('m-maria', 'maria', 'manager'),
    member('m-hv', 'hv', 'professional'),
    member('m-school', 'school', 'professional'),
    member('m-bs', 'bs', 'business-support'),
    member('m-parent', 'parent', 'parent-carer'),
    member('m-gone', 'gone', 'professional', { leftOn: '2027-01-01' }),
  ],
};
const as = (personId: string) => ({ personId });

describe('access rules', () => {
  it('lets current members read a case, and nobody else', () => {
    expect(canReadCase(as('hv'), c)).toBe(true);
    expect(canReadCase(as('parent'), c)).toBe(true);
    expect(canReadCase(as('gone'), c)).toBe(false);
    expect(canReadCase(as('stranger'), c)).toBe(false);
  });

  it('lets people submit their own report, and business support on their behalf (recorded)', () => {
    expect(canSubmitReportFor(as('hv'), c, 'm-hv')).toEqual({ allowed: true, onBehalf: false });
    expect(canSubmitReportFor(as('bs'), c, 'm-hv')).toEqual({ allowed: true, onBehalf: true });
    expect(canSubmitReportFor(as('school'), c, 'm-hv')).toEqual({ allowed: false, onBehalf: true });
    expect(canSubmitReportFor(as('hv'), c, 'm-gone').allowed).toBe(false);
  });

  it("lets only the case's manager decide on minutes, and not on minutes they wrote or edited", () => {
    expect(canDecideMinutes(as('maria'), c, ['hv'])).toBe(true);
    expect(canDecideMinutes(as('maria'), c, ['maria'])).toBe(false);
    expect(canDecideMinutes(as('maria'), c, ['hv', 'sam', 'maria'])).toBe(false);
    expect(canDecideMinutes(as('sam'), c, ['hv'])).toBe(false);
    expect(canDecideMinutes(as('bs'), c, ['hv'])).toBe(false);
  });

  it('counts as a writer everyone whose save changed a section, not whoever only changed the status', () => {
    const text = (planReview: string) => ({ ...MinutesSections.parse({}), planReview });
    const versions = [
      { version: 1, sections: text('draft'), editedBy: 'hv' },
      { version: 2, sections: text('draft'), editedBy: 'hv' },
      { version: 3, sections: text('draft'), editedBy: 'maria' },
      { version: 4, sections: text('rewritten by the manager'), editedBy: 'maria' },
      { version: 5, sections: text('rewritten by the manager'), editedBy: 'sam' },
    ];
    expect(writersOf({ authorId: 'hv' }, versions)).toEqual(['hv', 'maria']);
    expect(writersOf({ authorId: 'hv' }, versions.slice(0, 3))).toEqual(['hv']);
  });

  it('lets an excluded member read the outline of the case, and nothing that takes part in it', () => {
    const withExcluded: CaseMembership = {
      ...c,
      members: [...c.members, member('m-kim', 'kim', 'parent-carer', { excluded: true }), member('m-pc', 'pc', 'professional', { excluded: true })],
    };
    expect(canReadCase(as('kim'), withExcluded)).toBe(true);
    expect(canSeeMeetingDetails(as('kim'), withExcluded)).toBe(false);
    expect(canSeeMeetingDetails(as('parent'), withExcluded)).toBe(true);
    expect(canEditMinutes(as('pc'), withExcluded)).toBe(false);
    expect(canSeeMeetingDetails(as('pc'), withExcluded)).toBe(false);
  });

  it('shares minutes-writing among professionals, not the family', () => {
    expect(canEditMinutes(as('hv'), c)).toBe(true);
    expect(canEditMinutes(as('parent'), c)).toBe(false);
  });

  it('keeps meeting management, circulation and excluded members’ details to those running the case', () => {
    expect(canManageMeetings(as('bs'), c)).toBe(true);
    expect(canManageMeetings(as('hv'), c)).toBe(false);
    expect(canCirculateMinutes(as('sam'), c)).toBe(true);
    expect(canCirculateMinutes(as('school'), c)).toBe(false);
    expect(canSeeExcludedMembers(as('maria'), c)).toBe(true);
    expect(canSeeExcludedMembers(as('parent'), c)).toBe(false);
  });
});
