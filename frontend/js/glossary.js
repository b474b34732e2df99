// Glossary terms found in a source segment, and QA hints when their German form is missing.

const LETTER = "\\p{L}\\p{N}";

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Compile terms once per document: [{term, re}]. */
export function compileTerms(terms) {
  return terms
    .filter((t) => t.source_term)
    .map((t) => ({
      term: t,
      re: new RegExp(`(?<![${LETTER}])${escape(t.source_term)}(?![${LETTER}])`, t.case_sensitive ? "u" : "iu"),
    }));
}

/** The terms whose source form occurs in the text. */
export function termsIn(compiled, text) {
  return compiled.filter((c) => c.re.test(text || "")).map((c) => c.term);
}

/** German forms of the found terms that do not appear in the translation. */
export function missingTargets(found, target) {
  if (!target) return [];
  const lower = target.toLocaleLowerCase("de");
  return found.filter((t) => t.target_term && !lower.includes(t.target_term.toLocaleLowerCase("de")));
}
