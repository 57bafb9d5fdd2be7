/**
 * The transactional outbox, for the use cases: `recordEvent(tx, …)` inside the transaction of
 * the change that causes the event. The writer itself lives in lib/core/outbox.ts so that the
 * operation machine (lib/operations, below the domain) can record operation events too.
 */
export { recordEvent, emailRecipients, recipientsOf, type OutboxEventInput, type Recipient } from '@/lib/core/outbox';
