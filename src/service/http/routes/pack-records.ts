import { z } from 'zod';
import type { Locale, Localized } from '../../../engine/types.ts';
import type { EcommerceDb } from '../../../packs/ecommerce/store/types.ts';
import type { HospitalDb } from '../../../packs/healthcare/store/types.ts';
import type { EducationDb } from '../../../packs/education/store/types.ts';
import type { LogisticsDb } from '../../../packs/logistics/store/types.ts';
import type { BankDb } from '../../../packs/finance/store/types.ts';

/** One business record of a customer, the same shape for every pack so that the console shows them alike. */
export const customerRecordSchema = z.object({
  pack: z.string(),
  kind: z.enum(['order', 'booking', 'shipment', 'enrolment', 'report', 'account', 'claim', 'dispute', 'ticket']),
  id: z.string(),
  status: z.string(),
  title: z.string(),
  amount: z.number().optional(),
  currency: z.string().optional(),
  /** ISO date or date-time. */
  date: z.string().optional(),
  /** Ordered label/value pairs; `key` is stable (items, tracking, carrier …) so the console can translate the label. */
  details: z.array(z.object({ key: z.string(), value: z.string() })),
});
export type CustomerRecord = z.infer<typeof customerRecordSchema>;

/** What the service knows about a customer, used to find them in a pack's backend. */
export interface CustomerKeys {
  /** Backend ids: the external id, identity values, and ids the bot authenticated in this customer's conversations. */
  ids: string[];
  emails: string[];
  phones: string[];
}

/** Finds the customer in one pack's backend and lists their records; null when the customer is not there. */
export type PackRecordReader = (data: unknown, keys: CustomerKeys, locale: Locale) => { customerId: string; matchedBy: 'id' | 'email' | 'phone'; records: CustomerRecord[] } | null;

const digits = (phone: string) => phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
const text = (value: Localized | string, locale: Locale) => (typeof value === 'string' ? value : value[locale] ?? value.zh);
const detail = (key: string, value: unknown) => ({ key, value: String(value) });

/** The first backend id matching the keys: by id, then e-mail, then phone. */
function match<T>(entries: Array<[string, T]>, keys: CustomerKeys, email: (item: T) => string | undefined, phone: (item: T) => string | undefined) {
  for (const id of keys.ids) if (entries.some(([key]) => key === id)) return { customerId: id, matchedBy: 'id' as const };
  const emails = new Set(keys.emails.map((value) => value.trim().toLowerCase()));
  const byEmail = entries.find(([, item]) => emails.has(email(item)?.toLowerCase() ?? '\u0000'));
  if (byEmail) return { customerId: byEmail[0], matchedBy: 'email' as const };
  const phones = new Set(keys.phones.map(digits).filter((value) => value.length >= 6));
  const byPhone = entries.find(([, item]) => phones.has(digits(phone(item) ?? '')));
  return byPhone ? { customerId: byPhone[0], matchedBy: 'phone' as const } : null;
}

const ecommerce: PackRecordReader = (data, keys) => {
  const db = data as EcommerceDb;
  if (!db?.users || !db.orders) return null;
  const found = match(Object.entries(db.users), keys, (user) => user.email, (user) => user.phone);
  if (!found) return null;
  const orders = db.users[found.customerId].orders.map((id) => db.orders[id]).filter(Boolean);
  const records: CustomerRecord[] = orders.map((order) => {
    const paid = order.payment_history.reduce((sum, payment) => sum + (payment.transaction_type === 'payment' ? payment.amount : 0), 0);
    const fulfilment = order.fulfillments.at(-1);
    const latest = [...(fulfilment?.events ?? [])].sort((a, b) => Date.parse(a.time) - Date.parse(b.time)).at(-1);
    return {
      pack: 'ecommerce', kind: 'order', id: order.order_id, status: order.status,
      title: order.items.map((item) => item.name).join(', '),
      amount: Math.round((paid || order.items.reduce((sum, item) => sum + item.price, 0)) * 100) / 100, currency: db.currency,
      ...(order.created_at ? { date: order.created_at } : {}),
      details: [
        detail('items', order.items.map((item) => `${item.name} (${Object.values(item.options).join(' / ') || item.item_id}) ${item.price}`).join('; ')),
        ...(fulfilment ? [detail('tracking', fulfilment.tracking_id.join(', '))] : []),
        ...(fulfilment?.carrier ? [detail('carrier', fulfilment.carrier)] : []),
        ...(latest ? [detail('latest', `${latest.time} ${latest.location ? `${latest.location} · ` : ''}${latest.description}`)] : []),
        detail('address', [order.address.address1, order.address.city].filter(Boolean).join(', ')),
      ],
    };
  });
  for (const ticket of db.tickets ?? []) {
    if (ticket.user_id !== found.customerId) continue;
    records.push({
      pack: 'ecommerce', kind: ticket.kind === 'complaint' ? 'ticket' : 'booking', id: ticket.ticket_id, status: ticket.status, title: ticket.summary,
      date: ticket.date ?? ticket.created_at,
      details: [...(ticket.order_id ? [detail('order', ticket.order_id)] : []), ...(ticket.slot ? [detail('slot', ticket.slot)] : []), ...(ticket.product ? [detail('product', ticket.product)] : [])],
    });
  }
  return { ...found, records };
};

