import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { CLASSIFICATION_HEADER, Mailer } from '../../ports/mailer';

/**
 * Local mode's mail: each message written as an RFC 822 `.eml` file (open it in any mail client)
 * under the outbox folder. The file is named by the idempotency key, so a retried send is the
 * same file, not a second message.
 */
export function fileMailer(dir: string): Mailer & { readonly dir: string } {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    dir,
    async send(mail) {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${mail.idempotencyKey.replace(/[^A-Za-z0-9._-]+/g, '_')}.eml`);
      if (fs.existsSync(file)) return;
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to.map((t) => ({ name: t.name, address: t.address })),
        subject: mail.subject,
        html: mail.html,
        ...(mail.classification ? { headers: { [CLASSIFICATION_HEADER]: mail.classification } } : {}),
        messageId: `<${mail.idempotencyKey.replace(/[^A-Za-z0-9.-]+/g, '.')}@core-groups.local>`,
        attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      // Written whole, then renamed: a crash never leaves half a message behind.
      fs.writeFileSync(`${file}.tmp`, info.message as Buffer);
      fs.renameSync(`${file}.tmp`, file);
    },
  };
}
