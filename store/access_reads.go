package store

import (
	"context"
	"sync"
	"time"
)

// RereadWindow is how long a read stays one access: the same user reading the same
// record the same way again within it adds no access-log row. A screen reloads its
// record whenever the clinic changes something it shows (an open chart reloads on
// every booking), and each reload is a read; logged one by one they buried the
// openings a patient or an auditor looks for under rows of redraws.
const RereadWindow = 10 * time.Minute

// recentReads remembers, for each user and record, when a read of it was last logged.
type recentReads struct {
	mu   sync.Mutex
	last map[readKey]time.Time
}

// readKey is what makes two reads the same access: who, how, and of what.
type readKey struct {
	userID    int64
	action    string
	entity    string
	entityID  int64
	patientID int64
	reason    string
}

// recentReadsKept bounds the memory: past it, reads older than the window are dropped.
const recentReadsKept = 4096

// claim reports whether a read at now must be logged, and if so records it as logged.
// A read whose row could not be written is released, so the next read logs it.
func (r *recentReads) claim(k readKey, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if at, ok := r.last[k]; ok && !now.Before(at) && now.Sub(at) < RereadWindow {
		return false
	}
	if r.last == nil {
		r.last = make(map[readKey]time.Time)
	}
	if len(r.last) >= recentReadsKept {
		for old, at := range r.last {
			if now.Sub(at) >= RereadWindow || now.Before(at) {
				delete(r.last, old)
			}
		}
		if len(r.last) >= recentReadsKept/2 {
			// Still crowded: start afresh rather than sweep the map on every read. The
			// cost is a reread logged once more.
			clear(r.last)
		}
	}
	r.last[k] = now
	return true
}

func (r *recentReads) release(k readKey) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.last, k)
}

// logRead records an allowed read of a clinical record, once per RereadWindow for the
// same user, record and action. Refusals, prints and exports are logged every time,
// through logAccess.
func (s *Store) logRead(ctx context.Context, actor Actor, e accessEntry) {
	k := readKey{userID: actor.ID, action: e.action, entity: e.entity, entityID: e.entityID,
		patientID: e.patientID, reason: e.reason}
	if !s.reads.claim(k, s.now()) {
		return
	}
	if err := s.write(ctx, actor, func(tx *Tx) error { return tx.logAccess(ctx, e) }); err != nil {
		s.reads.release(k)
	}
}
