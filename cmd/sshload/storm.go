package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// stormReady is what the day book shows once the day has been read.
const stormReady = "booked"

// storm measures a login storm on a clinic of the caller's, such as a demo clinic with a
// million patients added: half the sessions open the desk, one after another, and press
// keys with a think time between them; once they are pressing, the other half log in
// at once, each as one of the clinic's receptionists with the demo password. It reports
// whether every session opened, each login's time to its first screen, and how long the
// open sessions' keys waited while the others logged in (the target: none over 250 ms)
// beside the same keys before and after.
func storm(ctx context.Context, path string, sessions int) error {
	if _, err := os.Stat(path); err != nil {
		return err // store.Open would make a new clinic
	}
	dir, err := os.MkdirTemp("", "sshload")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	users, err := receptionists(ctx, s)
	if err != nil {
		return err
	}
	addr, stop, err := serveStore(dir, s)
	if err != nil {
		return err
	}
	defer stop()
	open := max(1, sessions/2)
	var clients []*client
	defer func() {
		for _, c := range clients {
			c.close()
		}
	}()
	for i := range open {
		c, err := connectWith(addr, users[i%len(users)], demo.Password, stormReady)
		if err != nil {
			return err
		}
		clients = append(clients, c)
		if err := c.settle(ctx); err != nil {
			return err
		}
	}
	fmt.Printf("%d sessions open on %s; %d log in at once while they press keys\n", open, path, sessions-open)

	keys := pressAll(ctx, clients)
	time.Sleep(time.Second) // keys before the storm
	started := time.Now()
	logins, failed := loginAll(ctx, addr, users, open, sessions-open)
	ended := time.Now()
	time.Sleep(time.Second) // keys after it
	pressed, err := keys.stop()
	if err != nil {
		return err
	}
	var during, outside stats
	for _, k := range pressed {
		if k.at.Before(started) || k.at.After(ended) {
			outside = append(outside, k.took)
		} else {
			during = append(during, k.took)
		}
	}
	for _, s := range []stats{logins, during, outside} {
		sort.Slice(s, func(a, b int) bool { return s[a] < s[b] })
	}
	fmt.Printf("opened %d of %d logging in at once; the storm took %s\n", len(logins), sessions-open, ms(ended.Sub(started)))
	for _, f := range failed {
		fmt.Println("  failed:", f)
	}
	if len(logins) > 0 {
		fmt.Printf("login to first screen: p50 %s  max %s\n", ms(logins.p(0.5)), ms(logins[len(logins)-1]))
	}
	for _, k := range []struct {
		name string
		s    stats
	}{{"during the storm", during}, {"before and after", outside}} {
		if len(k.s) > 0 {
			fmt.Printf("open sessions' keys %s: n %d  p50 %s  p99 %s  max %s (target max ≤ 250ms)\n", k.name, len(k.s),
				ms(k.s.p(0.5)), ms(k.s.p(0.99)), ms(k.s[len(k.s)-1]))
		}
	}
	return nil
}

// receptionists lists the clinic's active receptionists' emails.
func receptionists(ctx context.Context, s *store.Store) ([]string, error) {
	all, err := s.ListUsers(ctx, store.System("sshload"), "")
	if err != nil {
		return nil, err
	}
	var emails []string
	for _, u := range all {
		if u.Role == store.RoleReceptionist && u.Active {
			emails = append(emails, u.Email)
		}
	}
	if len(emails) == 0 {
		return nil, fmt.Errorf("the clinic has no active receptionist")
	}
	return emails, nil
}

// loginAll opens n sessions at once and returns each opened one's time from dialling
// to its first screen, and why the others failed.
func loginAll(ctx context.Context, addr string, users []string, first, n int) (stats, []string) {
	var mu sync.Mutex
	var took stats
	var failed []string
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			c, err := connectWith(addr, users[(first+i)%len(users)], demo.Password, stormReady)
			if err == nil {
				err = c.awaitFirstScreen(ctx)
				defer c.close()
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed = append(failed, err.Error())
				return
			}
			took = append(took, time.Since(start))
		}()
	}
	wg.Wait()
	return took, failed
}

// keyAt is one key pressed at a time and how long its screen took.
type keyAt struct {
	at   time.Time
	took time.Duration
}

// pressing is sessions pressing keys until stopped.
type pressing struct {
	quit chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	keys []keyAt
	err  error
}

// stormSequence is the desk's keys (deskSequence) with the text each one's own answer
// draws, where the screen the key is pressed on also redraws as other desks commit (the
// day book's counts and waiting room): the registry's heading after tab, the book's
// heading after shift+tab and after the help closes, the help's heading after it opens.
// The cursor moves on the registry, which the logins do not change, take any output.
var stormSequence = []struct{ key, answer string }{
	{"\t", "search by name"}, {"j", ""}, {"j", ""}, {"k", ""}, {"\x1b[Z", "booked"}, {"?", "closes"}, {"?", "booked"},
}

// pressAll has each client press the desk's keys, with a think time between them.
func pressAll(ctx context.Context, clients []*client) *pressing {
	p := &pressing{quit: make(chan struct{})}
	for i, c := range clients {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for k := 0; ; k++ {
				select {
				case <-p.quit:
					return
				default:
				}
				at := time.Now()
				key := stormSequence[k%len(stormSequence)]
				took, err := c.pressFor(ctx, key.key, key.answer)
				p.mu.Lock()
				if err != nil {
					p.err = fmt.Errorf("open session %d, key %d: %w", i, k, err)
				} else {
					p.keys = append(p.keys, keyAt{at: at, took: took})
				}
				p.mu.Unlock()
				if err != nil {
					return
				}
				time.Sleep(time.Duration(10+(i*7+k*13)%30) * time.Millisecond) // think time
			}
		}()
	}
	return p
}

// stop ends the pressing and returns the keys pressed.
func (p *pressing) stop() ([]keyAt, error) {
	close(p.quit)
	p.wg.Wait()
	return p.keys, p.err
}
