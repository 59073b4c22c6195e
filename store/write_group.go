package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Group commit. Every write waits in one queue for the writer connection. The first
// to arrive at an idle queue leads: it runs the waiting writes in one transaction and
// commits them together, then passes the lead to the next write that arrived meanwhile.
// A write alone in the queue runs as it always did, in a transaction of its own; writes
// that queued behind another (eight desks booking at once) share one BEGIN, one
// COMMIT, one sealing of the audit chain and one witness line, and the pages they all
// touch (the audit trail's last pages and its indexes') are written to the log once.
//
// Each write of a group runs inside a SAVEPOINT of its own, under its own actor: a
// write that fails (a clash, a refusal, a bad field) is rolled back to its savepoint
// and returns its error to its caller alone, its neighbours' work kept. Each write's
// audit rows are read back after it ran, checked to name its actor, and sealed at the
// end in id order, which is the order the writes ran in: the chain is the one that
// writing them one by one would have made. Writes that must run alone (a Batch, an
// erasure, whose seals it edits) form a group of one.
//
// If the transaction itself is lost (the disk full, an I/O error), every write of the
// group that ran returns that error and none of them is saved, as when a lone write's
// COMMIT fails; the writes not yet run wait for the next group.
type writeQueue struct {
	mu        sync.Mutex
	waiting   []*writeReq
	busy      bool // a leader is running a group
	lastGroup int  // how many writes the last group took

	// sealed is what the last committed group left at the end of the two chains; only
	// the leader reads or writes it (the hand-off through mu orders the leaders).
	sealed sealedHeads
}

// maxGroup bounds how many writes commit together, so that one group's locks and
// log stay short.
const maxGroup = 32

// writeReq is one write waiting for, or running in, a group.
type writeReq struct {
	ctx      context.Context
	actor    Actor
	fn       func(*Tx) error
	alone    bool // runs in a transaction of its own
	queued   time.Time
	promoted bool          // chosen to lead the next group (under writeQueue.mu)
	requeued bool          // put back for the next group, unanswered (the leader's)
	lead     chan struct{} // receives once when promoted
	done     chan error    // receives the write's result

	ok     bool
	err    error
	audit  []auditRow // the audit rows it wrote, once it ran
	events []Event
}

// sealedHeads is the end of each chain as this store last sealed it: the id and seal
// of the last row, with the schema cookie of that commit (ID 0: not known). A group
// whose transaction finds the same row last, under the same cookie, links to that seal
// without reading the chain back and checking the row's seal: it is the seal this store
// made. Any other last row (another process's, one written outside ClinicDesk) or any
// change of schema since sends it the long way, chainHead.
type sealedHeads struct {
	audit  witnessHead
	access witnessHead
}

// links reports whether the chain's last row, found when the transaction began, is the
// one this store sealed last, under the same schema cookie.
func links(known, found witnessHead, cookie int64) bool {
	return known.ID != 0 && known.ID == found.ID && known.Hash == found.Hash && known.Cookie == cookie
}

// write runs fn in one write transaction for the actor, in a group commit with the
// writes queued beside it (see writeQueue). Before commit it seals the audit rows fn
// wrote into the hash chain; after commit it publishes a change event for each of
// them. Either all of fn's work lands, or none of it.
func (s *Store) write(ctx context.Context, actor Actor, fn func(*Tx) error) error {
	return s.submit(ctx, actor, fn, false)
}

// writeAlone is write in a transaction of its own, never grouped: for a Batch (any
// size, all or nothing) and an erasure (it edits sealed rows after the sealing).
func (s *Store) writeAlone(ctx context.Context, actor Actor, fn func(*Tx) error) error {
	return s.submit(ctx, actor, fn, true)
}

func (s *Store) submit(ctx context.Context, actor Actor, fn func(*Tx) error, alone bool) (err error) {
	defer func() { s.meter.countError(err) }()
	if err := s.guard.refusal(); err != nil {
		return err
	}
	r := &writeReq{ctx: ctx, actor: actor, fn: fn, alone: alone, queued: time.Now(),
		lead: make(chan struct{}, 1), done: make(chan error, 1)}
	q := &s.writes
	q.mu.Lock()
	q.waiting = append(q.waiting, r)
	leads := !q.busy
	q.busy = true
	crowded := q.lastGroup > 1
	q.mu.Unlock()
	if leads && crowded {
		// An idle queue right after a group of several: the group's other callers are
		// waking with their results, about to write again. Letting them run first, once,
		// lets them join this write's group instead of each starting one of their own
		// (eight desks booking: 5.6 bookings a commit). A lone writer never waits here.
		runtime.Gosched()
	}
	if !leads {
		select {
		case err = <-r.done:
		case <-r.lead:
			leads = true
		case <-ctx.Done():
			if q.withdraw(r) {
				return ctx.Err()
			}
			// Already in a group, or chosen to lead one: see it through.
			select {
			case err = <-r.done:
			case <-r.lead:
				leads = true
			}
		}
	}
	if leads {
		s.lead()
		err = <-r.done
	}
	var refused *ForbiddenError
	if errors.As(err, &refused) {
		s.logRefusal(ctx, actor, refused.Action)
	}
	return err
}

