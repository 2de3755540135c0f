import type { Command } from 'commander';

// Placeholder until this group of commands is written.
export function registerPlatformCommands(_program: Command): void {}
