package outbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/outbox"
	"github.com/clinicdesk/clinicdesk/internal/outbox/smtptest"
)

func smtpTo(srv *smtptest.Server) outbox.SMTP {
	return outbox.SMTP{Host: srv.Host, Port: srv.Port, Security: outbox.StartTLS, From: "desk@clinic.example",
		TLSConfig: srv.ClientTLS, Timeout: 5 * time.Second}
}

func permanent(err error) bool {
	var p interface{ Permanent() bool }
	return errors.As(err, &p) && p.Permanent()
}

func TestEmailAcceptedOverSTARTTLS(t *testing.T) {
	t.Parallel()
	srv := smtptest.Start(t, smtptest.Options{})
	err := smtpTo(srv).Send(context.Background(), outbox.Email{To: "asha@patient.example",
		Subject: "Reminder: your appointment", Body: "See you on Wed 3 Dec at 10:30."})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	got := <-srv.Received
	if len(got.To) != 1 || got.To[0] != "asha@patient.example" || got.From != "desk@clinic.example" ||
		!strings.Contains(got.Data, "Subject: Reminder: your appointment") || !strings.Contains(got.Data, "Wed 3 Dec at 10:30") {
		t.Fatalf("the server received %+v", got)
	}
}

func TestEmailRefusedByTheServerIsPermanent(t *testing.T) {
	t.Parallel()
	srv := smtptest.Start(t, smtptest.Options{Refuse: []string{"gone@patient.example"}})
	err := smtpTo(srv).Send(context.Background(), outbox.Email{To: "gone@patient.example", Subject: "s", Body: "b"})
	if err == nil || !permanent(err) || !strings.Contains(err.Error(), "refused the message (550)") ||
		!strings.Contains(err.Error(), "No such user here") {
		t.Fatalf("a refused recipient gave %v (permanent %v)", err, permanent(err))
	}
}

func TestEmailWithoutSTARTTLSIsNotSentInClear(t *testing.T) {
	t.Parallel()
	srv := smtptest.Start(t, smtptest.Options{NoTLS: true})
	err := smtpTo(srv).Send(context.Background(), outbox.Email{To: "asha@patient.example", Subject: "s", Body: "b"})
	if err == nil || permanent(err) || !strings.Contains(err.Error(), "does not offer STARTTLS") {
		t.Fatalf("a server without STARTTLS gave %v", err)
	}
	select {
	case m := <-srv.Received:
		t.Fatalf("the message went in clear: %+v", m)
	default:
	}
}

func TestEmailToAServerThatNeverAnswersTimesOut(t *testing.T) {
	t.Parallel()
	host, port := smtptest.Silent(t)
	s := outbox.SMTP{Host: host, Port: port, Security: outbox.StartTLS, From: "desk@clinic.example",
		Timeout: 100 * time.Millisecond}
	err := s.Send(context.Background(), outbox.Email{To: "asha@patient.example", Subject: "s", Body: "b"})
	if err == nil || permanent(err) || !strings.Contains(err.Error(), "did not answer within 100ms") {
		t.Fatalf("a silent server gave %v", err)
	}
}

func TestSMSGateway(t *testing.T) {
	t.Parallel()
	type request struct {
		contentType string
		body        string
	}
	got := make(chan request, 1)
	release := make(chan struct{})
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/ok":
			got <- request{r.Header.Get("Content-Type"), string(b)}
		case "/refuse":
			http.Error(w, "unknown number", http.StatusBadRequest)
		case "/busy":
			http.Error(w, "try later", http.StatusServiceUnavailable)
		case "/hang":
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
	}))
	t.Cleanup(gw.Close)
	t.Cleanup(func() { close(release) }) // runs first: the hanging handler returns
	ctx := context.Background()

	g := outbox.SMSGateway{URL: gw.URL + "/ok", BodyTemplate: `{"to": "{to}", "text": "{message}"}`}
	if err := g.Send(ctx, "+91 98765 43210", `Your "prescription" is ready`); err != nil {
		t.Fatalf("accepted: %v", err)
	}
	r := <-got
	var body map[string]string
	if err := json.Unmarshal([]byte(r.body), &body); err != nil || r.contentType != "application/json" ||
		body["to"] != "+91 98765 43210" || body["text"] != `Your "prescription" is ready` {
		t.Fatalf("the gateway received %q (%s): %v", r.body, r.contentType, err)
	}
	g.BodyTemplate = "to={to}&text={message}"
	if err := g.Send(ctx, "+4420", "a&b"); err != nil {
		t.Fatal(err)
	}
	if r := <-got; r.body != "to=%2B4420&text=a%26b" || r.contentType != "application/x-www-form-urlencoded" {
		t.Fatalf("a form template sent %q (%s)", r.body, r.contentType)
	}

	g.URL = gw.URL + "/refuse"
	if err := g.Send(ctx, "1", "x"); err == nil || !permanent(err) || !strings.Contains(err.Error(), "400 Bad Request: unknown number") {
		t.Fatalf("refused: %v", err)
	}
	g.URL = gw.URL + "/busy"
	if err := g.Send(ctx, "1", "x"); err == nil || permanent(err) || !strings.Contains(err.Error(), "503") {
		t.Fatalf("busy: %v", err)
	}
	g.URL, g.Timeout = gw.URL+"/hang", 100*time.Millisecond
	if err := g.Send(ctx, "1", "x"); err == nil || permanent(err) || !strings.Contains(err.Error(), "did not answer within 100ms") {
		t.Fatalf("timed out: %v", err)
	}
}
