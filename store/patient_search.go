package store

import (
	"context"
	"strconv"
	"strings"
	"unicode"
)

// phoneDigitsSQL is p.phone with the separators a valid number may hold removed: the
// SQL twin of phoneDigits.
const phoneDigitsSQL = `replace(replace(replace(replace(replace(p.phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '')`

// phoneHasDigitsSQL is true when p.phone contains the digits of its second argument
// consecutively once separators are ignored; the first argument is digitsGlob of them.
// No index can answer it, so it scans the partial index patients_phone; the GLOB is a
// cheap filter (five times faster than the replaces) that lets a superset through to
// the exact test. PossibleDuplicates uses the same GLOB before comparing digits.
const phoneHasDigitsSQL = `p.phone <> '' AND p.phone GLOB ? AND instr(` + phoneDigitsSQL + `, ?) > 0`

// digitsGlob matches any text containing these digits in order: "987" → "*9*8*7*".
func digitsGlob(digits string) string {
	return "*" + strings.Join(strings.Split(digits, ""), "*") + "*"
}

// SearchPatients finds patients as the user types: every word of the query must be the
// start of a word of the name, phone, code or email ("ravi ku", "98765", "pat0001",
// "ravi@exa", "o'bri"). A number typed whole (at least 7 digits, spaced or not) also
// finds the phone numbers that contain it however they were spaced. The code typed
// exactly comes first, then phone numbers, then the other matches by name (by code when
// the query is the start of a code). Of many matches only the searchCandidates
// registered last are sorted and listed: a few letters of a common name (thousands of
// matches) list recent patients, and each letter more narrows the list until every
// match is listed. An empty query (or one with no letter or digit) lists the most
// recently registered patients. limit is the page size: 50 when not positive, at most
// 200.
func (s *Store) SearchPatients(ctx context.Context, actor Actor, query string, limit int) ([]Patient, error) {
	defer s.timed("SearchPatients")()
	if err := s.allow(ctx, actor, ActReadPatients); err != nil {
		return nil, err
	}
	return s.searchPatients(ctx, query, limit)
}

// searchPatients is SearchPatients once the caller's permission is checked.
func (s *Store) searchPatients(ctx context.Context, query string, limit int) ([]Patient, error) {
	limit = patientPageSize(limit)
	match := ftsPrefixQuery(query)
	if match == "" {
		rows, err := s.fast().QueryContext(ctx,
			`SELECT `+patientColumns+` FROM patients p ORDER BY p.id DESC LIMIT ?`, limit)
		if err != nil {
			return nil, translate(err)
		}
		return scanPatients(rows)
	}
	code, digits := strings.ToUpper(strings.TrimSpace(query)), phoneQueryDigits(query)
	codeQuery := isCodePrefix(code)
	stmt, args := nameSearchQuery, []any{match}
	if codeQuery || digits != "" {
		arms := []string{`SELECT id, 0 FROM patients WHERE patient_code = ?`, `SELECT rowid, 2 FROM (` + searchCandidatesQuery + `)`}
		args = []any{code, match}
		if digits != "" {
			arms = append(arms, `SELECT p.id, 1 FROM patients p WHERE `+phoneHasDigitsSQL)
			args = append(args, digitsGlob(digits), digits)
		}
		// A code typed in part lists the codes it begins in their order; the rest by name.
		order := byName
		if codeQuery {
			order = byCode
		}
		stmt = `WITH hits(id, tier) AS (` + strings.Join(arms, " UNION ALL ") + `),
			best AS (SELECT id, min(tier) AS tier FROM hits GROUP BY id) ` +
			listSorted(`best b JOIN patients p ON p.id = b.id`, `b.tier`, order)
	}
	rows, err := s.fast().QueryContext(ctx, stmt, append(args, limit)...)
	if err != nil {
		return nil, translate(err)
	}
	return scanPatients(rows)
}

// listSorted is a statement listing the first rows (up to its one parameter, the limit)
// of from, whose patients are p, by tier (an expression of from's tables, best first),
// then in order (of a table named by order's argument). Only the listed rows are
// packed into patientColumns: the sort reads the names and codes it compares, and a
// second, cheap look-up of each listed patient packs the row. Packing every candidate
// before the sort was a sixth of a search on the large clinic (p50 414-451 µs against
// 339-345, alternating runs).
func listSorted(from, tier string, order func(table string) string) string {
	return `SELECT ` + patientColumns + ` FROM (
		SELECT p.id, p.last_name, p.first_name, p.patient_code, ` + tier + ` AS tier FROM ` + from + `
		ORDER BY tier, ` + order("p") + ` LIMIT ?) w JOIN patients p ON p.id = w.id
		ORDER BY w.tier, ` + order("w")
}

