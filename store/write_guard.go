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
type writeGuard struct {
	mu      sync.Mutex
	refused error // why nothing is written; nil when writes are allowed
	cookie  int64 // the schema_version whose shape was last found to be ClinicDesk's
}

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

// recheck compares the schema again, inside the write transaction, when its cookie
// changed since the last comparison.
func (g *writeGuard) recheck(ctx context.Context, tx *Tx) error {
	var cookie int64
	if err := tx.queryRow(ctx, "PRAGMA schema_version").Scan(&cookie); err != nil {
		return fmt.Errorf("begin write: %w", translate(err))
	}
	g.mu.Lock()
	same := cookie == g.cookie
	g.mu.Unlock()
	if same {
		return nil
	}
	if err := checkDrift(ctx, tx.q()); err != nil {
		if _, drifted := err.(*SchemaDriftError); drifted {
			g.block(err)
		}
		return err
	}
	g.mu.Lock()
	g.cookie = cookie
	g.mu.Unlock()
	return nil
}

// WriteRefusal is why the store refuses every write, or nil when it writes: the
// schema drifted (a *SchemaDriftError naming the objects), or the audit key or witness
// is missing or damaged (an *AuditFileError). It compares the schema again when the
// file's schema cookie changed since the last comparison, so a screen asking finds a
// trigger planted while the desk ran before anyone writes. serve refuses to start on
// such a file; the admin's audit screen shows it.
func (s *Store) WriteRefusal(ctx context.Context) error {
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
