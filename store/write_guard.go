package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// writeGuard stops the store writing to a file it cannot vouch for: one whose schema
// is not the one ClinicDesk embeds (a planted trigger, a dropped audit trigger), or
// whose audit key or witness is missing. The schema is compared at Open and again by
// the first write after the file's schema cookie (PRAGMA schema_version) changes, so a
// trigger planted while the desk runs stops the next write, before it runs.
//
// A schema changed and put back (an audit trigger dropped, a row edited unaudited, the
// trigger made again) compares equal, but moves the cookie by two or more: the next
// write records that in the sealed trail (EventSchemaChanged), and verify reports it.
// A move of one is VACUUM's or a first ANALYZE's and passes.
type writeGuard struct {
	mu      sync.Mutex
	refused error         // why nothing is written; nil when writes are allowed
	cookie  int64         // the schema_version whose shape was last found to be ClinicDesk's
	change  *schemaChange // a change and put-back not yet in the trail
}

// schemaChange is the schema cookie moving from From to To outside ClinicDesk, with
// the shape ClinicDesk's at both ends.
type schemaChange struct{ From, To int64 }

// checkSchemaAtOpen compares the file's schema with the embedded one.
func checkSchemaAtOpen(ctx context.Context, db *sql.DB) (*writeGuard, error) {
	g := &writeGuard{}
	if err := db.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&g.cookie); err != nil {
		return g, fmt.Errorf("read schema version: %w", err)
	}
	if err := checkDrift(ctx, db); err != nil {
		if _, drifted := err.(*SchemaDriftError); !drifted {
			return g, err
		}
		g.refused = err
	}
	return g, nil
}

// sinceWitnessed notes a change since the witness's last line (cookie witnessed),
// made while no ClinicDesk had the file open.
func (g *writeGuard) sinceWitnessed(witnessed int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.cookie != witnessed && g.cookie != witnessed+1 {
		g.change = &schemaChange{From: witnessed, To: g.cookie}
	}
}

func (g *writeGuard) refusal() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.refused
}

func (g *writeGuard) block(err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.refused == nil {
		g.refused = err
	}
}

// recheck compares the schema again, inside the write transaction, when its cookie (the
// file's schema_version, read in the transaction) changed since the last comparison. It
// returns the cookie and the change the transaction must record, if any.
func (g *writeGuard) recheck(ctx context.Context, tx *Tx, cookie int64) (int64, *schemaChange, error) {
	g.mu.Lock()
	known := g.cookie
	g.mu.Unlock()
	if cookie != known {
		if err := checkDrift(ctx, tx.q()); err != nil {
			if _, drifted := err.(*SchemaDriftError); drifted {
				g.block(err)
			}
			return 0, nil, err
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case cookie == g.cookie:
	case g.change != nil:
		g.change.To = cookie
	case cookie != g.cookie+1:
		g.change = &schemaChange{From: g.cookie, To: cookie}
	}
	g.cookie = cookie
	return cookie, g.change, nil
}

// recorded clears a change once a committed transaction recorded it.
func (g *writeGuard) recorded(c *schemaChange) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.change == c {
		g.change = nil
	}
}

// WriteRefusal is why the store refuses every write, or nil when it writes: the
// schema drifted (a *SchemaDriftError naming the objects), or the audit key or witness
// is missing or damaged (an *AuditFileError). It compares the schema again when the
// file's schema cookie changed since the last comparison, so a screen asking finds a
// trigger planted while the desk ran before anyone writes. serve refuses to start on
// such a file; the admin's audit screen shows it.
func (s *Store) WriteRefusal(ctx context.Context) error {
	defer s.timed("WriteRefusal")()
	if err := s.guard.refusal(); err != nil {
		return err
	}
	var cookie int64
	if err := s.readers.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&cookie); err != nil {
		return translate(err)
	}
	s.guard.mu.Lock()
	same := cookie == s.guard.cookie
	s.guard.mu.Unlock()
	if same {
		return nil
	}
	if err := checkDrift(ctx, s.readers); err != nil {
		if _, drifted := err.(*SchemaDriftError); drifted {
			s.guard.block(err)
		}
		return err
	}
	return nil
}
