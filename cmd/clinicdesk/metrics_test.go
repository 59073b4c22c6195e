package main

import (
	"bytes"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// serve --metrics exposes the store's measures, the logins and the sessions open in
// Prometheus's text format.
func TestServeExposesMetrics(t *testing.T) {
	t.Parallel()
	ml, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sv := startServer(t, serveConfig{metrics: ml})
	c, err := dial(sv.addr, "rita@clinic.test", password(tuitest.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c, 100, 30)
	term.waitFor(30*time.Second, "Rita Desk · receptionist")
	if _, err := dial(sv.addr, "rita@clinic.test", password("not the password")); err == nil {
		t.Fatal("a wrong password logged in")
	}
	resp, err := http.Get("http://" + ml.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	text := string(body)
	for _, want := range []string{
		`clinicdesk_store_operation_seconds_bucket{op="RemoteLogin",le="0.25"}`,
		`clinicdesk_store_operation_seconds_count{op="RemoteLogin"} 2`,
		`clinicdesk_store_writer_wait_seconds_count`,
		`clinicdesk_store_commits_total`,
		`clinicdesk_store_errors_total{kind="conflict"} 0`,
		`clinicdesk_logins_total{result="ok"} 1`,
		`clinicdesk_logins_total{result="failed"} 1`,
		`clinicdesk_database_bytes{file="db"}`,
		`clinicdesk_database_bytes{file="wal"}`,
		`clinicdesk_ssh_sessions_open 1`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %s in the metrics", want)
		}
	}
}

// A slow statement's log line names it, its time and its plan, made terminal-safe.
func TestSlowQueryLogLine(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logSlowQuery(log.New(&buf, "", 0))(store.SlowQuery{SQL: "SELECT * FROM patients WHERE last_name = '\x1b[2J'",
		Took: 73400 * time.Microsecond, Plan: "SCAN patients"})
	want := "slow query (73.4 ms): SELECT * FROM patients WHERE last_name = '"
	if got := buf.String(); !strings.HasPrefix(got, want) || !strings.Contains(got, "| plan: SCAN patients") || strings.Contains(got, "\x1b") {
		t.Fatalf("log line %q", got)
	}
}
