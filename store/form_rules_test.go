package store

import (
	"errors"
	"testing"
	"time"
)

// The rules a form checks as typed are the store's own: each refuses with the field
// the store names, and accepts its bounds.
func TestFormRulesAreTheStoresRules(t *testing.T) {
	t.Parallel()
	week := 7 * 24 * time.Hour
	for _, c := range []struct {
		name  string
		err   error
		field string // "" when accepted
	}{
		{"no duration", CheckDurationDays(0), ""},
		{"ten years", CheckDurationDays(3650), ""},
		{"past ten years", CheckDurationDays(3651), "duration_days"},
		{"negative days", CheckDurationDays(-1), "duration_days"},
		{"one to dispense", CheckMedicationQuantity(1), ""},
		{"none to dispense", CheckMedicationQuantity(0), "quantity"},
		{"shortest slot", CheckSlotMinutes(5), ""},
		{"longest slot", CheckSlotMinutes(240), ""},
		{"slot too short", CheckSlotMinutes(4), "slot_minutes"},
		{"slot too long", CheckSlotMinutes(241), "slot_minutes"},
		{"52 weekly visits", CheckSeries(week, 52), ""},
		{"53 visits", CheckSeries(week, 53), "count"},
		{"no visits", CheckSeries(week, 0), "count"},
		{"every half day", CheckSeries(12*time.Hour, 2), "every"},
		{"every two years", CheckSeries(2*365*24*time.Hour, 2), "every"},
	} {
		var fe *FieldError
		switch {
		case c.field == "" && c.err != nil:
			t.Errorf("%s: refused: %v", c.name, c.err)
		case c.field != "" && (!errors.As(c.err, &fe) || fe.Field != c.field || !errors.Is(c.err, ErrInvalid)):
			t.Errorf("%s: %v, want a refusal of %s", c.name, c.err, c.field)
		}
	}
}
