package auth

import (
	"sync"
	"time"
)

// Back-off defaults: two free mistakes, then one second after the third failure,
// doubling with each further one to fifteen minutes.
const (
	DefaultFreeFailures = 2
	DefaultBackoffBase  = time.Second
	DefaultBackoffMax   = 15 * time.Minute
)

// Backoff slows a source of failed logins (a remote address) instead of locking the
// accounts it guesses at: the first FreeFailures consecutive failures cost nothing;
// after the next one the source must wait Base, then after each further failure twice
// as long as before, up to Max. It is in memory: a
// restart forgets it, which costs an attacker a restart of the server, not a lock on
// someone's account. The zero value is ready to use; it is safe for concurrent use.
type Backoff struct {
	FreeFailures int           // failures with no wait; default 2
	Base         time.Duration // the first wait; default 1 s
	Max          time.Duration // the longest wait; default 15 min
	Now          func() time.Time

	mu      sync.Mutex
	sources map[string]*source
}

type source struct {
	failures int
	until    time.Time // no attempt is checked before this
}

func (b *Backoff) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

// Delay is how long after n consecutive failures the next attempt must wait.
func (b *Backoff) Delay(n int) time.Duration {
	free, base, limit := b.FreeFailures, b.Base, b.Max
	if free <= 0 {
		free = DefaultFreeFailures
	}
	if base <= 0 {
		base = DefaultBackoffBase
	}
	if limit <= 0 {
		limit = DefaultBackoffMax
	}
	if n <= free {
		return 0
	}
	return doubling(base, limit, n-free-1)
}

// doubling is base doubled steps times, at most limit.
func doubling(base, limit time.Duration, steps int) time.Duration {
	d := base
	for i := 0; i < steps && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// Wait reports how long the source must still wait before an attempt is checked;
// zero means now. An attempt made while waiting is refused without being checked and
// without lengthening the wait.
func (b *Backoff) Wait(key string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	src := b.sources[key]
	if src == nil {
		return 0
	}
	return max(src.until.Sub(b.now()), 0)
}

// Failure counts a failed attempt from the source and returns the wait before its next.
func (b *Backoff) Failure(key string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if b.sources == nil {
		b.sources = map[string]*source{}
	}
	b.forget(now)
	src := b.sources[key]
	if src == nil {
		src = &source{}
		b.sources[key] = src
	}
	src.failures++
	wait := b.Delay(src.failures)
	src.until = now.Add(wait)
	return wait
}

// Success forgets the source's failures.
func (b *Backoff) Success(key string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.sources, key)
}

// forget drops sources whose wait ran out over Max ago, so the map stays small.
func (b *Backoff) forget(now time.Time) {
	limit := b.Delay(1 << 20)
	for k, src := range b.sources {
		if now.Sub(src.until) > limit {
			delete(b.sources, k)
		}
	}
}
