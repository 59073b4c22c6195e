package store

import (
	"encoding/binary"
	"fmt"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// UsePagePool gives every SQLite page cache of the process one pool of mib MiB to draw
// its pages from (SQLITE_CONFIG_PAGECACHE); 0 leaves SQLite to allocate each page as a
// cache grows, as it does without the call. SQLite takes a pool only before it starts,
// which is when the process opens its first database: a command calls this first.
//
// Without a pool each cache takes a new allocation for each page it adds until it is
// full, and on this kind of machine (a virtual one) the first touch of new memory costs
// 11-15 µs a 4 KiB page; SQLite's allocator gives a 4.3 KiB page an 8 KiB slot, so a page
// new to a reader's cache cost two such faults, and a reader's cold runs were made of
// them: on the large demo the slowest 1% of a search took 1.6-2.9 ms, of a doctor's day
// 2.2-3.9 ms and of the day screen 9.0-15.8 ms. SQLite writes the whole pool when it
// starts, its pages 4.3 KiB apart, so a cache that grows takes memory already touched:
// with the desk's 12 MiB, 0.7-1.0 ms, 0.6-1.0 ms and 4.4-5.6 ms, no median slower, and
// the book's first screen 8.9-10.1 ms at the median against 16.5-20.4 (7 Dec 2026; see
// the README). Once the pool is nearly used, a cache reuses its own least recent
// pages instead of growing (pcache1's memory pressure), so the caches of the process stay
// within it, where without one a desk grew by 35-37 MB over forty days of the book.
func UsePagePool(mib int) error {
	if mib == 0 {
		return nil
	}
	tls := libc.NewTLS()
	defer tls.Close()
	hdr, err := pageHeaderSize(tls)
	if err != nil {
		return err
	}
	// A line holds a page of the default 4 KiB and the header SQLite keeps with it; the
	// databases all use that page size, and a cache of larger pages allocates as before.
	line := (4096 + hdr + 7) &^ 7
	size := mib << 20
	mem, err := pagePoolMemory(size)
	if err != nil {
		return fmt.Errorf("page pool: %w", err)
	}
	va := libc.NewVaList(uintptr(unsafe.Pointer(&mem[0])), int32(line), int32(size/line))
	defer libc.Xfree(tls, va)
	if rc := sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_PAGECACHE, va); rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("page pool: SQLite refused it (code %d): a database was opened before", rc)
	}
	return nil
}

// pageHeaderSize asks SQLite how many bytes it keeps beside each page in a cache.
func pageHeaderSize(tls *libc.TLS) (int, error) {
	// SQLite writes the answer through a pointer: C memory, which the Go runtime neither
	// moves nor checks as it does a pointer into its own heap.
	out := libc.Xcalloc(tls, 1, 8)
	defer libc.Xfree(tls, out)
	va := libc.NewVaList(out)
	defer libc.Xfree(tls, va)
	if rc := sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_PCACHE_HDRSZ, va); rc != sqlite3.SQLITE_OK {
		return 0, fmt.Errorf("page pool: sqlite3_config(PCACHE_HDRSZ) returned %d", rc)
	}
	return int(int32(binary.NativeEndian.Uint32(libc.GoBytes(out, 4)))), nil
}

// DeskPagePoolMiB is the pool of a desk's process (and of the commands that open the
// file once): it holds 2,880 pages, more than a reader's hot pages of the large demo's
// book, a doctor's day or a search (8 MiB made a doctor's day's median twice as slow),
// and keeps the desk within 60 MB at its first screen.
const DeskPagePoolMiB = 12

// ServerPagePoolMiB is the pool of `clinicdesk serve`, whose four readers serve many desks
// at once: a desk's pool for each pair of them, and the writer's 4 MiB and more beside.
// Eight readers at a time on the large demo (BenchmarkReadsConcurrent, three alternations
// on 7 Dec 2026) did 4,098-4,294 reads a second with it, p99 5.7-6.3 ms, against
// 3,402-3,922 and 6.2-8.7 ms with the desk's 12 MiB and 2,243-2,319 and 19.7-20.3 ms
// with none. With it fifty SSH desks' keys kept their p99 within 1.17 times the smallest
// wish app's, and fifty more logging in at once held an open desk's key at most 92 ms
// (cmd/sshload).
const ServerPagePoolMiB = 32
