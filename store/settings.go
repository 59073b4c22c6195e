package store

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// Setting keys, as the schema's setting_keys table lists them.
const (
	SettingClinicName      = "clinic_name"
	SettingTimeZone        = "time_zone"
	SettingCurrency        = "currency"
	SettingIdleLockMinutes = "idle_lock_minutes"
	SettingDemoPassword    = "demo_password"
	SettingPrintCommand    = "print_command"
	// SettingPrescriptionValidDays is how many days a submitted prescription stays
	// dispensable unless its doctor says otherwise (1 to 365; 30 when not set).
	SettingPrescriptionValidDays = "prescription_valid_days"
	SettingSMTPHost              = "smtp_host"
	SettingSMTPPort              = "smtp_port"
	SettingSMTPTLS               = "smtp_tls"
	SettingSMTPUser              = "smtp_user"
	SettingSMTPFrom              = "smtp_from"
	SettingSMSGatewayURL         = "sms_gateway_url"
	SettingSMSBodyTemplate       = "sms_body_template"
	SettingReminderHours         = "reminder_hours"
)

// DefaultPrescriptionValidDays is a prescription's validity when the clinic has not set
// prescription_valid_days, and the validity of one submitted before validity was kept.
const DefaultPrescriptionValidDays = 30

// MaxPrescriptionValidDays is the longest validity: twelve months, for a prescription
// with a line marked chronic.
const MaxPrescriptionValidDays = 365

// Settings are the clinic's own preferences.
type Settings struct {
	ClinicName      string
	TimeZone        string // an IANA zone name; times are stored in UTC and shown in this zone
	Currency        string
	IdleLockMinutes int
	// DemoPassword is set only in a demo database, so its login screen can show it.
	DemoPassword string
	// PrintCommand is the command printouts are piped to (see Store.print); empty, they
	// are saved in the print directory beside the database.
	PrintCommand string
	// PrescriptionValidDays is how long a submitted prescription is valid by default.
	PrescriptionValidDays int
	// Outbox is how e-mail and SMS leave the clinic.
	Outbox OutboxSettings
	// RetentionYears is how long after their last visit a patient's details are kept
	// (see retention.go).
	RetentionYears int
}

// Location is the clinic's time zone, UTC when the setting is missing or unknown.
func (s Settings) Location() *time.Location {
	if loc, ok := locations.Load(s.TimeZone); ok {
		return loc.(*time.Location)
	}
	if loc, err := time.LoadLocation(s.TimeZone); err == nil {
		locations.Store(s.TimeZone, loc)
		return loc
	}
	return time.UTC
}

// locations caches loaded time zones by name: time.LoadLocation reads and parses the
// zone file on every call, and every booking asks for the clinic's.
var locations sync.Map

