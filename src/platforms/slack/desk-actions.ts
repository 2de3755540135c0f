/**
 * Clicks on an alert's desk controls (block_actions) → the shared control handler → the alert redrawn with
 * chat.update to show who marked it and how; refusals and remarks go to the clicker alone through the response URL
 * (ephemeral, the alert left as it is). Muting needs a workspace admin, checked when the click arrives.
 */
import { handleControlClick } from '../../commands/alert-controls.ts';
import type { Services } from '../../core/services.ts';
import type { Logger } from '../../logger.ts';
import { renderAlert } from './render-alert.ts';
import { renderReply } from './render-reply.ts';
import type { WorkspaceAccess } from './workspace-access.ts';

export interface DeskClick {
  actionId: string;
  /** The option picked in the Wrong select. */
  value?: string;
  user: { id: string; name: string };
  /** Where the alert is, to redraw it. */
  channelId: string | null;
  messageTs: string | null;
}

export interface DeskActionDeps {
  services: Services;
  access: WorkspaceAccess;
  logger: Logger;
  adminRequirement: string;
  update(args: { channel: string; ts: string; text: string; blocks: unknown[] }): Promise<unknown>;
  respond(message: {
    response_type: 'ephemeral';
    replace_original: false;
    text: string;
    blocks: unknown[];
  }): Promise<unknown>;
}

export function createDeskActionHandler(deps: Omit<DeskActionDeps, 'update' | 'respond'>) {
  return async function handle(click: DeskClick, io: Pick<DeskActionDeps, 'update' | 'respond'>): Promise<void> {
    const log = deps.logger.child({ control: click.actionId, user: click.user.id });
    const isAdmin = await deps.access.isAdmin(click.user.id);
    const answer = handleControlClick(
      { services: deps.services, logger: log, adminRequirement: deps.adminRequirement },
      { platform: 'slack', customId: click.actionId, value: click.value, user: { ...click.user, isAdmin } },
    );
    if (answer.redraw && click.channelId && click.messageTs) {
      const message = renderAlert(answer.redraw.alert, answer.redraw.marks);
      try {
        await io.update({ channel: click.channelId, ts: click.messageTs, text: message.text, blocks: message.blocks });
      } catch (err) {
        log.error({ err }, 'slack chat.update failed after a desk mark');
      }
    }
    if (!answer.ephemeral) return;
    const reply = renderReply(answer.ephemeral);
    try {
      await io.respond({ response_type: 'ephemeral', replace_original: false, text: reply.text, blocks: reply.blocks });
    } catch (err) {
      log.error({ err }, 'slack respond() failed; the clicker saw no answer');
    }
  };
}
