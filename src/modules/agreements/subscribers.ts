import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { rowsOf } from '../../platform/db/index.js';
import { defineRecurring, type RecurringTask } from '../../platform/jobs/index.js';
import type { AppServices, Subscriptions } from '../../platform/module.js';
import { notifyPeople } from '../../platform/notifications/index.js';
import { tenants } from '../../platform/tenants/schema.js';
import { addDays, today } from '../../platform/time.js';
import { listRoleHolders } from '../accounts/index.js';
import { listCouncilPeople } from '../councils/index.js';
import { reportsToRemind } from './commands.js';
import { agreementPath, reportPath } from './paths.js';
import { agreements } from './schema.js';

/** The council's chair and secretary: those who write its reports. */
async function keepersOf(db: Db, councilId: string): Promise<string[]> {
  return (await listCouncilPeople(db, councilId)).filter((p) => p.role === 'chair' || p.role === 'secretary').map((p) => p.userId);
}

/** The council's contact persons: those who approve its reports. */
async function contactsOf(db: Db, tenantId: string, councilId: string): Promise<string[]> {
  return (await listRoleHolders(db, tenantId, 'contact_person', 'council', [councilId])).map((h) => h.userId);
}

async function titleOf(db: Db, agreementId: string): Promise<string> {
  const [row] = await db.select({ title: agreements.title }).from(agreements).where(eq(agreements.id, agreementId));
  return row?.title ?? '';
}

/** A submitted report is news to the council's contact persons; a decision on it to the council's chair and secretary. */
export const agreementSubscriptions: Subscriptions = {
  'agreements.reportSubmitted': {
    run: 'job',
    async handle(event, { db }) {
      const { agreementId, councilId, year } = event.payload;
      const title = await titleOf(db, agreementId);
      await notifyPeople(db, {
        tenantId: event.tenantId,
        event: 'agreements.reports',
        source: `agreements.submitted:${agreementId}:${year}:${event.at}`,
        messageKey: 'agreements.notify.submitted',
        vars: { title, year: String(year) },
        link: reportPath({ id: agreementId }, year),
        topic: title,
        at: event.at,
        userIds: await contactsOf(db, event.tenantId, councilId),
        except: event.actorId,
      });
    },
  },
  'agreements.reportDecided': {
    run: 'job',
    async handle(event, { db }) {
      const { agreementId, councilId, year, decision } = event.payload;
      const title = await titleOf(db, agreementId);
      await notifyPeople(db, {
        tenantId: event.tenantId,
        event: 'agreements.reports',
        source: `agreements.decided:${agreementId}:${year}:${event.at}`,
        messageKey: decision === 'approve' ? 'agreements.notify.approved' : 'agreements.notify.returned',
        vars: { title, year: String(year) },
        link: reportPath({ id: agreementId }, year),
        topic: title,
        at: event.at,
        userIds: await keepersOf(db, councilId),
        except: event.actorId,
      });
    },
  },
};

/** How long before a report is due its writers are reminded, and before an agreement ends those concerned are told. */
export const REMIND_REPORT_DAYS = 30;
export const REMIND_ENDING_DAYS = 90;

/**
 * Every hour, in each municipality: the chair and the secretary of a council whose yearly report is
 * due within a month (or overdue) and not yet submitted are reminded once; and before an agreement
 * ends, its council's keepers, its contact persons and the administrators are told once. Each
 * reminder is noted on its row in the same statement that claims it, so two workers tell nobody twice.
 */
export function agreementReminders({ db }: AppServices): RecurringTask[] {
  return [
    defineRecurring('agreements.reminders', 60 * 60 * 1000, async () => {
      const all = await db.select({ id: tenants.id, timeZone: tenants.timeZone }).from(tenants);
      for (const tenant of all) {
        const date = today(tenant.timeZone);
        await reportsToRemind(db, tenant.id, date, REMIND_REPORT_DAYS);
        const due = rowsOf<{ id: string; agreement_id: string; year: number; council_id: string; title: string; due: string }>(
          await db.execute(sql`
            update agreement_reports r set reminded_at = now()
            from agreements a
            where a.id = r.agreement_id and r.tenant_id = ${tenant.id} and r.reminded_at is null and r.status in ('draft', 'returned')
              and to_date((r.year + 1)::text || '-' || a.report_due, 'YYYY-MM-DD') <= ${addDays(date, REMIND_REPORT_DAYS)}::date
            returning r.id, r.agreement_id, r.year, a.council_id, a.title,
              to_char(to_date((r.year + 1)::text || '-' || a.report_due, 'YYYY-MM-DD'), 'YYYY-MM-DD') as due`),
        );
        for (const r of due) {
          await notifyPeople(db, {
            tenantId: tenant.id,
            event: 'agreements.reports',
            source: `agreements.remind:${r.id}`,
            messageKey: 'agreements.notify.reportDue',
            vars: { title: r.title, year: String(r.year), due: r.due },
            link: reportPath({ id: r.agreement_id }, r.year),
            topic: r.title,
            userIds: await keepersOf(db, r.council_id),
          });
        }
        const ending = await db
          .update(agreements)
          .set({ endingToldAt: new Date() })
          .where(
            and(
              eq(agreements.tenantId, tenant.id),
              isNull(agreements.endingToldAt),
              sql`${agreements.endsOn} between ${date}::date and ${addDays(date, REMIND_ENDING_DAYS)}::date`,
            ),
          )
          .returning({ id: agreements.id, title: agreements.title, councilId: agreements.councilId, endsOn: agreements.endsOn });
        for (const a of ending) {
          const admins = (await listRoleHolders(db, tenant.id, 'admin', 'tenant', [''])).map((h) => h.userId);
          await notifyPeople(db, {
            tenantId: tenant.id,
            event: 'agreements.reports',
            source: `agreements.ending:${a.id}:${a.endsOn}`,
            messageKey: 'agreements.notify.ending',
            vars: { title: a.title, date: a.endsOn },
            link: agreementPath(a),
            topic: a.title,
            userIds: [...(await keepersOf(db, a.councilId)), ...(await contactsOf(db, tenant.id, a.councilId)), ...admins],
          });
        }
      }
    }),
  ];
}
