/** Text placed in an HTML body (a mail, an invitation, a report): the characters HTML would read as markup, escaped. */
export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
