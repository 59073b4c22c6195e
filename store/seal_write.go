package store

import (
	"context"
	"fmt"
)

// rowSeal is the seal of one audit or access row: the row's id, the seal it links to,
// and its own, each as its text; for an audit row that records an insert by reference,
// also the digest of the values, which the seal covers (nil for any other row).
type rowSeal struct {
	id           int64
	prev, hash   string
	valuesDigest []byte
}

// writeSeals stores seals in table (audit_log or access_log): a row's own UPDATE for
// one, else one UPDATE from a VALUES list for each maxRowsPerInsert of them. A large
// transaction (a demo batch of 64,000 appointments writes over 100,000 audit rows)
// paid a statement's cost for each row; then, sent as JSON, the decoding of the list
// and of each seal's hex in SQL. An audit row's values_digest is written with its seals
// (the same NULL again on a row that has none).
func writeSeals(ctx context.Context, tx *Tx, table string, seals []rowSeal) error {
	digests := table == "audit_log"
	set, columns := `prev_hash = ?, hash = ?`, 3
	if digests {
		set, columns = set+`, values_digest = ?`, 4
	}
	add := func(args []any, s rowSeal) []any {
		args = append(args, storedSeal(s.prev), storedSeal(s.hash))
		switch {
		case digests && s.valuesDigest == nil:
			args = append(args, nil) // NULL: a nil []byte would be bound as an empty BLOB
		case digests:
			args = append(args, s.valuesDigest)
		}
		return args
	}
	if len(seals) == 1 {
		if _, err := tx.exec(ctx, `UPDATE `+table+` SET `+set+` WHERE id = ?`, append(add(nil, seals[0]), seals[0].id)...); err != nil {
			return fmt.Errorf("seal %s: %w", table, err)
		}
		return nil
	}
	setFrom := `prev_hash = s.column2, hash = s.column3`
	if digests {
		setFrom += `, values_digest = s.column4`
	}
	args := make([]any, 0, columns*min(len(seals), maxRowsPerInsert))
	for start := 0; start < len(seals); start += maxRowsPerInsert {
		chunk := seals[start:min(start+maxRowsPerInsert, len(seals))]
		args = args[:0]
		for _, s := range chunk {
			args = add(append(args, s.id), s)
		}
		if _, err := tx.exec(ctx, `UPDATE `+table+` SET `+setFrom+`
			FROM (`+valuesList(columns, len(chunk))+`) AS s WHERE `+table+`.id = s.column1`, args...); err != nil {
			return fmt.Errorf("seal %s: %w", table, err)
		}
	}
	return nil
}
