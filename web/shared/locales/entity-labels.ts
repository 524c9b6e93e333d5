/**
 * Names of the entity types the engine extracts (src/engine/nlu/types.ts), as the console shows them beside a customer
 * message. The API keeps the identifiers; unknown types fall back to the identifier.
 */
export const entityLabels: Record<'zh' | 'en', Record<string, string>> = {
  zh: {
    order_id: '订单号', email: '邮箱', phone: '手机号', zip: '邮编', date: '日期', time: '时间', amount: '金额', number: '数字', product: '商品',
    option: '规格', payment_method: '支付方式', user_id: '用户', person_name: '姓名', address: '地址',
  },
  en: {
    order_id: 'order', email: 'e-mail', phone: 'phone', zip: 'zip', date: 'date', time: 'time', amount: 'amount', number: 'number', product: 'product',
    option: 'option', payment_method: 'payment method', user_id: 'user', person_name: 'name', address: 'address',
  },
};

/** The entity type in the UI language, e.g. `entityLabel('zh', 'phone')` → 手机号. */
export const entityLabel = (locale: 'zh' | 'en', type: string): string => entityLabels[locale][type] ?? type;
