import { blockCard } from './block-card.ts';
import { createDispute } from './create-dispute.ts';
import { findCustomer } from './find-customer.ts';
import { flagFraudRisk } from './flag-fraud-risk.ts';
import { getAccounts } from './get-accounts.ts';
import { getCards } from './get-cards.ts';
import { getProduct } from './get-product.ts';
import { getRecentTransactions } from './get-recent-transactions.ts';
import { listSuitableProducts } from './list-suitable-products.ts';
import { saveRiskAssessment } from './save-risk-assessment.ts';
import { submitCardApplication } from './submit-card-application.ts';
import { transferToHumanAgents } from './transfer-to-human-agents.ts';

/** Every tool of the finance pack, by name. */
export const financeTools = {
  find_customer: findCustomer,
  get_accounts: getAccounts,
  get_recent_transactions: getRecentTransactions,
  get_cards: getCards,
  block_card: blockCard,
  create_dispute: createDispute,
  save_risk_assessment: saveRiskAssessment,
  get_product: getProduct,
  list_suitable_products: listSuitableProducts,
  submit_card_application: submitCardApplication,
  flag_fraud_risk: flagFraudRisk,
  transfer_to_human_agents: transferToHumanAgents,
} as const;
