/**
 * `npm run bench [-- --json] [-- --sentences N --max-claims N]`. Runs each section in one process and merges their
 * figures into one object; with --json that object is printed as the last line. Peak RSS covers the whole run.
 *
 * To add a section: write `run(ctx)` returning flat numeric figures (snake_case keys) and list it in SECTIONS.
 */
import { runEngineBench } from './engine.ts';

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
  run(ctx: BenchContext): Promise<BenchFigures>;
}

const SECTIONS: BenchSection[] = [{ name: 'engine', run: runEngineBench }];

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const ctx: BenchContext = {
    json,
    log: (line) => process.stderr.write(`${line}\n`),
    option(name, fallback) {
      const i = argv.indexOf(`--${name}`);
      const value = i >= 0 ? Number(argv[i + 1]) : Number.NaN;
      return Number.isFinite(value) && value > 0 ? value : fallback;
    },
  };
  const figures: BenchFigures = {};
  for (const section of SECTIONS) {
    ctx.log(`== ${section.name}`);
    Object.assign(figures, await section.run(ctx));
  }
  figures.peak_rss_mb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  if (json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } else {
    for (const [key, value] of Object.entries(figures)) process.stdout.write(`${key.padEnd(28)} ${value}\n`);
  }
}

await main(process.argv.slice(2));