const healthcare: PackRecordReader = (data, keys, locale) => {
  const db = data as HospitalDb;
  if (!Array.isArray(db?.patients) || !Array.isArray(db.appointments)) return null;
  const found = match(db.patients.map((patient) => [patient.id, patient]), keys, () => undefined, (patient) => patient.phone);
  if (!found) return null;
  const doctors = new Map(db.doctors.map((doctor) => [doctor.id, doctor]));
  const departments = new Map(db.departments.map((department) => [department.id, department]));
  const records: CustomerRecord[] = db.appointments.filter((appointment) => appointment.patient_id === found.customerId).map((appointment) => {
    const doctor = doctors.get(appointment.doctor_id);
    const department = departments.get(appointment.department);
    return {
      pack: 'healthcare', kind: 'booking', id: appointment.id, status: appointment.status,
      title: [department ? text(department.name, locale) : appointment.department, doctor ? text(doctor.name, locale) : appointment.doctor_id].join(' · '),
      date: appointment.date,
      details: [detail('slot', appointment.slot), ...(department ? [detail('location', text(department.location, locale))] : []), ...(doctor ? [detail('fee', text(doctor.fee, locale))] : [])],
    };
  });
  for (const report of db.reports) {
    if (report.patient_id !== found.customerId) continue;
    records.push({ pack: 'healthcare', kind: 'report', id: report.id, status: report.status, title: text(report.kind, locale), date: report.ordered_on, details: [detail('ready', report.ready_on)] });
  }
  return { ...found, records };
};

const education: PackRecordReader = (data, keys) => {
  const db = data as EducationDb;
  if (!db?.students || !Array.isArray(db.enrolments)) return null;
  const found = match(Object.entries(db.students), keys, () => undefined, (student) => student.phone);
  if (!found) return null;
  const records: CustomerRecord[] = db.enrolments.filter((enrolment) => enrolment.student_id === found.customerId).map((enrolment) => ({
    pack: 'education', kind: 'enrolment', id: enrolment.id, status: enrolment.status, title: enrolment.course_id, amount: enrolment.paid, currency: db.currency, date: enrolment.start,
    details: [detail('class', enrolment.class_id), ...(enrolment.refund ? [detail('refund', JSON.stringify(enrolment.refund))] : [])],
  }));
  return { ...found, records };
};

const logistics: PackRecordReader = (data, keys) => {
  const db = data as LogisticsDb;
  if (!db?.customers || !db.shipments) return null;
  const found = match(Object.entries(db.customers), keys, () => undefined, (customer) => customer.phone);
  if (!found) return null;
  const phone = digits(db.customers[found.customerId].phone);
  const records: CustomerRecord[] = Object.values(db.shipments)
    .filter((shipment) => shipment.sender.customer_id === found.customerId || shipment.recipient.customer_id === found.customerId)
    .map((shipment) => {
      const latest = shipment.events.at(-1);
      return {
        pack: 'logistics', kind: 'shipment', id: shipment.waybill, status: shipment.status, title: `${shipment.sender.city} → ${shipment.recipient.city} · ${shipment.contents}`,
        amount: shipment.freight, currency: db.currency, date: shipment.created_at,
        details: [detail('service', shipment.service), detail('promised', shipment.promised_by), ...(latest ? [detail('latest', `${latest.time} ${latest.city} ${latest.code}`)] : [])],
      };
    });
  for (const pickup of db.pickups) {
    if (digits(pickup.phone) !== phone || pickup.cancelled) continue;
    records.push({ pack: 'logistics', kind: 'booking', id: pickup.pickup_id, status: 'booked', title: pickup.address, date: pickup.date, details: [detail('slot', pickup.slot)] });
  }
  for (const claim of db.claims) {
    if (claim.claimant !== found.customerId) continue;
    records.push({ pack: 'logistics', kind: 'claim', id: claim.claim_id, status: claim.status, title: `${claim.kind} · ${claim.waybill}`, ...(claim.amount === null ? {} : { amount: claim.amount, currency: db.currency }), date: claim.created_at, details: [detail('rule', claim.rule)] });
  }
  return { ...found, records };
};

const finance: PackRecordReader = (data, keys, locale) => {
  const db = data as BankDb;
  if (!db?.customers || !db.accounts) return null;
  const found = match(Object.entries(db.customers), keys, () => undefined, (customer) => customer.phone);
  if (!found) return null;
  const cards = Object.values(db.cards ?? {});
  const records: CustomerRecord[] = Object.values(db.accounts).filter((account) => account.customer_id === found.customerId).map((account) => ({
    pack: 'finance', kind: 'account', id: account.account_id, status: cards.find((card) => card.account_id === account.account_id)?.status ?? 'active',
    title: text(account.name, locale), amount: account.balance, currency: account.currency,
    details: [detail('type', account.kind), ...cards.filter((card) => card.account_id === account.account_id).map((card) => detail('card', `**** ${card.last4} ${card.status}`))],
  }));
  for (const dispute of db.disputes ?? []) {
    if (dispute.customer_id !== found.customerId) continue;
    records.push({ pack: 'finance', kind: 'dispute', id: dispute.dispute_id, status: dispute.status, title: dispute.reason, amount: dispute.amount, currency: db.currency, date: dispute.created_at, details: [detail('transaction', dispute.transaction_id)] });
  }
  return { ...found, records };
};

/**
 * Record readers by pack name. A pack without per-customer data (travel: bookings are made by people) has none.
 * Adding a pack with customer records = one reader here.
 */
export const packRecordReaders: Record<string, PackRecordReader> = { ecommerce, healthcare, education, logistics, finance };