// withdraw takes r out of the queue when it is still waiting there and not chosen to
// lead, and reports whether it did.
func (q *writeQueue) withdraw(r *writeReq) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if r.promoted {
		return false
	}
	for i, w := range q.waiting {
		if w == r {
			q.waiting = append(q.waiting[:i], q.waiting[i+1:]...)
			return true
		}
	}
	return false
}

// take removes the next group from the head of the queue: one write that runs alone,
// or up to maxGroup others.
func (q *writeQueue) take() []*writeReq {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 1
	if !q.waiting[0].alone {
		for n < len(q.waiting) && n < maxGroup && !q.waiting[n].alone {
			n++
		}
	}
	q.lastGroup = n
	group := make([]*writeReq, n)
	copy(group, q.waiting)
	for _, r := range group {
		r.requeued = false
	}
	q.waiting = append(q.waiting[:0], q.waiting[n:]...)
	return group
}

// putBack returns writes to the head of the queue, in their order.
func (q *writeQueue) putBack(rs []*writeReq) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, r := range rs {
		r.requeued = true
	}
	q.waiting = append(append(make([]*writeReq, 0, len(rs)+len(q.waiting)), rs...), q.waiting...)
}

// handOff passes the lead to the first waiting write, or leaves the queue idle.
func (q *writeQueue) handOff() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.waiting) == 0 {
		q.busy = false
		return
	}
	next := q.waiting[0]
	next.promoted = true
	next.lead <- struct{}{}
}

// lead runs one group from the head of the queue and passes the lead on.
func (s *Store) lead() {
	group := s.writes.take()
	s.runGroup(group)
	for _, r := range group {
		if r.requeued { // the leader alone reads it: take and putBack ran on this goroutine
			continue
		}
		if r.ok {
			r.done <- nil
		} else {
			r.done <- r.err
		}
	}
	s.writes.handOff()
}

// runGroup runs the group's writes in one transaction and sets each one's outcome.
func (s *Store) runGroup(group []*writeReq) {
	// A write whose caller gave up while it waited is not run.
	live := group[:0:0]
	for _, r := range group {
		if err := r.ctx.Err(); err != nil {
			r.err = err
			continue
		}
		live = append(live, r)
	}
	if len(live) == 0 {
		return
	}
	grouped := len(live) > 1
	// Once begun, the transaction runs to its commit: each write's statements check its
	// own context before they run (unwatched), and a write whose context ended fails
	// alone, its work rolled back (in a group, to its savepoint).
	ctx := context.WithoutCancel(live[0].ctx)
	s.ckpt.catchUp()
	defer s.ckpt.writeDone()
	sqlTx, err := s.writer.BeginTx(ctx, nil)
	began := time.Now()
	for _, r := range live {
		s.meter.writerWait.observe(began.Sub(r.queued))
	}
	if err != nil {
		failAll(live, translate(err))
		return
	}
	stmts := &txStmts{}
	defer func() { s.written.add(context.WithoutCancel(ctx), stmts.fresh) }()
	g := &groupTx{s: s, sqlTx: sqlTx, stmts: stmts, grouped: grouped}
	if err := g.begin(ctx, live[0].actor); err != nil {
		_ = sqlTx.Rollback()
		failAll(live, err)
		return
	}
	if g.recorded != nil && grouped {
		// A schema change to record goes into the trail with the first write, alone.
		s.writes.putBack(live[1:])
		live, g.grouped = live[:1], false
	}
	for i, r := range live {
		if err := g.run(r, i == 0); err != nil {
			// The transaction is lost: the writes run so far with it; those not yet run
			// wait for the next group.
			_ = sqlTx.Rollback()
			failAll(live[:i+1], err)
			s.writes.putBack(live[i+1:])
			return
		}
	}
	head, err := g.seal(ctx, live)
	if err != nil {
		_ = sqlTx.Rollback()
		failAll(live, err)
		return
	}
	if err := sqlTx.Commit(); err != nil {
		s.writes.sealed = sealedHeads{} // unknown until read again
		failAll(live, translate(err))
		return
	}
	s.meter.commits.Add(1)
	s.ckpt.committed()
	if g.recorded != nil {
		s.guard.recorded(g.recorded)
	}
	g.remember(head)
	if head.ID != 0 || head.Access != nil {
		// After the commit: a witness line names only rows the file holds. A line lost
		// to a crash here leaves the file ahead of the witness, which is no alarm.
		if err := s.seal.witness.append(head, s.now(), ""); err != nil {
			s.guard.block(&AuditFileError{s.seal.witness.path, "the audit witness could not be written (" + err.Error() +
				"), so nothing more is written"})
		}
	}
	var events []Event
	for _, r := range live {
		events = append(events, r.events...)
	}
	s.events.publish(events)
}

