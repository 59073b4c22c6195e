// Command sshload measures the desk served over SSH against the floor of what wish and
// Bubble Tea cost at all. On loopback only, bounded in sessions, keys and time, it:
//
//   - serves the desk (a temporary clinic), the floor (the smallest Bubble Tea app
//     served by wish: a list moved with j/k) and the floor's twin of the desk (the same
//     keys, the same frame at the window's size, as many lines redrawn per key, drawn
//     as plainly as Bubble Tea allows) on 127.0.0.1, and the twin again served by the
//     desk's own server (twin*), which tells what the server costs from what the desk
//     itself does;
//   - opens the same number of concurrent sessions on each, every session pressing
//     keys that change the screen (the desk and its twin move through their tabs and
//     lists), and reports keystroke-to-screen-update latency p50/p99, and this
//     process's CPU time and the bytes sent per key;
//   - reports the heap, goroutine stacks and goroutines per idle session of each, held
//     by a child process so that the clients' side is not counted, and the goroutines
//     left after a number of connect and disconnect cycles.
//
// The key clients run in this process: the CPU time per key includes the clients' side,
// alike for all three.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"golang.org/x/crypto/bcrypt"
	gossh "golang.org/x/crypto/ssh"

	"github.com/clinicdesk/clinicdesk/internal/sshserver"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui"
)

const password = "correct horse battery staple"

// keyProfile and heapProfile name the files of the optional profiles of the desk's key
// phases and of its idle sessions' heap.
var keyProfile, heapProfile string

// deskReady is what the desk shows once it is open and its notifications are loaded;
// floorReady is the floor's last row, twinReady the twin's header.
const deskReady, floorReady, twinReady = "30 unread", "row 19", "twin ready"

func main() {
	if spec := os.Getenv(holdEnv); spec != "" {
		if err := hold(spec); err != nil {
			fmt.Fprintln(os.Stderr, "sshload holder:", err)
			os.Exit(1)
		}
		return
	}
	// The desk is served as `clinicdesk serve` serves it, on the server's page pool.
	if err := store.UsePagePool(store.ServerPagePoolMiB); err != nil {
		fmt.Fprintln(os.Stderr, "sshload:", err)
		os.Exit(1)
	}
	sessions := flag.Int("sessions", 50, "concurrent sessions on each server (at most 200)")
	keys := flag.Int("keys", 40, "keys each session presses (at most 1000)")
	cycles := flag.Int("cycles", 1000, "connect and disconnect cycles for the goroutine check (at most 5000)")
	rounds := flag.Int("rounds", 3, "rounds of floor then desk (at most 10)")
	limit := flag.Duration("timeout", 5*time.Minute, "give up after this long")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.StringVar(&keyProfile, "keyprofile", "", "write a CPU profile of the desk's key phases only to this file")
	flag.StringVar(&heapProfile, "heapprofile", "", "write a heap profile (and FILE.goroutines, their goroutines) with the idle desk sessions open to this file")
	stormDB := flag.String("storm", "", "instead, serve this demo clinic's file (logins are recorded in it) and log\n"+
		"half the sessions in at once while the other half press keys (see storm.go)")
	flag.Parse()
	*sessions, *keys, *cycles = min(max(*sessions, 1), 200), min(max(*keys, 1), 1000), min(max(*cycles, 0), 5000)
	*rounds = min(max(*rounds, 1), 10)
	stopProfile, err := startProfile(*profile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sshload:", err)
		os.Exit(1)
	}
	defer stopProfile()
	ctx, cancel := context.WithTimeout(context.Background(), *limit)
	defer cancel()
	work := func() error { return run(ctx, *sessions, *keys, *rounds, *cycles) }
	if *stormDB != "" {
		work = func() error { return storm(ctx, *stormDB, *sessions) }
	}
	if err := work(); err != nil {
		fmt.Fprintln(os.Stderr, "sshload:", err)
		stopProfile()
		os.Exit(1)
	}
}

