import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** What an action did, said beside where it was done. */
export interface Said {
  readonly ok: boolean;
  readonly text: string;
}

/**
 * The outcome of an action: a success as a polite status, a failure as an alert read out at once.
 * `more` follows the text in the same bar.
 */
export function SaidBar({ said, marginTop, more }: { said: Said | undefined; marginTop: number; more?: ReactNode }) {
  if (!said) return null;
  return (
    <MessageBar intent={said.ok ? 'success' : 'error'} role={said.ok ? 'status' : 'alert'} style={{ marginTop }}>
      <MessageBarBody>
        {said.text}
        {more}
      </MessageBarBody>
    </MessageBar>
  );
}