// failAll gives every write of a lost transaction its error.
func failAll(group []*writeReq, err error) {
	for _, r := range group {
		r.ok, r.err = false, err
	}
}

// groupTx is one group's transaction while it runs.
type groupTx struct {
	s        *Store
	sqlTx    *sql.Tx
	stmts    *txStmts
	grouped  bool // more than one write: each in a savepoint
	cookie   int64
	recorded *schemaChange
	// auditFrom and accessFrom are the last ids of the two logs before the next write.
	auditFrom, accessFrom int64
	// top is the last row of each log when the transaction began, with its seal (not
	// checked).
	top   sealedHeads
	audit []auditRow // the group's audit rows, in id order
	// access rows likewise
	access []accessRow
	hooks  []func(*sealer) error
}

// begin checks the schema and reads where the two logs end, in the statement that
// names the first write's actor in audit_context (see setActor): a statement costs a
// booking about as much as the reading it does. Should the schema have drifted, the
// transaction that named the actor is rolled back.
func (g *groupTx) begin(ctx context.Context, first Actor) error {
	tx := &Tx{tx: g.sqlTx, stmts: g.stmts, shared: g.s.written}
	var cookie int64
	var auditHash, accessHash sql.NullString
	// Scalar subqueries only: a join of the two logs' last rows materialised each in a
	// temporary table, a tenth of a booking.
	if err := tx.queryRow(ctx, setActor+` RETURNING (SELECT schema_version FROM pragma_schema_version()),
			coalesce((SELECT max(id) FROM audit_log), 0), (SELECT `+SealText("hash")+` FROM audit_log ORDER BY id DESC LIMIT 1),
			coalesce((SELECT max(id) FROM access_log), 0), (SELECT `+SealText("hash")+` FROM access_log ORDER BY id DESC LIMIT 1)`,
		actorArgs(first)...).Scan(&cookie, &g.auditFrom, &auditHash, &g.accessFrom, &accessHash); err != nil {
		return fmt.Errorf("begin write: %w", translate(err))
	}
	var err error
	if g.cookie, g.recorded, err = g.s.guard.recheck(ctx, tx, cookie); err != nil {
		return err
	}
	g.top = sealedHeads{audit: witnessHead{ID: g.auditFrom, Hash: auditHash.String},
		access: witnessHead{ID: g.accessFrom, Hash: accessHash.String}}
	return nil
}

// run runs one write: in its own savepoint when grouped, under its own actor. Its
// failure is its own (r.err) and rolls back only its work; run returns an error only
// when the transaction itself is lost.
func (g *groupTx) run(r *writeReq, first bool) error {
	// The savepoint and the audit reads around the write are the group's: they run
	// whatever becomes of r's context, which only r.fn's own statements check.
	ctx := context.WithoutCancel(r.ctx)
	tx := &Tx{tx: g.sqlTx, actor: r.actor, now: g.s.now, stmts: g.stmts, shared: g.s.written, zone: &g.s.zone,
		auditFrom: g.auditFrom, accessFrom: g.accessFrom, cookie: g.cookie}
	if first {
		tx.recorded, tx.actorSet = g.recorded, true
	}
	if g.grouped {
		if _, err := tx.exec(ctx, "SAVEPOINT grouped_write"); err != nil {
			return fmt.Errorf("begin write: %w", err)
		}
	}
	audit, access, err := g.s.runWrite(ctx, tx, r.fn)
	if err != nil {
		r.ok, r.err = false, err
		if !g.grouped {
			return err
		}
		if _, rerr := tx.exec(ctx, "ROLLBACK TO grouped_write"); rerr != nil {
			return err // the transaction is gone with it
		}
		if _, rerr := tx.exec(ctx, "RELEASE grouped_write"); rerr != nil {
			return rerr
		}
		return nil
	}
	if g.grouped {
		if _, err := tx.exec(ctx, "RELEASE grouped_write"); err != nil {
			return err
		}
	}
	r.ok, r.audit = true, audit
	g.audit = append(g.audit, audit...)
	g.access = append(g.access, access...)
	if len(audit) > 0 {
		g.auditFrom = audit[len(audit)-1].ID
	}
	if len(access) > 0 {
		g.accessFrom = access[len(access)-1].ID
	}
	g.hooks = append(g.hooks, tx.afterSeal...)
	r.events = tx.unaudited
	return nil
}

