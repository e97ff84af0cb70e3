import { Button, Text } from '@fluentui/react-components';

/**
 * Beside a field after a save clash: the version someone else saved, with a way to take it. The
 * person's own unsaved text stays in the field above; nothing they typed is thrown away.
 */
export function TheirVersion({ label, text, onUse }: { label: string; text: string; onUse: () => void }) {
  return (
    <div
      role="group"
      aria-label={`${label}: the version someone else saved`}
      style={{ borderLeft: '4px solid var(--colorPaletteYellowBorderActive)', padding: '4px 8px', margin: '4px 0 8px' }}
    >
      <Text block weight="semibold">
        Saved by someone else:
      </Text>
      <Text block style={{ whiteSpace: 'pre-wrap' }}>
        {text || '(empty)'}
      </Text>
      <Button size="small" onClick={onUse}>
        Use their version of “{label}”
      </Button>
    </div>
  );
}
