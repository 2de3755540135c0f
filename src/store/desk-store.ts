/** SQLite adapter for the DeskStore port (tables from migration 007). */
import type { ChannelTarget, OutboundMessage } from '../core/alerts.ts';
import type { Verdict } from '../core/claims/types.ts';
import type {
  ChannelMute,
  ClaimStatus,
  ClaimStatusValue,
  DeskMark,
  DeskStore,
  SubjectClaim,
} from '../core/desk/ports.ts';
import { claimKey } from '../core/watch/channel-news.ts';
import type { Database } from './db.ts';

interface ClaimColumns {
  claim_id: number | null;
  claim_text: string | null;
  claim_source: string | null;
  claim_quote: string | null;
}

interface SubjectRow extends ClaimColumns {
  ref: string;
  outbox_key: string;
  channel: string;
  sentence: string;
  verdict: string;
  item_link: string | null;
  published: string | null;
  created_at: number;
}

interface MarkRow extends ClaimColumns {
  id: number;
  ref: string | null;
  channel: string;
  sentence: string;
  sentence_key: string;
  published: string | null;
  bot_verdict: string;
  desk_verdict: string;
  user_id: string;
  user_name: string;
  marked_at: number;
}

interface MuteRow {
  id: number;
  channel: string;
  claim_key: string;
  claim_text: string;
  muted_by: string;
  muted_at: number;
}

interface StatusRow {
  claim_key: string;
  claim_text: string;
  status: string;
  note: string | null;
  set_by: string;
  set_at: number;
}

const CHUNK = 400;

function claimOf(r: ClaimColumns): SubjectClaim | null {
  if (r.claim_id === null || r.claim_text === null) return null;
  return { id: r.claim_id, text: r.claim_text, source: r.claim_source ?? '', quote: r.claim_quote ?? r.claim_text };
}

const toMark = (r: MarkRow): DeskMark => ({
  id: r.id,
  ref: r.ref,
  channel: r.channel,
  sentence: r.sentence,
  claim: claimOf(r),
  published: r.published,
  botVerdict: r.bot_verdict as Verdict,
  deskVerdict: r.desk_verdict as Verdict,
  user: r.user_id,
  userName: r.user_name,
  markedAt: r.marked_at,
});

const toMute = (r: MuteRow): ChannelMute => ({
  id: r.id,
  channel: r.channel,
  claimKey: r.claim_key,
  claimText: r.claim_text,
  mutedBy: r.muted_by,
  mutedAt: r.muted_at,
});

const toStatus = (r: StatusRow): ClaimStatus => ({
  claimKey: r.claim_key,
  claimText: r.claim_text,
  status: r.status as ClaimStatusValue,
  note: r.note,
  setBy: r.set_by,
  setAt: r.set_at,
});

