package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/replica"
	"github.com/clinicdesk/clinicdesk/internal/sshserver"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui"
)

// serveConfig is what `clinicdesk serve` runs with; tests fill it directly.
type serveConfig struct {
	listen      string
	maxSessions int
	idle        time.Duration
	grace       time.Duration // how long a stopping server waits for unsaved input
	log         *log.Logger
	backoff     *auth.Backoff // slows addresses sending wrong passwords; nil: the defaults
	metrics     net.Listener  // where /metrics is served; nil: nowhere
}

const serveUsage = `usage: clinicdesk serve [--db PATH] [--listen 127.0.0.1:2222] [--max-sessions 64]
                        [--idle 30m] [--grace 1m] [--metrics 127.0.0.1:9190]
                        [--backup-dir DIR [--backup-every 6h] [--backup-keep 14]
                         (--backup-passphrase-file F | --backup-recipient AGE_KEY ...)]
                        [--replica DIR]
       clinicdesk serve --print-systemd-unit [--db PATH] [flags as above]

Serves the desk over SSH, so other terminals use the same clinic with nothing installed:
ssh -p 2222 you@clinic-host. A registered public key logs its owner straight in;
otherwise the account's password is asked. With --metrics it also serves Prometheus
metrics at http://ADDR/metrics. Statements slower than 50 ms are logged with their plan.

--backup-dir backs the clinic up every --backup-every into DIR, as 'clinicdesk backup'
does (checked, encrypted with age), and keeps the newest --backup-keep there. A failed
backup notifies the admins; the admins' System tab shows the last good one.

--replica keeps a continuous replica (Litestream) in a local or mounted directory:
every commit reaches it within about a second, and 'clinicdesk restore --replica DIR
--at TIME' restores any moment of the last week. The replica is not encrypted: keep
DIR on an encrypted disk.

--print-systemd-unit prints a hardened systemd unit that runs serve with these flags,
and exits.
`

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("clinicdesk serve", serveUsage, stdout)
	db := fs.String("db", "", "the clinic database file")
	listen := fs.String("listen", "127.0.0.1:2222", "the address to listen on")
	maxSessions := fs.Int("max-sessions", 64, "the most sessions open at once")
	idle := fs.Duration("idle", 30*time.Minute, "end a session after this long without a key")
	grace := fs.Duration("grace", time.Minute, "on stop, how long to wait for unsaved input")
	bf := addServeBackupFlags(fs)
	unit := fs.Bool("print-systemd-unit", false, "print a systemd unit that runs serve with these flags, and exit")
	metrics := fs.String("metrics", "", "serve Prometheus metrics at this address (e.g. 127.0.0.1:9190)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, err := existingDBPath(*db)
	if err != nil {
		return err
	}
	sch, err := bf.schedule(path)
	if err != nil {
		return err
	}
	if *unit {
		return printSystemdUnit(stdout, path, args)
	}
	opts := storeOptions
	if *bf.replicaDir != "" {
		dir, err := replica.Dir(*bf.replicaDir)
		if err != nil {
			return err
		}
		*bf.replicaDir = dir
		opts = append(append([]store.Option(nil), opts...), store.WithCheckpointsByReplica())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := serveConfig{listen: *listen, maxSessions: *maxSessions, idle: *idle, grace: *grace,
		log: log.New(stderr, "", log.LstdFlags)}
	opts = append(opts[:len(opts):len(opts)], store.WithSlowQueryLog(slowQueryAfter, logSlowQuery(cfg.log)))
	s, err := openDB(context.Background(), path, stderr, opts...)
	if err != nil {
		return err
	}
	defer s.Close()
	// A file ClinicDesk will not write to (its schema changed outside ClinicDesk, its
	// audit key or witness is missing) is not served: every session would fail at its
	// first write.
	if err := s.WriteRefusal(ctx); err != nil {
		return fmt.Errorf("not serving %s: %w", path, err)
	}
	// A server that cannot write refuses every login (each writes an audit row): say
	// why now rather than start.
	if err := s.CheckWritable(ctx); err != nil {
		return err
	}
	go announceExpiries(ctx, s)
	go sender{s: s, log: cfg.log}.run(ctx)
	if *metrics != "" {
		if cfg.metrics, err = net.Listen("tcp", *metrics); err != nil {
			return err
		}
	}
	l, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		if cfg.metrics != nil {
			cfg.metrics.Close()
		}
		return err
	}
	stopBackups, err := startBackups(ctx, s, sch, *bf.replicaDir, cfg.log)
	if err != nil {
		l.Close()
		return err
	}
	defer stopBackups() // before the store closes: the replica's last sync reads it
	return serve(ctx, s, l, cfg, stdout)
}

