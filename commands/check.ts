/**
 * /check — judge a text or a web page against the known claims without saving anything. Answers only the caller
 * unless `public` is true.
 */
import { reportSections, sectionText } from '../src/commands/alert-view.ts';
import { link, plural } from '../src/commands/format.ts';
import type { CommandModule } from '../src/core/commands.ts';
import { UserError } from '../src/core/errors.ts';

/** Sections shown in one answer; the rest are counted. */
const MAX_SECTIONS = 10;

const check: CommandModule = {
  name: 'check',
  description: 'Check a text or a web page against the known claims',
  permission: 'member',
  // a URL is fetched and extracted, which can take seconds
  slow: true,
  options: [
    { name: 'text', description: 'Text to check', type: 'string' },
    { name: 'url', description: 'Web page to fetch and check', type: 'string' },
    { name: 'public', description: 'Show the answer to the channel (default: only you)', type: 'boolean' },
  ],
  async handler(ctx, args) {
    const text = typeof args.text === 'string' ? args.text.trim() : '';
    const url = typeof args.url === 'string' ? args.url.trim() : '';
    if ((text === '') === (url === '')) throw new UserError('bad_input', 'Give either `text` or `url` (one of them).');
    const page = url ? await ctx.services.check.url(url) : null;
    const report = page ?? (await ctx.services.check.text(text));
    const { verdict, label, sections } = reportSections(report);
    const shown = sections.slice(0, MAX_SECTIONS);
    const head = page ? `${link(page.title ?? page.url, page.url)}\n` : '';
    const summary =
      sections.length === 0
        ? 'No sentence here is about the story I follow.'
        : `${plural(sections.length, 'claim')} on topic${sections.length > shown.length ? `, first ${shown.length} shown` : ''}.`;
    return {
      ephemeral: args.public !== true,
      title: label,
      text: `${head}${summary}`,
      fields: shown.map((s) => ({ name: s.label, value: sectionText(s) })),
      tone: verdict,
    };
  },
};

export default check;
