// Package drugs is a small, offline table of drug classes and the allergy rule built on it.
//
// The prescription editor uses it to warn when a medicine matches one of the patient's
// recorded allergies: by the medicine's name, by its generic name, by its class (an
// allergy to "penicillin" catches amoxicillin), or by a sibling in the same class (an
// allergy to amoxicillin catches ampicillin, because members of a class cross-react).
//
// The table holds generic (INN) names in lower case; common alternative names
// (acetaminophen, albuterol, frusemide…) are folded into one canonical name. It is a
// safety net for the prescriber, not a complete formulary: an unknown medicine simply
// has no class.
package drugs
