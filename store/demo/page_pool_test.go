package demo_test

import (
	"testing"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// Only the builds whose writes fill the builder's cache get a page pool, one that holds it.
func TestPagePoolBySize(t *testing.T) {
	want := map[gen.Size]int{gen.Tiny: 0, gen.Small: 0, gen.Clinic: 0, gen.Large: 640, gen.Huge: 640}
	for _, size := range gen.Sizes() {
		if got := demo.PagePoolMiB(size); got != want[size] {
			t.Errorf("%v: a pool of %d MiB, want %d", size, got, want[size])
		}
	}
}
