package sshserver

import (
	"context"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Identity is who an authenticated connection acts for: the account's id, as the
// caller's store knows it, and a name for the log.
type Identity struct {
	UserID int64
	Name   string
}

// Authenticator checks credentials against the clinic's accounts. The server calls it
// only while a client authenticates; it must refuse anything but an active account.
type Authenticator interface {
	// PublicKey returns the account a public key is registered to. The client may only
	// be offering the key: the server trusts the answer only once the client has proven
	// it holds the private key.
	PublicKey(ctx context.Context, key gossh.PublicKey) (Identity, bool)
	// Password checks a login name and password, with the same lockout as a local login.
	Password(ctx context.Context, user, password string) (Identity, bool)
}

// Extensions carried in the permissions of the authentication method that succeeded.
// x/crypto keeps one Permissions value per method attempt and hands the connection
// the one of the method that finally succeeded, so a key merely offered never names
// the session.
const (
	extUserID = "clinicdesk-user-id"
	extName   = "clinicdesk-user-name"
	extMethod = "clinicdesk-method"
)

func grant(ctx ssh.Context, id Identity, method string) {
	p := ctx.Permissions().Permissions
	if p.Extensions == nil {
		p.Extensions = map[string]string{}
	}
	p.Extensions[extUserID] = strconv.FormatInt(id.UserID, 10)
	p.Extensions[extName] = id.Name
	p.Extensions[extMethod] = method
}

// granted reads the identity of the method that succeeded on a session's connection.
func granted(p *ssh.Permissions) (Identity, string, bool) {
	if p == nil || p.Permissions == nil {
		return Identity{}, "", false
	}
	id, err := strconv.ParseInt(p.Extensions[extUserID], 10, 64)
	if err != nil || id <= 0 {
		return Identity{}, "", false
	}
	return Identity{UserID: id, Name: p.Extensions[extName]}, p.Extensions[extMethod], true
}

// rateLimiter allows each remote IP a number of password attempts per window.
type rateLimiter struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	now    func() time.Time
	seen   map[string]*attempts
}

type attempts struct {
	start time.Time
	count int
}

func newRateLimiter(limit int, window time.Duration) *rateLimiter {
	return &rateLimiter{limit: limit, window: window, now: time.Now, seen: map[string]*attempts{}}
}

// allow counts one attempt from addr's IP and reports whether it is within the limit.
func (r *rateLimiter) allow(addr net.Addr) bool {
	ip := addr.String()
	if host, _, err := net.SplitHostPort(ip); err == nil {
		ip = host
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	for k, a := range r.seen { // forget finished windows, so the map stays small
		if now.Sub(a.start) >= r.window {
			delete(r.seen, k)
		}
	}
	a := r.seen[ip]
	if a == nil {
		a = &attempts{start: now}
		r.seen[ip] = a
	}
	a.count++
	return a.count <= r.limit
}
