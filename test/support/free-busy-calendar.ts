import { Interval } from '../../src/domain/scheduling/slot-finder';
import { CalendarPerson, CalendarPort, FreeBusy } from '../../src/ports/calendar';

/**
 * A calendar that only answers free/busy, as `answer` says, and records each window asked about;
 * for schedule tests, which never book through it.
 */
export class FreeBusyCalendar implements CalendarPort {
  readonly asked: Interval[] = [];
  constructor(private readonly answer: (people: readonly CalendarPerson[], window: Interval) => FreeBusy[]) {}
  async freeBusy(people: readonly CalendarPerson[], window: Interval): Promise<FreeBusy[]> {
    this.asked.push(window);
    return this.answer(people, window);
  }
  async createEvent(): Promise<never> {
    throw new Error('not booked through the calendar in this test');
  }
  async updateEvent(): Promise<void> {}
  async cancelEvent(): Promise<void> {}
}
