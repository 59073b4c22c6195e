package store

import (
	"encoding/hex"
	"strings"
)

// A keyed seal ("m1:" and 64 hex digits, see macPrefix) is stored as its 32 bytes, a
// BLOB, from schema version 21 on: as text it took 67 bytes, and every audit and
// access row holds two (its own and the one before it), a tenth of the clinic's file.
// Anything else (the unkeyed SHA-256 hex of versions 5 and 6, the empty link of a
// chain's first row, a seal stored as text before version 21) stays text. The store
// handles every seal as its text: SealText reads a column back as it, storedSeal turns
// it into what is stored, so the chain and the witness are as they were.

// SealText is the SQL reading seal column col as its text (internal/backup reads the
// audit trail's head with it too).
func SealText(col string) string {
	return `CASE typeof(` + col + `) WHEN 'blob' THEN '` + macPrefix + `' || lower(hex(` + col + `)) ELSE ` + col + ` END`
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