// serve runs the SSH server over the store on l until ctx ends, then stops it:
// sessions are told, unsaved input gets the grace period; the caller closes the store.
func serve(ctx context.Context, s *store.Store, l net.Listener, cfg serveConfig, stdout io.Writer) error {
	srv, err := newSSHServer(s, cfg)
	if err != nil {
		l.Close()
		if cfg.metrics != nil {
			cfg.metrics.Close()
		}
		return err
	}
	metricsDone := make(chan struct{})
	if cfg.metrics != nil {
		mctx, stopMetrics := context.WithCancel(ctx)
		defer func() { stopMetrics(); <-metricsDone }()
		go func() { defer close(metricsDone); serveMetrics(mctx, cfg.metrics, s, srv.Sessions, cfg.log) }()
		fmt.Fprintf(stdout, "metrics on http://%s/metrics\n", cfg.metrics.Addr())
	}
	fmt.Fprintf(stdout, "ClinicDesk serves %s on %s\nhost key fingerprint: %s\n", textsafe.Line(s.Path()), l.Addr(),
		srv.Fingerprint())
	go endDeactivated(ctx, s, srv)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	cfg.log.Printf("stopping: %s open", plural.S(srv.Sessions(), "session"))
	// The notice fits an 80-column footer; the reason is printed once the desk has closed.
	srv.Stopping(tui.StoppingMsg{Notice: fmt.Sprintf(
		"Server stopping: save or drop your input; the desk closes in %s.", inWords(cfg.grace))},
		"The server has stopped, so this desk has closed; connect again when it is back.")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.grace)
	defer cancel()
	err = srv.Shutdown(sctx)
	l.Close() // in case Serve had not yet begun when Shutdown closed its listeners
	<-served
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// inWords reads a wait as a user does: "1 minute", "90 seconds", not "1m0s".
func inWords(d time.Duration) string {
	switch {
	case d >= time.Minute && d%time.Minute == 0:
		return plural.S(int(d/time.Minute), "minute")
	case d >= time.Second && d%time.Second == 0:
		return plural.S(int(d/time.Second), "second")
	}
	return d.String()
}

// newSSHServer builds the server: keys and passwords checked against the clinic's
// accounts, each session a desk of its own.
func newSSHServer(s *store.Store, cfg serveConfig) (*sshserver.Server, error) {
	return sshserver.New(sshserver.Config{
		HostKeyPath: s.Path() + ".ssh_host_ed25519",
		Auth:        storeAuth{s: s, log: cfg.log},
		Handler:     deskHandler(s),
		MaxSessions: cfg.maxSessions,
		IdleTimeout: cfg.idle,
		Backoff:     cfg.backoff,
		// Why a password may be refused and for how long, naming no account.
		PasswordRefused: auth.LoginFailedMessage + "\n" + s.LockoutRule(),
		Log:             cfg.log,
	})
}

// storeAuth checks SSH credentials against the store's accounts. A check that fails
// for another reason than the credentials (the database cannot be written, say) is
// logged: the client is only told that the login failed.
type storeAuth struct {
	s   *store.Store
	log *log.Logger
}

func (a storeAuth) PublicKey(ctx context.Context, key gossh.PublicKey) (sshserver.Identity, bool) {
	u, err := a.s.UserBySSHKey(ctx, gossh.FingerprintSHA256(key))
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			a.log.Printf("key check failed: %s", textsafe.Line(err.Error()))
		}
		return sshserver.Identity{}, false
	}
	return sshserver.Identity{UserID: u.ID, Name: u.Email}, true
}

// Password is the network login's check: the account's throttle applies.
func (a storeAuth) Password(ctx context.Context, user, password, remote string) (sshserver.Identity, bool) {
	u, err := a.s.RemoteLogin(ctx, user, password, remote)
	if err != nil {
		if !errors.Is(err, store.ErrLoginFailed) {
			a.log.Printf("password check from %s failed: %s", remote, textsafe.Line(err.Error()))
		}
		return sshserver.Identity{}, false
	}
	return sshserver.Identity{UserID: u.ID, Name: u.Email}, true
}

// deskHandler makes each session's desk, logged in as the authenticated user.
func deskHandler(s *store.Store) sshserver.Handler {
	return func(sess sshserver.Session) (tea.Model, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		var (
			u   store.User
			err error
		)
		if sess.Method == "publickey" {
			// A password login was recorded as it was checked; a key is recorded now that
			// the client has proven it holds it.
			u, err = s.KeyLogin(ctx, sess.UserID, sess.KeyFingerprint, sess.Remote)
		} else {
			u, err = s.SessionUser(ctx, store.Actor{ID: sess.UserID})
		}
		if err != nil || !u.Active {
			return nil, errors.New("This account is not active.")
		}
		return tui.New(tui.Options{Store: s, Renderer: sess.Renderer, NoColor: sess.NoColor, User: &u,
			KeyLogin: sess.Method == "publickey", Remote: sess.Remote}), nil
	}
}

// endDeactivated ends the open sessions of accounts deactivated while they work, from
// any session or any other process on the file.
func endDeactivated(ctx context.Context, s *store.Store, srv *sshserver.Server) {
	events, unsubscribe := s.Subscribe()
	defer unsubscribe()
	for {
		select {
		case <-ctx.Done():
			return
		case batch, ok := <-events:
			if !ok {
				return
			}
			if !store.Touches(batch, store.TopicAccounts) {
				continue
			}
			for _, id := range srv.Users() {
				u, err := s.SessionUser(ctx, store.Actor{ID: id})
				if err == nil && !u.Active {
					srv.End(id, "Your account was deactivated; the session has ended.")
				}
			}
		}
	}
}

// announceExpiries tells pharmacists of expiring batches now and every hour while the
// server runs: expiry comes with the calendar, not with a write.
func announceExpiries(ctx context.Context, s *store.Store) {
	t := time.NewTicker(store.ExpiryCheckEvery)
	defer t.Stop()
	for {
		_, _ = s.AnnounceExpiringBatches(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
