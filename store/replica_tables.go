package store

import (
	"context"
	"fmt"
	"strings"
)

// Litestream (serve --replica) keeps two small tables of its own in the file. The
// store makes them itself, in a sealed write that records the schema cookie they move,
// so that neither the shape check nor the cookie check reads them as a change made
// outside ClinicDesk; the shape check accepts them only with exactly this SQL.
var replicaTables = map[string]string{
	"_litestream_seq":  `CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)`,
	"_litestream_lock": `CREATE TABLE _litestream_lock (id INTEGER)`,
}

// EventReplicaTables is the audit row of the replica's tables being made.
const EventReplicaTables = "replica_tables"

// isReplicaTable says whether a schema object is one of Litestream's tables as it
// makes them.
func isReplicaTable(typ, name, text string) bool {
	want, ok := replicaTables[name]
	return ok && typ == "table" && normaliseSQL(text) == normaliseSQL(want)
}

// PrepareReplica makes Litestream's tables before a replica starts on the file.
func (s *Store) PrepareReplica(ctx context.Context) error {
	return s.write(ctx, System("replica"), func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('_litestream_seq', '_litestream_lock')`).Scan(&n); err != nil {
			return translate(err)
		}
		if n == len(replicaTables) {
			return nil
		}
		for _, name := range []string{"_litestream_seq", "_litestream_lock"} {
			ddl := strings.Replace(replicaTables[name], "CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1)
			if _, err := tx.exec(ctx, ddl); err != nil {
				return fmt.Errorf("make the replica's table %s: %w", name, err)
			}
		}
		var cookie int64
		if err := tx.queryRow(ctx, "PRAGMA schema_version").Scan(&cookie); err != nil {
			return translate(err)
		}
		tx.cookie = cookie
		s.guard.mu.Lock()
		s.guard.cookie = cookie
		s.guard.mu.Unlock()
		return tx.securityEvent(ctx, EventReplicaTables, 0, map[string]any{"tables": []string{"_litestream_seq", "_litestream_lock"}})
	})
}
