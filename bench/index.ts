/**
 * `npm run bench [-- --json] [-- --sentences N --max-claims N --feeds N …]`.
 *
 * Each section runs in its own child process (`--section NAME`), so its peak RSS is its own workload's and not the
 * high-water mark of the sections before it. The parent merges every section's figures into one object; with --json
 * that object is the last line of stdout. Progress goes to stderr.
 *
 * To add a section: write `run(ctx)` returning flat numeric figures (snake_case keys) and list it in SECTIONS with the
 * key its peak RSS is reported under.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export type BenchFigures = Record<string, number>;

export interface BenchContext {
  json: boolean;
  /** Progress for people; figures go in the returned object. */
  log(line: string): void;
  /** `--name N` from the command line, else `fallback`. */
  option(name: string, fallback: number): number;
}

export interface BenchSection {
  name: string;
  /** The section models the running service: its process gets the node flags `npm start` gives the service. */
  service?: boolean;
  /** Figure the section's peak RSS (MB) is reported under, unless the section reports it itself. */
  peakKey: string;
  run(ctx: BenchContext): Promise<BenchFigures>;
}

// Imported when run, so a section's process loads only its own code (and its RSS counts only that).
const SECTIONS: BenchSection[] = [
  { name: 'check', peakKey: 'check_peak_rss_mb', run: async (ctx) => (await import('./engine.ts')).runCheckBench(ctx) },
  {
    name: 'scale',
    peakKey: 'peak_rss_mb',
    service: true,
    run: async (ctx) => (await import('./engine.ts')).runScaleBench(ctx),
  },
  {
    name: 'feeds',
    peakKey: 'feeds_peak_rss_mb',
    service: true,
    run: async (ctx) => (await import('./feeds.ts')).runFeedsBench(ctx),
  },
];

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const only = argValue(argv, 'section');
  const wanted = argValue(argv, 'only')?.split(',');
  if (only !== undefined) {
    const section = SECTIONS.find((s) => s.name === only);
    if (!section) throw new Error(`no bench section named ${only}`);
    const figures = await section.run(context(argv, json));
    figures[section.peakKey] ??= Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const figures: BenchFigures = {};
  for (const section of SECTIONS.filter((s) => !wanted || wanted.includes(s.name))) {
    process.stderr.write(`== ${section.name}\n`);
    Object.assign(figures, await runChild(section, argv));
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } else {
    for (const [key, value] of Object.entries(figures)) process.stdout.write(`${key.padEnd(30)} ${value}\n`);
  }
}

function context(argv: string[], json: boolean): BenchContext {
  return {
    json,
    log: (line) => process.stderr.write(`${line}\n`),
    option(name, fallback) {
      const value = Number(argValue(argv, name));
      return Number.isFinite(value) && value > 0 ? value : fallback;
    },
  };
}

/** Node flags of package.json's `start` script (e.g. the heap limit), so the service is measured as it runs. */
function serviceNodeFlags(): string[] {
  const pkg = createRequire(import.meta.url)('../package.json') as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  const flags: string[] = [];
  // the script is `exec node FLAGS… bin/claimwatch.js run`: the flags follow `node`
  for (const word of words.slice(words.indexOf('node') + 1)) {
    if (!word.startsWith('--')) break;
    flags.push(word);
  }
  return flags;
}

/** Runs one section in a fresh `node --import tsx` process and reads the JSON object it prints last. */
function runChild(section: BenchSection, argv: string[]): Promise<BenchFigures> {
  const { name } = section;
  const self = fileURLToPath(import.meta.url);
  const flags = section.service ? serviceNodeFlags() : [];
  // the same loopback-only network guard as the tests: a benchmark never reaches past this machine
  const guard = fileURLToPath(new URL('../test/setup/network-guard.ts', import.meta.url));
  const args = [
    ...flags,
    '--import',
    'tsx',
    '--import',
    guard,
    self,
    ...argv.filter((a) => a !== '--json'),
    '--section',
    name,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`bench section ${name} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as BenchFigures);
      } catch {
        reject(new Error(`bench section ${name} printed no JSON figures`));
      }
    });
  });
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

await main(process.argv.slice(2));
