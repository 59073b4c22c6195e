package sshserver

import (
	"context"
	"net"
	"strconv"

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
	// Password checks a login name and password sent from remote (the client's
	// address), with the account's throttle for network logins.
	Password(ctx context.Context, user, password, remote string) (Identity, bool)
}

// Extensions carried in the permissions of the authentication method that succeeded.
// x/crypto keeps one Permissions value per method attempt and hands the connection
// the one of the method that finally succeeded, so a key merely offered never names
// the session.
const (
	extUserID = "clinicdesk-user-id"
	extName   = "clinicdesk-user-name"
	extMethod = "clinicdesk-method"
	extKey    = "clinicdesk-key"
)

// grant names the identity of this method attempt; key is the public key's
// fingerprint for a key login, "" for a password.
func grant(ctx ssh.Context, id Identity, method, key string) {
	p := ctx.Permissions().Permissions
	if p.Extensions == nil {
		p.Extensions = map[string]string{}
	}
	p.Extensions[extUserID] = strconv.FormatInt(id.UserID, 10)
	p.Extensions[extName] = id.Name
	p.Extensions[extMethod] = method
	p.Extensions[extKey] = key
}

// granted reads the identity of the method that succeeded on a session's connection,
// how it authenticated, and for a key login the key's fingerprint.
func granted(p *ssh.Permissions) (id Identity, method, key string, ok bool) {
	if p == nil || p.Permissions == nil {
		return Identity{}, "", "", false
	}
	uid, err := strconv.ParseInt(p.Extensions[extUserID], 10, 64)
	if err != nil || uid <= 0 {
		return Identity{}, "", "", false
	}
	return Identity{UserID: uid, Name: p.Extensions[extName]}, p.Extensions[extMethod], p.Extensions[extKey], true
}

// remoteIP is the address a back-off is kept for: the client's IP without its port.
func remoteIP(addr net.Addr) string {
	ip := addr.String()
	if host, _, err := net.SplitHostPort(ip); err == nil {
		ip = host
	}
	return ip
}