// byName and byCode are the orders of a search's list, within a tier: by name, or by
// code when the query is the start of a code.
func byName(t string) string {
	return t + `.last_name COLLATE NOCASE, ` + t + `.first_name COLLATE NOCASE, ` + t + `.id`
}

func byCode(t string) string { return t + `.patient_code, ` + t + `.id` }

// searchCandidatesQuery lists the searchCandidates full-text matches registered last.
var searchCandidatesQuery = `SELECT rowid FROM patients_fts WHERE patients_fts MATCH ? ORDER BY rowid DESC LIMIT ` +
	strconv.Itoa(searchCandidates)

// nameSearchQuery is a search with only full-text matches, no tiers to merge: the
// candidates go straight to the sort, joined as they come (a co-routine) rather than
// through IN, which first copied them into a temporary index (the statement alone, on
// the large clinic: p50 a tenth and p99 a fifth lower). It is built once: building it
// on every search was 2 KB of each one's 37 KB of garbage.
var nameSearchQuery = listSorted(`(`+searchCandidatesQuery+`) c JOIN patients p ON p.id = c.rowid`, `0`, byName)

// searchCandidates is how many full-text matches SearchPatients sorts at most: each
// costs a read of its patient's row, and two or three letters of a common name match
// thousands of the 100,000 patients of a large clinic.
const searchCandidates = 100

// patientPageSize bounds a requested page: 50 by default, never more than 200 rows.
func patientPageSize(limit int) int {
	switch {
	case limit <= 0:
		return 50
	case limit > 200:
		return 200
	}
	return limit
}

// ftsPrefixQuery turns what the user typed into an FTS5 query in which every word
// (split at spaces and control characters) is a prefix term, joined by AND. A word is
// quoted as a phrase ("ravi"*): inside quotes FTS5 syntax (AND, NEAR, *,
// parentheses, column filters) is plain text that the tokenizer splits like the indexed
// text; a quote is escaped by doubling it. Two kinds of word search the columns that
// schema.sql's patients_search view made for them: a patient code (codeTerm) and a name
// with an apostrophe or a hyphen (joinedNameTerm). Words with no letter or digit would
// be empty phrases and are dropped, so the result is "" when nothing is left.
func ftsPrefixQuery(text string) string {
	var terms []string
	for _, word := range strings.FieldsFunc(text, isQuerySeparator) {
		switch {
		case strings.IndexFunc(word, isWordRune) < 0:
		case isCodePrefix(word):
			terms = append(terms, codeTerm(word))
		case isJoinedName(word):
			terms = append(terms, joinedNameTerm(word))
		default:
			terms = append(terms, ftsPhrase(word)+"*")
		}
	}
	// An explicit AND: FTS5 takes no implicit one after a parenthesised codeTerm.
	return strings.Join(terms, " AND ")
}

