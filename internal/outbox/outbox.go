// Package outbox sends the clinic's messages: e-mail over SMTP and SMS through an HTTP
// gateway. Each send returns nil only when the server or gateway accepted the message;
// an error says why in plain words and, through Permanent, whether trying again could
// help. It knows nothing of the database: the store decides what to send and when.
package outbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
)

// Security is how the SMTP connection is protected.
type Security string

// The SMTP security modes, as the clinic's smtp_tls setting names them.
const (
	StartTLS Security = "starttls" // upgrade a plain connection; refuse to send without it
	TLS      Security = "tls"      // TLS from the first byte (usually port 465)
	NoTLS    Security = "none"     // no encryption: a relay on the same machine only
)

// Error is a failed send: the reason in plain words, and whether the server refused
// the message itself (retrying the same message would be refused again).
type Error struct {
	Reason    string
	permanent bool
}

func (e *Error) Error() string { return e.Reason }

// Permanent reports a refusal of the message itself, not worth retrying.
func (e *Error) Permanent() bool { return e.permanent }

// SMTP is a mail server to send through.
type SMTP struct {
	Host     string
	Port     int
	Security Security
	User     string // empty: no authentication
	Password string
	From     string
	// Timeout bounds connecting and each exchange with the server; 30 s when zero.
	Timeout time.Duration
	// TLSConfig overrides the TLS settings (tests trust their own certificate with
	// it); nil verifies the server's certificate against the system's roots.
	TLSConfig *tls.Config
}

// Email is one e-mail to send.
type Email struct {
	To, Subject, Body string
}

// Send delivers the e-mail to the server, returning nil once the server accepted it.
func (s SMTP) Send(ctx context.Context, e Email) error {
	m := mail.NewMsg()
	if err := m.From(s.From); err != nil {
		return &Error{Reason: "The clinic's sender address " + s.From + " is not an e-mail address.", permanent: true}
	}
	if err := m.To(e.To); err != nil {
		return &Error{Reason: "The patient's e-mail address " + e.To + " is not a valid address.", permanent: true}
	}
	m.Subject(e.Subject)
	m.SetBodyString(mail.TypeTextPlain, e.Body)
	m.SetMessageID()
	m.SetDate()

	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	opts := []mail.Option{mail.WithPort(s.Port), mail.WithTimeout(timeout)}
	tlsConfig := s.TLSConfig
	if tlsConfig == nil {
		tlsConfig = &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	}
	switch s.Security {
	case TLS:
		opts = append(opts, mail.WithSSL(), mail.WithTLSConfig(tlsConfig))
	case NoTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory), mail.WithTLSConfig(tlsConfig))
	}
	if s.User != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(s.User),
			mail.WithPassword(s.Password))
	}
	c, err := mail.NewClient(s.Host, opts...)
	if err != nil {
		return &Error{Reason: "The mail settings are not usable: " + err.Error(), permanent: true}
	}
	ctx, cancel := context.WithTimeout(ctx, 2*timeout)
	defer cancel()
	if err := c.DialAndSendWithContext(ctx, m); err != nil {
		return s.explain(err, timeout)
	}
	return nil
}

// explain turns go-mail's error into the sentence the Outbox screen shows.
func (s SMTP) explain(err error, timeout time.Duration) error {
	server := fmt.Sprintf("%s:%d", s.Host, s.Port)
	var send *mail.SendError
	if errors.As(err, &send) && send.ErrorCode() >= 400 {
		words := "The mail server refused the message"
		if send.IsTemp() || send.ErrorCode() < 500 {
			words = "The mail server turned the message away for now"
		}
		return &Error{Reason: fmt.Sprintf("%s (%d): %s", words, send.ErrorCode(), firstLine(send.Error())),
			permanent: !send.IsTemp() && send.ErrorCode() >= 500}
	}
	var netErr net.Error
	text := err.Error()
	switch {
	case strings.Contains(text, "does not support STARTTLS"):
		return &Error{Reason: "The mail server " + server + " does not offer STARTTLS, and the clinic's settings require an encrypted connection."}
	case errors.As(err, &netErr) && netErr.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return &Error{Reason: fmt.Sprintf("The mail server %s did not answer within %s.", server, timeout)}
	case strings.Contains(text, "tls:"), strings.Contains(text, "x509:"), strings.Contains(text, "certificate"):
		return &Error{Reason: "The encrypted connection to the mail server " + server + " failed: " + firstLine(text)}
	case strings.Contains(text, "connection refused"):
		return &Error{Reason: "The mail server " + server + " refused the connection: is it running on that port?"}
	case strings.Contains(strings.ToLower(text), "auth"):
		return &Error{Reason: "The mail server " + server + " did not accept the SMTP user and password: " + firstLine(text)}
	}
	return &Error{Reason: "Sending through the mail server " + server + " failed: " + firstLine(text)}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:299]) + "…"
	}
	return s
}
