import { Badge } from '@fluentui/react-components';
import { Colour, Status } from './api-types';

const COLOUR: Record<Colour, { text: string; color: 'danger' | 'warning' | 'success' }> = {
  red: { text: 'Overdue', color: 'danger' },
  amber: { text: 'Due soon', color: 'warning' },
  green: { text: 'On track', color: 'success' },
};

const STATUS: Record<Status, { text: string; color: 'danger' | 'warning' | 'success' | 'informative' | 'subtle' }> = {
  met: { text: 'Met', color: 'success' },
  'met-late': { text: 'Met late', color: 'warning' },
  'due-soon': { text: 'Due soon', color: 'warning' },
  overdue: { text: 'Overdue', color: 'danger' },
  upcoming: { text: 'Upcoming', color: 'informative' },
};

/** Compliance in words as well as colour: colour alone tells nothing to a screen reader or to some eyes. */
export function ColourBadge({ colour }: { colour: Colour }) {
  const c = COLOUR[colour];
  return (
    <Badge appearance="filled" color={c.color}>
      {c.text}
    </Badge>
  );
}

export function StatusBadge({ status, daysLate }: { status: Status; daysLate?: number }) {
  const s = STATUS[status];
  return (
    <Badge appearance="tint" color={s.color}>
      {s.text}
      {daysLate ? ` (${daysLate} day${daysLate === 1 ? '' : 's'})` : ''}
    </Badge>
  );
}
