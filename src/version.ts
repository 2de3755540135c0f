import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

/** The package version, shown by --version and sent in the User-Agent. */
export const VERSION: string = pkg.version;
