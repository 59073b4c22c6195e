package money

import (
	"errors"
	"testing"
)

func TestFormat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cents    Cents
		currency string
		want     string
	}{
		{0, "INR", "INR 0.00"},
		{5, "USD", "USD 0.05"},
		{50, "USD", "USD 0.50"},
		{1250, "USD", "USD 12.50"},
		{50000, "INR", "INR 500.00"},
		{-50, "USD", "USD -0.50"},
		{-5, "USD", "USD -0.05"},
		{-1250, "USD", "USD -12.50"},
		{1250, "", "12.50"},
		{1250, "  ", "12.50"},
		{-9223372036854775808, "X", "X -92233720368547758.08"},
	} {
		if got := tc.cents.Format(tc.currency); got != tc.want {
			t.Errorf("Cents(%d).Format(%q) = %q, want %q", int64(tc.cents), tc.currency, got, tc.want)
		}
	}
}

func TestString(t *testing.T) {
	t.Parallel()
	for cents, want := range map[Cents]string{0: "0.00", 7: "0.07", 100: "1.00", 1999: "19.99", -50: "-0.50", -100: "-1.00"} {
		if got := cents.String(); got != want {
			t.Errorf("Cents(%d).String() = %q, want %q", int64(cents), got, want)
		}
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want Cents
		err  error
	}{
		{"12", 1200, nil},
		{"12.5", 1250, nil},
		{"12.50", 1250, nil},
		{"12.05", 1205, nil},
		{"12.", 1200, nil},
		{".5", 50, nil},
		{"0", 0, nil},
		{" 500 ", 50000, nil},
		{"$12.50", 1250, nil},
		{"₹ 500", 50000, nil},
		{"INR 500.00", 50000, nil},
		{"usd12", 1200, nil},
		{"999999999.99", 99999999999, nil},
		{"", 0, ErrEmpty},
		{"   ", 0, ErrEmpty},
		{"$", 0, ErrEmpty},
		{"12.505", 0, ErrDecimals},
		{"0.001", 0, ErrDecimals},
		{"-12", 0, ErrNegative},
		{"-0.50", 0, ErrNegative},
		{"USD -1", 0, ErrNegative},
		{"$-1", 0, ErrNegative},
		{"abc", 0, ErrNotNumber},
		{"USD", 0, ErrNotNumber},
		{"12abc", 0, ErrNotNumber},
		{"1,000", 0, ErrNotNumber},
		{"1e3", 0, ErrNotNumber},
		{"12.5.0", 0, ErrNotNumber},
		{".", 0, ErrNotNumber},
		{"+5", 0, ErrNotNumber},
		{"--5", 0, ErrNotNumber},
		{"-", 0, ErrNotNumber},
		{"12 50", 0, ErrNotNumber},
		{"EURO 5", 0, ErrNotNumber},
		{"1000000000", 0, ErrTooLarge},
		{"99999999999999999999", 0, ErrTooLarge},
	} {
		got, err := Parse(tc.in)
		if !errors.Is(err, tc.err) || got != tc.want {
			t.Errorf("Parse(%q) = %d, %v; want %d, %v", tc.in, int64(got), err, int64(tc.want), tc.err)
		}
	}
}

// TestRoundTrip reads back what String and Format write.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range []Cents{0, 1, 9, 10, 99, 100, 1250, 123456789} {
		for _, text := range []string{c.String(), c.Format("INR"), c.Format("")} {
			if got, err := Parse(text); err != nil || got != c {
				t.Errorf("Parse(%q) = %d, %v; want %d", text, int64(got), err, int64(c))
			}
		}
	}
}

func TestFormatToTheEndsOfInt64(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cents Cents
		want  string
	}{
		{9223372036854775807, "USD 92233720368547758.07"},
		{-9223372036854775808, "USD -92233720368547758.08"},
		{-100, "USD -1.00"},
	} {
		if got := c.cents.Format("USD"); got != c.want {
			t.Errorf("Cents(%d).Format = %q, want %q", int64(c.cents), got, c.want)
		}
	}
}
