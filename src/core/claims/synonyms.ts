/**
 * Everyday wire-copy synonyms outside the event lexicons, folded to one term so a restatement in other words still
 * shares its terms ("edge" / "advantage", "vessels" / "ships", "faulty" / "defective").
 */
const GROUPS: ReadonlyArray<readonly string[]> = [
  ['advantage', 'edge', 'upper hand', 'benefit'],
  ['defective', 'faulty', 'dud', 'duds', 'flawed', 'poor', 'shoddy', 'substandard', 'badly'],
  ['quality', 'reliability', 'reliable'],
  ['track', 'tracked', 'tracking', 'follow', 'followed', 'trace', 'traced'],
  ['satellite', 'imagery', 'images', 'image', 'photos', 'photographs', 'pictures'],
  ['commentator', 'propagandist', 'pundit', 'presenter', 'host'],
  ['television', 'tv', 'channel', 'broadcast'],
  ['mobilization', 'mobilisation', 'conscription', 'draft', 'call-up'],
  ['shortage', 'shortages', 'lack', 'deficit', 'shortfall', 'short'],
  ['referendum', 'referendums', 'referenda', 'annexation', 'annexed'],
  ['analyst', 'analysts', 'expert', 'experts', 'researcher', 'researchers', 'scholar', 'observers'],
  ['desperation', 'desperate'],
  ['concern', 'concerned', 'worried', 'worry', 'alarm', 'alarmed'],
  ['effective', 'effectiveness', 'capable', 'capability', 'capabilities'],
  ['outdated', 'obsolete', 'antiquated', 'old'],
  ['operation', 'operations', 'mission', 'missions', 'assignment', 'assignments'],
  ['risky', 'dangerous', 'high-risk', 'risk', 'perilous'],
  ['pressure', 'strain', 'burden', 'load'],
  ['reserve', 'reserves', 'reservist', 'reservists'],
  ['visit', 'trip', 'visited', 'summit'],
  ['publish', 'published', 'release', 'released', 'text'],
  ['cargo', 'freight', 'goods'],
  ['fortification', 'fortifications', 'defenses', 'defences', 'trenches'],
  ['propaganda', 'disinformation'],
  ['document', 'documents', 'id', 'passport', 'identity', 'papers', 'card'],
  ['sanction', 'sanctions', 'sanctioned'],
  ['factory', 'factories', 'facility', 'facilities', 'plant', 'plants', 'production', 'output'],
  ['capacity', 'flat out'],
  ['hide', 'conceal', 'concealed', 'cover', 'secret', 'keep'],
  ['search', 'hunt', 'hunted', 'sought', 'seek', 'seeking', 'searching'],
  ['range', 'polygon', 'ground', 'grounds'],
  ['experience', 'experiences', 'lessons', 'practice'],
  ['command', 'commanders', 'headquarters', 'leadership', 'brass'],
  ['desertion', 'deserted', 'missing'],
  ['warehouse', 'warehouses', 'depot', 'depots', 'arsenal', 'arsenals', 'stockpiles'],
  ['port', 'ports', 'harbour', 'harbor', 'sea'],
  ['skepticism', 'scepticism', 'skeptical', 'sceptical', 'doubt', 'doubts', 'doubted'],
  ['equip', 'equipped', 'ill-equipped', 'armed'],
  ['ally', 'allies', 'allied'],
  ['provision', 'article', 'clause'],
  ['aggression', 'attack', 'attacked', 'invasion', 'invaded'],
  ['nuclear', 'atomic'],
  ['winning', 'win', 'victory', 'prevailing'],
  ['peace', 'ceasefire', 'truce', 'settlement'],
  ['prolong', 'drag', 'extend', 'extending'],
  ['telegram', 'social media'],
  ['alongside', 'beside', 'together', 'next to', 'shoulder to shoulder', 'side by side'],
  [
    'strong',
    'stronger',
    'strengthen',
    'strengthening',
    'solid',
    'solidify',
    'closer',
    'deeper',
    'deepen',
    'deepening',
    'tighter',
    'robust',
    'firmer',
  ],
  ['increasingly', 'ever', 'growing', 'becoming', 'more and more'],
];

const CANON = new Map<string, string>();
for (const g of GROUPS) for (const w of g) CANON.set(w, g[0] ?? w);

/** The canonical word for `w`, or `w` itself. */
export function canonicalWord(w: string): string {
  return CANON.get(w) ?? w;
}
