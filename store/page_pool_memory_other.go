//go:build unix && !linux

package store

import "syscall"

// pagePoolMemory maps the pool's memory outside the Go heap, where nothing moves or frees
// it while SQLite holds it (for the life of the process).
func pagePoolMemory(size int) ([]byte, error) {
	return syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_PRIVATE|syscall.MAP_ANON)
}
