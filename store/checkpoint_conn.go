package store

import (
	"encoding/binary"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// checkpointConn is the checkpointer's own connection to the file (a cConn: the
// driver's PRAGMA wal_checkpoint would parse the whole schema first, 10-20 ms of CPU
// for every store opened, a sixth of the test suite's; the C interface's checkpoint
// needs no schema). Its calls are serialised by the checkpointer.
type checkpointConn struct{ *cConn }

// openCheckpointConn opens the existing database file at path for checkpoints. It
// reads the file's header once, so that the connection knows the file is in WAL mode:
// a checkpoint on a connection that never read the file copies nothing.
func openCheckpointConn(path string) (*checkpointConn, error) {
	c, err := openCConn(path, "the checkpoint connection")
	if err != nil {
		return nil, err
	}
	if rc := c.exec("PRAGMA schema_version"); rc != sqlite3.SQLITE_OK {
		err := c.err("open the checkpoint connection", rc)
		c.close()
		return nil, err
	}
	return &checkpointConn{c}, nil
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
