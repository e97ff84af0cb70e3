import { AppContext } from '../../src/app/context';
import { reportFormData } from '../../src/app/card-data';
import { createCase } from '../../src/app/create-case';
import { recordPlan } from '../../src/app/plan';
import { submitReportAndForm } from '../../src/app/reports';
import { DomainError } from '../../src/domain/errors';
import { builtInRegistry } from '../../src/domain/policy';
import { fixedClock } from '../../src/ports/clock';
import { Store } from '../../src/ports/store';
import { aCase, actor, aReport, PEOPLE } from '../fixtures/builders';
import { bookFirstCoreGroupAndAskForUpdates } from '../fixtures/core-group';
import { listStaff } from '../fixtures/staff';
import { freshStore, storeKinds } from '../support/stores';

/**
 * An update submitted from its card is answered, from the same transaction, with the form as it
 * then stands: the card must show what was stored, exactly as reading it afterwards would.
 */
describe.each(storeKinds())('an update submitted from its card, on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  let ctx: AppContext;
  const clock = fixedClock('2027-01-04T12:00:00.000Z');
  let caseId: string;
  let reportOf: (personId: string) => string;
  const idOf = async (who: keyof typeof PEOPLE) => (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;

  beforeEach(async () => {
    ({ store, drop } = await freshStore(kind));
    clock.set('2026-12-18T15:00:00.000Z');
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase())).id;
    const members = await store.transaction((tx) => tx.members.forCase(caseId));
    await recordPlan(ctx, actor('sam'), {
      caseId,
      outcomes: ['Lily is safe at home'],
      actions: [
        {
          what: 'Weekly visits to see Lily Rose Example',
          ownerMemberId: members.find((m) => m.agency === 'health-visiting')!.id,
          agency: 'health-visiting',
          byWhen: '2027-02-28',
          howWeWillKnow: 'Visit log',
        },
        {
          what: 'Attendance report',
          ownerMemberId: members.find((m) => m.agency === 'school')!.id,
          agency: 'school',
          byWhen: '2027-02-28',
          howWeWillKnow: 'Register',
        },
      ],
    });
    ({ reportOf } = await bookFirstCoreGroupAndAskForUpdates(ctx, caseId));
    clock.set('2027-01-04T12:00:00.000Z');
  });
  afterEach(() => drop());

  it('answers with the form as stored: the new version, the agency’s own actions, no child’s name', async () => {
    const hv = await idOf('hv');
    const reportId = reportOf(hv);
    const { saved, form } = await submitReportAndForm(ctx, actor(hv), { reportId, content: aReport({ safetyScale: 7 }) });
    expect(saved).toMatchObject({ version: 1, status: 'submitted' });
    expect(saved.alreadyRecorded).toBeUndefined();
    expect(form).toEqual(await reportFormData(ctx, actor(hv), { reportId }));
    expect(form.report).toMatchObject({ version: 1, status: 'submitted', submittedBy: hv, content: { safetyScale: 7 } });
    expect(form.actions.map((a) => a.what)).toEqual(['Weekly visits to see LRE']);
    expect(form).toMatchObject({ editable: true, onBehalf: false, owner: { personId: hv, name: PEOPLE.hv.displayName } });
  });

  it('answers a repeat as already recorded, with the form as it was, and writes nothing twice', async () => {
    const hv = await idOf('hv');
    const reportId = reportOf(hv);
    await submitReportAndForm(ctx, actor(hv), { reportId, content: aReport() });
    const audited = async () => (await store.transaction((tx) => tx.audit.forCase(caseId))).filter((a) => a.entityId === reportId).length;
    const queued = async () => (await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((m) => m.topic === 'report.submitted').length;
    const [auditBefore, queuedBefore] = [await audited(), await queued()];
    const { saved, form } = await submitReportAndForm(ctx, actor(hv), { reportId, content: aReport() });
    expect(saved).toMatchObject({ version: 1, alreadyRecorded: true });
    expect(form).toEqual(await reportFormData(ctx, actor(hv), { reportId }));
    expect(await store.transaction((tx) => tx.reports.versions(reportId))).toHaveLength(1);
    expect([await audited(), await queued()]).toEqual([auditBefore, queuedBefore]);
  });

  it('answers business support with the form of the person it was sent for, marked as on their behalf', async () => {
    const [bs, school] = [await idOf('bs'), await idOf('school')];
    const reportId = reportOf(school);
    const { form } = await submitReportAndForm(ctx, actor(bs), { reportId, content: aReport({ attendance: 'apologies' }) });
    expect(form).toEqual(await reportFormData(ctx, actor(bs), { reportId }));
    expect(form).toMatchObject({ onBehalf: true, owner: { personId: school, name: PEOPLE.school.displayName }, report: { submittedBy: bs, onBehalf: true } });
    expect(form.actions.map((a) => a.what)).toEqual(['Attendance report']);
  });

  it('refuses someone who may not submit it, and writes nothing', async () => {
    const [hv, school] = [await idOf('hv'), await idOf('school')];
    const reportId = reportOf(hv);
    const refused = submitReportAndForm(ctx, actor(school), { reportId, content: aReport() });
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'REPORT.FORBIDDEN', category: 'forbidden' });
    expect(await store.transaction((tx) => tx.reports.versions(reportId))).toHaveLength(0);
  });
});
