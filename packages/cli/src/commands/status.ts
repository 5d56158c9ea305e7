import type { MessageStatus } from '@sms-partner/core';
import type { Command } from 'commander';
import type { CommandContext } from '../internal/context.js';
import { type Paint, type Style, usageError, writeJson } from '../internal/io.js';

const STATUS_STYLE: Record<MessageStatus['status'], Style> = {
  delivered: 'green',
  waiting: 'yellow',
  not_delivered: 'red',
  ko: 'red',
  unknown: 'dim',
};

function rows(items: readonly MessageStatus[], paint: Paint): string {
  const width = Math.max(0, ...items.map((i) => i.phoneNumber.length));
  return items
    .map((item) => {
      const status = paint(item.status.padEnd(13), STATUS_STYLE[item.status]);
      const date = item.date ? item.date.toISOString() : '';
      return `${item.phoneNumber.padEnd(width)}  ${status}  ${paint(date, 'dim')}\n`;
    })
    .join('');
}

/** `sms-partner status`: delivery statuses of a send, of one recipient, or of a tag. */
export function registerStatus(program: Command, contextOf: (command: Command) => CommandContext) {
  return program
    .command('status')
    .summary('delivery status of a send, one recipient or a tag')
    .description(
      'Shows delivery statuses: every recipient of a send (GET /v1/bulk-status), one recipient ' +
        '(GET /v1/message-status), or every send with a tag (GET /v1/bulk-status-by-tag).',
    )
    .argument('[messageId]', 'the id `sms-partner send` printed')
    .argument('[phoneNumber]', 'only this recipient')
    .option('--tag <tag>', 'every status of the sends with this tag, instead of a message id')
    .option('--json', 'print the statuses as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  sms-partner status 31337\n  sms-partner status 31337 0612345678\n  sms-partner status --tag promo-juin --json',
    )
    .action(
      async (
        messageId: string | undefined,
        phoneNumber: string | undefined,
        flags: { tag?: string; json?: boolean },
        self: Command,
      ) => {
        const context = contextOf(self);
        if ((messageId === undefined) === (flags.tag === undefined)) {
          throw usageError('give a message id or --tag, one of the two.');
        }
        const client = context.client();
        const request = { signal: context.signal };
        let items: MessageStatus[];
        if (flags.tag !== undefined) {
          items = [];
          for await (const item of client.status.iterateByTag(flags.tag, request)) items.push(item);
        } else if (phoneNumber !== undefined) {
          const { raw: _raw, ...one } = await client.status.get(
            { messageId: messageId!, phoneNumber },
            request,
          );
          items = [one];
        } else {
          items = (await client.status.byMessage(messageId!, request)).items;
        }
        if (flags.json) {
          writeJson(context.io.stdout, items);
          return;
        }
        if (items.length === 0) {
          context.io.stderr.write('sms-partner: no status found.\n');
          return;
        }
        context.io.stdout.write(rows(items, context.paint));
      },
    );
}