// ftsPhrase quotes text as one FTS5 phrase.
func ftsPhrase(text string) string { return `"` + strings.ReplaceAll(text, `"`, `""`) + `"` }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// isQuerySeparator splits words at spaces and at control characters: FTS5 reads a NUL
// as the end of the query, which would leave a quote unterminated.
func isQuerySeparator(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// isCodePrefix reports whether word is the start of a patient code with at least one
// digit: "pat0001", "PAT000123".
func isCodePrefix(word string) bool {
	if len(word) < 4 || !strings.EqualFold(word[:3], "PAT") {
		return false
	}
	return strings.Trim(word[3:], "0123456789") == ""
}

// codeTerm matches the code's number in code_number, or the word itself elsewhere (an
// email may begin with a code).
func codeTerm(word string) string {
	return "(" + ftsPhrase(word) + "* OR code_number : " + ftsPhrase(word[3:]) + "*)"
}

// nameJoiners are the characters that joined_name leaves out of a name.
const nameJoiners = "'’-"

// isJoinedName reports whether word is letters joined by apostrophes or hyphens
// ("O'B", "Smith-Jo"), which the tokenizer would split into words of its own.
func isJoinedName(word string) bool {
	joined := false
	for _, r := range word {
		switch {
		case strings.ContainsRune(nameJoiners, r):
			joined = true
		case !unicode.IsLetter(r):
			return false
		}
	}
	return joined
}

// joinedNameTerm matches the word, without its joiners, as the start of a word of the
// names that have joiners: "O'B" finds O'Brien through "OBrien".
func joinedNameTerm(word string) string {
	letters := strings.Map(func(r rune) rune {
		if strings.ContainsRune(nameJoiners, r) {
			return -1
		}
		return r
	}, word)
	return "joined_name : " + ftsPhrase(letters) + "*"
}

// phoneQueryDigits returns the digits of a query that is a phone number typed whole:
// only phone characters and at least 7 digits. Shorter numbers are left to the prefix
// search, where they match the start of any group of digits.
func phoneQueryDigits(query string) string {
	query = strings.TrimSpace(query)
	if strings.TrimLeft(query, "0123456789 +-()") != "" {
		return ""
	}
	if digits := phoneDigits(query); len(digits) >= 7 {
		return digits
	}
	return ""
}

// PossibleDuplicates lists registered patients who may be the one on the form: the same
// first and last name (ignoring case) and date of birth, or the same phone number
// (comparing digits only, so "+91 98765 43210" and "+91-9876543210" are one number).
// excludeID is the patient being edited (0 for a new one). Screens show the list before
// saving so that the front desk can open the existing record instead.
func (s *Store) PossibleDuplicates(ctx context.Context, actor Actor, in PatientInput, excludeID int64) ([]Patient, error) {
	defer s.timed("PossibleDuplicates")()
	if err := s.allow(ctx, actor, ActReadPatients); err != nil {
		return nil, err
	}
	first, last := collapseSpaces(in.FirstName), collapseSpaces(in.LastName)
	var found []Patient
	if first != "" && last != "" && !in.DateOfBirth.IsZero() {
		sameBirth, err := s.sameNameAndBirth(ctx, first, last, formatDate(in.DateOfBirth), excludeID)
		if err != nil {
			return nil, err
		}
		found = sameBirth
	}
	if digits := phoneDigits(in.Phone); len(digits) >= 7 {
		rows, err := s.readers.QueryContext(ctx, `SELECT `+patientColumns+` FROM patients p
			WHERE p.phone <> '' AND p.phone GLOB ? AND `+phoneDigitsSQL+` = ? AND p.id <> ?
			ORDER BY p.id LIMIT 50`, digitsGlob(digits), digits, excludeID)
		if err != nil {
			return nil, translate(err)
		}
		samePhone, err := scanPatients(rows)
		if err != nil {
			return nil, err
		}
		for _, p := range samePhone {
			if !containsPatient(found, p.ID) {
				found = append(found, p)
			}
		}
	}
	return found, nil
}

// sameNameAndBirth finds patients born on dob whose names equal first and last ignoring
// case. The full-text index narrows the candidates by name (it folds case for every
// script); the exact comparison is made here.
func (s *Store) sameNameAndBirth(ctx context.Context, first, last, dob string, excludeID int64) ([]Patient, error) {
	query := `SELECT ` + patientColumns + ` FROM patients p WHERE p.date_of_birth = ? AND p.id <> ?
		ORDER BY p.id LIMIT 200`
	args := []any{dob, excludeID}
	var terms []string
	for column, name := range map[string]string{"first_name": first, "last_name": last} {
		if strings.IndexFunc(name, isWordRune) >= 0 {
			terms = append(terms, column+" : "+ftsPhrase(strings.Join(strings.FieldsFunc(name, isQuerySeparator), " ")))
		}
	}
	if len(terms) > 0 {
		query = `SELECT ` + patientColumns + ` FROM patients_fts f JOIN patients p ON p.id = f.rowid
			WHERE patients_fts MATCH ? AND p.date_of_birth = ? AND p.id <> ? ORDER BY p.id LIMIT 200`
		args = append([]any{strings.Join(terms, " AND ")}, args...)
	}
	rows, err := s.readers.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	candidates, err := scanPatients(rows)
	if err != nil {
		return nil, err
	}
	var same []Patient
	for _, p := range candidates {
		if strings.EqualFold(p.FirstName, first) && strings.EqualFold(p.LastName, last) {
			same = append(same, p)
		}
	}
	return same, nil
}

func containsPatient(patients []Patient, id int64) bool {
	for _, p := range patients {
		if p.ID == id {
			return true
		}
	}
	return false
}
