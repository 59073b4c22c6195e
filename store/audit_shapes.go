package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
)

// auditShapes maps each shape's number to the SHA-256 of its columns, the JSON array of
// names that audit_shapes holds: an audit row naming a shape records its values as a
// JSON array in that order, and its seal covers this digest (a digest, so each seal
// hashes 32 bytes for the names, not a few hundred). A shape never changes once made
// (schema.sql and its upgrades add them), so the store reads them once as it opens;
// `audit verify` reads them again from the file it checks.
type auditShapes map[int64][sha256.Size]byte

func readAuditShapes(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (auditShapes, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, columns FROM audit_shapes`)
	if err != nil {
		return nil, fmt.Errorf("read the audit shapes: %w", translate(err))
	}
	defer rows.Close()
	shapes := auditShapes{}
	for rows.Next() {
		var id int64
		var columns string
		if err := rows.Scan(&id, &columns); err != nil {
			return nil, fmt.Errorf("read the audit shapes: %w", err)
		}
		shapes[id] = sha256.Sum256([]byte(columns))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the audit shapes: %w", translate(err))
	}
	return shapes, nil
}
