package tui

import (
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/account"
	"github.com/clinicdesk/clinicdesk/tui/admin"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// screensFor lists the tabs of the logged-in user's role, home first. A role sees only
// the screens it may use; the store enforces the same rule beneath them.
func screensFor(c *common.Common) []common.Screen {
	var tabs []common.Screen
	switch c.User.Role {
	case store.RoleAdmin:
		tabs = append(tabs, admin.NewUsers(c), admin.NewSettings(c), admin.NewAudit(c))
	}
	return append(tabs, account.New(c))
}
