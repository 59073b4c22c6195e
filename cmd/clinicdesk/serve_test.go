package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// syncBuffer is a log that tests read while the server writes it; each write wakes
// whoever waits for a line.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{} // made on first use; closed and replaced at each write
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.changed != nil {
		close(s.changed)
		s.changed = nil
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor waits until the log holds want, and says so; a log that never does fails
// the test after twenty seconds.
func (s *syncBuffer) waitFor(t *testing.T, want string) bool {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		s.mu.Lock()
		text := s.b.String()
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		changed := s.changed
		s.mu.Unlock()
		if strings.Contains(text, want) {
			return true
		}
		select {
		case <-changed:
		case <-timeout:
			t.Errorf("no %q line in the log:\n%s", want, text)
			return false
		}
	}
}

// served is a clinic served over SSH on loopback for one test.
type served struct {
	s      *store.Store
	addr   string
	log    *syncBuffer
	stop   context.CancelFunc
	result chan error
	admin  store.User
	desk   store.User
	doctor store.User
}

func startServer(t *testing.T, cfg serveConfig) *served {
	t.Helper()
	s := tuitest.NewStore(t)
	ctx := context.Background()
	admin, err := s.Setup(ctx, store.ClinicSetup{Name: "Riverside Clinic"}, store.NewUser{Email: "ana@clinic.test", FullName: "Ana Admin",
		Password: tuitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	desk, err := s.CreateUser(ctx, admin.Actor(), store.NewUser{Email: "rita@clinic.test", FullName: "Rita Desk",
		Role: store.RoleReceptionist, Password: tuitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	doctor, err := s.CreateUser(ctx, admin.Actor(), store.NewUser{Email: "dan@clinic.test", FullName: "Dan Doctor",
		Role: store.RoleDoctor, Password: tuitest.Password,
		Doctor: &store.DoctorProfile{LicenceNumber: "MC-1", Specialisations: []string{"General Practice"}}})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	cfg.log = log.New(logs, "", 0)
	if cfg.grace == 0 {
		cfg.grace = 5 * time.Second
	}
	sctx, stop := context.WithCancel(ctx)
	sv := &served{s: s, addr: l.Addr().String(), log: logs, stop: stop, result: make(chan error, 1),
		admin: admin, desk: desk, doctor: doctor}
	up := &ready{ch: make(chan struct{})}
	go func() { sv.result <- serve(sctx, s, l, cfg, up) }()
	select {
	case <-up.ch:
	case err := <-sv.result:
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() {
		stop()
		select {
		case <-sv.result:
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop")
		}
	})
	return sv
}

func (sv *served) addKey(t *testing.T, u store.User) gossh.Signer {
	t.Helper()
	k := newKey(t)
	if _, err := sv.s.AddSSHKey(context.Background(), sv.admin.Actor(), u.ID, authorizedLine(k)); err != nil {
		t.Fatal(err)
	}
	return k
}

// waitLog waits for a line containing want in the server's log.
func (sv *served) waitLog(t *testing.T, want string) {
	t.Helper()
	sv.log.waitFor(t, want)
}

// ready closes its channel at the server's first line on stdout: it is listening.
type ready struct {
	once sync.Once
	ch   chan struct{}
}

func (r *ready) Write(p []byte) (int, error) {
	r.once.Do(func() { close(r.ch) })
	return len(p), nil
}

func password(p string) gossh.AuthMethod { return gossh.Password(p) }

func keys(k ...gossh.Signer) gossh.AuthMethod { return gossh.PublicKeys(k...) }

func TestServeKeyLoginOpensTheDeskAsTheKeysUser(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	k := sv.addKey(t, sv.doctor)
	c, err := dial(sv.addr, "anyone", keys(k))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 100, 30)
	term.waitFor(30*time.Second, "Riverside Clinic", "Dan Doctor · doctor")
	sv.waitLog(t, "by publickey")
	// The key login is in the audit trail and is the account's last login, as a
	// password login would be.
	ctx := context.Background()
	u, err := sv.s.SessionUser(ctx, sv.doctor.Actor())
	if err != nil || u.LastLoginAt.IsZero() {
		t.Fatalf("last login after a key login: %v, %v", u.LastLoginAt, err)
	}
	rows, err := sv.s.AuditPage(ctx, sv.admin.Actor(), store.AuditFilter{Action: store.EventLogin}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r.RowID == sv.doctor.ID && strings.Contains(r.NewValues, gossh.FingerprintSHA256(k.PublicKey())) {
			found = true
		}
	}
	if !found {
		t.Fatalf("no login row naming the key among %+v", rows)
	}
}

func TestServePasswordLoginUsesTheLocalAccount(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	c, err := dial(sv.addr, "rita@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 100, 30)
	term.waitFor(30*time.Second, "Rita Desk · receptionist")
}

func TestServeRefusesUnknownKeysAndOnlyOffersKeyAndPassword(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	_, err := dial(sv.addr, "ana@clinic.test", keys(newKey(t)))
	if err == nil {
		t.Fatal("an unregistered key logged in")
	}
	if !strings.Contains(err.Error(), "[none publickey]") && !strings.Contains(err.Error(), "attempted methods") {
		t.Logf("refusal: %v", err)
	}
	// No keyboard-interactive: a client offering only that is refused at once.
	_, err = dial(sv.addr, "ana@clinic.test", gossh.KeyboardInteractive(
		func(string, string, []string, []bool) ([]string, error) {
			t.Error("the server asked keyboard-interactive questions")
			return nil, nil
		}))
	if err == nil {
		t.Fatal("keyboard-interactive logged in")
	}
	sv.waitLog(t, "refused")
}

// badSigner offers a real public key but cannot prove it: its signatures are made with
// another key. The server must not take the offered key's owner as the session's user.
type badSigner struct {
	gossh.Signer
	other gossh.Signer
}

func (b badSigner) Sign(r io.Reader, data []byte) (*gossh.Signature, error) {
	return b.other.Sign(r, data)
}

func TestServeSessionIsTheProvenKeysUserNeverAnOfferedOne(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	adminKey := sv.addKey(t, sv.admin)
	doctorKey := sv.addKey(t, sv.doctor)
	// The ssh user name says "ana", an unregistered key is offered first, then the
	// doctor's key is proven: the desk is the doctor's.
	c, err := dial(sv.addr, "ana@clinic.test", keys(newKey(t), doctorKey))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 100, 30)
	screen := term.waitFor(30*time.Second, "Dan Doctor · doctor")
	if strings.Contains(screen, "Ana Admin") {
		t.Fatalf("logged in as the user name's owner:\n%s", screen)
	}
	// The admin's key offered but not proven (its signature made by another key),
	// then the doctor's key: a failed proof ends the connection, nobody is logged in.
	if _, err := dial(sv.addr, "ana@clinic.test", keys(badSigner{Signer: adminKey, other: newKey(t)}, doctorKey)); err == nil {
		t.Fatal("a key that was offered but not proven logged in")
	}
}

// testClock is a clock the test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// dialFrom opens an SSH connection from a given loopback address.
func dialFrom(local, addr, user string, methods ...gossh.AuthMethod) (*gossh.Client, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 5 * time.Second}
	nc, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c, chans, reqs, err := gossh.NewClientConn(nc, addr, &gossh.ClientConfig{User: user, Auth: methods,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		nc.Close()
		return nil, err
	}
	return gossh.NewClient(c, chans, reqs), nil
}

func TestServeWrongPasswordsSlowTheAddressAndThrottleTheAccountNotTheClinic(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	sv := startServer(t, serveConfig{backoff: &auth.Backoff{Now: clock.now}})
	for i := 0; i < 5; i++ {
		if c, err := dialFrom("127.0.0.1", sv.addr, "rita@clinic.test", password("wrong password")); err == nil {
			c.Close()
			t.Fatal("a wrong password logged in")
		}
		clock.advance(time.Hour) // past the address's back-off: each guess reaches the account
	}
	// The guessing address waits; another address is checked at once.
	if c, err := dialFrom("127.0.0.1", sv.addr, "ana@clinic.test", password(tuitest.Password)); err != nil {
		t.Fatalf("the address was still waiting an hour on: %v", err)
	} else {
		c.Close()
	}
	clock.advance(time.Hour)
	// Five failures in a row throttle password logins over SSH to the account...
	if c, err := dialFrom("127.0.0.2", sv.addr, "rita@clinic.test", password(tuitest.Password)); err == nil {
		c.Close()
		t.Fatal("the right password logged in over SSH to a throttled account")
	}
	// ...but a desk at the clinic logs in, and so does the account's SSH key.
	if _, err := sv.s.Login(context.Background(), "rita@clinic.test", tuitest.Password); err != nil {
		t.Fatalf("the local desk was refused: %v", err)
	}
	ns, err := sv.s.Notifications(context.Background(), sv.admin.Actor(), true, 10)
	if err != nil {
		t.Fatal(err)
	}
	told := false
	for _, n := range ns {
		if n.Kind == store.KindAccountLocked && strings.Contains(n.Title, "rita@clinic.test") &&
			strings.Contains(n.Body, "5 failed logins in a row, the last from 127.0.0.1:") {
			told = true
		}
	}
	if !told {
		t.Fatalf("the admins were not told of the guessing: %+v", ns)
	}
}

// passwordTold tries a password from a loopback address and returns what the server
// told the client while it authenticated (its SSH banners), as OpenSSH prints them.
func passwordTold(t *testing.T, local, addr, user, pw string) (string, error) {
	t.Helper()
	var told strings.Builder
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 5 * time.Second}
	nc, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	c, chans, reqs, err := gossh.NewClientConn(nc, addr, &gossh.ClientConfig{User: user,
		Auth: []gossh.AuthMethod{password(pw)}, HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		BannerCallback: func(msg string) error { told.WriteString(msg); return nil }, Timeout: 5 * time.Second})
	if err == nil {
		gossh.NewClient(c, chans, reqs).Close()
	}
	return told.String(), err
}

// A refused password is answered in words: why a password may be refused, the
// account's throttle and what still logs in (the same words whether or not the account
// exists or is throttled), and, once the address is slowed, when its next password is
// checked.
func TestServeARefusedPasswordIsToldWhyAndForHowLong(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	sv := startServer(t, serveConfig{backoff: &auth.Backoff{Now: clock.now}})
	for i := 0; i < 5; i++ {
		if _, err := passwordTold(t, "127.0.0.1", sv.addr, "rita@clinic.test", "wrong password"); err == nil {
			t.Fatal("a wrong password logged in")
		}
		clock.advance(time.Hour) // past the address's back-off: each guess reaches the account
	}
	rule := "After 5 wrong passwords in a row, an account's password logins over the network pause for 1 minute, " +
		"doubling with each further one up to 15 minutes; an SSH key or a desk at the clinic still logs in.\n"
	// Rita's account is throttled: her right password, from her own address, is refused
	// with the rule; so is a password for an email no account has, in the same words.
	for _, user := range []string{"rita@clinic.test", "nobody@clinic.test"} {
		told, err := passwordTold(t, "127.0.0.2", sv.addr, user, tuitest.Password)
		if err == nil {
			t.Fatalf("%s logged in", user)
		}
		if want := auth.LoginFailedMessage + "\n" + rule; told != want {
			t.Errorf("%s was told:\n%q\nwant\n%q", user, told, want)
		}
	}
	// The address that guessed wrong three times in a row waits, and is told how long.
	for i := 0; i < 2; i++ {
		passwordTold(t, "127.0.0.3", sv.addr, "nobody@clinic.test", "wrong password")
	}
	told, _ := passwordTold(t, "127.0.0.3", sv.addr, "nobody@clinic.test", "wrong password")
	if !strings.HasSuffix(told, rule+"Your address's next password is checked in 1s.\n") {
		t.Errorf("the third wrong password was told:\n%q", told)
	}
	told, _ = passwordTold(t, "127.0.0.3", sv.addr, "ana@clinic.test", tuitest.Password)
	if want := "Too many wrong passwords from your address: it was not checked. " +
		"The next password is checked in 1s.\n"; told != want {
		t.Errorf("a password during the back-off was told:\n%q\nwant\n%q", told, want)
	}
}

func TestServeWrongPasswordsFromOneAddressDoNotSlowAnother(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	sv := startServer(t, serveConfig{backoff: &auth.Backoff{Now: clock.now}})
	for i := 0; i < 4; i++ {
		dialFrom("127.0.0.1", sv.addr, "nobody@clinic.test", password("wrong password"))
	}
	if c, err := dialFrom("127.0.0.1", sv.addr, "ana@clinic.test", password(tuitest.Password)); err == nil {
		c.Close()
		t.Fatal("a password from an address in its back-off was checked")
	}
	c, err := dialFrom("127.0.0.2", sv.addr, "ana@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatalf("another address was slowed too: %v", err)
	}
	c.Close()
	sv.waitLog(t, "before its back-off ends")
}

func TestServeFollowsTheTerminalSizeAndKeys(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	c, err := dial(sv.addr, "ana@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 80, 24)
	term.waitFor(30*time.Second, "Ana Admin · admin", "1 Users")
	// The header's right edge is the terminal's width: at 80 columns the user's name
	// ends at column 80; after a resize to 120 it is redrawn there.
	term.markNow()
	if err := term.sess.WindowChange(30, 120); err != nil {
		t.Fatal(err)
	}
	// A redraw at the old width may still arrive after the mark: wait for a wide one.
	term.waitUntil(30*time.Second, "the header redrawn about 120 columns wide", func(s string) bool {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, "Riverside Clinic") && strings.Contains(l, "Ana Admin · admin") &&
				len([]rune(strings.TrimRight(l, " "))) >= 100 {
				return true
			}
		}
		return false
	})
	term.markNow()
	term.send("?") // the full key help
	term.waitFor(30*time.Second, "shift+tab")
	term.markNow()
	term.send("?") // the help is an overlay: ? closes it, and q under it would do nothing
	term.waitFor(30*time.Second, "3 accounts")
	term.send("q")
	if !term.ended(5 * time.Second) {
		t.Fatal("q did not end the session")
	}
}

// TestServeKeysSentInOneWriteAreEachPressed: "jjjj" written at once, as a slow link or
// typing ahead delivers it, moves the audit list four rows, so enter opens the fifth.
func TestServeKeysSentInOneWriteAreEachPressed(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	c, err := dial(sv.addr, "ana@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 80, 24)
	term.waitFor(30*time.Second, "Ana Admin · admin", "3 Audit")
	term.send("3")
	term.waitFor(30*time.Second, "Page 1 · all rows", "login")
	rows, err := sv.s.AuditPage(context.Background(), sv.admin.Actor(), store.AuditFilter{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 5 {
		t.Fatalf("want at least 5 audit rows, have %d", len(rows))
	}
	term.send("jjjj")
	term.send("\r")
	term.waitFor(30*time.Second, fmt.Sprintf("Audit row %d ", rows[4].ID))
}

// TestServeAFormTypedAheadInOneWriteFillsEachField: the password form's three fields
// and enter, written at once over SSH, change the password: each field gets its own
// text, not the first field all of it.
func TestServeAFormTypedAheadInOneWriteFillsEachField(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	c, err := dial(sv.addr, "ana@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 80, 24)
	term.waitFor(30*time.Second, "Ana Admin · admin", "8 My acco")
	term.send("8")
	term.waitFor(30*time.Second, "change password")
	term.send("p")
	term.waitFor(30*time.Second, "┃ Current password")
	const next = "a longer passphrase typed ahead"
	term.send(tuitest.Password + "\t" + next + "\t" + next + "\r")
	term.waitFor(30*time.Second, "Password changed.")
	if _, err := sv.s.Login(context.Background(), "ana@clinic.test", next); err != nil {
		t.Fatalf("the new password does not log in: %v", err)
	}
}

func TestServeRefusesPastTheSessionLimit(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{maxSessions: 2})
	for i := 0; i < 2; i++ {
		c, err := dial(sv.addr, "ana@clinic.test", password(tuitest.Password))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		openTerminal(t, c, 80, 24).waitFor(30*time.Second, "Ana Admin")
	}
	c, err := dial(sv.addr, "ana@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	sess.Stderr = &stderr
	sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{})
	sess.Shell()
	err = sess.Wait()
	if err == nil || !strings.Contains(stderr.String(), "The desk is full (2 sessions are open)") {
		t.Fatalf("third session: err %v, stderr %q", err, stderr.String())
	}
}

func TestServeRefusesCommands(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	c, err := dial(sv.addr, "ana@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("cat /etc/passwd")
	if err == nil || !strings.Contains(string(out), "does not run commands") {
		t.Fatalf("exec: err %v, output %q", err, out)
	}
	if _, err := c.Dial("tcp", "127.0.0.1:1"); err == nil {
		t.Fatal("port forwarding was allowed")
	}
}

func TestServeEndsIdleSessions(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{idle: 400 * time.Millisecond})
	c, err := dial(sv.addr, "ana@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 80, 24)
	term.waitFor(30*time.Second, "Ana Admin")
	term.waitFor(30*time.Second, "no key was pressed")
	if !term.ended(5 * time.Second) {
		t.Fatal("the idle session stayed open")
	}
}

func TestServeEndsADeactivatedUsersSessions(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	c, err := dial(sv.addr, "rita@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 80, 24)
	term.waitFor(30*time.Second, "Rita Desk")
	if err := sv.s.SetUserActive(context.Background(), sv.admin.Actor(), sv.desk.ID, false); err != nil {
		t.Fatal(err)
	}
	term.waitFor(30*time.Second, "deactivated")
	if !term.ended(5 * time.Second) {
		t.Fatal("the deactivated user's session stayed open")
	}
}

func TestServeShutdownTellsSessionsAndClosesCleanly(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{grace: 2 * time.Second})
	c, err := dial(sv.addr, "ana@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 80, 24)
	term.waitFor(30*time.Second, "Ana Admin")
	sv.stop()
	// Nothing unsaved: the desk closes at once, well within the grace period.
	if !term.ended(2 * time.Second) {
		t.Fatal("the session did not end on shutdown")
	}
	select {
	case err := <-sv.result:
		if err != nil {
			t.Fatal(err)
		}
		sv.result <- nil
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return")
	}
	if _, err := dial(sv.addr, "ana@clinic.test", password(tuitest.Password)); err == nil {
		t.Fatal("the stopped server still accepts connections")
	}
	for _, want := range []string{"connect", "login", "disconnect", "stopping"} {
		sv.waitLog(t, want)
	}
}

// TestServeShutdownTellsEachUserBeforeTheirDeskCloses: on stop, a desk holding unsaved
// input shows the notice and waits for it to be saved or dropped; a desk with nothing
// unsaved closes at once, and its user reads why after it.
func TestServeShutdownTellsEachUserBeforeTheirDeskCloses(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{grace: time.Minute})
	open := func(user, name string) *terminal {
		c, err := dial(sv.addr, user, password(tuitest.Password))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		term := openTerminal(t, c, 80, 24)
		term.waitFor(30*time.Second, name)
		return term
	}
	idle := open("ana@clinic.test", "Ana Admin · admin")
	busy := open("rita@clinic.test", "Rita Desk · receptionist")
	busy.send("7") // My account
	busy.waitFor(30*time.Second, "change password")
	busy.send("p")
	busy.waitFor(30*time.Second, "┃ Current password")
	busy.send("half typed")
	busy.waitFor(30*time.Second, strings.Repeat("*", len("half typed")))
	idle.markNow()
	busy.markNow()
	sv.stop()
	const notice = "Server stopping: save or drop your input; the desk closes in 1 minute."
	sv.log.waitFor(t, "stopping: 2 sessions open")
	busy.waitFor(30*time.Second, notice)
	idle.waitFor(30*time.Second, "The server has stopped, so this desk has closed; connect again when it is back.")
	if !idle.ended(5 * time.Second) {
		t.Fatal("the desk with nothing unsaved stayed open")
	}
	// The busy desk waits for its user: dropping the input closes it, with the same word.
	busy.send("\x1b")
	busy.waitFor(30*time.Second, "Leave without saving?")
	busy.send("y")
	busy.waitFor(30*time.Second, "The server has stopped, so this desk has closed")
	if !busy.ended(5 * time.Second) {
		t.Fatal("the desk stayed open after its input was dropped")
	}
}

func TestServeHostKeyIsKeptBesideTheDatabase(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	info, err := os.Stat(sv.s.Path() + ".ssh_host_ed25519")
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", info.Mode().Perm())
	}
}

// todaysAppointment books a patient with the doctor for now, as the desk would.
func (sv *served) todaysAppointment(t *testing.T) int64 {
	t.Helper()
	ctx := context.Background()
	p, err := sv.s.AddPatient(ctx, sv.desk.Actor(), store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := sv.s.DoctorByUser(ctx, sv.desk.Actor(), sv.doctor.ID)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	now := sv.s.Now().Truncate(time.Minute)
	err = sv.s.Batch(ctx, sv.desk.Actor(), func(tx *store.Tx) (err error) {
		id, err = tx.ImportAppointment(ctx, store.ImportedAppointment{PatientID: p.ID, DoctorID: d.ID,
			Start: now, End: now.Add(15 * time.Minute)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// The check-in reaches the doctor's open session with no key pressed. How fast is the
// live-update benchmark's business; the deadline here only ends a test that hangs.
func TestServeCheckInReachesTheDoctorsSession(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	appt := sv.todaysAppointment(t)
	deskClient, err := dial(sv.addr, "rita@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer deskClient.Close()
	deskTerm := openTerminal(t, deskClient, 100, 30)
	deskTerm.waitFor(30*time.Second, "Rita Desk · receptionist")
	docClient, err := dial(sv.addr, "dan@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer docClient.Close()
	doc := openTerminal(t, docClient, 100, 30)
	doc.waitFor(30*time.Second, "Dan Doctor · doctor")
	doc.send("\x0e") // ctrl+n: the notifications tab
	doc.waitFor(30*time.Second, "Nothing yet")
	doc.markNow()
	start := time.Now()
	// The desk's user checks the patient in (the front desk's screens are another
	// package's; this is the store call their check-in key makes).
	if err := sv.s.CheckIn(context.Background(), sv.desk.Actor(), appt); err != nil {
		t.Fatal(err)
	}
	doc.waitFor(60*time.Second, "1 unread", "Asha Patel has checked in")
	t.Logf("the doctor's screen showed the check-in after %s", time.Since(start))
}

// Another process's commit reaches an open screen with no key pressed (the deadline
// only ends a test that hangs).
func TestServeAnotherProcessesCommitReachesOpenScreens(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	c, err := dial(sv.addr, "dan@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	doc := openTerminal(t, c, 100, 30)
	doc.waitFor(30*time.Second, "Dan Doctor · doctor")
	other, err := store.Open(context.Background(), sv.s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	doc.markNow()
	start := time.Now()
	err = other.Batch(context.Background(), store.System("another process"), func(tx *store.Tx) error {
		return tx.Notify(context.Background(), store.NotificationInput{UserID: sv.doctor.ID, Kind: "test",
			Title: "Lab results are in"})
	})
	if err != nil {
		t.Fatal(err)
	}
	doc.waitFor(60*time.Second, "1 unread")
	t.Logf("shown after %s", time.Since(start))
}

func TestServeAPatientSeesOnlyTheirOwnDesk(t *testing.T) {
	t.Parallel()
	sv := startServer(t, serveConfig{})
	sv.todaysAppointment(t)
	ctx := context.Background()
	p, err := sv.s.AddPatient(ctx, sv.desk.Actor(), store.PatientInput{FirstName: "Meena", LastName: "Iyer",
		DateOfBirth: time.Date(1985, 5, 5, 0, 0, 0, 0, time.UTC), Sex: "female"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sv.s.GivePatientAccount(ctx, sv.desk.Actor(), p.ID, "meena@example.com", tuitest.Password); err != nil {
		t.Fatal(err)
	}
	c, err := dial(sv.addr, "meena@example.com", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 100, 30)
	screen := term.waitFor(30*time.Second, "Meena Iyer · patient", "My appointments", "No upcoming appointments.")
	if strings.Contains(screen, "Asha") {
		t.Fatalf("another patient's appointment reached the patient's screen:\n%s", screen)
	}
}

// settledGoroutines waits until the goroutine count stops changing and returns it.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for i := 0; i < 50; i++ {
		time.Sleep(50 * time.Millisecond)
		next := runtime.NumGoroutine()
		if next == n {
			return n
		}
		n = next
	}
	return n
}

func TestServeSessionsLeaveNoGoroutinesBehind(t *testing.T) {
	sv := startServer(t, serveConfig{})
	k := sv.addKey(t, sv.admin) // passwords are rate-limited per address; keys are not
	cycle := func() {
		c, err := dial(sv.addr, "ana", keys(k))
		if err != nil {
			t.Fatal(err)
		}
		openTerminal(t, c, 80, 24).waitFor(30*time.Second, "Ana Admin · admin")
		c.Close()
	}
	cycle() // the first session starts what stays: pools, timers
	before := settledGoroutines()
	for i := 0; i < 20; i++ {
		cycle()
	}
	if after := settledGoroutines(); after > before {
		t.Fatalf("goroutines: %d before 20 sessions, %d after", before, after)
	}
}
