package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// SMSGateway is an HTTP gateway that takes one POST per SMS.
type SMSGateway struct {
	URL string
	// BodyTemplate is the request's body with {to} and {message} in it. A template
	// starting with "{" is JSON: the values go in JSON-escaped and the request says
	// application/json. Otherwise it is a form (to={to}&text={message}): the values
	// go in URL-encoded.
	BodyTemplate string
	// Client sends the request; nil is a client with Timeout.
	Client *http.Client
	// Timeout bounds the whole request; 30 s when zero.
	Timeout time.Duration
}

// Send posts the SMS, returning nil when the gateway answered with a 2xx status.
func (g SMSGateway) Send(ctx context.Context, to, text string) error {
	timeout := g.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	body, contentType := g.body(to, text)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, strings.NewReader(body))
	if err != nil {
		return &Error{Reason: "The SMS gateway address is not usable: " + err.Error(), permanent: true}
	}
	req.Header.Set("Content-Type", contentType)
	client := g.Client
	if client == nil {
		client = &http.Client{Timeout: timeout}
	}
	resp, err := client.Do(req)
	host := req.URL.Host
	if err != nil {
		var netErr net.Error
		switch {
		case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
			return &Error{Reason: fmt.Sprintf("The SMS gateway %s did not answer within %s.", host, timeout)}
		case strings.Contains(err.Error(), "connection refused"):
			return &Error{Reason: "The SMS gateway " + host + " refused the connection: is it running?"}
		}
		return &Error{Reason: "Reaching the SMS gateway " + host + " failed: " + firstLine(err.Error())}
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	reason := fmt.Sprintf("The SMS gateway answered %s", resp.Status)
	if a := strings.TrimSpace(string(answer)); a != "" {
		reason += ": " + firstLine(a)
	}
	// A 4xx is a refusal of this request; 408 and 429 say "later", as does a 5xx.
	permanent := resp.StatusCode >= 400 && resp.StatusCode < 500 &&
		resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests
	return &Error{Reason: reason, permanent: permanent}
}

// body fills the template with the number and the text, escaped for its kind.
func (g SMSGateway) body(to, text string) (body, contentType string) {
	tpl := g.BodyTemplate
	if strings.HasPrefix(strings.TrimSpace(tpl), "{") {
		esc := func(s string) string {
			b, _ := json.Marshal(s)
			return string(b[1 : len(b)-1])
		}
		return strings.NewReplacer("{to}", esc(to), "{message}", esc(text)).Replace(tpl), "application/json"
	}
	return strings.NewReplacer("{to}", url.QueryEscape(to), "{message}", url.QueryEscape(text)).Replace(tpl),
		"application/x-www-form-urlencoded"
}
