package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkWitnessAppend is what the witness adds to a sealing commit: one line
// appended to the file, reported with its p50 and p99.
func BenchmarkWitnessAppend(b *testing.B) {
	path := filepath.Join(b.TempDir(), "clinic.db.audit-witness")
	if err := writeNewFile(path, []byte(witnessLine(witnessHead{}, time.Now(), "anchor"))); err != nil {
		b.Fatal(err)
	}
	w, err := openWitness(path)
	if err != nil {
		b.Fatal(err)
	}
	defer w.close()
	hash := macPrefix + "5f0c8e4c2b8f3a1d9e6b7a0c4d2e1f3a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e"
	took := make([]time.Duration, 0, b.N)
	var id int64
	for b.Loop() {
		id++
		start := time.Now()
		if err := w.append(witnessHead{ID: id, Hash: hash, Cookie: 100}, start, ""); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	at := func(p int) float64 { return float64(took[(len(took)-1)*p/100].Nanoseconds()) / 1e3 }
	b.ReportMetric(at(50), "p50-µs")
	b.ReportMetric(at(99), "p99-µs")
}