// Settings reads the clinic's settings, with defaults for those never set. Anyone may
// read them: the login screen shows the clinic's name.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	defer s.timed("Settings")()
	set := Settings{ClinicName: "ClinicDesk", TimeZone: "UTC", Currency: "USD", IdleLockMinutes: 5,
		PrescriptionValidDays: DefaultPrescriptionValidDays, Outbox: defaultOutboxSettings(),
		RetentionYears: DefaultRetentionYears}
	rows, err := s.readers.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return set, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return set, translate(err)
		}
		switch key {
		case SettingClinicName:
			set.ClinicName = value
		case SettingTimeZone:
			set.TimeZone = value
		case SettingCurrency:
			set.Currency = value
		case SettingIdleLockMinutes:
			if n, err := strconv.Atoi(value); err == nil {
				set.IdleLockMinutes = n
			}
		case SettingDemoPassword:
			set.DemoPassword = value
		case SettingPrintCommand:
			set.PrintCommand = value
		case SettingPrescriptionValidDays:
			if n, err := strconv.Atoi(value); err == nil {
				set.PrescriptionValidDays = n
			}
		case SettingRetentionYears:
			if n, err := strconv.Atoi(value); err == nil {
				set.RetentionYears = n
			}
		default:
			set.Outbox.read(key, value)
		}
	}
	if err := rows.Err(); err != nil {
		return set, translate(err)
	}
	err = s.readers.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM setting_secrets WHERE key = 'smtp_password')`).
		Scan(&set.Outbox.SMTPPasswordSet)
	return set, translate(err)
}

// PutSetting changes one setting.
func (s *Store) PutSetting(ctx context.Context, actor Actor, key, value string) error {
	defer s.timed("PutSetting")()
	if err := s.allow(ctx, actor, ActManageSettings); err != nil {
		return err
	}
	if key == SettingTimeZone {
		if _, err := time.LoadLocation(value); err != nil {
			return invalid("time_zone", "Time zone must be a zone name such as Europe/London or Asia/Kolkata.")
		}
	}
	if key == SettingIdleLockMinutes {
		if n, err := strconv.Atoi(value); err != nil || n < 1 || n > 240 {
			return invalid("idle_lock_minutes", "Idle lock must be a whole number of minutes from 1 to 240.")
		}
	}
	if key == SettingPrescriptionValidDays {
		if err := CheckPrescriptionValidDays(value); err != nil {
			return err
		}
	}
	if key == SettingRetentionYears {
		if err := CheckRetentionYears(value); err != nil {
			return err
		}
		value = strings.TrimSpace(value)
	}
	if outboxSetting[key] {
		var err error
		if value, err = checkOutboxSetting(key, value); err != nil {
			return err
		}
		if value == "" {
			return s.write(ctx, actor, func(tx *Tx) error {
				_, err := tx.exec(ctx, `DELETE FROM settings WHERE key = ?`, key)
				return err
			})
		}
	}
	if key == SettingPrintCommand {
		value = strings.TrimSpace(value)
		if err := CheckPrintCommand(value); err != nil {
			return err
		}
		if value == "" {
			return s.write(ctx, actor, func(tx *Tx) error {
				_, err := tx.exec(ctx, `DELETE FROM settings WHERE key = ?`, SettingPrintCommand)
				return err
			})
		}
	}
	return s.write(ctx, actor, func(tx *Tx) error { return putSetting(ctx, tx, key, value) })
}

// CheckPrescriptionValidDays is the rule on the prescription_valid_days setting: a
// whole number of days from 1 to 365.
func CheckPrescriptionValidDays(value string) error {
	if n, err := strconv.Atoi(strings.TrimSpace(value)); err != nil || n < 1 || n > MaxPrescriptionValidDays {
		return invalid(SettingPrescriptionValidDays,
			"Prescription validity must be a whole number of days from 1 to 365.")
	}
	return nil
}

func putSetting(ctx context.Context, tx *Tx, key, value string) error {
	// Every setting is shown on some screen; the clinic's name on every one.
	if err := checkText(key, "The "+humanField(key), value, false); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// PasswordFacts are what a new password for the account with this email and name is
// checked against under these settings: the account's details, the clinic's name, and
// whether this is a demo clinic (the only place the demo password is allowed). Forms
// that check a password as it is typed take them from here, so the rule stays in one
// place.
func (set Settings) PasswordFacts(email, name string) auth.UserFacts {
	return auth.UserFacts{Email: strings.TrimSpace(email), Name: strings.TrimSpace(name),
		ClinicName: set.ClinicName, Demo: set.DemoPassword != ""}
}

// PasswordFacts reads the clinic's settings and returns the facts a new password for
// the account with this email and name is checked against.
func (s *Store) PasswordFacts(ctx context.Context, email, name string) (auth.UserFacts, error) {
	defer s.timed("PasswordFacts")()
	set, err := s.Settings(ctx)
	if err != nil {
		return auth.UserFacts{}, err
	}
	return set.PasswordFacts(email, name), nil
}
