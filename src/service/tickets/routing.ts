import { z } from 'zod';
import type { Locale } from '../../engine/types.ts';

/**
 * Routing rules (issue 21): the first rule whose conditions all hold chooses the team (and may raise the priority).
 * An absent condition matches anything; a list matches any of its values.
 */
export const routingRuleSchema = z.object({
  team: z.string().trim().min(1).max(100),
  intents: z.array(z.string().min(1).max(80)).max(50).optional(),
  channels: z.array(z.string().min(1).max(40)).max(20).optional(),
  locales: z.array(z.enum(['zh', 'en'])).max(2).optional(),
  sentiments: z.array(z.enum(['positive', 'neutral', 'negative'])).max(3).optional(),
  /** Customer tags (`attributes.tags`), e.g. vip. */
  tags: z.array(z.string().min(1).max(50)).max(20).optional(),
  /** Skills an agent needs to take it (all of them). */
  skills: z.array(z.string().min(1).max(50)).max(20).optional(),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const routingSettingsSchema = z.object({
  /** 'manual' = agents pick from the queue (the old behaviour); 'least_busy' = the online agent with the fewest open chats gets it. */
  assign: z.enum(['manual', 'least_busy']).default('manual'),
  rules: z.array(routingRuleSchema).max(100).default([]),
  /** An agent offline this long gets their open chats put back in the queue; null = never. */
  requeueOfflineAfterSeconds: z.number().int().min(0).max(86_400).nullable().default(null),
});
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

/** What is known about a conversation when it reaches the queue. */
export interface RoutingFacts {
  intent: string | null;
  channel: string;
  locale: Locale;
  sentiment: string | null;
  tags: string[];
}

/** An agent who could take the conversation. */
export interface RoutingCandidate {
  userId: string;
  teams: string[];
  skills: string[];
  languages: Locale[];
  maxConcurrent: number;
  /** Conversations the agent holds now. */
  load: number;
}

const within = <T>(allowed: T[] | undefined, value: T | null): boolean => !allowed || allowed.length === 0 || (value !== null && allowed.includes(value));

/** The first rule matching the facts, or null (the conversation goes to the whole tenant). */
export function matchRule(rules: RoutingRule[], facts: RoutingFacts): RoutingRule | null {
  return rules.find((rule) => within(rule.intents, facts.intent) && within(rule.channels, facts.channel) && within(rule.locales, facts.locale)
    && within(rule.sentiments, facts.sentiment) && (!rule.tags?.length || rule.tags.some((tag) => facts.tags.includes(tag)))) ?? null;
}

/**
 * The agent to assign: among candidates with spare capacity who are in the rule's team (when it names one), speak the
 * conversation's language (an agent with no languages listed speaks all) and have the rule's skills, the least busy;
 * ties go to the lowest load share, then the user id (stable). Null when nobody fits: the conversation waits in the queue.
 */
export function pickAgent(candidates: RoutingCandidate[], rule: RoutingRule | null, locale: Locale): RoutingCandidate | null {
  const fitting = candidates.filter((candidate) => candidate.load < candidate.maxConcurrent
    && (!rule || candidate.teams.includes(rule.team))
    && (candidate.languages.length === 0 || candidate.languages.includes(locale))
    && (rule?.skills ?? []).every((skill) => candidate.skills.includes(skill)));
  fitting.sort((a, b) => a.load - b.load || a.load / a.maxConcurrent - b.load / b.maxConcurrent || a.userId.localeCompare(b.userId));
  return fitting[0] ?? null;
}
