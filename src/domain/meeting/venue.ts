import { Venue } from './meeting';

/**
 * Where a core group meets, in the words invitations and agendas show. The office is the council's
 * address (OFFICE_ADDRESS), since most agencies and the family have never been there; the family home's
 * address is never written into an invitation or a card (the chair gives it to those who come).
 */
export function venueText(venue: Venue | undefined, officeAddress: string | undefined): string {
  switch (venue) {
    case 'office':
      return officeAddress ? `Council office: ${officeAddress}` : 'Council office';
    case 'family-home':
      return 'The family home (the chair gives the address to those coming)';
    case 'online':
      return 'Online (Teams)';
    default:
      return 'To be arranged';
  }
}
