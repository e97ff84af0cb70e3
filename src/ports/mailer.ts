export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
}

export interface OutgoingMail {
  /** The sending mailbox (the chair's or a shared one). */
  readonly from: string;
  readonly to: readonly { readonly name: string; readonly address: string }[];
  readonly subject: string;
  readonly html: string;
  readonly attachments?: readonly MailAttachment[];
  /** Makes a retried send recognisable as the same message (Message-ID locally; Graph has none). */
  readonly idempotencyKey: string;
}

/** Sends mail to people the bot cannot reach: parents, carers, anyone outside the tenant. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
