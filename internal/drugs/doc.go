// Package drugs is a small, offline table of drug classes, brand names and drug–drug
// interactions, and the allergy and interaction rules built on them.
//
// The prescription editor and the pharmacy use it to warn when a medicine matches one
// of the patient's recorded allergies: by the medicine's name, by its generic name, by
// its class (an allergy to "penicillin" catches amoxicillin), or by a sibling in the
// same class (an allergy to amoxicillin catches ampicillin, because members of a class
// cross-react).
//
// The table holds generic (INN) names in lower case; common alternative names
// (acetaminophen, albuterol, frusemide…) are folded into one canonical name, and
// generics that belong to no class here (methotrexate, trimethoprim…) are known too.
// data/brands.tsv maps brand names (Brufen, Augmentin, Crocin…) to generics, so that
// a line written as free text is recognised by brand, generic or class (Identify).
//
// data/interactions.tsv lists well-established interactions between two drugs or
// classes, each with a severity (severe or moderate), one line of advice and its
// published source (BNF Appendix 1, Stockley's Drug Interactions, FDA labels, MHRA
// Drug Safety Updates); Interactions finds those that the lines of a list meet.
//
// It is a safety net for the prescriber, not a complete formulary or interaction
// checker: an unknown medicine has no class and meets no rule, and callers say so.
package drugs
