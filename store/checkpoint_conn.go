package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// checkpointConn is the checkpointer's own connection to the file, held through
// SQLite's C interface instead of database/sql. The driver offers a checkpoint only as
// PRAGMA wal_checkpoint, and a pragma first makes the connection parse the whole schema
// (10-20 ms of CPU for every store opened, a sixth of the test suite's); the C
// interface's checkpoint needs no schema. Its calls are serialised by the checkpointer.
type checkpointConn struct {
	tls *libc.TLS
	db  uintptr
}

// openCheckpointConn opens the existing database file at path for checkpoints. It
// reads the file's header once, so that the connection knows the file is in WAL mode:
// a checkpoint on a connection that never read the file copies nothing.
func openCheckpointConn(path string) (*checkpointConn, error) {
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
	c := &checkpointConn{tls: tls, db: uintptr(binary.NativeEndian.Uint64(libc.GoBytes(handle, 8)))}
	if rc == sqlite3.SQLITE_OK {
		sqlite3.Xsqlite3_busy_timeout(tls, c.db, 5000)
		rc = c.exec("PRAGMA schema_version")
	}
	if rc != sqlite3.SQLITE_OK {
		err := c.err("open the checkpoint connection", rc)
		c.close()
		return nil, err
	}
	return c, nil
}

func (c *checkpointConn) exec(query string) int32 {
	q, err := libc.CString(query)
	if err != nil {
		return sqlite3.SQLITE_NOMEM
	}
	defer libc.Xfree(c.tls, q)
	return sqlite3.Xsqlite3_exec(c.tls, c.db, q, 0, 0, 0)
}

// checkpoint runs one checkpoint of mode (sqlite3.SQLITE_CHECKPOINT_*), with what
// PRAGMA wal_checkpoint reports: whether it could not finish for a reader or writer in
// the way, the frames in the log, and the frames it has copied.
func (c *checkpointConn) checkpoint(mode int32) (busy bool, frames, copied int64, err error) {
	counts := c.tls.Alloc(8) // two C ints
	defer c.tls.Free(8)
	rc := sqlite3.Xsqlite3_wal_checkpoint_v2(c.tls, c.db, 0, mode, counts, counts+4)
	if rc != sqlite3.SQLITE_OK && rc&0xff != sqlite3.SQLITE_BUSY {
		return false, 0, 0, c.err("checkpoint", rc)
	}
	b := libc.GoBytes(counts, 8)
	frames = int64(int32(binary.NativeEndian.Uint32(b)))
	copied = int64(int32(binary.NativeEndian.Uint32(b[4:])))
	return rc != sqlite3.SQLITE_OK, frames, copied, nil
}

func (c *checkpointConn) err(what string, rc int32) error {
	msg := libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc))
	if c.db != 0 {
		msg = libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db))
	}
	return fmt.Errorf("%s: %w", what, errors.New(msg))
}

func (c *checkpointConn) close() error {
	rc := sqlite3.Xsqlite3_close_v2(c.tls, c.db)
	var err error
	if rc != sqlite3.SQLITE_OK {
		err = c.err("close the checkpoint connection", rc)
	}
	c.tls.Close()
	return err
}
