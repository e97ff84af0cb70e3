import { DomainError } from '../../../src/domain/errors';
import { approve, edit, markCirculated, Minutes, MinutesSections, returnForChanges, submit } from '../../../src/domain/minutes/minutes';
import { catchError } from '../../support/catch-error';

const NOW = '2027-01-06T10:00:00.000Z';
const complete: MinutesSections = {
  attendance: 'SW, HV, school',
  apologies: '',
  agenciesExpectedButAbsent: '',
  recentEvents: '',
  agencyUpdates: 'HV: visits weekly',
  childsVoice: 'Likes nursery',
  childsVoiceHowGathered: 'Direct work',
  parentsViews: 'Agrees',
  parentsViewsHowGathered: 'At the meeting',
  planReview: 'On track',
  newActions: '',
  concernsAndDissent: '',
  reviewRecommendation: '',
  nextMeeting: '29 Jan',
};
const draft = (over: Partial<Minutes> = {}): Minutes => ({
  id: 'm',
  meetingId: 'mt',
  caseId: 'c',
  status: 'draft',
  authorId: 'hv',
  sections: complete,
  version: 1,
  ...over,
});
const code = (fn: () => unknown) => (catchError(fn) as DomainError).code;

describe('minutes approval state machine', () => {
  it('goes draft → submitted → approved → circulated', () => {
    const submitted = submit(draft(), NOW, false);
    expect(submitted).toMatchObject({ status: 'submitted', submittedAt: NOW });
    const approved = approve(submitted, 'manager', NOW);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'manager', decidedAt: NOW });
    expect(markCirculated(approved, NOW)).toMatchObject({ status: 'circulated', circulatedAt: NOW });
  });

  it('goes submitted → returned (with comments) → edited → resubmitted', () => {
    const returned = returnForChanges(submit(draft(), NOW, false), 'manager', NOW, 'Add the parents’ views on the new action.');
    expect(returned).toMatchObject({ status: 'returned', returnComments: 'Add the parents’ views on the new action.' });
    const resubmitted = submit(edit(returned, { ...complete, parentsViews: 'Agrees; mum wants more support' }), NOW, false);
    expect(resubmitted.status).toBe('submitted');
    // What the manager asked for stays with the minutes, for the approval card of the resubmission.
    expect(resubmitted.returnComments).toBe('Add the parents’ views on the new action.');
  });

  it('refuses every other move with a stable code', () => {
    expect(code(() => approve(draft(), 'manager', NOW))).toBe('MINUTES.NOT_SUBMITTED');
    expect(code(() => approve(approve(submit(draft(), NOW, false), 'manager', NOW), 'manager', NOW))).toBe('MINUTES.NOT_SUBMITTED');
    expect(code(() => returnForChanges(draft(), 'manager', NOW, 'comments here'))).toBe('MINUTES.NOT_SUBMITTED');
    expect(code(() => markCirculated(submit(draft(), NOW, false), NOW))).toBe('MINUTES.NOT_APPROVED');
    expect(code(() => edit(submit(draft(), NOW, false), complete))).toBe('MINUTES.NOT_EDITABLE');
    expect(code(() => submit(draft({ status: 'approved' }), NOW, false))).toBe('MINUTES.NOT_DRAFT');
  });

  it('requires comments to return, and the key sections to submit', () => {
    const error = catchError(() => returnForChanges(submit(draft(), NOW, false), 'manager', NOW, '  ')) as DomainError;
    expect(error.code).toBe('MINUTES.COMMENTS_REQUIRED');
    expect(error.fields).toEqual([{ field: 'comments', problem: 'is required when returning minutes' }]);
    const missing = catchError(() => submit(draft({ sections: { ...complete, childsVoice: '', parentsViews: ' ' } }), NOW, false)) as DomainError;
    expect(missing.code).toBe('MINUTES.INCOMPLETE');
    expect(missing.fields.map((f) => f.field)).toEqual(['sections.childsVoice', 'sections.parentsViews']);
    // Said in the headings people see, not the fields' names.
    expect(missing.message).toBe("Fill in before submitting: The child's voice; Parents' views.");
  });

  it('requires a recommendation to the review conference from the final core group where the profile asks for one', () => {
    expect(code(() => submit(draft(), NOW, true))).toBe('MINUTES.INCOMPLETE');
    expect(submit(draft({ sections: { ...complete, reviewRecommendation: 'Remain on a plan' } }), NOW, true).status).toBe('submitted');
  });
});
