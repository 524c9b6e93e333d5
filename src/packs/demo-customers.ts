import type { EcommerceDb } from './ecommerce/store/types.ts';
import type { EducationDb } from './education/store/types.ts';
import type { BankDb } from './finance/store/types.ts';
import type { HospitalDb } from './healthcare/store/types.ts';
import type { LogisticsDb } from './logistics/store/types.ts';
import { PACK_MODULES } from './registry.ts';

/** One customer of a pack's demo backend a newcomer can play, with what identifies them and one thing of theirs to ask about. */
export interface DemoCustomer {
  /** Which demo backend: `ecommerce` (Chinese store), `ecommerce (en)` (the English τ-bench store), `finance` … */
  backend: string;
  name: string;
  /** How the bot verifies this customer, in the order it asks (phone / e-mail / name + zip / ID digits …). */
  identity: string[];
  /** An order, booking, card, waybill or class of theirs, with its state, to ask about. */
  item: string;
}

type Picker<Db> = (db: Db, count: number) => DemoCustomer[];

/** Items in these states first: what a newcomer most wants to try (cancel a pending order, return a delivered one …). */
const byPreference = <T>(items: T[], state: (item: T) => string, preferred: string[]): T[] => {
  const rank = (item: T) => (preferred.includes(state(item)) ? preferred.indexOf(state(item)) : preferred.length);
  return [...items].sort((a, b) => rank(a) - rank(b));
};

/** Customers with an order of a different state each (pending, delivered, processed …), so each flow has someone to try it on. */
const storeCustomers = (backend: string, zipLabel: string): Picker<EcommerceDb> => (db, count) => {
  const seenStatus = new Set<string>();
  const seenUser = new Set<string>();
  const picked: DemoCustomer[] = [];
  for (const order of byPreference(Object.values(db.orders), (order) => order.status, ['pending', 'delivered', 'processed'])) {
    const user = db.users[order.user_id];
    if (!user || seenStatus.has(order.status) || seenUser.has(order.user_id)) continue;
    seenStatus.add(order.status);
    seenUser.add(order.user_id);
    const name = backend === 'ecommerce' ? `${user.name.last_name}${user.name.first_name}` : `${user.name.first_name} ${user.name.last_name}`;
    const phone = (user as { phone?: string }).phone;
    picked.push({
      backend, name,
      identity: [...(phone ? [phone] : []), user.email, `${zipLabel} ${user.address.zip}`],
      item: `${order.order_id} ${order.status} (${order.items.map((item) => item.name).slice(0, 2).join(', ')})`,
    });
    if (picked.length === count) break;
  }
  return picked;
};

const bankCustomers: Picker<BankDb> = (db, count) => Object.values(db.customers).slice(0, count).map((customer) => {
  const card = Object.values(db.cards).find((each) => each.customer_id === customer.customer_id);
  return {
    backend: 'finance', name: `${customer.name.zh} ${customer.name.en}`, identity: [customer.phone, `ID …${customer.id_last4}`],
    item: card ? `${card.kind} card …${card.last4} ${card.status}` : `risk level ${customer.risk_level ?? 'not assessed'}`,
  };
});

const hospitalPatients: Picker<HospitalDb> = (db, count) => db.patients
  .map((patient) => ({ patient, appointment: db.appointments.find((each) => each.patient_id === patient.id && each.status === 'booked') }))
  .filter((entry) => entry.appointment)
  .slice(0, count)
  .map(({ patient, appointment }) => ({
    backend: 'healthcare', name: patient.name, identity: [patient.phone],
    item: `appointment ${appointment!.id} ${appointment!.department} ${appointment!.date} ${appointment!.slot}`,
  }));

/** Senders of parcels in different states (in transit, delayed, lost …): tracking, delay notices and claims. */
const logisticsSenders: Picker<LogisticsDb> = (db, count) => {
  const seen = new Set<string>();
  const picked: DemoCustomer[] = [];
  for (const shipment of byPreference(Object.values(db.shipments), (shipment) => shipment.status, ['delayed', 'lost', 'in_transit'])) {
    if (seen.has(shipment.status)) continue;
    seen.add(shipment.status);
    picked.push({ backend: 'logistics', name: shipment.sender.name, identity: [shipment.sender.phone], item: `waybill ${shipment.waybill} ${shipment.status}` });
    if (picked.length === count) break;
  }
  return picked;
};

const educationStudents: Picker<EducationDb> = (db, count) => Object.values(db.students).slice(0, count).map((student) => {
  const enrolment = db.enrolments.find((each) => each.student_id === student.id);
  return {
    backend: 'education', name: `${student.name.zh} ${student.name.en}`, identity: [student.phone],
    item: enrolment ? `class ${enrolment.class_id} ${enrolment.status}, starts ${enrolment.start}` : `classes ${student.class_ids.join(', ') || '—'}`,
  };
});

/**
 * A few customers per demo backend of the installed packs, read from the packs' own demo data (never invented), so that
 * `lingxi serve` can print who to be in the demo shop. The travel pack has no customers (its tools look up places).
 */
export async function demoCustomers(count = 3): Promise<DemoCustomer[]> {
  const load = async <Db>(pack: string, options: { db?: string; locale?: 'zh' | 'en' }, pick: Picker<Db>) => pick(await PACK_MODULES[pack].loadData(options) as Db, count);
  const groups = await Promise.all([
    load('ecommerce', { locale: 'zh' }, storeCustomers('ecommerce', '邮编 zip')),
    load('ecommerce', { locale: 'en' }, storeCustomers('ecommerce (en)', 'zip')),
    load('finance', {}, bankCustomers),
    load('healthcare', {}, hospitalPatients),
    load('logistics', {}, logisticsSenders),
    load('education', {}, educationStudents),
  ]);
  return groups.flat();
}
