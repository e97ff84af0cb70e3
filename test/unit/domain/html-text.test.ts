import { htmlToText } from '../../../src/domain/html-text';

/** An invitation's body as a calendar shows it in plain text: readable, not one run-on line. */
describe('HTML as the plain text of a calendar description', () => {
  it.each([
    ['paragraphs apart', '<p>One.</p><p>Two.</p>', 'One.\n\nTwo.'],
    [
      'a numbered list numbered, each item on its own line',
      '<p>Agenda</p><ol><li>Introductions</li><li>Recent events</li></ol><p>End.</p>',
      'Agenda\n\n1. Introductions\n2. Recent events\n\nEnd.',
    ],
    ['a bulleted list with dashes', '<ul><li>A</li><li>B</li></ul>', '- A\n- B'],
    ['line breaks kept', 'A<br>B<br/>C', 'A\nB\nC'],
    ['entities read back once, not twice', '<p>Tom &amp; Jerry &lt;3 &amp;lt;</p>', 'Tom & Jerry <3 &lt;'],
    ['bold and other tags dropped, their words kept', '<p><strong>OFFICIAL-SENSITIVE</strong></p><p>Core  group   1</p>', 'OFFICIAL-SENSITIVE\n\nCore group 1'],
  ])('%s', (_, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
