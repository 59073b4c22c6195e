package store

import (
	"context"
	"database/sql"
	"errors"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
)

// SMTP connection security, the values of the smtp_tls setting.
const (
	SMTPStartTLS = "starttls" // plain connection upgraded with STARTTLS, which must succeed
	SMTPTLS      = "tls"      // TLS from the first byte (port 465)
	SMTPNoTLS    = "none"     // no encryption: only for a relay on the same machine
)

// DefaultSMSBodyTemplate is the SMS gateway's request body when none is set: JSON with
// the placeholders {to} and {message}.
const DefaultSMSBodyTemplate = `{"to": "{to}", "text": "{message}"}`

// OutboxSettings are how e-mail and SMS leave the clinic, and when reminders go.
type OutboxSettings struct {
	SMTPHost string
	SMTPPort int
	SMTPTLS  string // SMTPStartTLS, SMTPTLS or SMTPNoTLS
	SMTPUser string
	SMTPFrom string // the sender's address
	// SMTPPasswordSet says whether a password is stored; the password itself is never
	// read back into settings (see Store.SMTPPassword).
	SMTPPasswordSet bool
	// SMSGatewayURL receives a POST per SMS; SMSBodyTemplate is its body, with {to}
	// and {message} replaced (JSON-escaped when the template starts with "{", else
	// URL-encoded as a form).
	SMSGatewayURL   string
	SMSBodyTemplate string
	// ReminderHours is how long before an appointment its reminder goes.
	ReminderHours int
}

func defaultOutboxSettings() OutboxSettings {
	return OutboxSettings{SMTPPort: 587, SMTPTLS: SMTPStartTLS, SMSBodyTemplate: DefaultSMSBodyTemplate,
		ReminderHours: 24}
}

// EmailReady reports whether e-mail can be sent: a server and a sender address.
func (o OutboxSettings) EmailReady() bool { return o.SMTPHost != "" && o.SMTPFrom != "" }

// SMSReady reports whether SMS can be sent: a gateway.
func (o OutboxSettings) SMSReady() bool { return o.SMSGatewayURL != "" }

var outboxSetting = map[string]bool{SettingSMTPHost: true, SettingSMTPPort: true, SettingSMTPTLS: true,
	SettingSMTPUser: true, SettingSMTPFrom: true, SettingSMSGatewayURL: true, SettingSMSBodyTemplate: true,
	SettingReminderHours: true}

// read takes one stored setting into o; a value that no longer parses keeps the default.
func (o *OutboxSettings) read(key, value string) {
	switch key {
	case SettingSMTPHost:
		o.SMTPHost = value
	case SettingSMTPPort:
		if n, err := strconv.Atoi(value); err == nil {
			o.SMTPPort = n
		}
	case SettingSMTPTLS:
		o.SMTPTLS = value
	case SettingSMTPUser:
		o.SMTPUser = value
	case SettingSMTPFrom:
		o.SMTPFrom = value
	case SettingSMSGatewayURL:
		o.SMSGatewayURL = value
	case SettingSMSBodyTemplate:
		o.SMSBodyTemplate = value
	case SettingReminderHours:
		if n, err := strconv.Atoi(value); err == nil {
			o.ReminderHours = n
		}
	}
}

// checkOutboxSetting trims and checks one of the sender's settings, naming the field.
// An empty value clears the setting (its default applies again).
func checkOutboxSetting(key, value string) (string, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return "", nil
	}
	switch key {
	case SettingSMTPHost:
		if len(value) > 253 || strings.ContainsAny(value, " /:@") {
			return "", invalid(key, "SMTP server must be a host name such as smtp.example.com, without a port.")
		}
	case SettingSMTPPort:
		if n, err := strconv.Atoi(value); err != nil || n < 1 || n > 65535 {
			return "", invalid(key, "SMTP port must be a whole number from 1 to 65535, such as 587.")
		}
	case SettingSMTPTLS:
		value = strings.ToLower(value)
		if value != SMTPStartTLS && value != SMTPTLS && value != SMTPNoTLS {
			return "", invalid(key, "SMTP security must be starttls, tls or none.")
		}
	case SettingSMTPUser:
		if len(value) > 254 {
			return "", invalid(key, "SMTP user must be at most 254 characters.")
		}
	case SettingSMTPFrom:
		a, err := mail.ParseAddress(value)
		if err != nil || a.Address != value {
			return "", invalid(key, "Sender address must be an e-mail address such as desk@clinic.example.")
		}
	case SettingSMSGatewayURL:
		u, err := url.Parse(value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(value) > 500 {
			return "", invalid(key, "SMS gateway must be a web address starting with https:// or http://.")
		}
	case SettingSMSBodyTemplate:
		if len(value) > 1000 {
			return "", invalid(key, "SMS body template must be at most 1000 characters.")
		}
		if !strings.Contains(value, "{to}") || !strings.Contains(value, "{message}") {
			return "", invalid(key, "SMS body template must contain {to} and {message}.")
		}
	case SettingReminderHours:
		if n, err := strconv.Atoi(value); err != nil || n < 1 || n > 168 {
			return "", invalid(key, "Reminder hours must be a whole number from 1 to 168.")
		}
	}
	return value, checkText(key, "The "+humanField(key), value, false)
}

// PutSMTPPassword stores the SMTP password, or removes it when empty. It is kept in
// setting_secrets, whose audit rows record that it changed and never its value, and
// no screen ever reads it back.
func (s *Store) PutSMTPPassword(ctx context.Context, actor Actor, password string) error {
	if err := s.allow(ctx, actor, ActManageSettings); err != nil {
		return err
	}
	if len(password) > 500 {
		return invalid("smtp_password", "SMTP password must be at most 500 characters.")
	}
	if err := checkText("smtp_password", "SMTP password", password, false); err != nil {
		return err
	}
	return s.write(ctx, actor, func(tx *Tx) error {
		if password == "" {
			_, err := tx.exec(ctx, `DELETE FROM setting_secrets WHERE key = 'smtp_password'`)
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO setting_secrets(key, secret) VALUES ('smtp_password', ?)
			ON CONFLICT(key) DO UPDATE SET secret = excluded.secret`, password)
		return err
	})
}

// SMTPPassword reads the stored SMTP password for the sender: only a system actor (the
// server's outbox sender) may, so no screen can show it.
func (s *Store) SMTPPassword(ctx context.Context, actor Actor) (string, error) {
	if !actor.system {
		s.logRefusal(ctx, actor, ActManageSettings)
		return "", &ForbiddenError{Role: actor.Role, Action: ActManageSettings}
	}
	var p string
	err := s.readers.QueryRowContext(ctx, `SELECT secret FROM setting_secrets WHERE key = 'smtp_password'`).Scan(&p)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return p, translate(err)
}
