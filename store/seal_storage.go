package store

import (
	"encoding/hex"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/schemagen"
)

// A keyed seal ("m1:" and 64 hex digits, see macPrefix) is stored as its 32 bytes, a
// BLOB, from schema version 21 on: as text it took 67 bytes, and every audit and
// access row holds two (its own and the one before it), a tenth of the clinic's file.
// Anything else (the unkeyed SHA-256 hex of versions 5 and 6, the empty link of a
// chain's first row, a seal stored as text before version 21) stays text. The store
// handles every seal as its text: SealText reads a column back as it, storedSeal turns
// it into what is stored, so the chain and the witness are as they were.
//
// From schema version 22 a row is written with 32 zero bytes (unsealedSeal) in both seal
// columns and sealed over them in place: written as NULL, the row grew when it was
// sealed and split the page it had just filled. The zero bytes read as NULL, not
// sealed, as an unsealed row of an older file holds.

// unsealedSeal is the SQL of what a seal column holds until the row is sealed; the
// generated triggers write it as an insert's values' digest too.
const unsealedSeal = schemagen.Unsealed

// noSeal is unsealedSeal's bytes.
var noSeal [32]byte

// sealed is the SQL condition that seal column col holds a seal.
func sealed(col string) string {
	return `nullif(` + col + `, ` + unsealedSeal + `) IS NOT NULL`
}

// SealText is the SQL reading seal column col as its text, NULL when the row is not
// sealed (internal/backup reads the audit trail's head with it too).
func SealText(col string) string {
	return `CASE WHEN typeof(` + col + `) IS NOT 'blob' THEN ` + col + ` WHEN ` + col + ` <> ` + unsealedSeal +
		` THEN '` + macPrefix + `' || lower(hex(` + col + `)) END`
}

// sealColumns reads a row's prev_hash and hash as their text.
var sealColumns = SealText("prev_hash") + ", " + SealText("hash")

// storedSeal is what a seal is stored as: its bytes for a keyed seal, else its text.
func storedSeal(seal string) any {
	if digits, keyed := strings.CutPrefix(seal, macPrefix); keyed && len(digits) == 64 {
		if b, err := hex.DecodeString(digits); err == nil {
			return b
		}
	}
	return seal
}
