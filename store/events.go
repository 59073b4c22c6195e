package store

import (
	"sync"
	"sync/atomic"
)

// Event says that a committed write touched a row. Screens subscribe to its Topic and
// reload what they show; an event carries no data, so it never leaks what a role may
// not read.
type Event struct {
	Topic  Topic
	Table  string
	RowID  int64
	Action string // INSERT, UPDATE, DELETE, or a security event's name
}

// newEvent is the event of a change to a row of the table.
func newEvent(table string, rowID int64, action string) Event {
	return Event{Topic: topicOf(table), Table: table, RowID: rowID, Action: action}
}

// broker fans committed changes out to subscribers. A subscriber that is slow to read
// misses events rather than slowing writers: each batch is delivered whole or not at
// all, and screens reload on any event, so a later batch brings them up to date.
type broker struct {
	mu     sync.Mutex
	subs   map[chan []Event]struct{}
	closed bool
	// accounts counts the published batches that may have changed a login account,
	// whether or not any subscriber took them (see AccountsVersion).
	accounts atomic.Uint64
}

func newBroker() *broker { return &broker{subs: make(map[chan []Event]struct{})} }

// Subscribe returns a channel of committed change batches and a function that ends the
// subscription. The channel is closed when the subscription ends or the store closes.
func (s *Store) Subscribe() (<-chan []Event, func()) {
	b := s.events
	ch := make(chan []Event, 16)
	b.mu.Lock()
	if b.closed {
		close(ch)
	} else {
		b.subs[ch] = struct{}{}
	}
	b.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			b.mu.Lock()
			defer b.mu.Unlock()
			if _, ok := b.subs[ch]; ok {
				delete(b.subs, ch)
				close(ch)
			}
		})
	}
}

func (b *broker) publish(events []Event) {
	if len(events) == 0 {
		return
	}
	if Touches(events, TopicAccounts) {
		b.accounts.Add(1)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- events:
		default:
		}
	}
}

// AccountsVersion changes after every committed change that may have touched a login
// account: this process's writes to accounts, and any commit by another process on the
// file (seen within the watcher's quarter second). A desk that read its user's account
// at one version need not read it again, on its next key, while the version stands.
func (s *Store) AccountsVersion() uint64 { return s.events.accounts.Load() }

func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for ch := range b.subs {
		close(ch)
		delete(b.subs, ch)
	}
}
