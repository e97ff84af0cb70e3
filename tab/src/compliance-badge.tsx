import { Badge, Text } from '@fluentui/react-components';
import { CaseAtAGlance, Colour, Status } from './api-types';
import { count } from './words';

type BadgeColour = 'danger' | 'warning' | 'success' | 'informative' | 'subtle';

const COLOUR: Record<Colour, { text: string; color: BadgeColour }> = {
  red: { text: 'Overdue', color: 'danger' },
  amber: { text: 'Due soon', color: 'warning' },
  green: { text: 'On track', color: 'success' },
};

/**
 * Compliance in words as well as colour: colour alone tells nothing to a screen reader or to some
 * eyes. A case that is late is red and says "Late", never green, whatever else is on track.
 */
export function ColourBadge({ colour, late }: { colour: Colour; late?: boolean }) {
  const c = late ? { text: 'Late', color: 'danger' as const } : COLOUR[colour];
  return (
    <Badge appearance="filled" color={c.color} className="cg-badge">
      {c.text}
    </Badge>
  );
}

/** A case's colour with, when it is late, the words saying how late and why. */
export function CaseCompliance({ c }: { c: Pick<CaseAtAGlance, 'colour' | 'late' | 'overdue'> }) {
  // The server already says red for anything late; this keeps it so even if it ever did not.
  const colour: Colour = c.late ? 'red' : c.colour;
  return (
    <span className="cg-compliance">
      <ColourBadge colour={colour} late={Boolean(c.late)} />
      {c.late ? <Text className="cg-late-text"> {c.late.text}</Text> : null}
    </span>
  );
}

export function StatusBadge({ status, workingDaysLate, daysLate }: { status: Status; workingDaysLate?: number; daysLate?: number }) {
  const late = workingDaysLate !== undefined ? count(workingDaysLate, 'working day') : daysLate !== undefined ? count(daysLate, 'day') : undefined;
  const s: Record<Status, { text: string; color: BadgeColour }> = {
    met: { text: 'Met', color: 'success' },
    'met-late': { text: late ? `Met ${late} late` : 'Met late', color: 'danger' },
    'booked-late': { text: late ? `Booked ${late} late` : 'Booked late', color: 'danger' },
    'due-soon': { text: 'Due soon', color: 'warning' },
    overdue: { text: late ? `Overdue by ${late}` : 'Overdue', color: 'danger' },
    upcoming: { text: 'Upcoming', color: 'informative' },
  };
  const shown = s[status] ?? { text: status, color: 'subtle' as const };
  return (
    <Badge appearance="filled" color={shown.color} className="cg-badge">
      {shown.text}
    </Badge>
  );
}
