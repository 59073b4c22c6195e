package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// The profiles hold the desk's memory and stacks: like every file ClinicDesk makes,
// they are the running user's alone (0600).

// createPrivate creates or truncates the file at path, readable by its owner only.
func createPrivate(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
}

// startProfile starts a CPU profile into the file named, if any, and returns what
// stops it (nothing to stop when no file is named or it could not start).
func startProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := createPrivate(path)
	if err == nil {
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		return func() {}, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeProfile writes the named runtime profile (heap, goroutine) to path; a profile
// that cannot be written is said and the run goes on.
func writeProfile(name, path string) {
	f, err := createPrivate(path)
	if err == nil {
		err = pprof.Lookup(name).WriteTo(f, 1)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "sshload: %s profile: %v\n", name, err)
	}
}
