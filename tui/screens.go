package tui

import (
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/account"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/notify"
	"github.com/clinicdesk/clinicdesk/tui/patient"
)

// screensFor lists the tabs of the logged-in user's role, home first. A role sees only
// the screens it may use; the store enforces the same rule beneath them.
func screensFor(c *common.Common) []common.Screen {
	if c.User.Role == store.RolePatient {
		return []common.Screen{patient.NewVisits(c), patient.NewPrescriptions(c), notify.New(c), account.New(c)}
	}
	return []common.Screen{account.New(c), notify.New(c)}
}
