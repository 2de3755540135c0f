/**
 * Node arguments for a child process started by a test: tsx plus the same loopback-only network guard the tests run
 * under, so nothing a child does (a CLI command, the service) can leave this machine. Absolute paths, so a child may
 * run in any working directory.
 */
import { createRequire } from 'node:module';

const TSX_LOADER = createRequire(import.meta.url).resolve('tsx');

export const GUARDED_NODE_ARGS: readonly string[] = [
  '--import',
  TSX_LOADER,
  '--import',
  new URL('./network-guard.ts', import.meta.url).pathname,
];
