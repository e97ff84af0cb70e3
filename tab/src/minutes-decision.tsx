import { Button, Field, Text, Textarea, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiClient, ApiError } from './api';

/**
 * The manager's decision on submitted minutes. Returning needs a comment (checked here and by the
 * server); a refusal from the server (not the manager, already decided) is shown in words.
 */
export function MinutesDecision({
  api,
  minutesId,
  headingLevel = 'h1',
  onDecided,
}: {
  api: ApiClient;
  minutesId: string;
  headingLevel?: 'h1' | 'h2' | 'h3';
  /** Told what was decided, in words: a page that shows the minutes' status reads them again; without it, this says so in place. */
  onDecided?: (said: string) => void;
}) {
  const [comments, setComments] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  const decide = async (decision: 'approve' | 'return') => {
    setError(undefined);
    setFieldError(undefined);
    if (decision === 'return' && comments.trim() === '') {
      setFieldError('Say what needs to change before returning the minutes.');
      return;
    }
    try {
      const result = await api.post<{ status: string }>(`/api/minutes/${minutesId}/decision`, decision === 'approve' ? { decision } : { decision, comments });
      const said = result.status === 'approved' ? 'Approved. The minutes are being circulated to every member.' : 'Returned to the author with your comments.';
      if (onDecided) onDecided(said);
      else setDone(said);
    } catch (e) {
      if (e instanceof ApiError) {
        const field = e.body.error.fields?.find((f) => f.field === 'comments');
        if (field) setFieldError(field.problem);
        else setError(e.body.error.message);
      } else setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby={`decision-${minutesId}`}>
      <Title2 id={`decision-${minutesId}`} as={headingLevel}>
        Minutes decision
      </Title2>
      <div aria-live="polite">
        {done && <Text block>{done}</Text>}
        {error && (
          <Text block role="alert">
            {error}
          </Text>
        )}
      </div>
      {!done && (
        <>
          <Field label="Comments (required to return the minutes)" validationMessage={fieldError} validationState={fieldError ? 'error' : 'none'}>
            <Textarea value={comments} onChange={(_e, d) => setComments(d.value)} resize="vertical" />
          </Field>
          <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
            <Button appearance="primary" onClick={() => void decide('approve')}>
              Approve
            </Button>
            <Button onClick={() => void decide('return')}>Return with comments</Button>
          </div>
        </>
      )}
    </section>
  );
}
