package plural

import "testing"

func TestCountsReadRight(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		got, want string
	}{
		{S(0, "line"), "0 lines"},
		{S(1, "line"), "1 line"},
		{S(2, "line"), "2 lines"},
		{S(1, "minute"), "1 minute"},
		{N(1, "day", "days"), "1 day"},
		{N(3, "child", "children"), "3 children"},
		{S(-1, "unit"), "-1 unit"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
