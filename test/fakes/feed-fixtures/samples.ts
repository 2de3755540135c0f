/** Sample items about the story, for feed tests and benchmarks. */
import type { FakeItem } from '../feed-fixtures/render.ts';

export const SAMPLE_ITEMS: FakeItem[] = [
  {
    guid: 'urn:story:2',
    title: 'Pentagon: North Korean troops moving toward Kursk',
    link: 'http://news.example.test/2024/10/28/kursk',
    published: '2024-10-28T14:00:00Z',
    description: 'Short summary.',
    contentEncoded:
      '<p>The Pentagon said about <b>10,000</b> North Korean soldiers had been sent to Russia&#8217;s east.</p>' +
      '<p>Some are moving toward Kursk.<br>Officials gave no timeline.</p><script>track()</script>',
  },
  {
    guid: 'urn:story:1',
    title: 'Seoul says 1,500 special forces shipped to Vladivostok',
    link: 'http://news.example.test/2024/10/18/nis',
    published: '2024-10-18T09:30:00Z',
    description: 'South Korea&#39;s spy agency &amp; the military said the troops left by ship.',
  },
];
