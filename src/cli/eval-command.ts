import type { Command } from 'commander';

// Placeholder until this group of commands is written.
export function registerEvalCommand(_program: Command): void {}
