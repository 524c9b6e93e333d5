import type { CatalogTerms, Entity, EntityExtractor, ExtractContext } from '../types.ts';
import { recogniseAddresses } from './address.ts';
import { recogniseAmounts } from './amount.ts';
import { DEFAULT_TIME_ZONE, localToday } from './calendar.ts';
import type { Candidate } from './candidate.ts';
import { createCatalogMatcher } from './catalog.ts';
import { recogniseEmails, recognisePhones } from './contact.ts';
import { recogniseDates } from './date.ts';
import { recogniseNumbers } from './number.ts';
import { recogniseOrderIds } from './order-id.ts';
import { recognisePaymentMethods } from './payment-method.ts';
import { recognisePersonNames } from './person-name.ts';
import { prepareText } from './prepare-text.ts';
import { resolveOverlaps } from './resolve-overlaps.ts';
import { recogniseTimes } from './time.ts';
import { recogniseUserIds } from './user-id.ts';
import { recogniseZips } from './zip.ts';

export interface EntityExtractorConfig {
  /** Product names and option values to recognise; indexed once here. */
  catalog?: CatalogTerms;
  /** IANA zone used when the context gives none; default 'Asia/Shanghai'. */
  defaultTimeZone?: string;
}

/**
 * Creates the rule-based Chinese/English entity extractor.
 *
 * `extract(text, context)` runs every recogniser on a folded copy of the message (full-width → half-width,
 * traditional → simplified, case kept; at most the first 4,000 characters), resolves overlaps — the longest span
 * wins, ties go to the stronger type (order id > e-mail > user id > address > phone > … > number) — and returns
 * entities sorted by position. `start`/`end` index the ORIGINAL text and `text` is the original slice.
 * Relative dates are resolved against `context.now` in `context.timeZone ?? defaultTimeZone`.
 * It never throws: a failing recogniser is skipped and a bad clock only disables relative dates.
 *
 * @example
 * createEntityExtractor({}).extract('明天下午3点，订单#W2378156', { now: '2026-11-25T10:00:00+08:00' })
 * // → date '2026-11-26', time '15:00', order_id '#W2378156'
 */
export function createEntityExtractor(config: EntityExtractorConfig = {}): EntityExtractor {
  const catalog = createCatalogMatcher(config.catalog);
  const defaultTimeZone = config.defaultTimeZone ?? DEFAULT_TIME_ZONE;

  return {
    extract(text: string, context: ExtractContext): Entity[] {
      try {
        if (typeof text !== 'string' || text.length === 0) return [];
        const prepared = prepareText(text);
        const working = prepared.text;
        const today = localToday(String(context?.now ?? ''), context?.timeZone ?? defaultTimeZone);
        const recognisers: Array<() => Candidate[]> = [
          () => recogniseOrderIds(working),
          () => recogniseEmails(working),
          () => recognisePhones(working),
          () => recogniseZips(working),
          () => recogniseUserIds(working),
          () => recogniseDates(working, today),
          () => recogniseTimes(working),
          () => recogniseAmounts(working),
          () => recognisePaymentMethods(working),
          () => recognisePersonNames(working),
          () => recogniseAddresses(working),
          () => catalog.match(prepared.lower),
          () => recogniseNumbers(working),
        ];
        const candidates: Candidate[] = [];
        for (const recognise of recognisers) {
          try {
            candidates.push(...recognise());
          } catch {
            // One broken recogniser must not cost the others their entities.
          }
        }
        return resolveOverlaps(candidates, working.length).map((found) => {
          const span = prepared.toOriginal(found.start, found.end);
          const entity: Entity = {
            type: found.type,
            value: found.value,
            text: prepared.original.slice(span.start, span.end),
            start: span.start,
            end: span.end,
          };
          if (found.meta) entity.meta = found.meta;
          return entity;
        });
      } catch {
        return [];
      }
    },
  };
}
