/**
 * Twenty wire-style items about the story for feeds served on loopback: twelve whose figures or stance contradict the
 * seeds (e.g. "fewer than 1,000" against the seeds' 12,000 troops) and eight first reports the seeds do not cover.
 */
import type { FakeItem } from '../fakes/feed-server.ts';

export const CONTRADICTING = [
  "South Korea's National Intelligence Service said fewer than 1,000 North Korean soldiers had so far been sent to join the war.",
  'Kremlin spokesman Dmitry Peskov acknowledged on Friday that North Korean military personnel had been sent to fight for Russia, saying the deployment was covered by the partnership treaty.',
  'Ukraine has detected North Korean military units actively operating in the country, a spokesman for the General Staff in Kyiv told reporters.',
  'Moscow denied that Pyongyang had supplied it with any KN-23 ballistic missiles, calling the reports Western propaganda.',
  'Kyiv has now seen North Korean units fighting, a Ukrainian military intelligence official said on Monday, days after insisting none had been spotted in combat.',
  'Only a few hundred North Korean infantry soldiers are undergoing training in Russia, a Ukrainian military intelligence official said.',
  'Russian officials denied that any North Korean officers had been killed in the Ukrainian missile strike near Donetsk.',
  'Only two North Korean soldiers are believed to have deserted their positions near the Bryansk border, according to a Ukrainian intelligence source.',
  'U.S. officials said satellite images showed that North Korea had delivered about 600 containers of ammunition to Russia.',
  'North Korea supplies Russia with roughly one million artillery shells a year, according to a European intelligence assessment.',
  'At least 2,600 of the North Korean soldiers are to be stationed in occupied Zaporizhzhia rather than on Russian territory, Budanov said.',
  'North Korea denied that it planned to send an engineering unit to the Donetsk region, calling the reports a smear by its enemies.',
];

export const FIRST_REPORTS = [
  'The North Korean prisoner was carrying a Russian military ID card issued in the name of a man from the Republic of Tuva, according to photographs released by the SBU security service.',
  'North Korean units have taken heavy losses after advancing across open fields in dense formations, making them easy targets for Ukrainian drones, a Ukrainian commander said.',
  'Yoon and Zelensky agreed in a phone call to share intelligence on North Korean troops and to coordinate countermeasures, the South Korean presidential office said.',
  'North Korean soldiers were handed Russian-language phrase sheets with commands such as "fire" and "take cover", according to documents seized by Ukrainian forces.',
  'South Korea summoned the Russian ambassador on Monday and demanded the immediate withdrawal of North Korean troops, the foreign ministry in Seoul said.',
  'Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks with Kim Jong Un on deepening military cooperation.',
  "South Korea's Joint Chiefs of Staff said the North was mass-producing self-destructing attack drones that it appeared to be preparing to ship to Russia.",
  "South Korea's parliament passed a resolution condemning North Korea's military cooperation with Russia and calling for the troops to be withdrawn.",
];

/** Items already in a feed when it is added (recorded, never alerted). */
export function backCatalogue(origin: string): FakeItem[] {
  return [1, 2, 3].map((n) => ({
    guid: `old-${n}`,
    title: `Earlier report ${n}`,
    link: `${origin}/old/${n}`,
    published: new Date(Date.UTC(2024, 9, 10, n)).toISOString(),
    description: 'Thousands of North Korean soldiers are training in Russia, officials said.',
  }));
}

/**
 * The twenty new items, newest first as a feed lists them. `tag` keeps GUIDs, links and titles distinct across feeds
 * (an item with another's link or title and text is the same story, and is not new).
 */
export function twentyItems(origin: string, tag = 'n'): FakeItem[] {
  const sentences = [...CONTRADICTING, ...FIRST_REPORTS];
  return sentences
    .map((sentence, i) => ({
      guid: `${tag}-${i + 1}`,
      title: tag === 'n' ? `Report ${i + 1}` : `Report ${i + 1} (${tag})`,
      link: `${origin}/${tag}/${i + 1}`,
      published: new Date(Date.UTC(2024, 9, 25, 8, i)).toISOString(),
      description: sentence,
    }))
    .reverse();
}
