import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { DomainError } from '../../src/domain/errors';
import { LocalDate } from '../../src/domain/calendar/local-date';
import { Store, StoredObligation } from '../../src/ports/store';
import { freshStore, storeKinds } from '../support/stores';

/** The store port's promises, on every database we support. */
describe.each(storeKinds())('store contract on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ store, drop } = await freshStore(kind));
  });
  afterEach(() => drop());

  const person = (id: string) => ({ id, displayName: `Person ${id}`, email: `${id}@example.gov.uk` });
  /** An open case chaired and managed by 'sw', as the store keeps it. */
  const storedCase = (id: string, reference = `CP-${id}`) => ({
    id,
    reference,
    childName: 'Test Child',
    childInitials: 'TC',
    profileId: 'england',
    profileVersion: '2018-07',
    icpcDate: '2026-12-18' as never,
    preBirth: false,
    socialWorkerId: 'sw',
    managerId: 'sw',
    socialWorkerInAye: false,
    status: 'open' as const,
    version: 1,
  });

  it('commits everything a transaction wrote, or nothing when it fails part-way', async () => {
    await store.transaction(async (tx) => tx.people.insert(person('p1')));
    await expect(
      store.transaction(async (tx) => {
        await tx.people.insert(person('p2'));
        await tx.audit.append({ at: '2026-12-21T09:00:00Z', actorId: 'p1', action: 'person.added', entity: 'person', entityId: 'p2' });
        throw new Error('the use case failed after two writes');
      }),
    ).rejects.toThrow('the use case failed');
    const [p1, p2] = await store.transaction(async (tx) => [await tx.people.byId('p1'), await tx.people.byId('p2')]);
    expect(p1?.email).toBe('p1@example.gov.uk');
    expect(p2).toBeUndefined();
  });

  it('remembers chats: a group chat keeps its case link through refreshes; Teams ids are kept per person', async () => {
    await store.transaction((tx) => tx.people.insert(person('p1')));
    const chat = {
      key: 'conversation:19:chat',
      conversationId: '19:chat',
      scope: 'groupChat' as const,
      tenantId: 't1',
      reference: { serviceUrl: 'https://smba.example/' },
      updatedAt: '2026-12-21T09:00:00.000Z',
    };
    await store.transaction((tx) => tx.conversations.save(chat));
    await store.transaction((tx) => tx.conversations.linkCase('19:chat', 'case-1'));
    await store.transaction((tx) =>
      tx.conversations.save({ ...chat, reference: { serviceUrl: 'https://smba.example/emea/' }, updatedAt: '2026-12-21T10:00:00.000Z' }),
    );
    const linked = await store.transaction((tx) => tx.conversations.chatForCase('case-1'));
    expect(linked).toMatchObject({ conversationId: '19:chat', caseId: 'case-1', reference: { serviceUrl: 'https://smba.example/emea/' } });
    expect((await store.transaction((tx) => tx.conversations.latestInTenant('t1')))?.conversationId).toBe('19:chat');
    expect(await store.transaction((tx) => tx.conversations.latestInTenant('another-tenant'))).toBeUndefined();
    await store.transaction((tx) => tx.conversations.linkCase('19:chat', undefined));
    expect(await store.transaction((tx) => tx.conversations.chatForCase('case-1'))).toBeUndefined();
    await store.transaction((tx) =>
      tx.teamsUsers.save({ personId: 'p1', teamsUserId: '29:a', serviceUrl: 'https://smba.example/', updatedAt: '2026-12-21T09:00:00.000Z' }),
    );
    await store.transaction((tx) =>
      tx.teamsUsers.save({ personId: 'p1', teamsUserId: '29:b', serviceUrl: 'https://smba.example/', tenantId: 't1', updatedAt: '2026-12-21T10:00:00.000Z' }),
    );
    expect(await store.transaction((tx) => tx.teamsUsers.byPerson('p1'))).toEqual({
      personId: 'p1',
      teamsUserId: '29:b',
      serviceUrl: 'https://smba.example/',
      tenantId: 't1',
      updatedAt: '2026-12-21T10:00:00.000Z',
    });
    // Several at once: only those known to Teams, each once; nobody asked for, nothing read.
    const known = await store.transaction((tx) => tx.teamsUsers.byPeople(['p1', 'p2', 'p1']));
    expect(known.map((u) => [u.personId, u.teamsUserId])).toEqual([['p1', '29:b']]);
    expect(await store.transaction((tx) => tx.teamsUsers.byPeople([]))).toEqual([]);
  });

  it('enforces unique emails and foreign keys', async () => {
    await store.transaction((tx) => tx.people.insert(person('p1')));
    await expect(store.transaction((tx) => tx.people.insert({ ...person('p3'), email: 'p1@example.gov.uk' }))).rejects.toMatchObject({
      message: expect.stringMatching(/unique/i),
    });
    await expect(
      store.transaction((tx) =>
        tx.members.insert({ id: 'm1', caseId: 'no-such-case', personId: 'p1', agency: 'gp', role: 'professional', excluded: false, joinedOn: '2026-12-18' }),
      ),
    ).rejects.toMatchObject({ message: expect.stringMatching(/foreign key/i) });
  });

  it('lets one of two transactions claim a key, the other waiting for it and losing (a welcome or digest given once)', async () => {
    const card = { key: 'digest|p1', conversationId: 'a:1', activityId: 'digest', sentAt: '2026-12-21T09:00:00.000Z' };
    let second: Promise<boolean> | undefined;
    const first = await store.transaction(async (tx) => {
      const won = await tx.sentCards.claim(card);
      // Another instance claims the same key while this transaction is still open: it must not win too.
      second = store.transaction((other) => other.sentCards.claim({ ...card, activityId: 'cards' }));
      await new Promise((resolve) => setImmediate(resolve));
      return won;
    });
    expect(first).toBe(true);
    expect(await second).toBe(false);
    expect((await store.transaction((tx) => tx.sentCards.byKey('digest|p1')))?.activityId).toBe('digest');
    expect(await store.transaction((tx) => tx.sentCards.claim(card))).toBe(false);
  });

  it('queues an outbox message once per idempotency key', async () => {
    const message = { kind: 'card' as const, topic: 'agenda.post' as const, payload: { meetingId: 'm1' }, idempotencyKey: 'agenda:m1:v2' };
    await store.transaction((tx) => tx.outbox.enqueue(message, '2026-12-21T09:00:00.000Z'));
    await store.transaction((tx) => tx.outbox.enqueue({ ...message, payload: { meetingId: 'other' } }, '2026-12-21T09:00:01.000Z'));
    const claimed = await store.outbox.claim('worker-a', '2026-12-21T09:00:05.000Z', 10, 60_000);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ topic: 'agenda.post', payload: { meetingId: 'm1' }, attempts: 1 });
  });

  it('queues many messages at once, each once per idempotency key', async () => {
    const send = (personId: string) => ({
      kind: 'card' as const,
      topic: 'agenda.send' as const,
      payload: { meetingId: 'm1', personId },
      idempotencyKey: `agenda:m1:${personId}`,
    });
    await store.transaction((tx) => tx.outbox.enqueue(send('p1'), '2026-12-21T09:00:00.000Z'));
    // More than one insert's worth, with p1 queued already and p2 twice.
    const people = ['p1', 'p2', 'p2', ...Array.from({ length: 600 }, (_, i) => `q${i}`)];
    await store.transaction((tx) => tx.outbox.enqueueAll(people.map(send), '2026-12-21T09:00:01.000Z'));
    await store.transaction((tx) => tx.outbox.enqueueAll([], '2026-12-21T09:00:01.000Z'));
    const claimed = await store.outbox.claim('worker-a', '2026-12-21T09:00:05.000Z', 1_000, 60_000);
    expect(claimed).toHaveLength(602);
    const personOf = (m: (typeof claimed)[number]) => ('personId' in m.payload ? m.payload.personId : undefined);
    expect(new Set(claimed.map(personOf)).size).toBe(602);
    expect(claimed.find((m) => personOf(m) === 'p1')?.queuedAt).toBe('2026-12-21T09:00:00.000Z');
  });

  it('hands out claimed messages in the order they fell due', async () => {
    await store.transaction(async (tx) => {
      for (const [i, at] of ['09:00:03', '09:00:01', '09:00:04', '09:00:02'].entries())
        await tx.outbox.enqueue({ kind: 'card', topic: 'agenda.post', payload: { meetingId: `m${i}` }, idempotencyKey: `k${i}` }, `2026-12-21T${at}.000Z`);
    });
    const claimed = await store.outbox.claim('a', '2026-12-21T09:00:05.000Z', 10, 60_000);
    expect(claimed.map((m) => ('meetingId' in m.payload ? m.payload.meetingId : ''))).toEqual(['m1', 'm3', 'm0', 'm2']);
  });

  it('lets two workers claim disjoint messages, and a dead worker’s claim lapse after its lease', async () => {
    await store.transaction(async (tx) => {
      for (let i = 0; i < 10; i++)
        await tx.outbox.enqueue({ kind: 'card', topic: 'agenda.post', payload: { meetingId: `m${i}` }, idempotencyKey: `k${i}` }, '2026-12-21T09:00:00.000Z');
    });
    const now = '2026-12-21T09:00:05.000Z';
    const [a, b] = await Promise.all([store.outbox.claim('a', now, 6, 60_000), store.outbox.claim('b', now, 6, 60_000)]);
    const ids = [...a, ...b].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(10);
    // Worker a delivers one and dies holding the rest; after the lease, b takes them over.
    await store.outbox.delivered((a[0] as { id: string }).id, now, 'a');
    expect(await store.outbox.claim('b', '2026-12-21T09:00:30.000Z', 20, 60_000)).toHaveLength(0);
    const reclaimed = await store.outbox.claim('b', '2026-12-21T09:01:10.000Z', 20, 60_000);
    expect(reclaimed.map((m) => m.id).sort()).toEqual([...a.slice(1), ...b].map((m) => m.id).sort());
    expect(reclaimed.every((m) => m.attempts === 2)).toBe(true);
  });

  it('lets only the worker holding a claim complete it, and keeps a renewed lease from being taken over', async () => {
    await store.transaction(async (tx) => {
      for (let i = 0; i < 2; i++)
        await tx.outbox.enqueue({ kind: 'card', topic: 'agenda.post', payload: { meetingId: `m${i}` }, idempotencyKey: `k${i}` }, '2026-12-21T09:00:00.000Z');
    });
    const [slow, lapsed] = await store.outbox.claim('a', '2026-12-21T09:00:00.000Z', 2, 60_000);
    // a renews its lease on the slow one while its send is in flight; the other lapses and b takes it.
    expect(await store.outbox.extend(slow!.id, 'a', '2026-12-21T09:00:50.000Z')).toBe(true);
    const takenOver = await store.outbox.claim('b', '2026-12-21T09:01:10.000Z', 10, 60_000);
    expect(takenOver.map((m) => m.id)).toEqual([lapsed!.id]);
    // a finishes late: its word on the message b now holds is refused, and b's stands.
    expect(await store.outbox.delivered(lapsed!.id, '2026-12-21T09:01:11.000Z', 'a')).toBe(false);
    expect(await store.outbox.extend(lapsed!.id, 'a', '2026-12-21T09:01:11.000Z')).toBe(false);
    expect(await store.outbox.failed(lapsed!.id, 'late', undefined, 'a')).toBe(false);
    expect(await store.outbox.delivered(lapsed!.id, '2026-12-21T09:01:12.000Z', 'b')).toBe(true);
    expect(await store.outbox.delivered(slow!.id, '2026-12-21T09:01:12.000Z', 'a')).toBe(true);
    expect(await store.outbox.claim('c', '2026-12-21T10:00:00.000Z', 10, 60_000)).toHaveLength(0);
  });

  it('retries a failed message at the time given, and gives up when told to', async () => {
    await store.transaction((tx) =>
      tx.outbox.enqueue(
        { kind: 'mail', topic: 'minutes.circulate.mail', payload: { minutesId: 'mi1', personId: 'p1', memberId: 'me1' }, idempotencyKey: 'k' },
        '2026-12-21T09:00:00.000Z',
      ),
    );
    const [m] = await store.outbox.claim('a', '2026-12-21T09:00:00.000Z', 1, 60_000);
    await store.outbox.failed((m as { id: string }).id, '503 from Graph', '2026-12-21T09:05:00.000Z', 'a');
    expect(await store.outbox.claim('a', '2026-12-21T09:04:59.000Z', 1, 60_000)).toHaveLength(0);
    const [again] = await store.outbox.claim('a', '2026-12-21T09:05:00.000Z', 1, 60_000);
    expect(again?.attempts).toBe(2);
    await store.outbox.failed((again as { id: string }).id, '400 from Graph', undefined, 'a');
    expect(await store.outbox.claim('a', '2026-12-22T09:00:00.000Z', 1, 60_000)).toHaveLength(0);
  });

  it('keeps the audit trail append-only, in the database itself', async () => {
    await store.transaction((tx) =>
      tx.audit.append({ at: '2026-12-21T09:00:00Z', actorId: 'p1', action: 'case.created', entity: 'case', entityId: 'c1', caseId: 'c1' }),
    );
    const db = (store as KyselyStore).db;
    await expect(db.updateTable('audit').set({ action: 'nothing.happened' }).execute()).rejects.toMatchObject({
      message: expect.stringContaining('append-only'),
    });
    await expect(db.deleteFrom('audit').execute()).rejects.toMatchObject({ message: expect.stringContaining('append-only') });
    expect((await store.transaction((tx) => tx.audit.forCase('c1'))).map((a) => a.action)).toEqual(['case.created']);
  });

  it("replaces a case's plan with exactly the rows given: changed, new and gone rows, other cases untouched", async () => {
    const row = (caseId: string, obligationId: string, due: string, more: Partial<StoredObligation> = {}): StoredObligation => ({
      caseId,
      obligationId,
      kind: obligationId === 'review-conference' ? 'review-conference' : 'core-group',
      due: due as LocalDate,
      rule: 'r',
      ...more,
    });
    await store.transaction(async (tx) => {
      await tx.people.insert(person('sw'));
      await tx.cases.insert(storedCase('c1'), '2026-12-18T12:00:00Z');
      await tx.cases.insert(storedCase('c2'), '2026-12-18T12:00:00Z');
      await tx.obligations.replaceForCase('c1', [
        row('c1', 'core-group-1', '2027-01-06', { meetingNumber: 1 }),
        row('c1', 'core-group-2', '2027-02-03', { meetingNumber: 2 }),
        row('c1', 'minutes-circulated-core-group-1', '2027-01-13'),
      ]);
      await tx.obligations.replaceForCase('c2', [row('c2', 'core-group-1', '2027-01-07', { meetingNumber: 1 })]);
    });
    // Re-planned: one done, one moved, one dropped, one new; the same plan again changes nothing.
    const next = [
      row('c1', 'core-group-1', '2027-01-06', { meetingNumber: 1, doneOn: '2027-01-05' as LocalDate }),
      row('c1', 'core-group-2', '2027-02-02', { meetingNumber: 2, earliest: '2027-01-20' as LocalDate }),
      row('c1', 'review-conference', '2027-03-10'),
    ];
    await store.transaction((tx) => tx.obligations.replaceForCase('c1', next));
    await store.transaction((tx) => tx.obligations.replaceForCase('c1', next));
    const [c1, c2] = await store.transaction(async (tx) => [await tx.obligations.forCase('c1'), await tx.obligations.forCase('c2')]);
    expect(c1.map((o) => [o.obligationId, o.due, o.earliest, o.doneOn, o.meetingNumber])).toEqual([
      ['core-group-1', '2027-01-06', undefined, '2027-01-05', 1],
      ['core-group-2', '2027-02-02', '2027-01-20', undefined, 2],
      ['review-conference', '2027-03-10', undefined, undefined, undefined],
    ]);
    expect(c2.map((o) => [o.obligationId, o.due])).toEqual([['core-group-1', '2027-01-07']]);
  });

  it('refuses a stale save (optimistic concurrency) with a conflict error', async () => {
    await store.transaction(async (tx) => {
      await tx.people.insert(person('sw'));
      await tx.cases.insert(storedCase('c1', 'CP-1'), '2026-12-18T12:00:00Z');
      await tx.meetings.insert({
        id: 'mt1',
        caseId: 'c1',
        number: 1,
        due: '2027-01-06' as never,
        rule: 'r',
        finalBeforeReview: false,
        status: 'held',
        heldOn: '2027-01-05' as never,
        version: 1,
      });
      await tx.minutes.insert({
        id: 'mi1',
        meetingId: 'mt1',
        caseId: 'c1',
        status: 'draft',
        authorId: 'sw',
        sections: { attendance: 'a' } as never,
        version: 1,
      });
    });
    const read = await store.transaction(async (tx) => (await tx.minutes.byId('mi1'))!);
    await store.transaction((tx) => tx.minutes.update({ ...read, sections: { ...read.sections, attendance: 'first' } }, 'sw', '2027-01-06T10:00:00Z'));
    const second = store.transaction((tx) =>
      tx.minutes.update({ ...read, sections: { ...read.sections, attendance: 'second' } }, 'sw', '2027-01-06T10:00:01Z'),
    );
    await expect(second).rejects.toBeInstanceOf(DomainError);
    await expect(second).rejects.toMatchObject({ category: 'conflict' });
    const versions = await store.transaction((tx) => tx.minutes.versions('mi1'));
    expect(versions.map((v) => [v.version, v.sections.attendance])).toEqual([
      [1, 'a'],
      [2, 'first'],
    ]);
  });
});