func run(ctx context.Context, sessions, keys, rounds, cycles int) error {
	dir, err := os.MkdirTemp("", "sshload")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	desk, sshTwin, users, closeDesk, err := serveDesk(ctx, dir, sessions)
	if err != nil {
		return err
	}
	defer closeDesk()
	floor, closeFloor, err := serveFloor(dir, "floor", func(r *lipgloss.Renderer) tea.Model { return &floorList{r: r} })
	if err != nil {
		return err
	}
	defer closeFloor()
	twin, closeTwin, err := serveFloor(dir, "twin", func(r *lipgloss.Renderer) tea.Model { return &twinDesk{r: r} })
	if err != nil {
		return err
	}
	defer closeTwin()
	fmt.Printf("%d sessions × %d keys on each server, %d rounds, GOMAXPROCS %d\n", sessions, keys, rounds,
		runtime.GOMAXPROCS(0))
	baseline := settledGoroutines()

	// The apps take turns, so all see the same load from whatever else runs on the
	// machine, and which goes first rotates; each round's ratios are reported, and the
	// median of the rounds. Every key changes the screen: the floor's cursor moves, and
	// the desk and its twin take deskSequence.
	apps := []*app{
		{name: "floor", addr: floor, user: func(int) string { return "floor" }, marker: floorReady, seq: []string{"j", "k"}},
		{name: "twin", addr: twin, user: func(int) string { return "twin" }, marker: twinReady, seq: deskSequence},
		{name: "twin*", addr: sshTwin, user: func(i int) string { return users[i%len(users)] }, marker: twinReady,
			seq: deskSequence},
		{name: "desk", addr: desk, user: func(i int) string { return users[i%len(users)] }, marker: deskReady,
			seq: deskSequence, byKey: map[string]stats{}},
	}
	floorApp, twinApp, deskApp := apps[0], apps[1], apps[3]
	var vsFloor, vsTwin []float64
	for r := 1; r <= rounds; r++ {
		for i := range apps {
			a := apps[(i+r-1)%len(apps)]
			profile := ""
			if keyProfile != "" && a == deskApp {
				profile = fmt.Sprintf("%s.%d", keyProfile, r)
			}
			run, err := measure(ctx, a.addr, a.user, a.marker, sessions, keys, a.seq, profile)
			if err != nil {
				return fmt.Errorf("%s: %w", a.name, err)
			}
			a.add(run)
		}
		f, t, d := floorApp.round, twinApp.round, deskApp.round
		vsFloor, vsTwin = append(vsFloor, ratio(d, f)), append(vsTwin, ratio(d, t))
		fmt.Printf("round %d: p50/p99 floor %s/%s · twin %s/%s · desk %s/%s · desk p99 ratio to floor %.2f, to twin %.2f\n", r,
			ms(f.p(0.5)), ms(f.p(0.99)), ms(t.p(0.5)), ms(t.p(0.99)), ms(d.p(0.5)), ms(d.p(0.99)), ratio(d, f), ratio(d, t))
	}
	for _, a := range apps {
		sort.Slice(a.all.all, func(i, j int) bool { return a.all.all[i] < a.all.all[j] })
		report(a.name, a.all.all)
	}
	for _, k := range []string{"\t", "j", "k", "\x1b[Z", "?"} {
		v := deskApp.byKey[k]
		sort.Slice(v, func(a, b int) bool { return v[a] < v[b] })
		fmt.Printf("  desk key %-9q n %4d  p50 %s  p99 %s\n", k, len(v), ms(v.p(0.5)), ms(v.p(0.99)))
	}
	sort.Float64s(vsFloor)
	sort.Float64s(vsTwin)
	fmt.Printf("desk p99 / floor p99: pooled %.2f, median of rounds %.2f (target ≤ 1.25)\n",
		ratio(deskApp.all.all, floorApp.all.all), vsFloor[len(vsFloor)/2])
	fmt.Printf("desk p99 / twin p99:  pooled %.2f, median of rounds %.2f\n",
		ratio(deskApp.all.all, twinApp.all.all), vsTwin[len(vsTwin)/2])
	for _, a := range apps {
		fmt.Printf("%-5s %s (this process: the server and the clients)\n", a.name+":", a.all.perKey())
	}

	// Both servers' idle sessions are measured alike: held by another process, so that
	// the clients' side is not counted, and the goroutines' stacks beside the heap.
	if heapProfile != "" {
		runtime.MemProfileRate = 4096 // the sessions' many small allocations, sampled finely
	}
	floorIdle, err := idleCost(ctx, floor, repeat("floor", sessions), floorReady, "")
	if err != nil {
		return fmt.Errorf("idle floor sessions: %w", err)
	}
	twinIdle, err := idleCost(ctx, twin, repeat("twin", sessions), twinReady, "")
	if err != nil {
		return fmt.Errorf("idle twin sessions: %w", err)
	}
	deskIdle, err := idleCost(ctx, desk, users[:sessions], deskReady, heapProfile)
	if err != nil {
		return fmt.Errorf("idle desk sessions: %w", err)
	}
	fmt.Printf("per idle floor session: %s\n", floorIdle)
	fmt.Printf("per idle twin session:  %s\n", twinIdle)
	fmt.Printf("per idle desk session:  %s (target heap + stacks ≤ 0.3 MB)\n", deskIdle)

	if path := os.Getenv("SSHLOAD_GOROUTINES"); path != "" {
		settledGoroutines()
		writeProfile("goroutine", path)
	}
	before, after, err := churn(ctx, desk, users, cycles)
	if err != nil {
		return fmt.Errorf("cycles: %w", err)
	}
	fmt.Printf("goroutines: %d with both servers idle before any session, %d before %d connect/disconnect cycles, %d after\n",
		baseline, before, cycles, after)
	return nil
}

