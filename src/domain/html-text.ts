/** Text placed in an HTML body (a mail, an invitation, a report): the characters HTML would read as markup, escaped. */
export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Government Security Classification for child-protection records: on every mail and invitation about a case. */
export const MARKING = 'OFFICIAL-SENSITIVE';

/**
 * An HTML body as plain text a calendar shows (an invitation's description): paragraphs apart, a
 * numbered list numbered, a bulleted one with dashes, entities read back. Only the markup the app
 * writes is expected; anything else loses its tags and keeps its words.
 */
export function htmlToText(html: string): string {
  const numbered = html.replace(/<ol[^>]*>([\s\S]*?)<\/ol>/gi, (_m, inner: string) => {
    let n = 0;
    return `\n${inner.replace(/<li[^>]*>/gi, () => `\n${++n}. `)}\n\n`;
  });
  return numbered
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|ul|tr)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
