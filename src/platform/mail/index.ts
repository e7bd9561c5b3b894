import { and, desc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/index.js';
import { devOutbox } from './schema.js';

export interface MailMessage {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  /** An HTML part beside the text (a notification or a digest). */
  html?: string;
  /** Extra headers, such as `List-Unsubscribe` (RFC 8058). */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** 'smtp' sends to the configured server; 'outbox' keeps mail for the /dev/outbox page. */
  mode: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
}

/** Sends over SMTP when SMTP_URL is set; otherwise keeps each message in the development outbox. */
export function createMailer(db: Db, opts: { smtpUrl?: string; from: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      mode: 'smtp',
      async send(m) {
        await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
      },
    };
  }
  return {
    mode: 'outbox',
    async send(m) {
      await db.insert(devOutbox).values({ tenantId: m.tenantId, to: m.to, subject: m.subject, text: m.text, html: m.html ?? null, headers: m.headers ?? {} });
    },
  };
}

export type OutboxMessage = typeof devOutbox.$inferSelect;

/** The newest mail kept in the development outbox for one tenant. */
export async function listOutbox(db: Db, tenantId: string, limit = 25): Promise<OutboxMessage[]> {
  return db.select().from(devOutbox).where(eq(devOutbox.tenantId, tenantId)).orderBy(desc(devOutbox.createdAt)).limit(limit);
}

/** One message of the development outbox (its HTML part is shown on a page of its own). */
export async function getOutboxMessage(db: Db, tenantId: string, id: string): Promise<OutboxMessage | null> {
  const [m] = await db
    .select()
    .from(devOutbox)
    .where(and(eq(devOutbox.tenantId, tenantId), eq(devOutbox.id, id)))
    .limit(1);
  return m ?? null;
}
