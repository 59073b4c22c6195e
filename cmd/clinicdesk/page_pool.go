package main

import "github.com/clinicdesk/clinicdesk/store"

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
		// pool would hold to its size: the large demo built in 171 s with a pool of 24 MiB
		// against 151 s without. The desk it opens afterwards allocates as it grows.
		return 0
	case "serve":
		return store.ServerPagePoolMiB
	}
	return store.DeskPagePoolMiB
}