export function createSqliteDeskStore(db: Database): DeskStore {
  const q = {
    saveSubject: db.prepare(
      `INSERT OR IGNORE INTO alert_subjects (ref, outbox_key, channel, sentence, sentence_key, verdict, claim_id,
         claim_text, claim_key, claim_source, claim_quote, item_link, published, created_at)
       VALUES (@ref, @outboxKey, @channel, @sentence, @sentenceKey, @verdict, @claimId, @claimText, @claimKey,
         @claimSource, @claimQuote, @itemLink, @published, @createdAt)`,
    ),
    alertOf: db.prepare<[string], { payload: string }>('SELECT payload FROM outbox WHERE key = ?'),
    subject: db.prepare<[string], SubjectRow>('SELECT * FROM alert_subjects WHERE ref = ?'),
    markBy: db.prepare<[string, string], MarkRow>('SELECT * FROM desk_marks WHERE ref = ? AND user_id = ?'),
    insertMark: db.prepare(
      `INSERT INTO desk_marks (ref, channel, sentence, sentence_key, claim_id, claim_text, claim_key, claim_source,
         claim_quote, published, bot_verdict, desk_verdict, user_id, user_name, marked_at)
       VALUES (@ref, @channel, @sentence, @sentenceKey, @claimId, @claimText, @claimKey, @claimSource, @claimQuote,
         @published, @botVerdict, @deskVerdict, @user, @userName, @markedAt)`,
    ),
    updateMark: db.prepare<[string, number, number]>(
      'UPDATE desk_marks SET desk_verdict = ?, marked_at = ? WHERE id = ?',
    ),
    markById: db.prepare<[number], MarkRow>('SELECT * FROM desk_marks WHERE id = ?'),
    marksOn: db.prepare<[string], MarkRow>('SELECT * FROM desk_marks WHERE ref = ? ORDER BY marked_at, id'),
    marks: db.prepare<[], MarkRow>('SELECT * FROM desk_marks ORDER BY marked_at, id'),
    mute: db.prepare(
      `INSERT OR IGNORE INTO channel_mutes (channel, claim_key, claim_text, muted_by, muted_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    muteOf: db.prepare<[string, string], MuteRow>('SELECT * FROM channel_mutes WHERE channel = ? AND claim_key = ?'),
    muteById: db.prepare<[string, number], MuteRow>('SELECT * FROM channel_mutes WHERE channel = ? AND id = ?'),
    unmute: db.prepare<[number]>('DELETE FROM channel_mutes WHERE id = ?'),
    mutesIn: db.prepare<[string], MuteRow>('SELECT * FROM channel_mutes WHERE channel = ? ORDER BY id'),
    allMutes: db.prepare<[], MuteRow>('SELECT * FROM channel_mutes ORDER BY channel, id'),
    setStatus: db.prepare(
      `INSERT INTO claim_status (claim_key, claim_text, status, note, set_by, set_at)
       VALUES (@claimKey, @claimText, @status, @note, @setBy, @setAt)
       ON CONFLICT (claim_key) DO UPDATE SET status = excluded.status, note = excluded.note,
         set_by = excluded.set_by, set_at = excluded.set_at, claim_text = excluded.claim_text`,
    ),
  };
  const inChunks = <R>(keys: readonly string[], sql: (marks: string) => string, head: readonly unknown[]): R[] => {
    const out: R[] = [];
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      out.push(...(db.prepare(sql(`${'?,'.repeat(chunk.length - 1)}?`)).all(...head, ...chunk) as R[]));
    }
    return out;
  };
  const claimParams = (c: SubjectClaim | null) => ({
    claimId: c?.id ?? null,
    claimText: c?.text ?? null,
    claimKey: c ? claimKey(c.text) : null,
    claimSource: c?.source ?? null,
    claimQuote: c?.quote ?? null,
  });

  return {
    alertOf(key) {
      const row = q.alertOf.get(key);
      if (!row) return undefined;
      const message = JSON.parse(row.payload) as OutboundMessage;
      return message.kind === 'alert' ? message.alert : undefined;
    },
    saveSubject(s) {
      q.saveSubject.run({
        ref: s.ref,
        outboxKey: s.outboxKey,
        channel: s.channel,
        sentence: s.sentence,
        sentenceKey: claimKey(s.sentence),
        verdict: s.verdict,
        ...claimParams(s.claim),
        itemLink: s.itemLink,
        published: s.published,
        createdAt: s.createdAt,
      });
    },
    subject(ref) {
      const r = q.subject.get(ref);
      if (!r) return undefined;
      return {
        ref: r.ref,
        outboxKey: r.outbox_key,
        channel: r.channel,
        sentence: r.sentence,
        verdict: r.verdict as Verdict,
        claim: claimOf(r),
        itemLink: r.item_link,
        published: r.published,
        createdAt: r.created_at,
      };
    },
    mark(m) {
      return db.transaction(() => {
        const earlier = m.ref === null ? undefined : q.markBy.get(m.ref, m.user);
        if (earlier) {
          if (earlier.desk_verdict === m.deskVerdict) return { mark: toMark(earlier), changed: false };
          q.updateMark.run(m.deskVerdict, m.markedAt, earlier.id);
          return { mark: toMark(q.markById.get(earlier.id) as MarkRow), changed: true };
        }
        const id = Number(
          q.insertMark.run({
            ref: m.ref,
            channel: m.channel,
            sentence: m.sentence,
            sentenceKey: claimKey(m.sentence),
            ...claimParams(m.claim),
            published: m.published,
            botVerdict: m.botVerdict,
            deskVerdict: m.deskVerdict,
            user: m.user,
            userName: m.userName,
            markedAt: m.markedAt,
          }).lastInsertRowid,
        );
        return { mark: toMark(q.markById.get(id) as MarkRow), changed: true };
      })();
    },
    marksOn: (ref) => q.marksOn.all(ref).map(toMark),
    marks: () => q.marks.all().map(toMark),
    latestBySentence(keys) {
      const rows = inChunks<MarkRow>(
        keys,
        (marks) => `SELECT * FROM desk_marks WHERE sentence_key IN (${marks}) ORDER BY marked_at, id`,
        [],
      );
      // later rows overwrite earlier ones: the newest mark wins
      return new Map(rows.map((r) => [r.sentence_key, toMark(r)]));
    },
    mute(channel, key, text, by, now) {
      q.mute.run(channel, key, text, by, now);
      return toMute(q.muteOf.get(channel, key) as MuteRow);
    },
    unmute(channel, id) {
      const row = q.muteById.get(channel, id);
      if (!row) return undefined;
      q.unmute.run(id);
      return toMute(row);
    },
    mutes: (channel?: ChannelTarget) => (channel ? q.mutesIn.all(channel) : q.allMutes.all()).map(toMute),
    mutedIn(channel, keys) {
      if (keys.length === 0) return new Set();
      const rows = inChunks<{ claim_key: string }>(
        keys,
        (marks) => `SELECT claim_key FROM channel_mutes WHERE channel = ? AND claim_key IN (${marks})`,
        [channel],
      );
      return new Set(rows.map((r) => r.claim_key));
    },
    setStatus(s) {
      q.setStatus.run({ ...s });
    },
    statuses(keys) {
      const rows = inChunks<StatusRow>(keys, (marks) => `SELECT * FROM claim_status WHERE claim_key IN (${marks})`, []);
      return new Map(rows.map((r) => [r.claim_key, toStatus(r)]));
    },
  };
}
