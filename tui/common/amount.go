package common

import (
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/money"
)

// AmountOr reads an amount field that opens empty, showing what an empty one means as
// its placeholder: empty is def (the fee, the total due). A prefilled amount would take
// typed digits after it ("1.005"), as huh's input has no select-all.
func AmountOr(typed string, def money.Cents) (money.Cents, error) {
	if strings.TrimSpace(typed) == "" {
		return def, nil
	}
	return money.Parse(typed)
}
