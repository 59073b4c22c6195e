package store

import (
	"context"
	"sync"
	"time"
)

// TableAny is the table of an event that says "something changed outside this
// process": another clinicdesk process committed to the same file. Its topic is
// TopicAny: screens reload whatever they show when they see it.
const TableAny = "*"

// watchInterval is how often the watcher looks for other processes' commits.
const watchInterval = 250 * time.Millisecond

// watcher notices commits made by other processes on the same file and publishes them
// into the broker, so screens show them as they show this process's own writes.
//
// It polls PRAGMA data_version on the writer connection. SQLite changes a connection's
// data_version only when another connection commits, never for its own commits; the
// writer is this process's only connection that commits, so a change there is exactly
// a commit by another process. (A reader connection would also see this process's own
// commits, which the broker has already announced table by table.)
type watcher struct {
	s    *Store
	mu   sync.Mutex
	last int64
	seen bool
	stop chan struct{}
	done chan struct{}
}

func (s *Store) startWatch(interval time.Duration) *watcher {
	w := &watcher{s: s, stop: make(chan struct{}), done: make(chan struct{})}
	_, _ = w.poll(context.Background()) // the baseline
	go w.run(interval)
	return w
}

func (w *watcher) run(interval time.Duration) {
	defer close(w.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			changed, err := w.poll(ctx)
			cancel()
			if err == nil && changed {
				w.s.events.publish([]Event{newEvent(TableAny, 0, "UPDATE")})
			}
		}
	}
}

// poll reads data_version and reports whether it changed since the last poll.
func (w *watcher) poll(ctx context.Context) (bool, error) {
	var v int64
	if err := w.s.writer.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return false, translate(err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	changed := w.seen && v != w.last
	w.last, w.seen = v, true
	return changed, nil
}

// close stops the watcher and waits for it.
func (w *watcher) close() {
	close(w.stop)
	<-w.done
}
