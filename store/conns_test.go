package store

import (
	"context"
	"errors"
	"os"
	"runtime"
	"testing"
)

// A desk's command that started a read before the store closed still holds a reader
// connection; Close waits for it, so that nothing touches the database's files after
// Close returned (CI once failed to remove a test's directory: a file appeared in it).
func TestCloseWaitsForAQueryThatStillHoldsAConnection(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	rows, err := s.readers.QueryContext(context.Background(), "SELECT id FROM users")
	if err != nil {
		t.Fatal(err)
	}
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	// Await Close's closing of the pools; it then has only its wait and the lock left.
	for err := s.writer.Ping(); err == nil || err.Error() != "sql: database is closed"; err = s.writer.Ping() {
		runtime.Gosched()
	}
	for range 10000 {
		runtime.Gosched()
	}
	select {
	case <-closed:
		t.Fatal("Close returned while a query still held a connection")
	default:
	}
	rows.Close()
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(s.path + suffix); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still there after Close: %v", suffix, err)
		}
	}
}

// The reader pool keeps the connections WithReaderConns asks for: the desk's two.
func TestReaderConnsOption(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	s := openTestStore(t, f.s.Path()+"-2.db", WithReaderConns(DeskReaderConns))
	if got := s.readers.Stats().MaxOpenConnections; got != DeskReaderConns {
		t.Fatalf("the reader pool opens up to %d connections, want %d", got, DeskReaderConns)
	}
	if got := f.s.readers.Stats().MaxOpenConnections; got < 4 {
		t.Fatalf("the default reader pool opens up to %d connections, want at least 4", got)
	}
}
