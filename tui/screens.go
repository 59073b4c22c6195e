package tui

import (
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/account"
	"github.com/clinicdesk/clinicdesk/tui/admin"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/pharmacy"
)

// screensFor lists the tabs of the logged-in user's role, home first. A role sees only
// the screens it may use; the store enforces the same rule beneath them.
func screensFor(c *common.Common) []common.Screen {
	var screens []common.Screen
	switch c.User.Role {
	case store.RoleAdmin:
		screens = append(screens, admin.NewUsers(c), admin.NewSettings(c), admin.NewAudit(c))
	case store.RolePharmacist:
		screens = append(screens, pharmacy.NewQueue(c))
		screens = append(screens, pharmacy.NewSale(c))
		screens = append(screens, pharmacy.NewInventory(c))
	}
	return append(screens, account.New(c))
}
