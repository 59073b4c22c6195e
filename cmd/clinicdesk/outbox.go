package main

import (
	"context"
	"crypto/tls"
	"errors"
	"log"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/outbox"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

// outboxEvery is how often the server queues reminders and tries the due messages.
const outboxEvery = time.Minute

// sender is the server's outbox sender: each round it reads the settings afresh (an
// admin's change applies at the next round), queues the reminders due, and sends the
// messages due through SMTP and the SMS gateway.
type sender struct {
	s   *store.Store
	log *log.Logger
	// tls overrides the SMTP TLS settings; tests trust their server's certificate.
	tls *tls.Config
	// timeout bounds each exchange with a server; 30 s when zero.
	timeout time.Duration
}

// run repeats rounds every outboxEvery until ctx ends.
func (snd sender) run(ctx context.Context) {
	t := time.NewTicker(outboxEvery)
	defer t.Stop()
	for {
		snd.round(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// round queues the due reminders and sends the due messages once.
func (snd sender) round(ctx context.Context) {
	if _, err := snd.s.QueueReminders(ctx); err != nil && ctx.Err() == nil {
		snd.log.Printf("outbox: queueing reminders failed: %s", textsafe.Line(err.Error()))
	}
	send, err := snd.transports(ctx)
	if err != nil {
		snd.log.Printf("outbox: %s", textsafe.Line(err.Error()))
		return
	}
	report, err := snd.s.DeliverOutbox(ctx, 100, send)
	if err != nil && ctx.Err() == nil {
		snd.log.Printf("outbox: %s", textsafe.Line(err.Error()))
	}
	if report != (store.DeliveryReport{}) {
		snd.log.Printf("outbox: %d sent, %d to retry, %d failed, %d skipped", report.Sent, report.Retrying,
			report.Failed, report.Skipped)
	}
}

// errNotConfigured is a channel the admin has not set up: the message waits, retried
// with back-off like any failure, and the reason says what to set.
var (
	errNoSMTP = errors.New("E-mail is not set up: the admin's Settings need an SMTP server and a sender address.")
	errNoSMS  = errors.New("SMS is not set up: the admin's Settings need an SMS gateway address.")
)

// transports builds the send function from the current settings.
func (snd sender) transports(ctx context.Context) (func(context.Context, store.OutboxMessage) error, error) {
	set, err := snd.s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	o := set.Outbox
	password := ""
	if o.SMTPPasswordSet {
		if password, err = snd.s.SMTPPassword(ctx, store.System("outbox sender")); err != nil {
			return nil, err
		}
	}
	mail := outbox.SMTP{Host: o.SMTPHost, Port: o.SMTPPort, Security: outbox.Security(o.SMTPTLS), User: o.SMTPUser,
		Password: password, From: o.SMTPFrom, Timeout: snd.timeout, TLSConfig: snd.tls}
	sms := outbox.SMSGateway{URL: o.SMSGatewayURL, BodyTemplate: o.SMSBodyTemplate, Timeout: snd.timeout}
	return func(ctx context.Context, m store.OutboxMessage) error {
		switch m.Channel {
		case store.ChannelEmail:
			if !o.EmailReady() {
				return errNoSMTP
			}
			return mail.Send(ctx, outbox.Email{To: m.Address, Subject: m.Title, Body: m.Body})
		case store.ChannelSMS:
			if !o.SMSReady() {
				return errNoSMS
			}
			return sms.Send(ctx, m.Address, m.Title+". "+m.Body)
		}
		return errors.New("Unknown channel " + string(m.Channel) + ".")
	}, nil
}
