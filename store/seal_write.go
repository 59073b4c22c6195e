package store

import (
	"context"
	"fmt"
)

// rowSeal is the seal of one audit or access row: the row's id, the seal it links to,
// and its own, each as its text.
type rowSeal struct {
	id         int64
	prev, hash string
}

// writeSeals stores seals in table (audit_log or access_log): a row's own UPDATE for
// one, else one UPDATE from a VALUES list for each maxRowsPerInsert of them. A large
// transaction (a demo batch of 64,000 appointments writes over 100,000 audit rows)
// paid a statement's cost for each row; then, sent as JSON, the decoding of the list
// and of each seal's hex in SQL.
func writeSeals(ctx context.Context, tx *Tx, table string, seals []rowSeal) error {
	if len(seals) == 1 {
		if _, err := tx.exec(ctx, `UPDATE `+table+` SET prev_hash = ?, hash = ? WHERE id = ?`,
			storedSeal(seals[0].prev), storedSeal(seals[0].hash), seals[0].id); err != nil {
			return fmt.Errorf("seal %s: %w", table, err)
		}
		return nil
	}
	args := make([]any, 0, 3*min(len(seals), maxRowsPerInsert))
	for start := 0; start < len(seals); start += maxRowsPerInsert {
		chunk := seals[start:min(start+maxRowsPerInsert, len(seals))]
		args = args[:0]
		for _, s := range chunk {
			args = append(args, s.id, storedSeal(s.prev), storedSeal(s.hash))
		}
		if _, err := tx.exec(ctx, `UPDATE `+table+` SET prev_hash = s.column2, hash = s.column3
			FROM (`+valuesList(3, len(chunk))+`) AS s WHERE `+table+`.id = s.column1`, args...); err != nil {
			return fmt.Errorf("seal %s: %w", table, err)
		}
	}
	return nil
}
