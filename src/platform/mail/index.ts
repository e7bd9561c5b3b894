import { desc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/index.js';
import { devOutbox } from './schema.js';

export interface MailMessage {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
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
        await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text });
      },
    };
  }
  return {
    mode: 'outbox',
    async send(m) {
      await db.insert(devOutbox).values({ tenantId: m.tenantId, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

export type OutboxMessage = typeof devOutbox.$inferSelect;

/** The newest mail kept in the development outbox for one tenant. */
export async function listOutbox(db: Db, tenantId: string, limit = 25): Promise<OutboxMessage[]> {
  return db.select().from(devOutbox).where(eq(devOutbox.tenantId, tenantId)).orderBy(desc(devOutbox.createdAt)).limit(limit);
}
