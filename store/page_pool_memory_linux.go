package store

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the machines we run on.
const hugePage = 2 << 20

// pagePoolMemory maps the pool's memory outside the Go heap, where nothing moves or frees
// it while SQLite holds it (for the life of the process).
func pagePoolMemory(size int) ([]byte, error) {
	b, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil, err
	}
	// Started on a huge page's boundary and advised as huge pages, SQLite's first write to
	// the pool costs one fault for each 2 MiB instead of one for each 4 KiB (3,072 faults
	// for 12 MiB, at the 11-15 µs each measured here). The advice is best effort: a
	// kernel whose huge pages are off maps small pages, as without it.
	skip := (hugePage - uintptr(unsafe.Pointer(&b[0]))%hugePage) % hugePage
	b = b[skip:][:size]
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
	return b, nil
}
