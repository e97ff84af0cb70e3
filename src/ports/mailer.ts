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
  /**
   * The Government Security Classification, sent as the CLASSIFICATION_HEADER header too, so the
   * council's Exchange Online mail-flow rule can encrypt the message for recipients outside the
   * organisation (Microsoft Purview Message Encryption: they open it at a link after signing in with
   * a one-time code sent to their address). See docs/security.md.
   */
  readonly classification?: 'OFFICIAL-SENSITIVE';
  /** Makes a retried send recognisable as the same message (Message-ID locally; Graph has none). */
  readonly idempotencyKey: string;
}

/** The header a mail-flow rule matches to encrypt classified mail ("X-" names are the ones Graph lets an app set). */
export const CLASSIFICATION_HEADER = 'X-Core-Groups-Classification';

/** Sends mail to people the bot cannot reach: parents, carers, anyone outside the tenant. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
