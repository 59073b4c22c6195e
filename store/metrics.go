package store

import (
	"errors"
	"maps"
	"os"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// LatencyBounds are the upper bounds, in seconds, of the buckets of every latency
// histogram the store keeps: from 50 µs (a patient by id) to 2.5 s.
var LatencyBounds = []float64{0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
	0.25, 0.5, 1, 2.5}

// Histogram is a latency histogram: Counts[i] calls took at most LatencyBounds[i]
// (not cumulative), and the last count is of the calls slower than every bound.
type Histogram struct {
	Counts []uint64
	Count  uint64
	Sum    float64 // seconds
}

// SlowOperation is one call among the slowest of the day.
type SlowOperation struct {
	Op   string
	Took time.Duration
	At   time.Time
}

// Metrics is what the store has measured since it opened, for `serve --metrics` and
// the admin's System tab.
type Metrics struct {
	// Ops are the latency histograms of the store's operations, by method name.
	Ops map[string]Histogram
	// WriterWait is how long each write waited for the writer connection.
	WriterWait Histogram
	// Commits counts committed write transactions.
	Commits uint64
	// Errors counts the writes that failed and the reads refused, by kind: not_found,
	// conflict, invalid, busy, forbidden, other.
	Errors map[string]uint64
	// Logins and LoginFailures count the logins (by password at a desk, over SSH and
	// unlocking a locked desk, and by SSH key) that succeeded and failed.
	Logins, LoginFailures uint64
	// SlowestToday are the ten slowest calls since midnight UTC, slowest first.
	SlowestToday []SlowOperation
	// FileBytes and WALBytes are the sizes of the database file and its log.
	FileBytes, WALBytes int64
}

// slowestKept is how many of the day's slowest calls the store keeps.
const slowestKept = 10

// meter keeps the store's measures. Its counters are atomic, so a measured call costs
// a few additions; the histograms of the operations are made on first use under mu.
type meter struct {
	mu      sync.Mutex
	ops     map[string]*histogram
	slowest []SlowOperation
	day     time.Time // the UTC day slowest is of

	writerWait    histogram
	commits       atomic.Uint64
	logins        atomic.Uint64
	loginFailures atomic.Uint64
	errors        [len(errorKinds)]atomic.Uint64
}

var errorKinds = [...]string{"not_found", "conflict", "invalid", "busy", "forbidden", "other"}

type histogram struct {
	counts [16]atomic.Uint64 // len(LatencyBounds)+1
	sumNS  atomic.Int64
}

func (h *histogram) observe(d time.Duration) {
	i := sort.SearchFloat64s(LatencyBounds, d.Seconds())
	h.counts[i].Add(1)
	h.sumNS.Add(int64(d))
}

func (h *histogram) snapshot() Histogram {
	out := Histogram{Counts: make([]uint64, len(LatencyBounds)+1), Sum: float64(h.sumNS.Load()) / 1e9}
	for i := range out.Counts {
		out.Counts[i] = h.counts[i].Load()
		out.Count += out.Counts[i]
	}
	return out
}

// timed measures one call of the operation op: `defer s.timed("DayView")()` at the
// top of a method.
func (s *Store) timed(op string) func() {
	start := time.Now()
	return func() { s.meter.observe(op, start, time.Since(start)) }
}

func (m *meter) observe(op string, start time.Time, took time.Duration) {
	m.mu.Lock()
	h := m.ops[op]
	if h == nil {
		if m.ops == nil {
			m.ops = map[string]*histogram{}
		}
		h = &histogram{}
		m.ops[op] = h
	}
	m.keepSlow(op, start, took)
	m.mu.Unlock()
	h.observe(took)
}

// keepSlow adds the call to the day's slowest when it is one of them.
func (m *meter) keepSlow(op string, start time.Time, took time.Duration) {
	day := start.UTC().Truncate(24 * time.Hour)
	if !day.Equal(m.day) {
		m.day, m.slowest = day, m.slowest[:0]
	}
	if len(m.slowest) == slowestKept && took <= m.slowest[slowestKept-1].Took {
		return
	}
	i := sort.Search(len(m.slowest), func(i int) bool { return m.slowest[i].Took < took })
	m.slowest = slices.Insert(m.slowest, i, SlowOperation{Op: op, Took: took, At: start.UTC()})
	if len(m.slowest) > slowestKept {
		m.slowest = m.slowest[:slowestKept]
	}
}

// countError counts an error the store returns, by its kind.
func (m *meter) countError(err error) {
	if err == nil {
		return
	}
	kind := len(errorKinds) - 1
	var (
		conflict *ConflictError
		field    *FieldError
		refused  *ForbiddenError
	)
	switch {
	case errors.Is(err, ErrNotFound):
		kind = 0
	case errors.As(err, &conflict) && conflict.Rule == "busy":
		kind = 3
	case errors.As(err, &conflict):
		kind = 1
	case errors.As(err, &field):
		kind = 2
	case errors.As(err, &refused):
		kind = 4
	}
	m.errors[kind].Add(1)
}

// Metrics returns what the store has measured since it opened, and the sizes of its
// files now.
func (s *Store) Metrics() Metrics {
	m := &s.meter
	out := Metrics{Ops: map[string]Histogram{}, WriterWait: m.writerWait.snapshot(), Commits: m.commits.Load(),
		Errors: map[string]uint64{}, Logins: m.logins.Load(), LoginFailures: m.loginFailures.Load()}
	for i, kind := range errorKinds {
		out.Errors[kind] = m.errors[i].Load()
	}
	m.mu.Lock()
	ops := maps.Clone(m.ops)
	if m.day.Equal(time.Now().UTC().Truncate(24 * time.Hour)) {
		out.SlowestToday = slices.Clone(m.slowest)
	}
	m.mu.Unlock()
	for op, h := range ops {
		out.Ops[op] = h.snapshot()
	}
	if fi, err := os.Stat(s.path); err == nil {
		out.FileBytes = fi.Size()
	}
	if fi, err := os.Stat(s.path + "-wal"); err == nil {
		out.WALBytes = fi.Size()
	}
	return out
}
