package main

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
)

func TestPagePoolByCommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{nil, store.DeskPagePoolMiB},
		{[]string{"--db", "clinic.db"}, store.DeskPagePoolMiB},
		{[]string{"audit", "verify"}, store.DeskPagePoolMiB},
		{[]string{"serve", "--listen", "127.0.0.1:2222"}, store.ServerPagePoolMiB},
		{[]string{"demo", "--size", "large"}, 0},
	} {
		if got := pagePoolMiB(c.args); got != c.want {
			t.Errorf("pagePoolMiB(%q) = %d, want %d", c.args, got, c.want)
		}
	}
}
