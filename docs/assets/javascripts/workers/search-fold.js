// Material's search worker with three additions for our languages:
// 1. letters are folded to their base letter (ą→a, ė→e, ł→l, đ→d, й→и) in the
//    index and in every query, so "marza" finds "marża" as typed on a phone
//    without a Lithuanian or Polish keyboard;
// 2. the words of a query go through the language's pipeline (Dutch stemmer,
//    the fold) even when Material has made them prefixes ("klantverloop*"):
//    lunr skips the pipeline for wildcard terms, so a stemmed index would
//    never match;
// 3. pipeline functions that lunr-languages leaves unregistered (Vietnamese
//    stop words) are registered, so lunr prints no warning.
// These patch lunr 2.3 inside Material's worker (tests/browser/test_search.py
// checks the behaviour). The page names Material's worker file in ?material=
// (clvsite/trees.py), so a theme update needs no edit here.
const material = new URLSearchParams(self.location.search).get("material") || "";
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
  throw new Error(`search-fold.js: not a Material search worker: ${material}`);
}
importScripts(material); // same folder; it defines self.lunr and answers the page's messages
const lunr = self.lunr;

// Letters that Unicode does not decompose into a base letter and a mark.
const BASE_LETTER = { "ł": "l", "đ": "d", "ґ": "г" };

function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[łđґ]/g, (c) => BASE_LETTER[c]);
}

function foldDiacritics(token) {
  return token.update(fold);
}
lunr.Pipeline.registerFunction(foldDiacritics, "foldDiacritics");

let searchPipeline = null; // of the index being built; queries run through it

// Material builds its index in one call and adds the documents at its end, after
// the language's trimmer, stop words and stemmer are in place: the fold goes last.
const addDocument = lunr.Builder.prototype.add;
lunr.Builder.prototype.add = function (doc, attributes) {
  if (!this.pipeline._stack.includes(foldDiacritics)) {
    this.pipeline.add(foldDiacritics);
    this.searchPipeline.add(foldDiacritics);
    searchPipeline = this.searchPipeline;
  }
  return addDocument.call(this, doc, attributes);
};

const useLanguage = lunr.Builder.prototype.use;
lunr.Builder.prototype.use = function (plugin, ...args) {
  for (const [code, language] of Object.entries(lunr)) {
    if (language !== plugin) continue;
    for (const name of ["trimmer", "stopWordFilter", "stemmer"]) {
      const step = language[name];
      if (typeof step === "function" && !step.label) lunr.Pipeline.registerFunction(step, `${name}-${code}`);
    }
  }
  return useLanguage.call(this, plugin, ...args);
};

// Every query clause, from lunr's parser or Material's own: its word through the
// search pipeline once, its trailing wildcard kept.
const addClause = lunr.Query.prototype.clause;
lunr.Query.prototype.clause = function (clause) {
  if (searchPipeline && typeof clause.term === "string") {
    const prefix = clause.term.endsWith("*");
    const word = prefix ? clause.term.slice(0, -1) : clause.term;
    if (word && !word.includes("*")) {
      const [processed] = searchPipeline.runString(word);
      clause.term = (processed || word) + (prefix ? "*" : "");
      clause.usePipeline = false;
    }
  }
  return addClause.call(this, clause);
};
