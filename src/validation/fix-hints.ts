import { SH } from '../rdf/vocabulary.js';
import type { Lang } from '../portal/messages.js';

/**
 * A short "what to do" per kind of result, in both languages. The shape's message says what is wrong and shows an
 * example; the hint says the action (add, remove, change, replace) for this property and value, so a person
 * scanning a long report sees at once what each line asks of them.
 */
export interface FixContext {
  severity: 'Violation' | 'Warning' | 'Info';
  component?: string;
  shape: string | null;
  /** The property as people read it: `titel (dct:title)`. */
  property: string | null;
  value: string | null;
  suggestion?: { value: string; label?: string };
}

type Phrases = {
  add: (p: string) => string;
  recommend: (p: string) => string;
  removeDeprecated: (p: string) => string;
  removeExtra: (p: string) => string;
  vocabulary: (p: string, v: string) => string;
  klass: (p: string, v: string) => string;
  change: (p: string, v: string) => string;
  suggestion: (s: string) => string;
  fixProperty: (p: string) => string;
  addValue: (p: string) => string;
  other: string;
  theProperty: string;
  theValue: string;
};

const PHRASES: Record<Lang, Phrases> = {
  sv: {
    add: (p) => `Lägg till ${p}.`,
    recommend: (p) => `Lägg gärna till ${p}: den rekommenderas men krävs inte.`,
    removeDeprecated: (p) => `Ta bort ${p} eller byt till den term som meddelandet anger.`,
    removeExtra: (p) => `Ta bort de extra värdena av ${p}.`,
    vocabulary: (p, v) => `Byt ${v} mot ett värde ur den kontrollerade vokabulären för ${p}.`,
    klass: (p, v) => `Beskriv ${v} med den typ som ${p} kräver (se meddelandet), i samma dokument.`,
    change: (p, v) => `Ändra ${v} för ${p} till den form som meddelandet beskriver.`,
    suggestion: (s) => ` Närmaste giltiga värde: ${s}.`,
    fixProperty: (p) => `Rätta ${p} enligt meddelandet.`,
    addValue: (p) => `Lägg till det värde av ${p} som meddelandet anger.`,
    other: 'Rätta enligt meddelandet.',
    theProperty: 'egenskapen',
    theValue: 'värdet',
  },
  en: {
    add: (p) => `Add ${p}.`,
    recommend: (p) => `Consider adding ${p}: it is recommended, not required.`,
    removeDeprecated: (p) => `Remove ${p} or use the term the message names instead.`,
    removeExtra: (p) => `Remove the extra values of ${p}.`,
    vocabulary: (p, v) => `Replace ${v} with a value from the controlled vocabulary of ${p}.`,
    klass: (p, v) => `Describe ${v} with the type ${p} requires (see the message), in the same document.`,
    change: (p, v) => `Change ${v} of ${p} to the form the message describes.`,
    suggestion: (s) => ` Nearest valid value: ${s}.`,
    fixProperty: (p) => `Fix ${p} as the message says.`,
    addValue: (p) => `Add the value of ${p} that the message names.`,
    other: 'Fix it as the message says.',
    theProperty: 'the property',
    theValue: 'the value',
  },
};

const VALUE_CHARS = 80;

export function fixHint(result: FixContext, lang: Lang): string {
  const say = PHRASES[lang];
  const property = result.property ?? say.theProperty;
  const value = result.value === null ? say.theValue : quote(result.value, lang);
  const shape = result.shape ?? '';
  const component = result.component?.startsWith(SH) ? result.component.slice(SH.length) : '';
  let hint: string;
  if (component === 'MinCountConstraintComponent' || component === 'QualifiedMinCountConstraintComponent') hint = result.severity === 'Violation' ? say.add(property) : say.recommend(property);
  else if (component === 'MaxCountConstraintComponent') hint = shape.endsWith('-deprecated') ? say.removeDeprecated(property) : say.removeExtra(property);
  else if (component === 'HasValueConstraintComponent') hint = say.addValue(property);
  else if (shape.endsWith('-vocabulary')) hint = say.vocabulary(property, value);
  else if (component === 'ClassConstraintComponent') hint = say.klass(property, value);
  else if (component && result.value !== null) hint = say.change(property, value);
  else if (result.property) hint = say.fixProperty(property);
  else hint = say.other;
  if (result.suggestion) {
    const { value: suggested, label } = result.suggestion;
    hint += say.suggestion(label ? `${label} (${suggested})` : suggested);
  }
  return hint;
}

function quote(value: string, lang: Lang): string {
  const short = value.length > VALUE_CHARS ? `${value.slice(0, VALUE_CHARS)}…` : value;
  return lang === 'sv' ? `”${short}”` : `“${short}”`;
}
