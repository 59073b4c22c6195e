package main

import (
	"syscall"
	"testing"
)

// withUmask runs the test under the given umask, so that modes come from the code and
// not from the machine's defaults.
func withUmask(t *testing.T, mask int) {
	t.Helper()
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}
