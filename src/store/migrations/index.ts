/**
 * Every schema migration, oldest first. Append new ones; never edit or reorder a released one.
 */
import { claimsMigration } from './001-claims.ts';
import { watchMigration } from './002-watch.ts';
import { evidenceByClaimMigration } from './003-evidence-by-claim.ts';
import { channelNewsMigration } from './004-channel-news.ts';
import { outboxClaimsMigration } from './005-outbox-claims.ts';
import { watchMetaMigration } from './006-watch-meta.ts';
import { deskMarksMigration } from './007-desk-marks.ts';
import { llmJudgeMigration } from './008-llm-judge.ts';
import type { Migration } from './types.ts';

export type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [
  claimsMigration,
  watchMigration,
  evidenceByClaimMigration,
  channelNewsMigration,
  outboxClaimsMigration,
  watchMetaMigration,
  deskMarksMigration,
  llmJudgeMigration,
];
