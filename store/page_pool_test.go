package store

import (
	"context"
	"encoding/binary"
	"strings"
	"testing"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// TestPagePoolHoldsTheCaches proves the page caches of the tests' process (TestMain gives
// it the desk's pool) take their pages from the pool: without one SQLite counts no page in
// it, whatever the caches hold.
func TestPagePoolHoldsTheCaches(t *testing.T) {
	s := newTestStore(t)
	var n int
	if err := s.readers.QueryRowContext(context.Background(), "SELECT count(*) FROM patients").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if used := sqliteStatus(t, sqlite3.SQLITE_STATUS_PAGECACHE_USED); used == 0 {
		t.Fatal("no cached page is in the pool after a store was opened and read")
	}
}

// sqliteStatus reads one of SQLite's process-wide counters (sqlite3_status64), through C
// memory as SQLite writes it.
func sqliteStatus(t *testing.T, op int32) int64 {
	tls := libc.NewTLS()
	defer tls.Close()
	out := libc.Xcalloc(tls, 2, 8)
	defer libc.Xfree(tls, out)
	if rc := sqlite3.Xsqlite3_status64(tls, op, out, out+8, 0); rc != sqlite3.SQLITE_OK {
		t.Fatalf("sqlite3_status64(%d) returned %d", op, rc)
	}
	return int64(binary.NativeEndian.Uint64(libc.GoBytes(out, 8)))
}

// TestPagePoolTooLate proves a pool offered once SQLite has started is refused, not lost
// in silence: the command that offers it must do so before it opens anything.
func TestPagePoolTooLate(t *testing.T) {
	newTestStore(t)
	err := UsePagePool(1)
	if err == nil || !strings.Contains(err.Error(), "a database was opened before") {
		t.Fatalf("UsePagePool after a store was opened: %v, want SQLite's refusal", err)
	}
}
