package main

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

// slowQueryAfter is how long a statement may take before serve logs it with its plan.
const slowQueryAfter = 50 * time.Millisecond

// logSlowQuery is the serve log's line for a slow statement.
func logSlowQuery(l *log.Logger) func(store.SlowQuery) {
	return func(q store.SlowQuery) {
		plan := "| plan: " + textsafe.Line(q.Plan)
		if q.Plan == "" {
			plan = "(no query plan: a PRAGMA or a statement SQLite does not plan)"
		}
		l.Printf("slow query (%.1f ms): %s %s", float64(q.Took.Microseconds())/1000, textsafe.Line(q.SQL), plan)
	}
}

// The metrics serve exposes. The store's are read from store.Metrics at each scrape,
// so measuring costs the store a few additions a call and nothing between scrapes.
var (
	opSeconds = prometheus.NewDesc("clinicdesk_store_operation_seconds",
		"How long the store's operations took, by operation (the store's method).", []string{"op"}, nil)
	writerWaitSeconds = prometheus.NewDesc("clinicdesk_store_writer_wait_seconds",
		"How long each write waited for the writer connection (the write queue).", nil, nil)
	commitsTotal = prometheus.NewDesc("clinicdesk_store_commits_total",
		"Write transactions committed; rate() of it is commits per second.", nil, nil)
	errorsTotal = prometheus.NewDesc("clinicdesk_store_errors_total",
		"Failed writes and refused reads, by kind.", []string{"kind"}, nil)
	loginsTotal = prometheus.NewDesc("clinicdesk_logins_total",
		"Logins by password or SSH key, by result (ok, failed).", []string{"result"}, nil)
	fileBytes = prometheus.NewDesc("clinicdesk_database_bytes",
		"The size of the database file (file=\"db\") and of its write-ahead log (file=\"wal\").", []string{"file"}, nil)
	sessionsOpen = prometheus.NewDesc("clinicdesk_ssh_sessions_open", "SSH sessions open now.", nil, nil)
)

// storeCollector turns the store's measures and the server's sessions into metrics.
type storeCollector struct {
	s        *store.Store
	sessions func() int
}

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{opSeconds, writerWaitSeconds, commitsTotal, errorsTotal, loginsTotal,
		fileBytes, sessionsOpen} {
		ch <- d
	}
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	m := c.s.Metrics()
	for op, h := range m.Ops {
		ch <- prometheus.MustNewConstHistogram(opSeconds, h.Count, h.Sum, buckets(h), op)
	}
	ch <- prometheus.MustNewConstHistogram(writerWaitSeconds, m.WriterWait.Count, m.WriterWait.Sum, buckets(m.WriterWait))
	ch <- prometheus.MustNewConstMetric(commitsTotal, prometheus.CounterValue, float64(m.Commits))
	for kind, n := range m.Errors {
		ch <- prometheus.MustNewConstMetric(errorsTotal, prometheus.CounterValue, float64(n), kind)
	}
	ch <- prometheus.MustNewConstMetric(loginsTotal, prometheus.CounterValue, float64(m.Logins), "ok")
	ch <- prometheus.MustNewConstMetric(loginsTotal, prometheus.CounterValue, float64(m.LoginFailures), "failed")
	ch <- prometheus.MustNewConstMetric(fileBytes, prometheus.GaugeValue, float64(m.FileBytes), "db")
	ch <- prometheus.MustNewConstMetric(fileBytes, prometheus.GaugeValue, float64(m.WALBytes), "wal")
	ch <- prometheus.MustNewConstMetric(sessionsOpen, prometheus.GaugeValue, float64(c.sessions()))
}

// buckets turns the store's per-bucket counts into Prometheus's cumulative ones.
func buckets(h store.Histogram) map[float64]uint64 {
	out := make(map[float64]uint64, len(store.LatencyBounds))
	var sum uint64
	for i, bound := range store.LatencyBounds {
		sum += h.Counts[i]
		out[bound] = sum
	}
	return out
}

// serveMetrics serves /metrics on l until ctx ends: the store's measures, the SSH
// sessions, and the Go runtime's and the process's own (memory, CPU, open files).
func serveMetrics(ctx context.Context, l net.Listener, s *store.Store, sessions func() int, logger *log.Logger) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(storeCollector{s: s, sessions: sessions}, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Printf("metrics: %s", textsafe.Line(err.Error()))
	}
}
