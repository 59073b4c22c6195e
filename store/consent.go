package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Consent is a patient's recorded answer to being contacted on one channel: whether
// they agreed, when, and who at the clinic recorded it. A zero RecordedAt means nothing
// was ever recorded, which counts as no consent.
type Consent struct {
	Granted    bool
	RecordedAt time.Time
	RecordedBy string // the name of the user who recorded it
}

// ContactConsent is the patient form's consent to e-mail and to SMS.
type ContactConsent struct {
	Email bool
	SMS   bool
}

// consentOf reads the latest consent of a patient on a channel through q.
func consentOf(ctx context.Context, q querier, patientID int64, channel Channel) (Consent, error) {
	var c Consent
	var granted int
	var at string
	var by sql.NullString
	err := q.QueryRowContext(ctx, `SELECT c.granted, c.recorded_at, u.full_name FROM patient_consents c
		LEFT JOIN users u ON u.id = c.recorded_by
		WHERE c.patient_id = ? AND c.channel = ? ORDER BY c.id DESC LIMIT 1`, patientID, string(channel)).
		Scan(&granted, &at, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return Consent{}, nil
	}
	if err != nil {
		return Consent{}, translate(err)
	}
	c.Granted, c.RecordedAt, c.RecordedBy = granted == 1, parseTime(at), by.String
	return c, nil
}

// recordConsent writes the patient's consent on each channel where it differs from
// the latest recorded one (or none was recorded yet), stamped now and by the actor. A
// patient registered in this transaction (registering) has none recorded yet: reading
// it cost each registration two queries.
func (t *Tx) recordConsent(ctx context.Context, patientID int64, in ContactConsent, registering bool) error {
	var rows [][]any
	for _, ch := range []struct {
		channel Channel
		granted bool
	}{{ChannelEmail, in.Email}, {ChannelSMS, in.SMS}} {
		if !registering {
			was, err := consentOf(ctx, t.q(), patientID, ch.channel)
			if err != nil {
				return err
			}
			if !was.RecordedAt.IsZero() && was.Granted == ch.granted {
				continue
			}
		}
		granted := 0
		if ch.granted {
			granted = 1
		}
		rows = append(rows, []any{patientID, string(ch.channel), granted, formatTime(t.now()), nullID(t.actor.ID)})
	}
	_, err := t.insertRows(ctx, `INSERT INTO patient_consents(patient_id, channel, granted, recorded_at, recorded_by)`, rows)
	return err
}

// consentColumns are a consent's columns as a LEFT JOIN reads them: all NULL when
// nothing was recorded.
type consentColumns struct {
	granted sql.NullInt64
	at, by  sql.NullString
}

func (c *consentColumns) dest() []any { return []any{&c.granted, &c.at, &c.by} }

func (c *consentColumns) consent() Consent {
	if !c.at.Valid {
		return Consent{}
	}
	return Consent{Granted: c.granted.Int64 == 1, RecordedAt: parseTime(c.at.String), RecordedBy: c.by.String}
}

// fillConsent reads the patient's consents into p.
func fillConsent(ctx context.Context, q querier, p *Patient) error {
	var err error
	if p.EmailConsent, err = consentOf(ctx, q, p.ID, ChannelEmail); err != nil {
		return err
	}
	p.SMSConsent, err = consentOf(ctx, q, p.ID, ChannelSMS)
	return err
}
