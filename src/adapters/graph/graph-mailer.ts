import { Client } from '@microsoft/microsoft-graph-client';
import { Mailer } from '../../ports/mailer';
import { graphFailure } from './graph-errors';

/** Mail through Graph's sendMail from the configured mailbox, attachments as fileAttachments. */
export function graphMailer(client: Client): Mailer {
  return {
    async send(mail) {
      try {
        await client.api(`/users/${encodeURIComponent(mail.from)}/sendMail`).post({
          message: {
            subject: mail.subject,
            body: { contentType: 'html', content: mail.html },
            toRecipients: mail.to.map((t) => ({ emailAddress: { address: t.address, name: t.name } })),
            attachments: (mail.attachments ?? []).map((a) => ({ '@odata.type': '#microsoft.graph.fileAttachment', name: a.filename, contentType: a.contentType.split(';')[0], contentBytes: Buffer.from(a.content).toString('base64') })),
          },
          saveToSentItems: true,
        });
      } catch (e) {
        throw graphFailure(e, 'mail');
      }
    },
  };
}