// deskSequence is the keys a desk session presses, each changing the screen: to the
// patient registry (tab), its cursor moved (j j k), back to the book (shift+tab), and
// the full help opened and closed (? ?); stormSequence names each one's answer.
var deskSequence = func() []string {
	keys := make([]string, len(stormSequence))
	for i, k := range stormSequence {
		keys[i] = k.key
	}
	return keys
}()

// serveDesk serves the desk over a fresh clinic with one account per session.
func serveDesk(ctx context.Context, dir string, n int) (desk, twin string, users []string, closeAll func(), err error) {
	s, err := store.Open(ctx, filepath.Join(dir, "clinic.db"), store.WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		return "", "", nil, nil, err
	}
	admin, err := s.Setup(ctx, store.ClinicSetup{Name: "Load Test Clinic"}, store.NewUser{Email: "admin@load.test", FullName: "Ada Admin",
		Password: password})
	if err != nil {
		return "", "", nil, nil, err
	}
	var desk0 store.Actor
	for i := 0; i < n; i++ {
		u, err := s.CreateUser(ctx, admin.Actor(), store.NewUser{Email: fmt.Sprintf("desk%03d@load.test", i),
			FullName: fmt.Sprintf("Desk %03d", i), Role: store.RoleReceptionist, Password: password})
		if err != nil {
			return "", "", nil, nil, err
		}
		users = append(users, u.Email)
		if i == 0 {
			desk0 = u.Actor()
		}
	}
	// Forty patients, so that j and k move the registry's cursor: a key that changes
	// nothing draws nothing, and its latency would be that of whatever drew next.
	for i := 0; i < 40; i++ {
		_, err := s.AddPatient(ctx, desk0, store.PatientInput{FirstName: fmt.Sprintf("Load%02d", i),
			LastName: "Patient", DateOfBirth: time.Date(1960+i, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "unknown",
			Phone: fmt.Sprintf("+44 20 7946 %04d", i)})
		if err != nil {
			return "", "", nil, nil, err
		}
	}
	// Thirty notifications for every receptionist, so the notifications tab has a list
	// to move through.
	for i := 0; i < 30; i++ {
		err := s.Batch(ctx, store.System("sshload"), func(tx *store.Tx) error {
			return tx.Notify(ctx, store.NotificationInput{Role: store.RoleReceptionist, Kind: "load",
				Title: fmt.Sprintf("Load test notification %d", i)})
		})
		if err != nil {
			return "", "", nil, nil, err
		}
	}
	addr, stop, err := serveStore(dir, s)
	if err != nil {
		return "", "", nil, nil, err
	}
	// The twin served as the desk is, to tell what the desk's server costs from what the
	// desk itself does.
	twin, stopTwin, err := serveModels(dir, "twin", s, func(sess sshserver.Session) (tea.Model, error) {
		return &twinDesk{r: sess.Renderer}, nil
	})
	if err != nil {
		stop()
		return "", "", nil, nil, err
	}
	return addr, twin, users, func() {
		stopTwin()
		stop()
		s.Close()
	}, nil
}

// serveStore serves the desk of the store's clinic on a port of loopback; stop ends
// the server, not the store.
func serveStore(dir string, s *store.Store) (string, func(), error) {
	return serveModels(dir, "desk", s, func(sess sshserver.Session) (tea.Model, error) {
		u, err := s.SessionUser(context.Background(), store.Actor{ID: sess.UserID})
		if err != nil {
			return nil, err
		}
		return tui.New(tui.Options{Store: s, Renderer: sess.Renderer, User: &u}), nil
	})
}

// serveModels serves the models the handler makes with the desk's SSH server, its
// accounts those of the store's clinic.
func serveModels(dir, name string, s *store.Store, handler sshserver.Handler) (string, func(), error) {
	srv, err := sshserver.New(sshserver.Config{
		HostKeyPath: filepath.Join(dir, name+"_host_key"),
		Auth:        auth{s},
		Handler:     handler,
		MaxSessions: 1000,
		Log:         log.New(io.Discard, "", 0),
	})
	if err != nil {
		return "", nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go srv.Serve(l)
	return l.Addr().String(), func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}, nil
}

type auth struct{ s *store.Store }

func (a auth) PublicKey(context.Context, gossh.PublicKey) (sshserver.Identity, bool) {
	return sshserver.Identity{}, false
}

func (a auth) Password(ctx context.Context, user, pw, remote string) (sshserver.Identity, bool) {
	u, err := a.s.RemoteLogin(ctx, user, pw, remote)
	return sshserver.Identity{UserID: u.ID, Name: u.Email}, err == nil
}

// serveFloor serves a Bubble Tea app with wish alone, as the smallest app is served:
// the floor (floorList) or its twin of the desk (twinDesk).
func serveFloor(dir, name string, model func(*lipgloss.Renderer) tea.Model) (string, func(), error) {
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(filepath.Join(dir, name+"_host_key")),
		wish.WithPasswordAuth(func(ssh.Context, string) bool { return true }),
		wish.WithMiddleware(bm.Middleware(func(s ssh.Session) (tea.Model, []tea.ProgramOption) {
			return model(bm.MakeRenderer(s)), []tea.ProgramOption{tea.WithAltScreen()}
		})),
	)
	if err != nil {
		return "", nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go srv.Serve(l)
	return l.Addr().String(), func() { srv.Close() }, nil
}

// stats are latencies, sorted.
type stats []time.Duration

func (s stats) p(q float64) time.Duration {
	if len(s) == 0 {
		return 0
	}
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

func report(name string, s stats) {
	fmt.Printf("%-5s keystroke→screen, all rounds: n %d  p50 %s  p99 %s  max %s\n", name, len(s),
		ms(s.p(0.5)), ms(s.p(0.99)), ms(s[len(s)-1]))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

// app is one server measured, and its keys' latencies and cost so far.
type app struct {
	name, addr, marker string
	user               func(int) string
	seq                []string
	round              stats            // the latest round's latencies
	all                keyRun           // every round's
	byKey              map[string]stats // every round's latencies by key, when asked for
}

// add counts a round's keys.
func (a *app) add(r keyRun) {
	a.round = r.all
	a.all.all = append(a.all.all, r.all...)
	a.all.keys, a.all.cpu, a.all.bytes = a.all.keys+r.keys, a.all.cpu+r.cpu, a.all.bytes+r.bytes
	if a.byKey != nil {
		for k, v := range r.byKey {
			a.byKey[k] = append(a.byKey[k], v...)
		}
	}
}

// ratio is a's p99 over b's.
func ratio(a, b stats) float64 {
	sa, sb := append(stats(nil), a...), append(stats(nil), b...)
	sort.Slice(sa, func(i, j int) bool { return sa[i] < sa[j] })
	sort.Slice(sb, func(i, j int) bool { return sb[i] < sb[j] })
	return float64(sa.p(0.99)) / float64(sb.p(0.99))
}

// keyRun is what the keys of one measure cost: their latencies, all and by key, this
// process's CPU time over the keys (the server's and the clients' alike), and the bytes
// the server sent the clients.
type keyRun struct {
	all   stats
	byKey map[string]stats
	keys  int
	cpu   time.Duration
	bytes int
}

// perKey is the CPU time and the bytes out per key.
func (r keyRun) perKey() string {
	return fmt.Sprintf("CPU %.3fms and %.0f bytes out per key", float64(r.cpu)/float64(time.Millisecond)/float64(r.keys),
		float64(r.bytes)/float64(r.keys))
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// measure runs the sessions at once, each pressing its keys in turn and timing the
// first output after each key. A profile names a file for a CPU profile of the keys.
func measure(ctx context.Context, addr string, user func(int) string, marker string, n, keys int, seq []string,
	profile string) (keyRun, error) {
	var mu sync.Mutex
	run := keyRun{byKey: map[string]stats{}, keys: n * keys}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := make(chan struct{})
	var ready sync.WaitGroup
	ready.Add(n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := connect(addr, user(i), marker)
			if err != nil {
				ready.Done()
				errs <- err
				return
			}
			defer c.close()
			err = c.settle(ctx)
			ready.Done()
			if err != nil {
				errs <- err
				return
			}
			<-start
			c.mu.Lock()
			got := c.got
			c.mu.Unlock()
			var mine stats
			for k := 0; k < keys; k++ {
				d, err := c.press(ctx, seq[k%len(seq)])
				if err != nil {
					errs <- fmt.Errorf("session %d, key %d: %w", i, k, err)
					return
				}
				mine = append(mine, d)
				time.Sleep(time.Duration(10+(i*7+k*13)%30) * time.Millisecond) // think time
			}
			c.mu.Lock()
			got = c.got - got
			c.mu.Unlock()
			mu.Lock()
			run.all, run.bytes = append(run.all, mine...), run.bytes+got
			for k, d := range mine {
				key := seq[k%len(seq)]
				run.byKey[key] = append(run.byKey[key], d)
			}
			mu.Unlock()
		}()
	}
	// Keys start once every session has drawn its first screen, and the work its login
	// set off in the other sessions has settled: what is measured is a key on a desk
	// that is open, not a key pressed while fifty others log in.
	ready.Wait()
	time.Sleep(500 * time.Millisecond)
	stop, err := startProfile(profile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sshload: key profile:", err)
	}
	cpu := cpuTime()
	close(start)
	wg.Wait()
	run.cpu = cpuTime() - cpu
	stop()
	close(errs)
	if err := <-errs; err != nil {
		return keyRun{}, err
	}
	sort.Slice(run.all, func(a, b int) bool { return run.all[a] < run.all[b] })
	return run, nil
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// churn connects, draws the first screen and disconnects, cycles times (eight at a
// time), and returns the settled goroutine count before and after.
func churn(ctx context.Context, addr string, users []string, cycles int) (int, int, error) {
	before := settledGoroutines()
	work := make(chan int)
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				c, err := connect(addr, users[i%len(users)], deskReady)
				if err == nil {
					err = c.settle(ctx)
					c.close()
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := 0; i < cycles; i++ {
		select {
		case work <- i:
		case err := <-errs:
			close(work)
			return 0, 0, err
		}
	}
	close(work)
	wg.Wait()
	return before, settledGoroutines(), nil
}

// settledGoroutines waits until the goroutine count has stopped falling (sessions end
// asynchronously after their clients close) and returns it.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for i := 0; i < 30; i++ {
		time.Sleep(200 * time.Millisecond)
		next := runtime.NumGoroutine()
		if next == n {
			return n
		}
		n = next
	}
	return n
}
