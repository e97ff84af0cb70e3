import { createCase } from '../../src/app/create-case';
import { caseDetail } from '../../src/app/case-detail';
import { AppContext } from '../../src/app/context';
import { recordDoneByHand } from '../../src/app/done-by-hand';
import { builtInRegistry } from '../../src/domain/policy';
import { fixedClock } from '../../src/ports/clock';
import { Store } from '../../src/ports/store';
import { aCase, actor, PEOPLE } from '../fixtures/builders';
import { listStaff } from '../fixtures/staff';
import { freshStore, storeKinds } from '../support/stores';

/**
 * What nothing else in the app sees happen, recorded by hand from the case's timeline: the child
 * seen on a visit (Northern Ireland: every 4 weeks, each counted from the last), the record of a
 * conference received (Wales: the outline plan within 5 working days).
 */
describe.each(storeKinds())('recording by hand what the app cannot see, on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  const clock = fixedClock('2027-02-01T12:00:00.000Z');
  let ctx: AppContext;
  beforeEach(async () => {
    ({ store, drop } = await freshStore(kind));
    clock.set('2027-02-01T12:00:00.000Z');
    ctx = { store, clock, profiles: builtInRegistry };
    await listStaff(ctx);
    await store.transaction(async (tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
  });
  afterEach(() => drop());

  const hv = async () => (await store.transaction((tx) => tx.people.byEmail(PEOPLE.hv.email)))!.id;
  const obligation = async (caseId: string, id: string) => (await caseDetail(ctx, actor('sam'), caseId)).obligations.find((o) => o.id === id);

  it('records a visit; the next visit is then due 4 weeks after it, not after the day the first was due', async () => {
    const c = await createCase(ctx, actor('sam'), aCase({ profileId: 'northern-ireland', icpcDate: '2026-12-18' }));
    const first = await obligation(c.id, 'child-seen-1');
    expect(first).toMatchObject({ kind: 'child-seen', recordByHand: true });
    expect(first!.doneOn).toBeUndefined();
    // The case says what the viewer may record by hand: not a core group, and nothing to the health visitor.
    expect((await obligation(c.id, 'core-group-1'))!.recordByHand).toBeUndefined();
    expect((await caseDetail(ctx, actor(await hv()), c.id)).obligations.filter((o) => o.recordByHand)).toEqual([]);
    await expect(recordDoneByHand(ctx, actor('sam'), { caseId: c.id, obligationId: 'child-seen-1', on: '2027-01-08' })).resolves.toEqual({
      obligationId: 'child-seen-1',
      doneOn: '2027-01-08',
    });
    expect(await obligation(c.id, 'child-seen-1')).toMatchObject({ doneOn: '2027-01-08' });
    expect((await obligation(c.id, 'child-seen-1'))!.recordByHand).toBeUndefined();
    expect((await obligation(c.id, 'child-seen-2'))!.due).toBe('2027-02-05');
    // Sent twice (a double click): the same record, nothing more.
    await expect(recordDoneByHand(ctx, actor('sam'), { caseId: c.id, obligationId: 'child-seen-1', on: '2027-01-08' })).resolves.toMatchObject({
      alreadyRecorded: true,
    });
    const audit = await store.transaction((tx) => tx.audit.forCase(c.id));
    expect(audit.filter((a) => a.action === 'obligation.done')).toHaveLength(1);
  });

  it.each([
    ['a day still to come', 'child-seen-1', '2027-02-02', 'OBLIGATION.INVALID', 'invalid'],
    ['a day before the conference', 'child-seen-1', '2026-12-17', 'OBLIGATION.INVALID', 'invalid'],
    ['the conference day itself, for a visit', 'child-seen-1', '2026-12-18', 'OBLIGATION.INVALID', 'invalid'],
    ['not a day', 'child-seen-1', 'last Tuesday', 'DATE.INVALID', 'invalid'],
    ['a core group, which is recorded as held', 'core-group-1', '2027-01-05', 'OBLIGATION.NOT_BY_HAND', 'conflict'],
    ['an obligation the case does not have', 'child-seen-99', '2027-01-05', 'OBLIGATION.NOT_FOUND', 'not-found'],
  ])('refuses %s', async (_, obligationId, on, code, category) => {
    const c = await createCase(ctx, actor('sam'), aCase({ profileId: 'northern-ireland', icpcDate: '2026-12-18' }));
    await expect(recordDoneByHand(ctx, actor('sam'), { caseId: c.id, obligationId, on })).rejects.toMatchObject({ code, category });
  });

  it('refuses a visit on or before the last one recorded, someone who does not run the case, and a second day for the same thing', async () => {
    const c = await createCase(ctx, actor('sam'), aCase({ profileId: 'northern-ireland', icpcDate: '2026-12-18' }));
    await recordDoneByHand(ctx, actor('sam'), { caseId: c.id, obligationId: 'child-seen-1', on: '2027-01-08' });
    await expect(recordDoneByHand(ctx, actor('sam'), { caseId: c.id, obligationId: 'child-seen-2', on: '2027-01-08' })).rejects.toMatchObject({
      code: 'OBLIGATION.INVALID',
      fields: [{ field: 'on', problem: 'The child was last recorded as seen on Fri 8 Jan 2027: this visit must be after it.' }],
    });
    await expect(recordDoneByHand(ctx, actor(await hv()), { caseId: c.id, obligationId: 'child-seen-2', on: '2027-01-20' })).rejects.toMatchObject({
      code: 'OBLIGATION.FORBIDDEN',
    });
    await expect(recordDoneByHand(ctx, actor('sam'), { caseId: c.id, obligationId: 'child-seen-1', on: '2027-01-09' })).rejects.toMatchObject({
      code: 'OBLIGATION.ALREADY_DONE',
      message: 'This was already recorded as done on Fri 8 Jan 2027.',
    });
  });

  it('records the conference record received, and the timeline shows it met', async () => {
    const c = await createCase(ctx, actor('sam'), aCase({ profileId: 'wales', icpcDate: '2026-12-18' }));
    const record = (await caseDetail(ctx, actor('sam'), c.id)).obligations.find((o) => o.kind === 'conference-record')!;
    await recordDoneByHand(ctx, actor('sam'), { caseId: c.id, obligationId: record.id, on: '2026-12-21' });
    expect(await obligation(c.id, record.id)).toMatchObject({ doneOn: '2026-12-21', compliance: { status: 'met' } });
  });
});