// runWrite runs fn for tx's actor and returns the audit and access rows it wrote,
// each checked to name the actor.
func (s *Store) runWrite(ctx context.Context, tx *Tx, fn func(*Tx) error) ([]auditRow, []accessRow, error) {
	if !tx.actorSet {
		if _, err := tx.exec(ctx, setActor, actorArgs(tx.actor)...); err != nil {
			return nil, nil, err
		}
	}
	if c := tx.recorded; c != nil {
		if err := tx.securityEvent(ctx, EventSchemaChanged, 0, map[string]any{"schema_version_from": c.From,
			"schema_version_to": c.To, "found": "the schema was changed outside ClinicDesk and put back"}); err != nil {
			return nil, nil, err
		}
	}
	if err := fn(tx); err != nil {
		return nil, nil, err
	}
	return writtenRows(ctx, tx)
}

// setActor names the actor of the write about to run in audit_context, where the
// schema's audit triggers find it (?1: the user's id, NULL for the system; ?2: the name).
const setActor = "INSERT OR REPLACE INTO audit_context(id, actor_id, actor_name) VALUES (1, ?1, ?2)"

// actorArgs are setActor's arguments for actor.
func actorArgs(actor Actor) []any {
	var id any
	if actor.ID != 0 {
		id = actor.ID
	}
	return []any{id, actor.Name}
}

// seal clears the audit context, seals the group's rows onto both chains and runs the
// writes' after-seal steps. It returns the new heads for the witness, and sets each
// write's change events.
func (g *groupTx) seal(ctx context.Context, group []*writeReq) (witnessHead, error) {
	var head witnessHead
	tx := &Tx{tx: g.sqlTx, stmts: g.stmts, shared: g.s.written, auditFrom: g.top.audit.ID,
		accessFrom: g.top.access.ID}
	if _, err := tx.exec(ctx, "DELETE FROM audit_context"); err != nil {
		return head, err
	}
	sl := newSealer(g.s.seal.key, g.s.shapes)
	known := g.s.writes.sealed
	if len(g.audit) > 0 {
		prev := known.audit.Hash
		if !links(known.audit, g.top.audit, g.cookie) {
			var err error
			if prev, err = chainHead(ctx, tx, sl, g.s.seal.anchor); err != nil {
				return head, err
			}
		}
		var err error
		if head, err = sealAuditRows(ctx, tx, sl, prev, g.audit); err != nil {
			return head, err
		}
	}
	if len(g.access) > 0 {
		prev := known.access.Hash
		if !links(known.access, g.top.access, g.cookie) {
			var err error
			if prev, err = accessChainHead(ctx, tx, sl); err != nil {
				return head, err
			}
		}
		h, err := sealAccessRows(ctx, tx, sl, prev, g.access)
		if err != nil {
			return head, err
		}
		head.Access = &h
	}
	for _, fn := range g.hooks {
		if err := fn(sl); err != nil {
			return head, err
		}
	}
	head.Cookie = g.cookie
	// Each write's events: its audit rows', then the changes it made to tables
	// without audit rows.
	for _, r := range group {
		if !r.ok {
			continue
		}
		events := make([]Event, 0, len(r.audit)+len(r.events))
		for _, a := range r.audit {
			events = append(events, newEvent(a.Table, a.RowID.Int64, a.Action))
		}
		r.events = append(events, r.events...)
	}
	return head, nil
}

// remember keeps the heads a committed group sealed, for the next group to link to. A
// chain the group did not extend keeps the head this store sealed last, if any.
func (g *groupTx) remember(head witnessHead) {
	known := &g.s.writes.sealed
	if head.ID != 0 {
		known.audit = witnessHead{ID: head.ID, Hash: head.Hash, Cookie: g.cookie}
	}
	if head.Access != nil {
		known.access = witnessHead{ID: head.Access.ID, Hash: head.Access.Hash, Cookie: g.cookie}
	}
}
