/**
 * The ChatSink for `console:NAME` channels, used when no chat platform is configured: alerts are written to stdout
 * (logs go to stderr), human-readable by default or one JSON line per message with `json`.
 */
import type { ChatSink, DeliveryResult, OutboundMessage } from '../../core/alerts.ts';
import { alertJsonLine, alertText } from './console-format.ts';

export interface ConsoleSinkOptions {
  json?: boolean;
  /** Where lines go; default process.stdout (synchronous for files and pipes, so a line is out before a crash). */
  write?: (text: string) => void;
}

export function createConsoleSink(opts: ConsoleSinkOptions = {}): ChatSink {
  const write = opts.write ?? ((text: string) => process.stdout.write(text));
  return {
    platform: 'console',
    async deliver(message: OutboundMessage): Promise<DeliveryResult> {
      try {
        write(`${opts.json ? alertJsonLine(message) : alertText(message)}\n`);
        return { ok: true };
      } catch (err) {
        return { ok: false, retryable: true, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
