import { intoLanes, laneOf } from '../../../src/domain/delivery/lanes';

describe('outbox lanes', () => {
  it('puts a message in the lane of the person or chat it goes to, else of its case, else its own', () => {
    expect(laneOf({ id: 'm1', payload: { personId: 'p1', reportId: 'r1' }, caseId: 'c1' })).toBe('personId:p1');
    expect(laneOf({ id: 'm2', payload: { reportId: 'r1', memberId: 'mem1' }, caseId: 'c1' })).toBe('memberId:mem1');
    expect(laneOf({ id: 'm3', payload: { minutesId: 'x', managerId: 'p2' }, caseId: 'c1' })).toBe('managerId:p2');
    expect(laneOf({ id: 'm4', payload: { conversationId: '19:chat', meetingId: 'x' }, caseId: 'c1' })).toBe('conversationId:19:chat');
    expect(laneOf({ id: 'm5', payload: { meetingId: 'x' }, caseId: 'c1' })).toBe('case:c1');
    expect(laneOf({ id: 'm6', payload: {} })).toBe('message:m6');
  });

  it('keeps each lane in the order given, and the lanes in the order of their first message', () => {
    const m = (id: string, personId: string) => ({ id, payload: { personId } });
    const lanes = intoLanes([m('1', 'a'), m('2', 'b'), m('3', 'a'), m('4', 'c'), m('5', 'b')]);
    expect(lanes.map((lane) => lane.map((x) => x.id))).toEqual([['1', '3'], ['2', '5'], ['4']]);
  });
});
