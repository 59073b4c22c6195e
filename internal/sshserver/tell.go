package sshserver

import (
	"strings"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

type preAuthKey struct{}

// keepPreAuth keeps each connection's handle for messages sent while the client
// authenticates, so a refused password is answered in words, not only refused.
func keepPreAuth(ctx ssh.Context) *gossh.ServerConfig {
	return &gossh.ServerConfig{PreAuthConnCallback: func(c gossh.ServerPreAuthConn) {
		ctx.SetValue(preAuthKey{}, c)
	}}
}

// tell sends the client lines while it authenticates (an SSH banner): OpenSSH prints
// them before it asks again.
func tell(ctx ssh.Context, lines ...string) {
	c, ok := ctx.Value(preAuthKey{}).(gossh.ServerPreAuthConn)
	if !ok {
		return
	}
	var b strings.Builder
	for _, l := range strings.Split(strings.Join(lines, "\n"), "\n") {
		if l = strings.TrimSpace(textsafe.Line(l)); l != "" {
			b.WriteString(l + "\n")
		}
	}
	if b.Len() > 0 {
		_ = c.SendAuthBanner(b.String())
	}
}

// seconds reads a wait as whole seconds, rounded up: "1s", never "0s" or "734ms".
func seconds(d time.Duration) string {
	return (d + time.Second - 1).Truncate(time.Second).String()
}
