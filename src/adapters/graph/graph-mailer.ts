import { Client } from '@microsoft/microsoft-graph-client';
import { CLASSIFICATION_HEADER, Mailer, OutgoingMail } from '../../ports/mailer';
import { graphFailure } from './graph-errors';

/**
 * A named MAPI property on each message Core Groups sends, holding the send's idempotency key: Graph
 * has no idempotency for mail, but a message carrying the key can be found again.
 */
export const MAIL_KEY_PROPERTY = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CoreGroupsMailKey';

const odataString = (s: string) => s.replace(/'/g, "''");

/**
 * Mail through Graph from the configured mailbox, sent exactly once: the message is created as a
 * draft carrying its idempotency key, then sent. A retry first looks the key up across the mailbox:
 * already sent, nothing happens; a draft left by a crash between the two steps, it is sent; neither,
 * a new draft is made. Attachments travel as fileAttachments.
 */
export function graphMailer(client: Client): Mailer {
  return {
    async send(mail) {
      const mailbox = `/users/${encodeURIComponent(mail.from)}`;
      try {
        const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${odataString(MAIL_KEY_PROPERTY)}' and ep/value eq '${odataString(mail.idempotencyKey)}')`;
        const found = ((await client.api(`${mailbox}/messages`).filter(filter).select('id,isDraft').get()) as { value: { id: string; isDraft: boolean }[] })
          .value;
        if (found.some((x) => !x.isDraft)) return;
        const draft = found[0] ?? ((await client.api(`${mailbox}/messages`).post(draftOf(mail))) as { id: string });
        await client.api(`${mailbox}/messages/${encodeURIComponent(draft.id)}/send`).post({});
      } catch (e) {
        throw graphFailure(e, 'mail');
      }
    },
  };
}

function draftOf(mail: OutgoingMail) {
  return {
    subject: mail.subject,
    body: { contentType: 'html', content: mail.html },
    toRecipients: mail.to.map((t) => ({ emailAddress: { address: t.address, name: t.name } })),
    attachments: (mail.attachments ?? []).map((a) => ({
      '@odata.type': '#microsoft.graph.fileAttachment',
      name: a.filename,
      contentType: a.contentType.split(';')[0],
      contentBytes: Buffer.from(a.content).toString('base64'),
    })),
    singleValueExtendedProperties: [{ id: MAIL_KEY_PROPERTY, value: mail.idempotencyKey }],
    ...(mail.classification ? { internetMessageHeaders: [{ name: CLASSIFICATION_HEADER, value: mail.classification }] } : {}),
  };
}
