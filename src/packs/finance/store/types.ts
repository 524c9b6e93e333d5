import type { Localized } from '../../../engine/types.ts';

/** Customer risk level from the suitability questionnaire (C1 conservative … C5 aggressive). */
export type CustomerRiskLevel = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
/** Product risk rating (R1 lowest … R5 highest). A Cn customer may buy products up to Rn. */
export type ProductRiskLevel = 'R1' | 'R2' | 'R3' | 'R4' | 'R5';

export interface Transaction {
  transaction_id: string;
  time: string;
  /** Negative = money out. */
  amount: number;
  merchant: Localized;
  channel: 'card' | 'transfer' | 'atm' | 'salary' | 'fee' | 'interest';
}

export interface Account {
  account_id: string;
  customer_id: string;
  kind: 'debit' | 'savings' | 'credit';
  name: Localized;
  currency: 'CNY' | 'USD';
  /** Debit/savings: available balance. Credit: amount owed. */
  balance: number;
  credit_limit?: number;
  transactions: Transaction[];
}

export interface Card {
  card_id: string;
  customer_id: string;
  account_id: string;
  kind: 'debit' | 'credit';
  last4: string;
  status: 'active' | 'frozen' | 'reported_lost';
  status_changed_at?: string;
}

export interface Customer {
  customer_id: string;
  name: Localized;
  phone: string;
  /** Last four characters of the national id, the second authentication factor. */
  id_last4: string;
  risk_level: CustomerRiskLevel | null;
  risk_assessed_at: string | null;
}

export interface WealthProduct {
  product_id: string;
  name: Localized;
  risk: ProductRiskLevel;
  kind: Localized;
  /** Performance benchmark or 7-day annualised yield, as the prospectus states it — never a promise. */
  benchmark: Localized;
  term: Localized;
  min_amount: number;
  redemption: Localized;
  description: Localized;
  aliases: string[];
}

export interface Dispute {
  dispute_id: string;
  customer_id: string;
  transaction_id: string;
  amount: number;
  reason: 'unauthorized' | 'duplicate' | 'not_received' | 'wrong_amount' | 'other';
  description: string;
  status: 'submitted';
  created_at: string;
}

export interface ReasonItem {
  factor: string;
  value: string;
  contribution: number;
}

export interface CardApplication {
  application_id: string;
  customer_id: string | null;
  monthly_income: number;
  employment: string;
  monthly_debt: number;
  score: number;
  rule_hits: string[];
  reasons: ReasonItem[];
  recommendation: 'approve' | 'refer' | 'decline';
  /** A person decides: the bot only records the recommendation. */
  status: 'pending_officer_review';
  created_at: string;
}

export interface FraudFlag {
  flag_id: string;
  customer_id: string | null;
  cues: string[];
  text: string;
  created_at: string;
}

export interface RiskAssessment {
  customer_id: string;
  answers: string[];
  score: number;
  level: CustomerRiskLevel;
  assessed_at: string;
}

/** The demo bank backend the finance tools run on. */
export interface BankDb {
  currency: 'CNY';
  customers: Record<string, Customer>;
  accounts: Record<string, Account>;
  cards: Record<string, Card>;
  products: Record<string, WealthProduct>;
  disputes: Dispute[];
  applications: CardApplication[];
  fraud_flags: FraudFlag[];
  assessments: RiskAssessment[];
}
