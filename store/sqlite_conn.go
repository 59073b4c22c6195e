package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// cConn is a connection to the file held through SQLite's C interface instead of
// database/sql, for the two jobs the driver does slowly: the checkpointer's (the driver
// offers a checkpoint only as a pragma, which parses the whole schema first) and the
// audit verification's walk of every row (the driver opens each connection FULLMUTEX,
// so each column read takes a mutex, and it allocates every value it returns). It is
// opened NOMUTEX: one goroutine uses it at a time.
type cConn struct {
	tls *libc.TLS
	db  uintptr
}

// openCConn opens the existing database file at path, read-write (a checkpoint writes
// the file; the verifier only reads), with the store's busy timeout.
func openCConn(path, what string) (*cConn, error) {
	tls := libc.NewTLS()
	name, err := libc.CString(path)
	if err != nil {
		tls.Close()
		return nil, err
	}
	defer libc.Xfree(tls, name)
	handle := tls.Alloc(8) // sqlite3 **, on the 64-bit platforms Go runs on
	defer tls.Free(8)
	rc := sqlite3.Xsqlite3_open_v2(tls, name, handle, sqlite3.SQLITE_OPEN_READWRITE|sqlite3.SQLITE_OPEN_NOMUTEX, 0)
	c := &cConn{tls: tls, db: uintptr(binary.NativeEndian.Uint64(libc.GoBytes(handle, 8)))}
	if rc == sqlite3.SQLITE_OK {
		rc = sqlite3.Xsqlite3_busy_timeout(tls, c.db, 5000)
	}
	if rc != sqlite3.SQLITE_OK {
		err := c.err("open "+what, rc)
		c.close()
		return nil, err
	}
	return c, nil
}

func (c *cConn) exec(query string) int32 {
	q, err := libc.CString(query)
	if err != nil {
		return sqlite3.SQLITE_NOMEM
	}
	defer libc.Xfree(c.tls, q)
	return sqlite3.Xsqlite3_exec(c.tls, c.db, q, 0, 0, 0)
}

func (c *cConn) err(what string, rc int32) error {
	msg := libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc))
	if c.db != 0 {
		msg = libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db))
	}
	return fmt.Errorf("%s: %w", what, errors.New(msg))
}

func (c *cConn) close() error {
	rc := sqlite3.Xsqlite3_close_v2(c.tls, c.db)
	var err error
	if rc != sqlite3.SQLITE_OK {
		err = c.err("close the connection", rc)
	}
	c.tls.Close()
	return err
}
