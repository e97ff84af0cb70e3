import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { teamsJs } from './host';

export type ThemeName = 'default' | 'dark' | 'contrast';

export const THEMES: Record<ThemeName, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

/** Teams names its themes default, dark and contrast; anything else is the default. */
export const themeName = (name: string | null | undefined): ThemeName => (name === 'dark' || name === 'contrast' ? name : 'default');

/**
 * The theme to draw with: Teams' own (and its changes) inside Teams; outside it, ?theme=dark or
 * ?theme=contrast (for testing), else the light theme.
 */
export function useTeamsTheme(inTeams: boolean): ThemeName {
  const [name, setName] = useState<ThemeName>(() => themeName(new URLSearchParams(window.location.search).get('theme')));
  useEffect(() => {
    if (!inTeams) return;
    let live = true;
    void teamsJs().then(({ app }) => {
      app.getContext().then(
        (context) => live && setName(themeName(context.app.theme)),
        () => undefined,
      );
      app.registerOnThemeChangeHandler((theme) => live && setName(themeName(theme)));
    });
    return () => {
      live = false;
    };
  }, [inTeams]);
  return name;
}
