package tui

import (
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/account"
	"github.com/clinicdesk/clinicdesk/tui/admin"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/doctor"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
	"github.com/clinicdesk/clinicdesk/tui/notify"
	"github.com/clinicdesk/clinicdesk/tui/patient"
	"github.com/clinicdesk/clinicdesk/tui/pharmacy"
	"github.com/clinicdesk/clinicdesk/tui/reports"
	"github.com/clinicdesk/clinicdesk/tui/till"
)

// screensFor lists the tabs of the logged-in user's role, home first. A role sees only
// the screens it may use; the store enforces the same rule beneath them. Every role
// ends with its notifications and its own account.
func screensFor(c *common.Common) []common.Screen {
	var screens []common.Screen
	switch c.User.Role {
	case store.RoleReceptionist:
		screens = append(screens, frontdesk.NewBook(c), frontdesk.NewPatients(c), frontdesk.NewCalendars(c),
			till.New(c, store.DeskFront), reports.New(c))
	case store.RoleDoctor:
		screens = append(screens, doctor.New(c))
	case store.RolePharmacist:
		screens = append(screens, pharmacy.NewQueue(c), pharmacy.NewSale(c), pharmacy.NewInventory(c),
			till.New(c, store.DeskPharmacy), reports.New(c))
	case store.RoleAdmin:
		screens = append(screens, admin.NewUsers(c), admin.NewSettings(c), admin.NewAudit(c), frontdesk.NewCalendars(c),
			admin.NewSystem(c), reports.New(c))
	case store.RolePatient:
		screens = append(screens, patient.NewVisits(c), patient.NewPrescriptions(c), patient.NewAccesses(c))
	}
	return append(screens, notify.New(c), account.New(c))
}
