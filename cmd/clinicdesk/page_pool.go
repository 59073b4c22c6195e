package main

import (
	"os"
	"syscall"

	"github.com/clinicdesk/clinicdesk/store"
)

// pagePoolMiB is the memory SQLite's page caches share in the process of the command args
// names (store.UsePagePool). It is chosen from the command's name alone, before anything
// opens a database.
func pagePoolMiB(args []string) int {
	if len(args) == 0 {
		return store.DeskPagePoolMiB
	}
	switch args[0] {
	case "demo":
		// A demo's builder writes through a 512 MiB cache (store.WithWriterCache), which a
		// smaller pool would hold to its size (the large demo built in 171 s with 24 MiB
		// against 151 s without): runDemo sets the pool its size wants (demo.PagePoolMiB)
		// once it has read the size. Its desk opens in a process of its own (openDemoDesk).
		return 0
	case "serve":
		return store.ServerPagePoolMiB
	}
	return store.DeskPagePoolMiB
}

// openDemoDesk opens the desk on the demo clinic at path as `clinicdesk --db path` would:
// it runs this program again in place of the demo command's process, whose SQLite started
// without a page pool, and which only a new process can give it. Should that fail, the
// desk opens here, without the pool.
func openDemoDesk(path string) error {
	if exe, err := os.Executable(); err == nil {
		// Exec returns only when it failed; the desk then opens here.
		_ = syscall.Exec(exe, []string{exe, "--db", path}, os.Environ())
	}
	return openDesk(path)
}
