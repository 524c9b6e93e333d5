import type { CueAnalysis } from './analyze-cues.ts';
import { EMOTIONS } from './sentiment-model.ts';
import type { UrgencySignals } from './measure-urgency.ts';

const QUESTION = /[?？]|吗|呢|怎么|什么时候|多久|能不能|可以.*吗|\b(?:how|when|where|what|why|can|could|is|are|do|does|will)\b/u;

/**
 * Rule features (`r:…`) that the emotion classifier learns weights for, next to the word features: which
 * emotions the lexicon saw, how negative the polarity model finds the text, urgency, questions, repetition.
 * They let a few hundred labelled phrases generalise to wording the phrases never used.
 */
export function emotionRuleFeatures(normalized: string, cues: CueAnalysis, polarityLogit: number | undefined, urgency: UrgencySignals): string[] {
  const features: string[] = [];
  let strongest: string | undefined;
  let strongestValue = 0;
  for (const emotion of EMOTIONS) {
    const strength = cues.evidence[emotion];
    if (strength > 0) features.push(`r:${emotion}`);
    if (strength >= 3) features.push(`r:${emotion}+`);
    if (strength > strongestValue) [strongest, strongestValue] = [emotion, strength];
  }
  if (strongest) features.push(`r:top-${strongest}`);
  const lexicon = cues.valence <= -3 ? 'lex--' : cues.valence < 0 ? 'lex-' : cues.valence >= 3 ? 'lex++' : cues.valence > 0 ? 'lex+' : 'lex0';
  features.push(`r:${lexicon}`);
  // Asking while upset is anxiety or anger; asking calmly is the neutral service question.
  if (isQuestion(normalized)) features.push(`r:question-${lexicon}`);
  if (polarityLogit !== undefined) {
    if (polarityLogit <= -2) features.push('r:pol--');
    else if (polarityLogit < -0.5) features.push('r:pol-');
    else if (polarityLogit >= 2) features.push('r:pol++');
    else if (polarityLogit > 0.5) features.push('r:pol+');
    else features.push('r:pol0');
  }
  if (urgency.cues.length) features.push('r:urgent-word');
  if (urgency.exclamations >= 2) features.push('r:exclaim');
  if (urgency.capitalWords > 0) features.push('r:shout');
  if (urgency.repeats > 0) features.push('r:repeat');
  return features;
}

/** True when the message asks something; neutral service questions are the most common messages. */
export function isQuestion(normalized: string): boolean {
  return QUESTION.test(normalized);
}
